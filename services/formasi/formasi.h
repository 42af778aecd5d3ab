#ifndef PENATAAN_SERVICES_FORMASI_FORMASI_H_
#define PENATAAN_SERVICES_FORMASI_FORMASI_H_

// Formasi's behaviour on plain types: periods and their deadlines, extensions,
// proposals and their submission and review, the period summary. What is one
// transaction, what is audited (every change, in its own transaction), and whose
// data a caller may touch. Which principals may call a method at all is the
// access table's (formasi_access.cc), checked before this runs. No gRPC, no SQL.
//
// Guarantees:
//  - a submission is accepted only when the clock read inside its transaction is
//    at or before the instansi's effective deadline (the later of its extension's
//    and the period's) and the period was not closed before, judged on the period
//    row as committed (shared-locked: a concurrent close or move waits);
//  - SubmitProposal reads the registry before its transaction opens, and writes
//    nothing when the registry cannot be reached or any check fails; validate_only
//    runs every check and writes nothing;
//  - a proposal changed between SubmitProposal's checks and its commit (or since
//    the etag the caller sent) is not submitted: ABORTED;
//  - another instansi's proposal, extension or summary row is refused with
//    PERMISSION_DENIED before anything is read, and the attempt is audited;
//  - DecideProposal writes the decision notice (decision_notice.h) in its own
//    transaction.
// Thread-safe.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/clock.h"
#include "common/server/caller.h"
#include "common/storage/database.h"
#include "penataan/formasi/v1/formasi.pb.h"
#include "services/formasi/deadline_rules.h"
#include "services/formasi/formasi_model.h"
#include "services/formasi/formasi_store.h"
#include "services/formasi/registry_reader.h"

namespace penataan::formasi {

template <typename T>
struct Page {
  std::vector<T> items;
  std::string next_page_token;
};

struct PeriodView {
  Period period;
  v1::Period::State state = v1::Period::STATE_UNSPECIFIED;
};

struct ExtensionView {
  Extension extension;
  std::string deadline_display;  // as the instansi reads it
};

struct ProposalView {
  Proposal proposal;
  absl::Time effective_deadline = absl::UnixEpoch();
  std::string deadline_display;
  std::string time_left;
  bool deadline_missed = false;
  std::vector<std::string> warnings;
};

struct PeriodInput {
  std::string display_name;
  FormasiKind kind = v1::FORMASI_KIND_UNSPECIFIED;
  std::optional<absl::Time> open_time;
  DeadlineInput deadline;
  std::vector<absl::Duration> reminder_offsets;
  std::string deadline_letter;
};

struct PeriodUpdate {
  std::string name;  // "periods/{id}"
  PeriodInput patch;
  std::vector<std::string> mask;
  std::string letter_number, reason, etag;
};

struct ExtensionInput {
  std::string period;  // "periods/{id}"
  std::string instansi_code;
  DeadlineInput deadline;
  std::string reason, letter_number;
};

struct ProposalInput {
  std::string name;    // UpdateProposal: "periods/{id}/proposals/{code}"
  std::string period;  // CreateProposal: "periods/{id}"
  std::string instansi_code;
  Proposal content;  // lines, left_out, budget_capacity_idr, sptjm_reference
};

// What the reminders scheduler is told, inside the transaction that made it so.
// May be empty. (A submission needs no hook: the scheduler reads the proposal's
// state when a reminder falls due.)
struct FormasiHooks {
  // A period was created, its deadline moved, it was closed, or an instansi got
  // an extension: the unsent reminders should follow the deadlines now stored.
  std::function<absl::Status(storage::Connection&, const Period&)> deadlines_changed;
};

class Formasi {
 public:
  Formasi(storage::Database& db, const Clock& clock, RegistryReader& registry,
          FormasiHooks hooks = {})
      : db_(db), clock_(clock), registry_(registry), hooks_(std::move(hooks)) {}

  // ---- periods (formasi_periods.cc)
  absl::StatusOr<PeriodView> CreatePeriod(const Caller& caller, const PeriodInput& input,
                                          const std::string& request_id);
  absl::StatusOr<PeriodView> GetPeriod(const Caller& caller, const std::string& name);
  absl::StatusOr<Page<PeriodView>> ListPeriods(const Caller& caller, int page_size,
                                               const std::string& page_token);
  absl::StatusOr<PeriodView> UpdatePeriod(const Caller& caller, const PeriodUpdate& update);
  absl::StatusOr<PeriodView> ClosePeriod(const Caller& caller, const std::string& name,
                                         const std::string& etag, const std::string& reason);
  absl::StatusOr<ExtensionView> GrantExtension(const Caller& caller, const ExtensionInput& input);
  absl::StatusOr<Page<ExtensionView>> ListExtensions(const Caller& caller,
                                                     const std::string& period,
                                                     const std::string& instansi_code,
                                                     int page_size, const std::string& page_token);

