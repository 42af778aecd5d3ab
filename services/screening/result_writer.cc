#include "services/screening/result_writer.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status_macros.h"
#include "google/protobuf/util/json_util.h"

namespace penataan::screening {
namespace {

using storage::Connection;
using storage::Dialect;
using storage::Row;
using storage::Value;

int64_t Micros(absl::Time t) { return absl::ToUnixMicros(t); }

// 16 parameters a result: 1000 rows stay under SQLite's 32766 bound variables.
constexpr size_t kRowsPerInsert = 1000;
constexpr size_t kIdsPerStatement = 1000;
constexpr int kMaxReason = 31;

}  // namespace

std::string EncodeReasons(const std::vector<Finding>& findings) {
  if (findings.empty()) return "{}";
  v1::Result r;
  for (const Finding& f : findings) {
    v1::Reason* out = r.add_reasons();
    out->set_code(f.code);
    out->set_message(f.message);
    for (const auto& [k, v] : f.values) (*out->mutable_values())[k] = v;
    out->set_regulation(f.regulation);
  }
  std::string json;
  (void)google::protobuf::util::MessageToJsonString(r, &json);
  return json;
}

absl::StatusOr<std::vector<v1::Reason>> DecodeReasons(const std::string& json) {
  v1::Result r;
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = true;
  if (!google::protobuf::util::JsonStringToMessage(json, &r, options).ok()) {
    return absl::DataLossError("a result's stored reasons are not readable");
  }
  return std::vector<v1::Reason>(r.reasons().begin(), r.reasons().end());
}

ReasonMask MaskOf(const std::vector<Finding>& findings) {
  ReasonMask m = 0;
  for (const Finding& f : findings) {
    if (f.code > 0 && f.code <= kMaxReason) m |= ReasonMask{1} << f.code;
  }
  return m;
}

absl::Status InsertResults(Connection& c, const std::vector<ResultRow>& rows, absl::Time now) {
  constexpr size_t kCols = 16;
  for (size_t start = 0; start < rows.size(); start += kRowsPerInsert) {
    const size_t n = std::min(kRowsPerInsert, rows.size() - start);
    std::vector<Value> params;
    params.reserve(n * kCols);
    for (size_t i = start; i < start + n; ++i) {
      const ResultRow& r = rows[i];
      params.insert(params.end(),
                    {r.round_id, r.honorer_id, r.instansi_code, int64_t{r.outcome},
                     int64_t{r.reason_mask}, r.reasons_json, r.figures.service_days,
                     r.figures.age_days, int64_t{r.figures.age_years}, r.full_name, int64_t{0},
                     int64_t{0}, r.run_id, int64_t{1}, Micros(now), Micros(now)});
    }
    RETURN_IF_ERROR(
        c.Execute(absl::StrCat("INSERT INTO results (round_id, honorer_id, instansi_code,"
                               " outcome, reason_mask, reasons, service_days, age_days,"
                               " age_years, full_name, changed_by_appeal, registry_state,"
                               " run_id, version, decide_time_us, update_time_us) VALUES ",
                               storage::RowPlaceholders(n, kCols)),
                  params)
            .status());
  }
  return absl::OkStatus();
}

absl::Status InsertNoContactMarkers(Connection& c, int64_t round_id,
                                    const std::vector<NoContact>& rows, absl::Time now) {
  const char* ignore = c.dialect() == Dialect::kSqlite ? " ON CONFLICT (reference) DO NOTHING"
                                                       : " ON DUPLICATE KEY UPDATE id = id";
  for (size_t start = 0; start < rows.size(); start += kRowsPerInsert) {
    const size_t n = std::min(kRowsPerInsert, rows.size() - start);
    std::vector<Value> params;
    for (size_t i = start; i < start + n; ++i) {
      const NoContact& r = rows[i];
      params.insert(params.end(),
                    {round_id,
                     absl::StrCat("screening/rounds/", round_id, "/results/", r.honorer_id, "/",
                                  r.outcome == v1::MS ? "ms" : "tms", "/tanpa-kontak"),
                     r.instansi_code, r.honorer_id, int64_t{static_cast<int>(NoticeState::kDropped)},
                     std::string("tanpa kontak"), Micros(now), Micros(now)});
    }
    std::vector<std::string> tuples(n, "(?, ?, '', '', '{}', ?, ?, ?, 0, ?, ?, ?)");
    RETURN_IF_ERROR(
        c.Execute(absl::StrCat("INSERT INTO notices (round_id, reference, template_id,"
                               " recipient, personalisation, instansi_code, honorer_id, state,"
                               " attempts, last_error, create_time_us, sent_time_us) VALUES ",
                               absl::StrJoin(tuples, ", "), ignore),
                  params)
            .status());
  }
  return absl::OkStatus();
}

absl::StatusOr<std::map<std::string, InstansiTally>> TallyRun(Connection& c, int64_t round_id,
                                                              int64_t run_id) {
  std::map<std::string, InstansiTally> out;
  ASSIGN_OR_RETURN(std::vector<Row> rows,
                   c.Query("SELECT instansi_code, outcome, reason_mask, COUNT(*) FROM results"
                           " WHERE round_id = ? AND run_id = ?"
                           " GROUP BY instansi_code, outcome, reason_mask",
                           {round_id, run_id}));
  for (const Row& r : rows) {
    InstansiTally& t = out[r.Str(0)];
    const int64_t n = r.Int(3);
    if (r.Int(1) == v1::MS) {
      t.ms += n;
      continue;
    }
    t.tms += n;
    const ReasonMask mask = static_cast<ReasonMask>(r.Int(2));
    for (int code = 1; code <= kMaxReason; ++code) {
      if (mask & (ReasonMask{1} << code)) t.tms_by_reason[static_cast<v1::ReasonCode>(code)] += n;
    }
  }
  // The markers of honorers without contact, joined to this run's results by key.
  ASSIGN_OR_RETURN(std::vector<Row> none,
                   c.Query("SELECT n.instansi_code, COUNT(*) FROM notices n JOIN results r"
                           " ON r.round_id = n.round_id AND r.honorer_id = n.honorer_id"
                           " WHERE n.round_id = ? AND n.template_id = '' AND r.run_id = ?"
                           " GROUP BY n.instansi_code",
                           {round_id, run_id}));
  for (const Row& r : none) out[r.Str(0)].tanpa_kontak += r.Int(1);
  return out;
}

absl::StatusOr<std::vector<PendingOutcome>> PendingRegistryPage(Connection& c, int64_t round_id,
                                                                int64_t after_honorer,
                                                                int limit) {
  ASSIGN_OR_RETURN(std::vector<Row> rows,
                   c.Query("SELECT honorer_id, outcome, reason_mask FROM results"
                           " WHERE round_id = ? AND registry_state = 0 AND honorer_id > ?"
                           " ORDER BY honorer_id LIMIT ?",
                           {round_id, after_honorer, int64_t{limit}}));
  std::vector<PendingOutcome> out;
  out.reserve(rows.size());
  for (const Row& r : rows) {
    out.push_back({r.Int(0), static_cast<v1::Outcome>(r.Int(1)),
                   static_cast<ReasonMask>(r.Int(2))});
  }
  return out;
}

absl::Status MarkTold(Connection& c, int64_t round_id, const std::vector<PendingOutcome>& told,
                      absl::Time /*now*/) {
  // update_time_us is left alone: the result itself has not changed.
  for (v1::Outcome outcome : {v1::MS, v1::TMS}) {
    std::vector<int64_t> ids;
    for (const PendingOutcome& p : told) {
      if (p.outcome == outcome) ids.push_back(p.honorer_id);
    }
    for (size_t start = 0; start < ids.size(); start += kIdsPerStatement) {
      const size_t n = std::min(kIdsPerStatement, ids.size() - start);
      std::vector<Value> params = {round_id, int64_t{outcome}};
      for (size_t i = start; i < start + n; ++i) params.push_back(ids[i]);
      RETURN_IF_ERROR(
          c.Execute(absl::StrCat("UPDATE results SET registry_state = 1"
                                 " WHERE round_id = ? AND outcome = ? AND registry_state = 0"
                                 " AND honorer_id IN (",
                                 storage::Placeholders(n), ")"),
                    params)
              .status());
    }
  }
  return absl::OkStatus();
}

std::string OutcomeHistoryReason(const std::string& round_display_name, v1::Outcome outcome,
                                 ReasonMask mask) {
  if (outcome == v1::MS) return absl::StrCat(round_display_name, ": MS");
  std::vector<std::string> labels;
  for (int code = 1; code <= kMaxReason; ++code) {
    if (mask & (ReasonMask{1} << code)) {
      labels.push_back(ReasonLabel(static_cast<v1::ReasonCode>(code)));
    }
  }
  if (labels.empty()) return absl::StrCat(round_display_name, ": TMS");
  return absl::StrCat(round_display_name, ": TMS (", absl::StrJoin(labels, "; "), ")");
}

}  // namespace penataan::screening
