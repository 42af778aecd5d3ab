#include "services/screening/screening_store.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/status_macros.h"
#include "common/utf8.h"
#include "google/protobuf/util/json_util.h"

namespace penataan::screening {
namespace {

using storage::Dialect;
using storage::Null;
using storage::Row;
using storage::Value;

constexpr size_t kRowsPerStatement = 500;

constexpr char kRoundColumns[] =
    "id, display_name, cutoff_date, rules, appeal_start_date, appeal_end_date, appeal_zone,"
    " appeal_start_us, appeal_end_us, results_publish_us, request_key, created_by, version,"
    " create_time_us, update_time_us";
constexpr char kApplicantColumns[] =
    "round_id, honorer_id, instansi_code, post_kind, added_by, create_time_us";
constexpr char kResultColumns[] =
    "r.round_id, r.honorer_id, r.instansi_code, r.outcome, r.reason_mask, r.reasons,"
    " r.service_days, r.age_days, r.age_years, r.full_name, r.changed_by_appeal,"
    " r.registry_state, r.run_id, r.version, r.decide_time_us, r.update_time_us,"
    " (SELECT COUNT(*) FROM appeals a WHERE a.round_id = r.round_id"
    " AND a.honorer_id = r.honorer_id), r.jabatan_category";
constexpr char kAppealColumns[] =
    "round_id, honorer_id, instansi_code, answers, state, decision_note, filed_by, decided_by,"
    " request_id, file_time_us, decide_time_us, version";

int64_t Micros(absl::Time t) { return absl::ToUnixMicros(t); }
absl::Time FromMicros(int64_t us) { return absl::FromUnixMicros(us); }

const char* ForUpdate(storage::Connection& c, bool for_update) {
  return for_update && c.dialect() == Dialect::kMysql ? " FOR UPDATE" : "";
}

// A stored round, or DATA_LOSS when its rules or dates cannot be read: a round
// with empty rules or a 1970 cut-off would be judged and shown as if it were real
// (ReadRoundForRun refuses the same way).
absl::StatusOr<Round> RoundFromRow(const Row& r) {
  Round x;
  x.id = r.Int(0);
  x.display_name = r.Str(1);
  auto day = [&](int column, const char* what) -> absl::StatusOr<absl::CivilDay> {
    std::optional<absl::CivilDay> d = ParseIsoDate(r.Str(column));
    if (!d) {
      return absl::DataLossError(absl::StrCat("round ", x.id, ": stored ", what, " unreadable"));
    }
    return *d;
  };
  ASSIGN_OR_RETURN(x.cutoff, day(2, "cut-off date"));
  absl::StatusOr<v1::Rules> rules = DecodeRules(r.Str(3));
  if (!rules.ok()) {
    return absl::DataLossError(absl::StrCat("round ", x.id, ": stored rules unreadable"));
  }
  x.rules = *std::move(rules);
  ASSIGN_OR_RETURN(x.appeal_start_date, day(4, "appeal start date"));
  ASSIGN_OR_RETURN(x.appeal_end_date, day(5, "appeal end date"));
  x.appeal_zone = r.Str(6);
  x.appeal_start = FromMicros(r.Int(7));
  x.appeal_end = FromMicros(r.Int(8));
  if (!r.IsNull(9)) x.results_publish_time = FromMicros(r.Int(9));
  if (!r.IsNull(10)) x.request_key = r.Str(10);
  x.created_by = r.Str(11);
  x.version = r.Int(12);
  x.create_time = FromMicros(r.Int(13));
  x.update_time = FromMicros(r.Int(14));
  return x;
}

Applicant ApplicantFromRow(const Row& r) {
  Applicant a;
  a.round_id = r.Int(0);
  a.honorer_id = r.Int(1);
  a.instansi_code = r.Str(2);
  a.post_kind = static_cast<v1::PostKind>(r.Int(3));
  a.added_by = r.Str(4);
  a.create_time = FromMicros(r.Int(5));
  return a;
}

Result ResultFromRow(const Row& r) {
  Result x;
  x.round_id = r.Int(0);
  x.honorer_id = r.Int(1);
  x.instansi_code = r.Str(2);
  x.outcome = static_cast<Outcome>(r.Int(3));
  x.reason_mask = r.Int(4);
  x.reasons = DecodeReasons(r.Str(5));
  x.service_days = r.Int(6);
  x.age_days = r.Int(7);
  x.age_years = static_cast<int>(r.Int(8));
  x.full_name = r.Str(9);
  x.changed_by_appeal = r.Int(10) != 0;
  x.registry_state = static_cast<RegistryState>(r.Int(11));
  x.run_id = r.Int(12);
  x.version = r.Int(13);
  x.decide_time = FromMicros(r.Int(14));
  x.update_time = FromMicros(r.Int(15));
  x.has_appeal = r.Int(16) > 0;
  x.jabatan_category = static_cast<common::v1::JabatanCategory>(r.Int(17));
  return x;
}

Appeal AppealFromRow(const Row& r) {
  Appeal a;
  a.round_id = r.Int(0);
  a.honorer_id = r.Int(1);
  a.instansi_code = r.Str(2);
  a.answers = DecodeAnswers(r.Str(3));
  a.state = static_cast<AppealState>(r.Int(4));
  a.decision_note = r.Str(5);
  a.filed_by = r.Str(6);
  a.decided_by = r.Str(7);
  a.request_id = r.Str(8);
  a.file_time = FromMicros(r.Int(9));
  if (!r.IsNull(10)) a.decide_time = FromMicros(r.Int(10));
  a.version = r.Int(11);
  return a;
}

// The WHERE of a results filter, its parameters appended to `params`.
std::string ResultWhere(const ResultFilter& f, std::vector<Value>* params) {
  std::string where = "r.round_id = ?";
  params->push_back(f.round_id);
  if (!f.instansi_code.empty()) {
    where += " AND r.instansi_code = ?";
    params->push_back(f.instansi_code);
  }
  if (f.outcome != v1::OUTCOME_UNSPECIFIED) {
    where += " AND r.outcome = ?";
    params->push_back(int64_t{f.outcome});
  }
  if (f.reason != v1::REASON_CODE_UNSPECIFIED) {
    where += " AND (r.reason_mask & ?) <> 0";
    params->push_back(int64_t{1} << f.reason);
  }
  return where;
}

// The array inside {"<field>": [...]}, or "[]".
std::string ArrayOf(const google::protobuf::Message& m, const std::string& field) {
  std::string json;
  if (!google::protobuf::util::MessageToJsonString(m, &json).ok()) return "[]";
  const std::string key = absl::StrCat("{\"", field, "\":");
  if (json.rfind(key, 0) != 0 || json.size() < key.size() + 1) return "[]";
  return json.substr(key.size(), json.size() - key.size() - 1);
}

template <typename M>
bool FromArray(const std::string& array, const std::string& field, M* out) {
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = true;
  return google::protobuf::util::JsonStringToMessage(
             absl::StrCat("{\"", field, "\":", array.empty() ? "[]" : array, "}"), out, options)
      .ok();
}

}  // namespace

// ---- Encodings -----------------------------------------------------------------

std::string EncodeReasons(const std::vector<v1::Reason>& reasons) {
  v1::Result holder;
  for (const v1::Reason& r : reasons) *holder.add_reasons() = r;
  return ArrayOf(holder, "reasons");
}

std::vector<v1::Reason> DecodeReasons(const std::string& json) {
  v1::Result holder;
  if (!FromArray(json, "reasons", &holder)) return {};
  return {holder.reasons().begin(), holder.reasons().end()};
}

std::string EncodeAnswers(const std::vector<v1::Appeal::Answer>& answers) {
  v1::Appeal holder;
  for (const v1::Appeal::Answer& a : answers) *holder.add_answers() = a;
  return ArrayOf(holder, "answers");
}

std::vector<v1::Appeal::Answer> DecodeAnswers(const std::string& json) {
  v1::Appeal holder;
  if (!FromArray(json, "answers", &holder)) return {};
  return {holder.answers().begin(), holder.answers().end()};
}

std::string EncodeRules(const v1::Rules& rules) {
  std::string json;
  if (!google::protobuf::util::MessageToJsonString(rules, &json).ok()) return "{}";
  return json;
}

absl::StatusOr<v1::Rules> DecodeRules(const std::string& json) {
  v1::Rules rules;
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = true;
  auto s = google::protobuf::util::JsonStringToMessage(json, &rules, options);
  if (!s.ok()) return absl::DataLossError(absl::StrCat("stored rules: ", s.ToString()));
  return rules;
}

int64_t ReasonMask(const std::vector<v1::Reason>& reasons) {
  int64_t mask = 0;
  for (const v1::Reason& r : reasons) {
    if (r.code() > 0 && r.code() < 63) mask |= int64_t{1} << r.code();
  }
  return mask;
}

std::optional<absl::CivilDay> ParseIsoDate(const std::string& text) {
  absl::CivilDay d;
  // ParseCivilTime normalises 2025-02-30 to March: only what it prints back is a date.
  if (!absl::ParseCivilTime(text, &d) || IsoDate(d) != text) return std::nullopt;
  return d;
}

// ---- Rounds --------------------------------------------------------------------

absl::StatusOr<int64_t> ScreeningStore::InsertRound(Conn& c, const Round& r) {
  RETURN_IF_ERROR(
      c.Execute("INSERT INTO rounds (display_name, cutoff_date, rules, appeal_start_date,"
                " appeal_end_date, appeal_zone, appeal_start_us, appeal_end_us,"
                " results_publish_us, request_key, created_by, version, create_time_us,"
                " update_time_us) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                {r.display_name, IsoDate(r.cutoff), EncodeRules(r.rules),
                 IsoDate(r.appeal_start_date), IsoDate(r.appeal_end_date), r.appeal_zone,
                 Micros(r.appeal_start), Micros(r.appeal_end),
                 r.results_publish_time ? Value(Micros(*r.results_publish_time)) : Null(),
                 // NULL for none: only non-empty request ids are unique.
                 r.request_key.empty() ? Null() : Value(r.request_key), r.created_by, r.version,
                 Micros(r.create_time), Micros(r.update_time)})
          .status());
  return c.LastInsertId();
}

