#include "services/screening/result_writer.h"

#include <algorithm>
#include <set>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status_macros.h"

namespace penataan::screening {
namespace {

using storage::Connection;
using storage::Dialect;
using storage::Row;
using storage::Value;

int64_t Micros(absl::Time t) { return absl::ToUnixMicros(t); }

// 8 parameters a marker: 1000 rows stay well under SQLite's 32766 bound variables.
constexpr size_t kRowsPerInsert = 1000;
constexpr size_t kIdsPerStatement = 1000;

}  // namespace

std::vector<v1::Reason> ReasonsOf(const std::vector<Finding>& findings) {
  std::vector<v1::Reason> out;
  out.reserve(findings.size());
  for (const Finding& f : findings) {
    v1::Reason r;
    r.set_code(f.code);
    r.set_message(f.message);
    for (const auto& [k, v] : f.values) (*r.mutable_values())[k] = v;
    r.set_regulation(f.regulation);
    out.push_back(std::move(r));
  }
  return out;
}

ReasonBits MaskOf(const std::vector<Finding>& findings) {
  ReasonBits m = 0;
  for (const Finding& f : findings) {
    m |= ReasonBit(f.code);
  }
  return m;
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
    const ReasonBits mask = static_cast<ReasonBits>(r.Int(2));
    for (int code = 1; code <= kMaxReasonCode; ++code) {
      if (HasReason(mask, code)) t.tms_by_reason[static_cast<v1::ReasonCode>(code)] += n;
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
                   static_cast<ReasonBits>(r.Int(2))});
  }
  return out;
}

absl::StatusOr<std::optional<PendingOutcome>> PendingRegistryOf(Connection& c,
                                                                int64_t round_id,
                                                                int64_t honorer_id) {
  ASSIGN_OR_RETURN(std::vector<PendingOutcome> page,
                   PendingRegistryPage(c, round_id, honorer_id - 1, 1));
  if (page.empty() || page[0].honorer_id != honorer_id) return std::nullopt;
  return page[0];
}

absl::Status MarkWritten(Connection& c, int64_t round_id, const std::vector<PendingOutcome>& sent,
                         const std::vector<int64_t>& refused) {
  // update_time_us is left alone: the result itself has not changed.
  const std::set<int64_t> refused_ids(refused.begin(), refused.end());
  auto each_chunk = [&](const std::vector<int64_t>& ids, const std::string& sql,
                        std::vector<Value> head) -> absl::Status {
    for (size_t start = 0; start < ids.size(); start += kIdsPerStatement) {
      const size_t n = std::min(kIdsPerStatement, ids.size() - start);
      std::vector<Value> params = head;
      for (size_t i = start; i < start + n; ++i) params.push_back(ids[i]);
      RETURN_IF_ERROR(
          c.Execute(absl::StrCat(sql, " AND honorer_id IN (", storage::Placeholders(n), ")"),
                    params)
              .status());
    }
    return absl::OkStatus();
  };
  for (v1::Outcome outcome : {v1::MS, v1::TMS}) {
    std::vector<int64_t> told, refused_here, all;
    for (const PendingOutcome& p : sent) {
      if (p.outcome != outcome) continue;
      all.push_back(p.honorer_id);
      (refused_ids.count(p.honorer_id) ? refused_here : told).push_back(p.honorer_id);
    }
    RETURN_IF_ERROR(each_chunk(told,
                               "UPDATE results SET registry_state = 1 WHERE round_id = ?"
                               " AND outcome = ? AND registry_state = 0",
                               {round_id, int64_t{outcome}}));
    RETURN_IF_ERROR(each_chunk(refused_here,
                               "UPDATE results SET registry_state = 2 WHERE round_id = ?"
                               " AND outcome = ? AND registry_state = 0",
                               {round_id, int64_t{outcome}}));
  }
  return ReoweChanged(c, round_id, sent);
}

absl::Status ReoweChanged(Connection& c, int64_t round_id,
                          const std::vector<PendingOutcome>& sent) {
  for (v1::Outcome outcome : {v1::MS, v1::TMS}) {
    std::vector<int64_t> ids;
    for (const PendingOutcome& p : sent) {
      if (p.outcome == outcome) ids.push_back(p.honorer_id);
    }
    // Sent `outcome`, but the result holds another now: the registry may have the
    // older one, so the newer is owed again (even if its own write was marked meanwhile).
    for (size_t start = 0; start < ids.size(); start += kIdsPerStatement) {
      const size_t n = std::min(kIdsPerStatement, ids.size() - start);
      std::vector<Value> params = {round_id, int64_t{outcome}};
      for (size_t i = start; i < start + n; ++i) params.push_back(ids[i]);
      RETURN_IF_ERROR(c.Execute(absl::StrCat("UPDATE results SET registry_state = 0"
                                             " WHERE round_id = ? AND outcome <> ?"
                                             " AND honorer_id IN (",
                                             storage::Placeholders(n), ")"),
                                params)
                          .status());
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<int64_t> CountRefused(Connection& c, int64_t round_id) {
  ASSIGN_OR_RETURN(std::vector<Row> rows,
                   c.Query("SELECT COUNT(*) FROM results WHERE round_id = ?"
                           " AND registry_state = 2",
                           {round_id}));
  return rows[0].Int(0);
}

std::string OutcomeHistoryReason(const std::string& round_display_name, v1::Outcome outcome,
                                 ReasonBits mask) {
  if (outcome == v1::MS) return absl::StrCat(round_display_name, ": MS");
  std::vector<std::string> labels;
  for (int code = 1; code <= kMaxReasonCode; ++code) {
    if (HasReason(mask, code)) {
      labels.push_back(ReasonLabel(static_cast<v1::ReasonCode>(code)));
    }
  }
  if (labels.empty()) return absl::StrCat(round_display_name, ": TMS");
  return absl::StrCat(round_display_name, ": TMS (", absl::StrJoin(labels, "; "), ")");
}

}  // namespace penataan::screening
