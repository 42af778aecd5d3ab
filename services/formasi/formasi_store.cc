#include "services/formasi/formasi_store.h"

#include <algorithm>
#include <map>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "common/status_macros.h"

namespace penataan::formasi {
namespace {

using storage::Dialect;
using storage::Null;
using storage::Row;
using storage::Value;

// ---- Queries -------------------------------------------------------------------

constexpr char kPeriodColumns[] =
    "id, display_name, kind, open_time_us, deadline_us, deadline_zone, deadline_letter,"
    " reminder_offsets, close_time_us, close_reason, request_id, created_by, version,"
    " create_time_us, update_time_us";
constexpr char kInsertPeriod[] =
    "INSERT INTO periods (display_name, kind, open_time_us, deadline_us, deadline_zone,"
    " deadline_letter, reminder_offsets, close_time_us, close_reason, request_id, request_key,"
    " created_by, version, create_time_us, update_time_us)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr char kUpdatePeriod[] =
    "UPDATE periods SET display_name = ?, open_time_us = ?, deadline_us = ?, deadline_zone = ?,"
    " deadline_letter = ?, reminder_offsets = ?, close_time_us = ?, close_reason = ?,"
    " version = version + 1, update_time_us = ? WHERE id = ? AND version = ?";
constexpr char kFindPeriodRequest[] =
    "SELECT id FROM periods WHERE request_key = ? AND created_by = ?";

constexpr char kExtensionColumns[] =
    "period_id, instansi_code, deadline_us, deadline_zone, reason, letter_number, granted_by,"
    " grant_time_us";
constexpr char kDeleteExtension[] =
    "DELETE FROM extensions WHERE period_id = ? AND instansi_code = ?";
constexpr char kInsertExtension[] =
    "INSERT INTO extensions (period_id, instansi_code, deadline_us, deadline_zone, reason,"
    " letter_number, granted_by, grant_time_us) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
constexpr char kLatestExtension[] =
    "SELECT MAX(deadline_us) FROM extensions WHERE period_id = ?";

constexpr char kProposalColumns[] =
    "id, period_id, instansi_code, state, budget_capacity_idr, estimated_annual_cost_idr,"
    " sptjm_reference, decision_note, submit_time_us, decide_time_us, decided_by, request_id,"
    " created_by, version, create_time_us, update_time_us";
constexpr char kInsertProposal[] =
    "INSERT INTO proposals (period_id, instansi_code, state, budget_capacity_idr,"
    " estimated_annual_cost_idr, sptjm_reference, decision_note, submit_time_us, decide_time_us,"
    " decided_by, request_id, created_by, version, create_time_us, update_time_us)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr char kUpdateProposal[] =
    "UPDATE proposals SET state = ?, budget_capacity_idr = ?, estimated_annual_cost_idr = ?,"
    " sptjm_reference = ?, decision_note = ?, submit_time_us = ?, decide_time_us = ?,"
    " decided_by = ?, version = version + 1, update_time_us = ? WHERE id = ? AND version = ?";
constexpr char kLines[] =
    "SELECT line_no, jabatan_category, position_title, education, unit_kerja, post_count,"
    " monthly_pay_idr FROM proposal_lines WHERE proposal_id = ? ORDER BY line_no";
constexpr char kLineHonorers[] =
    "SELECT line_no, honorer_id FROM line_honorers WHERE proposal_id = ? ORDER BY line_no, honorer_id";
constexpr char kLeftOut[] =
    "SELECT honorer_id, reason, note FROM left_out_honorers WHERE proposal_id = ?"
    " ORDER BY honorer_id";

// Summary: one row per (instansi, group), over the period's proposals.
// "{{INSTANSI}}" is " AND p.instansi_code = ?" when the rows are for one instansi.
constexpr char kPostsByCategory[] =
    "SELECT p.instansi_code, l.jabatan_category, SUM(l.post_count) FROM proposals p"
    " JOIN proposal_lines l ON l.proposal_id = p.id WHERE p.period_id = ?{{INSTANSI}}"
    " GROUP BY p.instansi_code, l.jabatan_category ORDER BY p.instansi_code, l.jabatan_category";
constexpr char kHonorersNamed[] =
    "SELECT p.instansi_code, COUNT(*) FROM proposals p"
    " JOIN line_honorers h ON h.proposal_id = p.id WHERE p.period_id = ?{{INSTANSI}}"
    " GROUP BY p.instansi_code ORDER BY p.instansi_code";
constexpr char kLeftOutByReason[] =
    "SELECT p.instansi_code, o.reason, COUNT(*) FROM proposals p"
    " JOIN left_out_honorers o ON o.proposal_id = p.id WHERE p.period_id = ?{{INSTANSI}}"
    " GROUP BY p.instansi_code, o.reason ORDER BY p.instansi_code, o.reason";

constexpr size_t kRowsPerStatement = 500;

// ---- Mapping -------------------------------------------------------------------

// One of the grouped summary queries for the period, or for one instansi of it.
absl::StatusOr<std::vector<Row>> Grouped(storage::Connection& c, const char* sql,
                                         int64_t period_id, const std::string& instansi_code) {
  if (instansi_code.empty()) {
    return c.Query(absl::StrReplaceAll(sql, {{"{{INSTANSI}}", ""}}), {period_id});
  }
  return c.Query(absl::StrReplaceAll(sql, {{"{{INSTANSI}}", " AND p.instansi_code = ?"}}),
                 {period_id, instansi_code});
}

int64_t Micros(absl::Time t) { return absl::ToUnixMicros(t); }
Value OptionalMicros(const std::optional<absl::Time>& t) {
  return t ? Value(Micros(*t)) : Null();
}
std::optional<absl::Time> OptionalTime(const Row& r, size_t i) {
  if (r.IsNull(i)) return std::nullopt;
  return absl::FromUnixMicros(r.Int(i));
}

const char* ForUpdate(Dialect dialect) {
  return dialect == Dialect::kMysql ? " FOR UPDATE" : "";
}

Period PeriodFromRow(const Row& r) {
  Period p;
  p.id = r.Int(0);
  p.display_name = r.Str(1);
  p.kind = static_cast<FormasiKind>(r.Int(2));
  p.open_time = absl::FromUnixMicros(r.Int(3));
  p.deadline = absl::FromUnixMicros(r.Int(4));
  p.deadline_zone = r.Str(5);
  p.deadline_letter = r.Str(6);
  p.reminder_offsets = DecodeOffsets(r.Str(7));
  p.close_time = OptionalTime(r, 8);
  p.close_reason = r.Str(9);
  p.request_id = r.Str(10);
  p.created_by = r.Str(11);
  p.version = r.Int(12);
  p.create_time = absl::FromUnixMicros(r.Int(13));
  p.update_time = absl::FromUnixMicros(r.Int(14));
  return p;
}

Extension ExtensionFromRow(const Row& r) {
  Extension e;
  e.period_id = r.Int(0);
  e.instansi_code = r.Str(1);
  e.deadline = absl::FromUnixMicros(r.Int(2));
  e.deadline_zone = r.Str(3);
  e.reason = r.Str(4);
  e.letter_number = r.Str(5);
  e.granted_by = r.Str(6);
  e.grant_time = absl::FromUnixMicros(r.Int(7));
  return e;
}

Proposal ProposalFromRow(const Row& r) {
  Proposal p;
  p.id = r.Int(0);
  p.period_id = r.Int(1);
  p.instansi_code = r.Str(2);
  p.state = static_cast<ProposalState>(r.Int(3));
  p.budget_capacity_idr = r.Int(4);
  p.estimated_annual_cost_idr = r.Int(5);
  p.sptjm_reference = r.Str(6);
  p.decision_note = r.Str(7);
  p.submit_time = OptionalTime(r, 8);
  p.decide_time = OptionalTime(r, 9);
  p.decided_by = r.Str(10);
  p.request_id = r.Str(11);
  p.created_by = r.Str(12);
  p.version = r.Int(13);
  p.create_time = absl::FromUnixMicros(r.Int(14));
  p.update_time = absl::FromUnixMicros(r.Int(15));
  return p;
}

// Inserts `rows` (each `cols` values) into `table (columns)` in multi-row statements.
absl::Status InsertRows(storage::Connection& c, const std::string& table_and_columns, size_t cols,
                        const std::vector<std::vector<Value>>& rows) {
  for (size_t start = 0; start < rows.size(); start += kRowsPerStatement) {
    const size_t end = std::min(rows.size(), start + kRowsPerStatement);
    std::vector<Value> params;
    params.reserve((end - start) * cols);
    for (size_t i = start; i < end; ++i) params.insert(params.end(), rows[i].begin(), rows[i].end());
    RETURN_IF_ERROR(c.Execute(absl::StrCat("INSERT INTO ", table_and_columns, " VALUES ",
                                           storage::RowPlaceholders(end - start, cols)),
                              params)
                        .status());
  }
  return absl::OkStatus();
}

}  // namespace

std::string EncodeOffsets(const std::vector<absl::Duration>& offsets) {
  std::vector<int64_t> seconds;
  for (absl::Duration d : offsets) seconds.push_back(absl::ToInt64Seconds(d));
  return absl::StrJoin(seconds, ",");
}

std::vector<absl::Duration> DecodeOffsets(const std::string& text) {
  std::vector<absl::Duration> out;
  for (absl::string_view part : absl::StrSplit(text, ',', absl::SkipEmpty())) {
    int64_t s = 0;
    if (absl::SimpleAtoi(part, &s)) out.push_back(absl::Seconds(s));
  }
  return out;
}

// ---- Periods -------------------------------------------------------------------

absl::StatusOr<int64_t> FormasiStore::InsertPeriod(Conn& c, const Period& p) {
  RETURN_IF_ERROR(c.Execute(kInsertPeriod,
                            {p.display_name, int64_t{p.kind}, Micros(p.open_time),
                             Micros(p.deadline), p.deadline_zone, p.deadline_letter,
                             EncodeOffsets(p.reminder_offsets), OptionalMicros(p.close_time),
                             p.close_reason, p.request_id,
                             // NULL for none: only non-empty request ids are unique.
                             p.request_id.empty() ? Null() : Value(p.request_id), p.created_by,
                             p.version,
                             Micros(p.create_time), Micros(p.update_time)})
                      .status());
  return c.LastInsertId();
}

absl::StatusOr<std::optional<Period>> FormasiStore::GetPeriod(Conn& c, int64_t id,
                                                              bool for_update) {
  ASSIGN_OR_RETURN(std::vector<Row> rows,
                   c.Query(absl::StrCat("SELECT ", kPeriodColumns, " FROM periods WHERE id = ?",
                                        for_update ? ForUpdate(c.dialect()) : ""),
                           {id}));
  if (rows.empty()) return std::optional<Period>();
  return std::optional<Period>(PeriodFromRow(rows[0]));
}

absl::StatusOr<std::optional<Period>> FormasiStore::GetPeriodShared(Conn& c, int64_t id) {
  ASSIGN_OR_RETURN(std::vector<Row> rows,
                   c.Query(absl::StrCat("SELECT ", kPeriodColumns, " FROM periods WHERE id = ?",
                                        c.dialect() == Dialect::kMysql ? " LOCK IN SHARE MODE" : ""),
                           {id}));
  if (rows.empty()) return std::optional<Period>();
  return std::optional<Period>(PeriodFromRow(rows[0]));
}

absl::StatusOr<std::optional<int64_t>> FormasiStore::FindPeriodByRequest(
    Conn& c, const std::string& created_by, const std::string& request_id) {
  ASSIGN_OR_RETURN(std::vector<Row> rows, c.Query(kFindPeriodRequest, {request_id, created_by}));
  if (rows.empty()) return std::optional<int64_t>();
  return std::optional<int64_t>(rows[0].Int(0));
}

absl::StatusOr<std::vector<Period>> FormasiStore::ListPeriods(Conn& c, int64_t after_id,
                                                              int limit) {
  ASSIGN_OR_RETURN(std::vector<Row> rows,
                   c.Query(absl::StrCat("SELECT ", kPeriodColumns,
                                        " FROM periods WHERE id > ? ORDER BY id LIMIT ?"),
                           {after_id, int64_t{limit}}));
  std::vector<Period> out;
  for (const Row& r : rows) out.push_back(PeriodFromRow(r));
  return out;
}

absl::Status FormasiStore::UpdatePeriod(Conn& c, const Period& p, int64_t expected_version) {
  ASSIGN_OR_RETURN(int64_t changed,
                   c.Execute(kUpdatePeriod,
                             {p.display_name, Micros(p.open_time), Micros(p.deadline),
                              p.deadline_zone, p.deadline_letter,
                              EncodeOffsets(p.reminder_offsets), OptionalMicros(p.close_time),
                              p.close_reason, Micros(p.update_time), p.id, expected_version}));
  if (changed != 1) return absl::AbortedError("etag: the period was changed since it was read");
  return absl::OkStatus();
}

// ---- Extensions ----------------------------------------------------------------

absl::Status FormasiStore::PutExtension(Conn& c, const Extension& e) {
  RETURN_IF_ERROR(c.Execute(kDeleteExtension, {e.period_id, e.instansi_code}).status());
  return c
      .Execute(kInsertExtension, {e.period_id, e.instansi_code, Micros(e.deadline),
                                  e.deadline_zone, e.reason, e.letter_number, e.granted_by,
                                  Micros(e.grant_time)})
      .status();
}

absl::StatusOr<std::optional<Extension>> FormasiStore::GetExtension(
    Conn& c, int64_t period_id, const std::string& instansi_code) {
  ASSIGN_OR_RETURN(std::vector<Row> rows,
                   c.Query(absl::StrCat("SELECT ", kExtensionColumns,
                                        " FROM extensions WHERE period_id = ? AND instansi_code = ?"),
                           {period_id, instansi_code}));
  if (rows.empty()) return std::optional<Extension>();
  return std::optional<Extension>(ExtensionFromRow(rows[0]));
}

absl::StatusOr<std::vector<Extension>> FormasiStore::ListExtensions(
    Conn& c, int64_t period_id, const std::string& instansi_code, const std::string& after_code,
    int limit) {
  std::string sql = absl::StrCat("SELECT ", kExtensionColumns,
                                 " FROM extensions WHERE period_id = ? AND instansi_code > ?");
  std::vector<Value> params = {period_id, after_code};
  if (!instansi_code.empty()) {
    absl::StrAppend(&sql, " AND instansi_code = ?");
    params.push_back(instansi_code);
  }
  absl::StrAppend(&sql, " ORDER BY instansi_code LIMIT ?");
  params.push_back(int64_t{limit});
  ASSIGN_OR_RETURN(std::vector<Row> rows, c.Query(sql, params));
  std::vector<Extension> out;
  for (const Row& r : rows) out.push_back(ExtensionFromRow(r));
  return out;
}

absl::StatusOr<std::optional<absl::Time>> FormasiStore::LatestExtensionDeadline(
    Conn& c, int64_t period_id) {
  ASSIGN_OR_RETURN(std::vector<Row> rows, c.Query(kLatestExtension, {period_id}));
  if (rows.empty() || rows[0].IsNull(0)) return std::optional<absl::Time>();
  return std::optional<absl::Time>(absl::FromUnixMicros(rows[0].Int(0)));
}

// ---- Proposals -----------------------------------------------------------------

absl::StatusOr<int64_t> FormasiStore::InsertProposal(Conn& c, const Proposal& p) {
  RETURN_IF_ERROR(c.Execute(kInsertProposal,
                            {p.period_id, p.instansi_code, int64_t{p.state},
                             p.budget_capacity_idr, p.estimated_annual_cost_idr,
                             p.sptjm_reference, p.decision_note, OptionalMicros(p.submit_time),
                             OptionalMicros(p.decide_time), p.decided_by, p.request_id,
                             p.created_by, p.version, Micros(p.create_time),
                             Micros(p.update_time)})
                      .status());
  return c.LastInsertId();
}

absl::StatusOr<std::optional<Proposal>> FormasiStore::GetProposal(
    Conn& c, int64_t period_id, const std::string& instansi_code, bool for_update,
    bool with_content) {
  ASSIGN_OR_RETURN(std::vector<Row> rows,
                   c.Query(absl::StrCat("SELECT ", kProposalColumns,
                                        " FROM proposals WHERE period_id = ? AND instansi_code = ?",
                                        for_update ? ForUpdate(c.dialect()) : ""),
                           {period_id, instansi_code}));
  if (rows.empty()) return std::optional<Proposal>();
  Proposal p = ProposalFromRow(rows[0]);
  if (with_content) {
    ASSIGN_OR_RETURN(std::vector<Row> lines, c.Query(kLines, {p.id}));
    std::map<int64_t, size_t> index;  // line_no -> position in p.lines
    for (const Row& r : lines) {
      ProposalLine l;
      l.jabatan_category = static_cast<JabatanCategory>(r.Int(1));
      l.position_title = r.Str(2);
      l.education = static_cast<Education>(r.Int(3));
      l.unit_kerja = r.Str(4);
      l.count = static_cast<int32_t>(r.Int(5));
      l.monthly_pay_idr = r.Int(6);
      index[r.Int(0)] = p.lines.size();
      p.lines.push_back(std::move(l));
    }
    ASSIGN_OR_RETURN(std::vector<Row> named, c.Query(kLineHonorers, {p.id}));
    for (const Row& r : named) {
      auto it = index.find(r.Int(0));
      if (it != index.end()) p.lines[it->second].honorer_ids.push_back(r.Int(1));
    }
    ASSIGN_OR_RETURN(std::vector<Row> left, c.Query(kLeftOut, {p.id}));
    for (const Row& r : left) {
      p.left_out.push_back({r.Int(0), static_cast<LeaveOutReason>(r.Int(1)), r.Str(2)});
    }
  }
  return std::optional<Proposal>(std::move(p));
}

absl::Status FormasiStore::UpdateProposal(Conn& c, const Proposal& p, int64_t expected_version) {
  ASSIGN_OR_RETURN(int64_t changed,
                   c.Execute(kUpdateProposal,
                             {int64_t{p.state}, p.budget_capacity_idr,
                              p.estimated_annual_cost_idr, p.sptjm_reference, p.decision_note,
                              OptionalMicros(p.submit_time), OptionalMicros(p.decide_time),
                              p.decided_by, Micros(p.update_time), p.id, expected_version}));
  if (changed != 1) return absl::AbortedError("etag: the proposal was changed since it was read");
  return absl::OkStatus();
}

absl::Status FormasiStore::ReplaceLines(Conn& c, int64_t proposal_id,
                                        const std::vector<ProposalLine>& lines) {
  RETURN_IF_ERROR(
      c.Execute("DELETE FROM line_honorers WHERE proposal_id = ?", {proposal_id}).status());
  RETURN_IF_ERROR(
      c.Execute("DELETE FROM proposal_lines WHERE proposal_id = ?", {proposal_id}).status());
  std::vector<std::vector<Value>> line_rows, honorer_rows;
  for (size_t i = 0; i < lines.size(); ++i) {
    const ProposalLine& l = lines[i];
    const int64_t line_no = static_cast<int64_t>(i) + 1;
    line_rows.push_back({proposal_id, line_no, int64_t{l.jabatan_category}, l.position_title,
                         int64_t{l.education}, l.unit_kerja, int64_t{l.count},
                         l.monthly_pay_idr});
    for (int64_t h : l.honorer_ids) honorer_rows.push_back({proposal_id, h, line_no});
  }
  RETURN_IF_ERROR(InsertRows(c,
                             "proposal_lines (proposal_id, line_no, jabatan_category,"
                             " position_title, education, unit_kerja, post_count, monthly_pay_idr)",
                             8, line_rows));
  return InsertRows(c, "line_honorers (proposal_id, honorer_id, line_no)", 3, honorer_rows);
}

absl::Status FormasiStore::ReplaceLeftOut(Conn& c, int64_t proposal_id,
                                          const std::vector<LeftOut>& left_out) {
  RETURN_IF_ERROR(
      c.Execute("DELETE FROM left_out_honorers WHERE proposal_id = ?", {proposal_id}).status());
  std::vector<std::vector<Value>> rows;
  for (const LeftOut& l : left_out) {
    rows.push_back({proposal_id, l.honorer_id, int64_t{l.reason}, l.note});
  }
  return InsertRows(c, "left_out_honorers (proposal_id, honorer_id, reason, note)", 4, rows);
}

absl::StatusOr<std::vector<Proposal>> FormasiStore::ListProposals(Conn& c, const ProposalFilter& f,
                                                                  int64_t after_id, int limit) {
  std::string sql = absl::StrCat("SELECT ", kProposalColumns, " FROM proposals WHERE id > ?");
  std::vector<Value> params = {after_id};
  if (f.period_id != 0) {
    absl::StrAppend(&sql, " AND period_id = ?");
    params.push_back(f.period_id);
  }
  if (!f.instansi_code.empty()) {
    absl::StrAppend(&sql, " AND instansi_code = ?");
    params.push_back(f.instansi_code);
  }
  if (f.state != v1::Proposal::STATE_UNSPECIFIED) {
    absl::StrAppend(&sql, " AND state = ?");
    params.push_back(int64_t{f.state});
  }
  absl::StrAppend(&sql, " ORDER BY id LIMIT ?");
  params.push_back(int64_t{limit});
  ASSIGN_OR_RETURN(std::vector<Row> rows, c.Query(sql, params));
  std::vector<Proposal> out;
  for (const Row& r : rows) out.push_back(ProposalFromRow(r));
  return out;
}

// ---- For the reminders scheduler ---------------------------------------------------

bool IsSubmitted(ProposalState s) {
  return s == v1::Proposal::SUBMITTED || s == v1::Proposal::APPROVED ||
         s == v1::Proposal::REJECTED;
}

absl::StatusOr<std::vector<Extension>> FormasiStore::AllExtensions(
    Conn& c, int64_t period_id, const std::string& instansi_code) {
  std::vector<Extension> all;
  for (std::string after;;) {
    ASSIGN_OR_RETURN(std::vector<Extension> page,
                     ListExtensions(c, period_id, instansi_code, after, 1000));
    if (page.empty()) break;
    after = page.back().instansi_code;
    for (Extension& e : page) all.push_back(std::move(e));
  }
  return all;
}

// ---- Summary -------------------------------------------------------------------

absl::StatusOr<std::vector<CategoryPosts>> FormasiStore::PostsByCategory(Conn& c,
                                                                         int64_t period_id,
    const std::string& instansi_code) {
  ASSIGN_OR_RETURN(std::vector<Row> rows, Grouped(c, kPostsByCategory, period_id, instansi_code));
  std::vector<CategoryPosts> out;
  for (const Row& r : rows) {
    out.push_back({r.Str(0), static_cast<JabatanCategory>(r.Int(1)), r.Int(2)});
  }
  return out;
}

absl::StatusOr<std::vector<InstansiCount>> FormasiStore::HonorersNamed(Conn& c,
                                                                       int64_t period_id,
    const std::string& instansi_code) {
  ASSIGN_OR_RETURN(std::vector<Row> rows, Grouped(c, kHonorersNamed, period_id, instansi_code));
  std::vector<InstansiCount> out;
  for (const Row& r : rows) out.push_back({r.Str(0), r.Int(1)});
  return out;
}

absl::StatusOr<std::vector<ReasonCount>> FormasiStore::LeftOutByReason(Conn& c,
                                                                       int64_t period_id,
    const std::string& instansi_code) {
  ASSIGN_OR_RETURN(std::vector<Row> rows, Grouped(c, kLeftOutByReason, period_id, instansi_code));
  std::vector<ReasonCount> out;
  for (const Row& r : rows) {
    out.push_back({r.Str(0), static_cast<LeaveOutReason>(r.Int(1)), r.Int(2)});
  }
  return out;
}

}  // namespace penataan::formasi