absl::StatusOr<std::optional<Round>> ScreeningStore::GetRound(Conn& c, int64_t id,
                                                              bool for_update) {
  ASSIGN_OR_RETURN(std::vector<Row> rows,
                   c.Query(absl::StrCat("SELECT ", kRoundColumns, " FROM rounds WHERE id = ?",
                                        ForUpdate(c, for_update)),
                           {id}));
  if (rows.empty()) return std::optional<Round>();
  ASSIGN_OR_RETURN(Round round, RoundFromRow(rows[0]));
  return std::optional<Round>(std::move(round));
}

absl::StatusOr<std::optional<int64_t>> ScreeningStore::FindRoundByRequest(
    Conn& c, const std::string& created_by, const std::string& request_key) {
  ASSIGN_OR_RETURN(std::vector<Row> rows,
                   c.Query("SELECT id FROM rounds WHERE created_by = ? AND request_key = ?",
                           {created_by, request_key}));
  if (rows.empty()) return std::optional<int64_t>();
  return std::optional<int64_t>(rows[0].Int(0));
}

absl::StatusOr<std::vector<Round>> ScreeningStore::ListRounds(Conn& c, int64_t after_id,
                                                              int limit) {
  ASSIGN_OR_RETURN(std::vector<Row> rows,
                   c.Query(absl::StrCat("SELECT ", kRoundColumns,
                                        " FROM rounds WHERE id > ? ORDER BY id LIMIT ?"),
                           {after_id, int64_t{limit}}));
  std::vector<Round> out;
  for (const Row& r : rows) {
    ASSIGN_OR_RETURN(Round round, RoundFromRow(r));
    out.push_back(std::move(round));
  }
  return out;
}

