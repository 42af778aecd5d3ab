#ifndef PENATAAN_SERVICES_FORMASI_FORMASI_STORE_H_
#define PENATAAN_SERVICES_FORMASI_FORMASI_STORE_H_

// Formasi's SQL (periods, extensions, proposals with their lines and honorers),
// and nothing else. Every method takes the connection to run on, so that the
// caller decides what is one transaction. Times are UTC microseconds.
// The reminders table is the scheduler's (and decision_notice.cc's).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/storage/audit_log.h"
#include "common/storage/database.h"
#include "services/formasi/formasi_model.h"

namespace penataan::formasi {

struct ProposalFilter {
  int64_t period_id = 0;      // 0: any
  std::string instansi_code;  // empty: any
  ProposalState state = v1::Proposal::STATE_UNSPECIFIED;  // unspecified: any
};

// One group of GetPeriodSummary's grouped queries.
struct CategoryPosts {
  std::string instansi_code;
  JabatanCategory jabatan_category = common::v1::JABATAN_CATEGORY_UNSPECIFIED;
  int64_t posts = 0;
};
struct ReasonCount {
  std::string instansi_code;
  LeaveOutReason reason = v1::LEAVE_OUT_REASON_UNSPECIFIED;
  int64_t count = 0;
};
struct InstansiCount {
  std::string instansi_code;
  int64_t count = 0;
};

class FormasiStore {
 public:
  using Conn = storage::Connection;

  // ---- periods
  absl::StatusOr<int64_t> InsertPeriod(Conn& c, const Period& p);
  // `for_update` locks the row until the transaction ends (MySQL; SQLite's
  // BEGIN IMMEDIATE already holds the write lock).
  absl::StatusOr<std::optional<Period>> GetPeriod(Conn& c, int64_t id, bool for_update);
  // The period with a shared lock until the transaction ends (MySQL: LOCK IN
  // SHARE MODE; SQLite's write transaction already serialises): many submissions
  // read it at once, while ClosePeriod, UpdatePeriod and GrantExtension (FOR
  // UPDATE) wait for them, and they for it, so a submission's commit judges the
  // deadline that is current.
  absl::StatusOr<std::optional<Period>> GetPeriodShared(Conn& c, int64_t id);
  absl::StatusOr<std::optional<int64_t>> FindPeriodByRequest(Conn& c, const std::string& created_by,
                                                            const std::string& request_id);
  // Ascending id after `after_id`.
  absl::StatusOr<std::vector<Period>> ListPeriods(Conn& c, int64_t after_id, int limit);
  // Writes every field, version+1, when the stored version is `expected_version`;
  // ABORTED otherwise.
  absl::Status UpdatePeriod(Conn& c, const Period& p, int64_t expected_version);

  // ---- extensions
  // Inserts, or replaces the instansi's earlier extension of the period.
  absl::Status PutExtension(Conn& c, const Extension& e);
  absl::StatusOr<std::optional<Extension>> GetExtension(Conn& c, int64_t period_id,
                                                        const std::string& instansi_code);
  // By instansi code after `after_code`; `instansi_code` empty: all.
  absl::StatusOr<std::vector<Extension>> ListExtensions(Conn& c, int64_t period_id,
                                                        const std::string& instansi_code,
                                                        const std::string& after_code, int limit);
  // The latest extension deadline of the period, if any.
  absl::StatusOr<std::optional<absl::Time>> LatestExtensionDeadline(Conn& c, int64_t period_id);

  // ---- proposals
  // ALREADY_EXISTS when the instansi has a proposal in the period.
  absl::StatusOr<int64_t> InsertProposal(Conn& c, const Proposal& p);
  // `with_content` reads the lines, their honorers and the left-out list too.
  absl::StatusOr<std::optional<Proposal>> GetProposal(Conn& c, int64_t period_id,
                                                      const std::string& instansi_code,
                                                      bool for_update, bool with_content);
  // The proposal's scalar fields, version+1, when the stored version is
  // `expected_version`; ABORTED otherwise.
  absl::Status UpdateProposal(Conn& c, const Proposal& p, int64_t expected_version);
  absl::Status ReplaceLines(Conn& c, int64_t proposal_id, const std::vector<ProposalLine>& lines);
  absl::Status ReplaceLeftOut(Conn& c, int64_t proposal_id, const std::vector<LeftOut>& left_out);
  // Without content, ascending id after `after_id`.
  absl::StatusOr<std::vector<Proposal>> ListProposals(Conn& c, const ProposalFilter& f,
                                                      int64_t after_id, int limit);

  // ---- for the reminders scheduler
  // Every extension of the period (each instansi's later deadline), by code; only
  // `instansi_code`'s when one is given.
  absl::StatusOr<std::vector<Extension>> AllExtensions(Conn& c, int64_t period_id,
                                                        const std::string& instansi_code = "");

  // ---- GetPeriodSummary: grouped per instansi, never line by line
  absl::StatusOr<std::vector<CategoryPosts>> PostsByCategory(Conn& c, int64_t period_id,
                                                           const std::string& instansi_code = "");
  absl::StatusOr<std::vector<InstansiCount>> HonorersNamed(Conn& c, int64_t period_id,
                                                         const std::string& instansi_code = "");
  absl::StatusOr<std::vector<ReasonCount>> LeftOutByReason(Conn& c, int64_t period_id,
                                                         const std::string& instansi_code = "");
};

// A proposal that has been submitted and not handed back: SUBMITTED, APPROVED or
// REJECTED. DRAFT and RETURNED still owe a submission.
bool IsSubmitted(ProposalState state);

// Reminder offsets as stored: seconds, comma-separated, largest first.
std::string EncodeOffsets(const std::vector<absl::Duration>& offsets);
std::vector<absl::Duration> DecodeOffsets(const std::string& text);

}  // namespace penataan::formasi

#endif  // PENATAAN_SERVICES_FORMASI_FORMASI_STORE_H_