  // ---- proposals (formasi_proposals.cc)
  absl::StatusOr<ProposalView> CreateProposal(const Caller& caller, const ProposalInput& input,
                                              const std::string& request_id);
  absl::StatusOr<ProposalView> GetProposal(const Caller& caller, const std::string& name);
  absl::StatusOr<Page<ProposalView>> ListProposals(const Caller& caller, const std::string& period,
                                                   const std::string& instansi_code,
                                                   ProposalState state, int page_size,
                                                   const std::string& page_token);
  absl::StatusOr<ProposalView> UpdateProposal(const Caller& caller, const ProposalInput& input,
                                              const std::vector<std::string>& mask,
                                              const std::string& etag);
  absl::StatusOr<ProposalView> DecideProposal(const Caller& caller, const std::string& name,
                                              v1::DecideProposalRequest::Decision decision,
                                              const std::string& note, const std::string& etag);

  // ---- submission (formasi_submit.cc)
  absl::StatusOr<ProposalView> SubmitProposal(const Caller& caller, const std::string& name,
                                              const std::string& etag, bool validate_only);

  // ---- summary (formasi_summary.cc)
  // Rows for every instansi of the registry (or the one asked for), with or
  // without a proposal; totals over the rows' submitted proposals (SUBMITTED,
  // APPROVED, REJECTED).
  absl::StatusOr<v1::PeriodSummary> GetPeriodSummary(const Caller& caller,
                                                     const std::string& period,
                                                     const std::string& instansi_code);

  // OK when `caller` may see data of `instansi_code` (an instansi: only its own);
  // otherwise audits the attempt and answers PERMISSION_DENIED. Empty
  // `instansi_code` from an instansi caller becomes its own. For handlers such as
  // ListReminders that scope by a code.
  absl::StatusOr<std::string> ScopeToInstansi(const Caller& caller,
                                              const std::string& instansi_code,
                                              const char* action);

  storage::Database& db() { return db_; }
  FormasiStore& store() { return store_; }
  const Clock& clock() const { return clock_; }

 private:
  // Loads the period or NOT_FOUND naming `name`.
  absl::StatusOr<Period> LoadPeriod(storage::Connection& c, int64_t id, const std::string& name,
                                    bool for_update);
  absl::StatusOr<PeriodView> ViewOf(storage::Connection& c, Period period);
  ExtensionView ViewOf(const Caller& caller, Extension e);
  // The instansi's zone (the registry's, cached); `fallback` when the registry
  // cannot say, for reads that should not fail for it.
  std::string ZoneOf(const Caller& caller, const std::string& instansi_code,
                     const std::string& fallback);
  ProposalView ViewOf(const Period& period, const std::optional<Extension>& extension,
                      const std::string& instansi_zone, Proposal p);
  absl::Status Audit(storage::Connection& c, const Caller& caller, const char* action,
                     const std::string& resource, const std::string& detail);
  absl::Status RequireOwner(const Caller& caller, const std::string& instansi_code,
                            const char* action, const std::string& resource);
  absl::Status DeadlinesChanged(storage::Connection& c, const Period& p);

  storage::Database& db_;
  const Clock& clock_;
  RegistryReader& registry_;
  const FormasiHooks hooks_;
  FormasiStore store_;
};

// Names: "periods/{id}", "periods/{id}/proposals/{code}", "periods/{id}/extensions/{code}".
std::string PeriodName(int64_t id);
std::string ProposalName(int64_t period_id, const std::string& instansi_code);
std::string ExtensionName(int64_t period_id, const std::string& instansi_code);
std::string Etag(int64_t version);
absl::StatusOr<int64_t> ParsePeriodName(const std::string& name, const std::string& field);
// {period id, instansi code} of "periods/{id}/{collection}/{code}".
absl::StatusOr<std::pair<int64_t, std::string>> ParseChildName(const std::string& name,
                                                               const std::string& collection,
                                                               const std::string& field);
// INVALID_ARGUMENT naming `field` unless `code` is 1 to 16 letters and digits.
absl::Status ValidateInstansiCode(const std::string& code, const std::string& field);

}  // namespace penataan::formasi

#endif  // PENATAAN_SERVICES_FORMASI_FORMASI_H_
