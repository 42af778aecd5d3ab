#ifndef PENATAAN_SERVICES_SCREENING_SCREENING_H_
#define PENATAAN_SERVICES_SCREENING_SCREENING_H_

// Screening's behaviour on plain types, apart from runs (screening_runner.h):
// rounds and their rules, applicants, reading results, appeals and their decision,
// the ranking of MS candidates. What is one transaction, what is audited (every
// change, in its own transaction), and whose data a caller may touch. Which
// principals may call a method at all is the access table's (screening_access.cc),
// checked before this runs. No gRPC.
//
// Guarantees:
//  - a round's cut-off and rules do not change once it has a result, nor while a
//    run of it holds a live lease (FAILED_PRECONDITION); its appeal window is
//    [start of the first day, start of the day after the last) in the round's
//    zone, and once results are published its end may move later, never earlier
//    (FAILED_PRECONDITION: the honorers were told the end);
//  - an instansi caller touches only its own instansi's applicants, results and
//    appeals: naming another instansi is PERMISSION_DENIED, naming another's
//    record (a result, an appeal, an honorer to add) NOT_FOUND as if it did not
//    exist, and either attempt is audited;
//  - an appeal is filed only for a TMS result, inside the window by the clock read
//    in its transaction, once per result, answering each failed rule exactly once;
//  - DecideAppeal changes the appeal, the result (ACCEPT: MS, changed_by_appeal,
//    the registry owed the new status; the reasons kept) and stores the notices it
//    owes in one transaction, then asks the runner to send them.
// Thread-safe.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/clock.h"
#include "common/server/caller.h"
#include "common/storage/database.h"
#include "penataan/screening/v1/screening.pb.h"
#include "services/screening/registry_client.h"
#include "services/screening/screening_model.h"
#include "services/screening/screening_store.h"

namespace penataan::screening {

template <typename T>
struct Page {
  std::vector<T> items;
  std::string next_page_token;
  int64_t total_size = 0;
};

struct RoundView {
  Round round;
  RoundCounts counts;
};

struct RankedCandidate {
  Candidate candidate;
  int rank = 0;
  std::string service_display;  // "24 tahun 3 bulan"
};

// What DecideAppeal tells the runner after its commit. May be empty.
struct ScreeningHooks {
  // The result's status and its appeal notices are owed: send them now (best
  // effort; only this result's, never the round's backlog, which is the sweeper's).
  std::function<void(const Caller&, int64_t round_id, int64_t honorer_id)> send_owed_for_result;
};

class Screening {
 public:
  Screening(storage::Database& db, const Clock& clock, RegistryClient& registry,
            ScreeningHooks hooks = {})
      : db_(db), clock_(clock), registry_(registry), hooks_(std::move(hooks)) {}

  // ---- rounds (screening_rounds.cc)
  absl::StatusOr<RoundView> CreateRound(const Caller& caller, const v1::Round& input,
                                        const std::string& request_id);
  absl::StatusOr<RoundView> GetRound(const Caller& caller, const std::string& name);
  absl::StatusOr<Page<RoundView>> ListRounds(const Caller& caller, int page_size,
                                             const std::string& page_token);
  absl::StatusOr<RoundView> UpdateRound(const Caller& caller, const v1::Round& patch,
                                        const std::vector<std::string>& mask,
                                        const std::string& etag);

  // ---- applicants (screening_applicants.cc)
  absl::StatusOr<v1::AddApplicantsResponse> AddApplicants(const Caller& caller,
                                                          const v1::AddApplicantsRequest& req);
  absl::StatusOr<Page<Applicant>> ListApplicants(const Caller& caller, const std::string& round,
                                                 const std::string& instansi_code, int page_size,
                                                 const std::string& page_token);

  // ---- results (screening_results.cc)
  absl::StatusOr<Result> GetResult(const Caller& caller, const std::string& name);
  absl::StatusOr<Page<Result>> ListResults(const Caller& caller,
                                           const v1::ListResultsRequest& req);
  absl::StatusOr<v1::ResultSummary> SummarizeResults(const Caller& caller,
                                                     const std::string& round,
                                                     const std::string& instansi_code);

  // ---- appeals (screening_appeals.cc)
  absl::StatusOr<Appeal> FileAppeal(const Caller& caller, const v1::FileAppealRequest& req);
  absl::StatusOr<Appeal> GetAppeal(const Caller& caller, const std::string& name);
  absl::StatusOr<Page<Appeal>> ListAppeals(const Caller& caller,
                                           const v1::ListAppealsRequest& req);
  absl::StatusOr<Appeal> DecideAppeal(const Caller& caller, const v1::DecideAppealRequest& req);

  // ---- ranking (screening_rank.cc)
  absl::StatusOr<Page<RankedCandidate>> RankCandidates(const Caller& caller,
                                                       const v1::RankCandidatesRequest& req);

  // OK when `caller` may see data of `instansi_code` (an instansi: only its own);
  // otherwise audits the attempt and answers PERMISSION_DENIED. Empty
  // `instansi_code` from an instansi caller becomes its own; `required` makes an
  // empty code of a national caller INVALID_ARGUMENT.
  absl::StatusOr<std::string> ScopeToInstansi(const Caller& caller,
                                              const std::string& instansi_code,
                                              const char* action, bool required);

  storage::Database& db() { return db_; }
  ScreeningStore& store() { return store_; }
  const Clock& clock() const { return clock_; }

 private:
  absl::StatusOr<Round> LoadRound(storage::Connection& c, int64_t id, const std::string& name,
                                  bool for_update);
  absl::StatusOr<RoundView> ViewOf(storage::Connection& c, Round round);
  absl::Status Audit(storage::Connection& c, const Caller& caller, const char* action,
                     const std::string& resource, const std::string& detail);
  // The instansi's zone (the registry's, cached); `fallback` when it cannot say.
  std::string ZoneOf(const Caller& caller, const std::string& instansi_code,
                     const std::string& fallback);

  storage::Database& db_;
  const Clock& clock_;
  RegistryClient& registry_;
  const ScreeningHooks hooks_;
  ScreeningStore store_;
};

// Names: "rounds/{id}", "rounds/{r}/applicants/{h}", "rounds/{r}/results/{h}",
// "rounds/{r}/results/{h}/appeal".
std::string RoundName(int64_t id);
std::string ApplicantName(int64_t round_id, int64_t honorer_id);
std::string ResultName(int64_t round_id, int64_t honorer_id);
std::string AppealName(int64_t round_id, int64_t honorer_id);
std::string Etag(int64_t version);
absl::StatusOr<int64_t> ParseRoundName(const std::string& name, const std::string& field);
// {round id, honorer id} of "rounds/{r}/results/{h}" (with "/appeal" when `appeal`).
absl::StatusOr<std::pair<int64_t, int64_t>> ParseResultName(const std::string& name,
                                                            const std::string& field,
                                                            bool appeal);
absl::Status ValidateInstansiCode(const std::string& code, const std::string& field);

}  // namespace penataan::screening

#endif  // PENATAAN_SERVICES_SCREENING_SCREENING_H_
