#ifndef PENATAAN_SERVICES_FORMASI_DECISION_NOTICE_H_
#define PENATAAN_SERVICES_FORMASI_DECISION_NOTICE_H_

// The news of a decision, owed to the instansi: a row in the reminders table
// (kind DECISION, due at once, PENDING), written in DecideProposal's transaction
// so that a decision is never taken without its notice. The reminders scheduler
// sends it like any reminder. Its reference names the proposal's version, so a
// proposal returned, resubmitted and decided again gets a notice each time.

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "common/storage/database.h"
#include "services/formasi/formasi_model.h"

namespace penataan::formasi {

struct DecisionNotice {
  int64_t period_id = 0;
  std::string instansi_code;
  int64_t proposal_version = 0;  // the version the decision wrote
  v1::DecideProposalRequest::Decision decision = v1::DecideProposalRequest::DECISION_UNSPECIFIED;
  int64_t posts_approved = 0;    // the proposal's posts when approved, else 0
  std::string note;
  absl::Time deadline = absl::UnixEpoch();  // the instansi's effective deadline
};

// "formasi/{period_id}/{instansi}/decision/{proposal_version}".
std::string DecisionReference(const DecisionNotice& n);
// {"keputusan": "DISETUJUI", "jumlah_disetujui": "3487", "catatan": "..."}.
std::string DecisionPayload(const DecisionNotice& n);

// Inserts the notice's row, due `now`.
absl::Status InsertDecisionNotice(storage::Connection& c, const DecisionNotice& n, absl::Time now);

}  // namespace penataan::formasi

#endif  // PENATAAN_SERVICES_FORMASI_DECISION_NOTICE_H_
