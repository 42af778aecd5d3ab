#ifndef PENATAAN_SERVICES_SCREENING_SCREENING_STORE_H_
#define PENATAAN_SERVICES_SCREENING_SCREENING_STORE_H_

// Screening's SQL for rounds, applicants, results (reads, and the writes an appeal
// decision makes), appeals and the ranking, and nothing else. Every function takes
// the connection to run on, so that the caller decides what is one transaction.
// Times are UTC microseconds, civil dates "YYYY-MM-DD". The runs table and the
// notices outbox are the runner's (and notice_store.h's).
//
// Guarantees:
//   - Lists are keyset-paged in a total order (honorer id, or the ranking's
//     service, age, id), so a page boundary never repeats or skips a row.
//   - Counts per reason read reason_mask groups, never the reasons' JSON.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "common/storage/database.h"
#include "services/screening/rules/civil_dates.h"  // IsoDate
#include "services/screening/screening_model.h"

namespace penataan::screening {

struct ResultFilter {
  int64_t round_id = 0;
  std::string instansi_code;  // empty: any
  Outcome outcome = v1::OUTCOME_UNSPECIFIED;  // unspecified: any
  v1::ReasonCode reason = v1::REASON_CODE_UNSPECIFIED;  // set: reason_mask has its bit
};

// One group of SummarizeResults: results of an instansi with one outcome and one
// set of failed rules.
struct MaskCount {
  std::string instansi_code;
  Outcome outcome = v1::OUTCOME_UNSPECIFIED;
  int64_t reason_mask = 0;
  common::v1::JabatanCategory jabatan_category = common::v1::JABATAN_CATEGORY_UNSPECIFIED;
  int64_t count = 0;
  int64_t changed_by_appeal = 0;
};
struct InstansiCount {
  std::string instansi_code;
  int64_t count = 0;
};

// The ranking's keyset position: the last candidate of the previous page.
struct RankKey {
  int64_t service_days = 0, age_days = 0, honorer_id = 0;
};

class ScreeningStore {
 public:
  using Conn = storage::Connection;

  // ---- rounds
  absl::StatusOr<int64_t> InsertRound(Conn& c, const Round& r);
  // `for_update` locks the row until the transaction ends (MySQL).
  absl::StatusOr<std::optional<Round>> GetRound(Conn& c, int64_t id, bool for_update);
  absl::StatusOr<std::optional<int64_t>> FindRoundByRequest(Conn& c, const std::string& created_by,
                                                            const std::string& request_key);
  absl::StatusOr<std::vector<Round>> ListRounds(Conn& c, int64_t after_id, int limit);
  // Every field, version+1, when the stored version is `expected_version`; ABORTED
  // otherwise.
  absl::Status UpdateRound(Conn& c, const Round& r, int64_t expected_version);
  absl::StatusOr<RoundCounts> CountsOf(Conn& c, int64_t round_id);
  absl::StatusOr<bool> HasResults(Conn& c, int64_t round_id);
  // Whether a run of the round is under way: RUNNING with its lease not expired at
  // `now` (a run whose worker died holds an expired lease and is not live).
  absl::StatusOr<bool> HasLiveRun(Conn& c, int64_t round_id, absl::Time now);

  // ---- applicants
  // Which of `ids` are applicants of the round already.
  absl::StatusOr<absl::flat_hash_set<int64_t>> ExistingApplicants(Conn& c, int64_t round_id,
                                                                  const std::vector<int64_t>& ids);
  // Multi-row inserts; the caller leaves out those ExistingApplicants found.
  absl::Status InsertApplicants(Conn& c, const std::vector<Applicant>& applicants);
  absl::StatusOr<std::vector<Applicant>> ListApplicants(Conn& c, int64_t round_id,
                                                        const std::string& instansi_code,
                                                        int64_t after_honorer, int limit);
  absl::StatusOr<int64_t> CountApplicants(Conn& c, int64_t round_id,
                                          const std::string& instansi_code);

  // ---- results
  // Multi-row inserts of new results (the runner's page, or a test's rows).
  absl::Status InsertResults(Conn& c, const std::vector<Result>& results);
  absl::StatusOr<std::optional<Result>> GetResult(Conn& c, int64_t round_id, int64_t honorer_id,
                                                  bool for_update);
  // Ascending honorer id after `after_honorer`.
  absl::StatusOr<std::vector<Result>> ListResults(Conn& c, const ResultFilter& f,
                                                  int64_t after_honorer, int limit);
  absl::StatusOr<int64_t> CountResults(Conn& c, const ResultFilter& f);
  // Outcome, changed_by_appeal and registry_state, version+1, when the stored
  // version is `expected_version`; ABORTED otherwise. The reasons stay.
  absl::Status UpdateResultOutcome(Conn& c, const Result& r, int64_t expected_version);
  // SummarizeResults' groups, for one instansi or (empty) all.
  absl::StatusOr<std::vector<MaskCount>> CountByMask(Conn& c, int64_t round_id,
                                                     const std::string& instansi_code);
  absl::StatusOr<std::vector<InstansiCount>> AppealsByInstansi(Conn& c, int64_t round_id,
                                                               const std::string& instansi_code);

  // ---- ranking: MS results of an instansi, service DESC, age DESC, id ASC
  absl::StatusOr<std::vector<Candidate>> Ranked(Conn& c, int64_t round_id,
                                                const std::string& instansi_code,
                                                const std::optional<RankKey>& after, int limit);

  // ---- appeals
  // ALREADY_EXISTS when the result has one.
  absl::Status InsertAppeal(Conn& c, const Appeal& a);
  absl::StatusOr<std::optional<Appeal>> GetAppeal(Conn& c, int64_t round_id, int64_t honorer_id,
                                                  bool for_update);
  absl::StatusOr<std::vector<Appeal>> ListAppeals(Conn& c, int64_t round_id,
                                                  const std::string& instansi_code,
                                                  AppealState state, int64_t after_honorer,
                                                  int limit);
  // State, note, decided_by, decide_time; version+1 when the stored version is
  // `expected_version`, ABORTED otherwise.
  absl::Status UpdateAppealDecision(Conn& c, const Appeal& a, int64_t expected_version);
};

// A result's reasons and an appeal's answers as stored: a JSON array of the protos
// in protobuf JSON. Decoding skips what it cannot read (an empty list).
std::string EncodeReasons(const std::vector<v1::Reason>& reasons);
std::vector<v1::Reason> DecodeReasons(const std::string& json);
std::string EncodeAnswers(const std::vector<v1::Appeal::Answer>& answers);
std::vector<v1::Appeal::Answer> DecodeAnswers(const std::string& json);
// Rules as stored: protobuf JSON.
std::string EncodeRules(const v1::Rules& rules);
absl::StatusOr<v1::Rules> DecodeRules(const std::string& json);
// The mask of the reasons' codes: bit (1 << code).
int64_t ReasonMask(const std::vector<v1::Reason>& reasons);

// "YYYY-MM-DD" -> day; nullopt for text that is not one (a stored round that
// holds such text is DATA_LOSS, never a 1970 date).
std::optional<absl::CivilDay> ParseIsoDate(const std::string& text);

}  // namespace penataan::screening

#endif  // PENATAAN_SERVICES_SCREENING_SCREENING_STORE_H_