absl::Status ScreeningStore::UpdateRound(Conn& c, const Round& r, int64_t expected_version) {
  ASSIGN_OR_RETURN(
      int64_t changed,
      c.Execute("UPDATE rounds SET display_name = ?, cutoff_date = ?, rules = ?,"
                " appeal_start_date = ?, appeal_end_date = ?, appeal_zone = ?,"
                " appeal_start_us = ?, appeal_end_us = ?, results_publish_us = ?,"
                " version = version + 1, update_time_us = ? WHERE id = ? AND version = ?",
                {r.display_name, IsoDate(r.cutoff), EncodeRules(r.rules),
                 IsoDate(r.appeal_start_date), IsoDate(r.appeal_end_date), r.appeal_zone,
                 Micros(r.appeal_start), Micros(r.appeal_end),
                 r.results_publish_time ? Value(Micros(*r.results_publish_time)) : Null(),
                 Micros(r.update_time), r.id, expected_version}));
  if (changed == 0) {
    return absl::AbortedError("etag: the round was changed since it was read; read it again");
  }
  return absl::OkStatus();
}

absl::StatusOr<RoundCounts> ScreeningStore::CountsOf(Conn& c, int64_t round_id) {
  RoundCounts out;
  ASSIGN_OR_RETURN(std::vector<Row> a,
                   c.Query("SELECT COUNT(*) FROM applicants WHERE round_id = ?", {round_id}));
  out.applicants = a.empty() ? 0 : a[0].Int(0);
  ASSIGN_OR_RETURN(std::vector<Row> rows,
                   c.Query("SELECT outcome, COUNT(*) FROM results WHERE round_id = ?"
                           " GROUP BY outcome",
                           {round_id}));
  for (const Row& r : rows) {
    if (r.Int(0) == v1::MS) out.ms = r.Int(1);
    if (r.Int(0) == v1::TMS) out.tms = r.Int(1);
  }
  return out;
}

