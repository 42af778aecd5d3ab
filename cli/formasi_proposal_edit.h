#ifndef PENATAAN_CLI_FORMASI_PROPOSAL_EDIT_H_
#define PENATAAN_CLI_FORMASI_PROPOSAL_EDIT_H_

// Edits of a proposal the CLI makes before it sends UpdateProposal: pure functions
// on the proposal as GetProposal answered it.

#include <cstdint>
#include <string>
#include <vector>

#include "penataan/formasi/v1/formasi.pb.h"

namespace penataan::cli {

struct LeaveOut {
  std::string honorer;  // "honorers/123"
  formasi::v1::LeaveOutReason reason = formasi::v1::LEAVE_OUT_REASON_UNSPECIFIED;
  std::string note;
};

struct LeaveOutChange {
  int64_t added = 0;     // not left out before
  int64_t replaced = 0;  // left out before; now with this reason and note
  int64_t taken_from_lines = 0;
  bool lines_changed = false;
};

// Guarantees: afterwards each entry's honorer is left out once, with the entry's
// reason and note (a later entry for the same honorer wins), and is named in no
// line: a line that named it has one post less, and a line left naming nobody is
// dropped, since a Paruh Waktu post is a named person. Lines that name nobody are
// left as they are.
LeaveOutChange ApplyLeaveOuts(formasi::v1::Proposal& proposal,
                              const std::vector<LeaveOut>& entries);

}  // namespace penataan::cli

#endif  // PENATAAN_CLI_FORMASI_PROPOSAL_EDIT_H_