absl::StatusOr<bool> ScreeningStore::HasResults(Conn& c, int64_t round_id) {
  ASSIGN_OR_RETURN(std::vector<Row> rows,
                   c.Query("SELECT honorer_id FROM results WHERE round_id = ? LIMIT 1",
                           {round_id}));
  return !rows.empty();
}

absl::StatusOr<bool> ScreeningStore::HasLiveRun(Conn& c, int64_t round_id, absl::Time now) {
  ASSIGN_OR_RETURN(std::vector<Row> rows,
                   c.Query("SELECT id FROM runs WHERE round_id = ? AND state = ?"
                           " AND lease_until_us > ? LIMIT 1",
                           {round_id, int64_t{v1::Run::RUNNING}, Micros(now)}));
  return !rows.empty();
}

// ---- Applicants ----------------------------------------------------------------

absl::StatusOr<absl::flat_hash_set<int64_t>> ScreeningStore::ExistingApplicants(
    Conn& c, int64_t round_id, const std::vector<int64_t>& ids) {
  absl::flat_hash_set<int64_t> out;
  for (size_t start = 0; start < ids.size(); start += kRowsPerStatement) {
    const size_t end = std::min(ids.size(), start + kRowsPerStatement);
    std::vector<Value> params = {round_id};
    for (size_t i = start; i < end; ++i) params.push_back(ids[i]);
    ASSIGN_OR_RETURN(std::vector<Row> rows,
                     c.Query(absl::StrCat("SELECT honorer_id FROM applicants WHERE round_id = ?"
                                          " AND honorer_id IN (",
                                          storage::Placeholders(end - start), ")"),
                             params));
    for (const Row& r : rows) out.insert(r.Int(0));
  }
  return out;
}

absl::Status ScreeningStore::InsertApplicants(Conn& c, const std::vector<Applicant>& applicants) {
  for (size_t start = 0; start < applicants.size(); start += kRowsPerStatement) {
    const size_t end = std::min(applicants.size(), start + kRowsPerStatement);
    std::vector<Value> params;
    params.reserve((end - start) * 6);
    for (size_t i = start; i < end; ++i) {
      const Applicant& a = applicants[i];
      params.insert(params.end(), {a.round_id, a.honorer_id, a.instansi_code,
                                   int64_t{a.post_kind}, a.added_by, Micros(a.create_time)});
    }
    RETURN_IF_ERROR(c.Execute(absl::StrCat("INSERT INTO applicants (", kApplicantColumns,
                                           ") VALUES ", storage::RowPlaceholders(end - start, 6)),
                              params)
                        .status());
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<Applicant>> ScreeningStore::ListApplicants(
    Conn& c, int64_t round_id, const std::string& instansi_code, int64_t after_honorer,
    int limit) {
  std::vector<Value> params = {round_id, after_honorer};
  std::string where = "round_id = ? AND honorer_id > ?";
  if (!instansi_code.empty()) {
    where += " AND instansi_code = ?";
    params.push_back(instansi_code);
  }
  params.push_back(int64_t{limit});
  ASSIGN_OR_RETURN(std::vector<Row> rows,
                   c.Query(absl::StrCat("SELECT ", kApplicantColumns, " FROM applicants WHERE ",
                                        where, " ORDER BY honorer_id LIMIT ?"),
                           params));
  std::vector<Applicant> out;
  for (const Row& r : rows) out.push_back(ApplicantFromRow(r));
  return out;
}

absl::StatusOr<int64_t> ScreeningStore::CountApplicants(Conn& c, int64_t round_id,
                                                        const std::string& instansi_code) {
  std::vector<Value> params = {round_id};
  std::string sql = "SELECT COUNT(*) FROM applicants WHERE round_id = ?";
  if (!instansi_code.empty()) {
    sql += " AND instansi_code = ?";
    params.push_back(instansi_code);
  }
  ASSIGN_OR_RETURN(std::vector<Row> rows, c.Query(sql, params));
  return rows.empty() ? 0 : rows[0].Int(0);
}

// ---- Results -------------------------------------------------------------------

absl::Status ScreeningStore::InsertResults(Conn& c, const std::vector<Result>& results) {
  constexpr size_t kCols = 17;
  for (size_t start = 0; start < results.size(); start += kRowsPerStatement) {
    const size_t end = std::min(results.size(), start + kRowsPerStatement);
    std::vector<Value> params;
    params.reserve((end - start) * kCols);
    for (size_t i = start; i < end; ++i) {
      const Result& r = results[i];
      params.insert(params.end(),
                    {r.round_id, r.honorer_id, r.instansi_code, int64_t{r.outcome},
                     r.reason_mask != 0 ? r.reason_mask : ReasonMask(r.reasons),
                     EncodeReasons(r.reasons), r.service_days, r.age_days, int64_t{r.age_years},
                     ValidUtf8(r.full_name, 200), int64_t{r.changed_by_appeal ? 1 : 0},
                     int64_t{static_cast<int>(r.registry_state)}, r.run_id, r.version,
                     Micros(r.decide_time), Micros(r.update_time),
                     int64_t{r.jabatan_category}});
    }
    RETURN_IF_ERROR(
        c.Execute(absl::StrCat("INSERT INTO results (round_id, honorer_id, instansi_code,"
                               " outcome, reason_mask, reasons, service_days, age_days,"
                               " age_years, full_name, changed_by_appeal, registry_state,"
                               " run_id, version, decide_time_us, update_time_us,"
                               " jabatan_category) VALUES ",
                               storage::RowPlaceholders(end - start, kCols)),
                  params)
            .status());
  }
  return absl::OkStatus();
}

absl::StatusOr<std::optional<Result>> ScreeningStore::GetResult(Conn& c, int64_t round_id,
                                                                int64_t honorer_id,
                                                                bool for_update) {
  ASSIGN_OR_RETURN(std::vector<Row> rows,
                   c.Query(absl::StrCat("SELECT ", kResultColumns,
                                        " FROM results r WHERE r.round_id = ?"
                                        " AND r.honorer_id = ?",
                                        ForUpdate(c, for_update)),
                           {round_id, honorer_id}));
  if (rows.empty()) return std::optional<Result>();
  return std::optional<Result>(ResultFromRow(rows[0]));
}

absl::StatusOr<std::vector<Result>> ScreeningStore::ListResults(Conn& c, const ResultFilter& f,
                                                                int64_t after_honorer, int limit) {
  std::vector<Value> params;
  std::string where = ResultWhere(f, &params);
  params.push_back(after_honorer);
  params.push_back(int64_t{limit});
  ASSIGN_OR_RETURN(std::vector<Row> rows,
                   c.Query(absl::StrCat("SELECT ", kResultColumns, " FROM results r WHERE ",
                                        where, " AND r.honorer_id > ? ORDER BY r.honorer_id"
                                        " LIMIT ?"),
                           params));
  std::vector<Result> out;
  for (const Row& r : rows) out.push_back(ResultFromRow(r));
  return out;
}

absl::StatusOr<int64_t> ScreeningStore::CountResults(Conn& c, const ResultFilter& f) {
  std::vector<Value> params;
  const std::string where = ResultWhere(f, &params);
  ASSIGN_OR_RETURN(std::vector<Row> rows,
                   c.Query(absl::StrCat("SELECT COUNT(*) FROM results r WHERE ", where), params));
  return rows.empty() ? 0 : rows[0].Int(0);
}

absl::Status ScreeningStore::UpdateResultOutcome(Conn& c, const Result& r,
                                                 int64_t expected_version) {
  ASSIGN_OR_RETURN(
      int64_t changed,
      c.Execute("UPDATE results SET outcome = ?, changed_by_appeal = ?, registry_state = ?,"
                " version = version + 1, update_time_us = ? WHERE round_id = ?"
                " AND honorer_id = ? AND version = ?",
                {int64_t{r.outcome}, int64_t{r.changed_by_appeal ? 1 : 0},
                 int64_t{static_cast<int>(r.registry_state)}, Micros(r.update_time), r.round_id,
                 r.honorer_id, expected_version}));
  if (changed == 0) return absl::AbortedError("the result was changed meanwhile; try again");
  return absl::OkStatus();
}

absl::StatusOr<std::vector<MaskCount>> ScreeningStore::CountByMask(
    Conn& c, int64_t round_id, const std::string& instansi_code) {
  std::vector<Value> params = {round_id};
  std::string where = "round_id = ?";
  if (!instansi_code.empty()) {
    where += " AND instansi_code = ?";
    params.push_back(instansi_code);
  }
  ASSIGN_OR_RETURN(
      std::vector<Row> rows,
      c.Query(absl::StrCat("SELECT instansi_code, outcome, reason_mask, COUNT(*),"
                           " SUM(changed_by_appeal), jabatan_category FROM results WHERE ",
                           where,
                           " GROUP BY instansi_code, outcome, reason_mask, jabatan_category"
                           " ORDER BY instansi_code, outcome, reason_mask, jabatan_category"),
              params));
  std::vector<MaskCount> out;
  for (const Row& r : rows) {
    out.push_back(MaskCount{r.Str(0), static_cast<Outcome>(r.Int(1)), r.Int(2),
                            static_cast<common::v1::JabatanCategory>(r.Int(5)), r.Int(3),
                            r.IsNull(4) ? 0 : r.Int(4)});
  }
  return out;
}

absl::StatusOr<std::vector<InstansiCount>> ScreeningStore::AppealsByInstansi(
    Conn& c, int64_t round_id, const std::string& instansi_code) {
  std::vector<Value> params = {round_id};
  std::string where = "round_id = ?";
  if (!instansi_code.empty()) {
    where += " AND instansi_code = ?";
    params.push_back(instansi_code);
  }
  ASSIGN_OR_RETURN(std::vector<Row> rows,
                   c.Query(absl::StrCat("SELECT instansi_code, COUNT(*) FROM appeals WHERE ",
                                        where, " GROUP BY instansi_code ORDER BY instansi_code"),
                           params));
  std::vector<InstansiCount> out;
  for (const Row& r : rows) out.push_back(InstansiCount{r.Str(0), r.Int(1)});
  return out;
}

// ---- Ranking -------------------------------------------------------------------

absl::StatusOr<std::vector<Candidate>> ScreeningStore::Ranked(Conn& c, int64_t round_id,
                                                             const std::string& instansi_code,
                                                             const std::optional<RankKey>& after,
                                                             int limit) {
  std::vector<Value> params = {round_id, instansi_code, int64_t{v1::MS}};
  std::string where = "round_id = ? AND instansi_code = ? AND outcome = ?";
  if (after) {
    // After the last candidate in (service DESC, age DESC, id ASC) order.
    where +=
        " AND (service_days < ? OR (service_days = ? AND age_days < ?)"
        " OR (service_days = ? AND age_days = ? AND honorer_id > ?))";
    params.insert(params.end(), {after->service_days, after->service_days, after->age_days,
                                 after->service_days, after->age_days, after->honorer_id});
  }
  params.push_back(int64_t{limit});
  ASSIGN_OR_RETURN(std::vector<Row> rows,
                   c.Query(absl::StrCat("SELECT honorer_id, service_days, age_days, age_years,"
                                        " full_name, changed_by_appeal FROM results WHERE ",
                                        where,
                                        " ORDER BY service_days DESC, age_days DESC,"
                                        " honorer_id ASC LIMIT ?"),
                           params));
  std::vector<Candidate> out;
  for (const Row& r : rows) {
    out.push_back(Candidate{r.Int(0), r.Int(1), r.Int(2), static_cast<int>(r.Int(3)), r.Str(4),
                            r.Int(5) != 0});
  }
  return out;
}

// ---- Appeals -------------------------------------------------------------------

absl::Status ScreeningStore::InsertAppeal(Conn& c, const Appeal& a) {
  return c
      .Execute(absl::StrCat("INSERT INTO appeals (", kAppealColumns,
                            ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
               {a.round_id, a.honorer_id, a.instansi_code, EncodeAnswers(a.answers),
                int64_t{a.state}, a.decision_note, a.filed_by, a.decided_by, a.request_id,
                Micros(a.file_time), a.decide_time ? Value(Micros(*a.decide_time)) : Null(),
                a.version})
      .status();
}

absl::StatusOr<std::optional<Appeal>> ScreeningStore::GetAppeal(Conn& c, int64_t round_id,
                                                                int64_t honorer_id,
                                                                bool for_update) {
  ASSIGN_OR_RETURN(std::vector<Row> rows,
                   c.Query(absl::StrCat("SELECT ", kAppealColumns,
                                        " FROM appeals WHERE round_id = ? AND honorer_id = ?",
                                        ForUpdate(c, for_update)),
                           {round_id, honorer_id}));
  if (rows.empty()) return std::optional<Appeal>();
  return std::optional<Appeal>(AppealFromRow(rows[0]));
}

absl::StatusOr<std::vector<Appeal>> ScreeningStore::ListAppeals(Conn& c, int64_t round_id,
                                                                const std::string& instansi_code,
                                                                AppealState state,
                                                                int64_t after_honorer, int limit) {
  std::vector<Value> params = {round_id, after_honorer};
  std::string where = "round_id = ? AND honorer_id > ?";
  if (!instansi_code.empty()) {
    where += " AND instansi_code = ?";
    params.push_back(instansi_code);
  }
  if (state != v1::Appeal::STATE_UNSPECIFIED) {
    where += " AND state = ?";
    params.push_back(int64_t{state});
  }
  params.push_back(int64_t{limit});
  ASSIGN_OR_RETURN(std::vector<Row> rows,
                   c.Query(absl::StrCat("SELECT ", kAppealColumns, " FROM appeals WHERE ", where,
                                        " ORDER BY honorer_id LIMIT ?"),
                           params));
  std::vector<Appeal> out;
  for (const Row& r : rows) out.push_back(AppealFromRow(r));
  return out;
}

absl::Status ScreeningStore::UpdateAppealDecision(Conn& c, const Appeal& a,
                                                  int64_t expected_version) {
  ASSIGN_OR_RETURN(
      int64_t changed,
      c.Execute("UPDATE appeals SET state = ?, decision_note = ?, decided_by = ?,"
                " decide_time_us = ?, version = version + 1 WHERE round_id = ?"
                " AND honorer_id = ? AND version = ?",
                {int64_t{a.state}, a.decision_note, a.decided_by,
                 a.decide_time ? Value(Micros(*a.decide_time)) : Null(), a.round_id,
                 a.honorer_id, expected_version}));
  if (changed == 0) {
    return absl::AbortedError("etag: the appeal was changed since it was read; read it again");
  }
  return absl::OkStatus();
}

}  // namespace penataan::screening
