#include "services/formasi/reminder_store.h"

#include <algorithm>
#include <set>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "common/utf8.h"

namespace penataan::formasi {
namespace {

using storage::Dialect;
using storage::Null;
using storage::Row;
using storage::Value;

// The order RowFrom reads.
constexpr char kColumns[] =
    "id, period_id, instansi_code, kind, offset_s, deadline_us, due_time_us, state, reference,"
    " payload, attempts, next_attempt_us, lease_owner, lease_until_us, last_error, detail,"
    " sent_time_us, create_time_us";
constexpr char kInsertColumns[] =
    "period_id, instansi_code, kind, offset_s, deadline_us, due_time_us, state, reference,"
    " payload, attempts, next_attempt_us, lease_owner, lease_until_us, last_error, detail,"
    " sent_time_us, create_time_us";
constexpr size_t kInsertColumnCount = 17;
// Rows per multi-row INSERT: 17 columns x 500 stays under SQLite's 32,766 parameters.
constexpr size_t kInsertChunk = 500;
// Ids per UPDATE ... WHERE id IN (...).
constexpr size_t kIdChunk = 500;

constexpr char kPeriodColumns[] =
    "id, display_name, reminder_offsets, deadline_us, deadline_zone, open_time_us,"
    " close_time_us, version";

constexpr int64_t kPending = v1::Reminder::PENDING;
constexpr int64_t kSkipped = v1::Reminder::SKIPPED;

Value Micros(absl::Time t) { return absl::ToUnixMicros(t); }
absl::Time TimeOf(const Row& r, size_t i) { return absl::FromUnixMicros(r.Int(i)); }
std::optional<absl::Time> OptionalTime(const Row& r, size_t i) {
  if (r.IsNull(i)) return std::nullopt;
  return TimeOf(r, i);
}
// Cut on a character boundary to the column's size: half a character is MariaDB
// error 1366, and the text may come from a peer's error.
std::string Fitted(const std::string& s, size_t max) { return ValidUtf8(s, max); }

ReminderRow RowFrom(const Row& r) {
  ReminderRow x;
  x.id = r.Int(0);
  x.period_id = r.Int(1);
  x.instansi_code = r.Str(2);
  x.kind = static_cast<ReminderKind>(r.Int(3));
  x.offset = absl::Seconds(r.Int(4));
  x.deadline = TimeOf(r, 5);
  x.due_time = TimeOf(r, 6);
  x.state = static_cast<ReminderState>(r.Int(7));
  x.reference = r.Str(8);
  x.payload = r.Str(9);
  x.attempts = static_cast<int>(r.Int(10));
  x.next_attempt = TimeOf(r, 11);
  x.lease_owner = r.Str(12);
  x.lease_until = TimeOf(r, 13);
  x.last_error = r.Str(14);
  x.detail = r.Str(15);
  x.sent_time = OptionalTime(r, 16);
  x.create_time = TimeOf(r, 17);
  return x;
}

std::vector<ReminderRow> RowsFrom(const std::vector<Row>& rows) {
  std::vector<ReminderRow> out;
  out.reserve(rows.size());
  for (const Row& r : rows) out.push_back(RowFrom(r));
  return out;
}

PeriodFacts PeriodFrom(const Row& r) {
  PeriodFacts p;
  p.plan.id = r.Int(0);
  p.plan.display_name = r.Str(1);
  p.plan.offsets = ParseOffsets(r.Str(2));
  p.plan.deadline = TimeOf(r, 3);
  p.plan.deadline_zone = r.Str(4);
  p.plan.open_time = TimeOf(r, 5);
  p.close_time = OptionalTime(r, 6);
  p.plan.closed = p.close_time.has_value();
  p.version = r.Int(7);
  return p;
}

void AppendInsertParams(const ReminderRow& x, std::vector<Value>& params) {
  params.insert(params.end(),
                {x.period_id, x.instansi_code, int64_t{x.kind}, absl::ToInt64Seconds(x.offset),
                 Micros(x.deadline), Micros(x.due_time), int64_t{x.state}, x.reference,
                 x.payload, int64_t{x.attempts}, Micros(x.next_attempt), x.lease_owner,
                 Micros(x.lease_until), Fitted(x.last_error, 1000), Fitted(x.detail, 500),
                 x.sent_time ? Micros(*x.sent_time) : Null(), Micros(x.create_time)});
}

// The one place the backends' "insert unless the key exists" differs.
const char* IgnoreDuplicateClause(Dialect dialect) {
  return dialect == Dialect::kSqlite ? " ON CONFLICT (reference) DO NOTHING"
                                     : " ON DUPLICATE KEY UPDATE id = id";
}

std::string IdList(const std::vector<int64_t>& ids, std::vector<Value>& params) {
  for (int64_t id : ids) params.push_back(id);
  return storage::Placeholders(ids.size());
}

// Runs `statement` (ending in "id IN ") for `ids` in chunks; `before` and
// `after` are the parameters around the id list. Returns the rows changed.
absl::StatusOr<int64_t> UpdateIds(storage::Connection& c, const std::string& statement,
                                  const std::vector<Value>& before,
                                  const std::vector<int64_t>& ids,
                                  const std::vector<Value>& after) {
  int64_t changed = 0;
  for (size_t start = 0; start < ids.size(); start += kIdChunk) {
    const std::vector<int64_t> chunk(ids.begin() + start,
                                     ids.begin() + std::min(ids.size(), start + kIdChunk));
    std::vector<Value> params = before;
    const std::string in = IdList(chunk, params);
    params.insert(params.end(), after.begin(), after.end());
    ASSIGN_OR_RETURN(int64_t n, c.Execute(absl::StrCat(statement, "(", in, ")"), params));
    changed += n;
  }
  return changed;
}

ReminderRow NewRow(const PlannedReminder& p, absl::Time now) {
  ReminderRow x;
  x.period_id = p.period_id;
  x.instansi_code = p.instansi_code;
  x.kind = p.kind;
  x.offset = p.offset;
  x.deadline = p.deadline;
  x.due_time = p.due_time;
  x.state = v1::Reminder::PENDING;
  x.reference = p.reference;
  x.payload = "{}";
  x.next_attempt = p.due_time;
  x.create_time = now;
  return x;
}

}  // namespace

// ---- Planning ----------------------------------------------------------------------

absl::StatusOr<std::vector<PeriodFacts>> ReminderStore::ListPlannablePeriods(Conn& c,
                                                                             absl::Time since) {
  ASSIGN_OR_RETURN(
      std::vector<Row> rows,
      c.Query(absl::StrCat("SELECT ", kPeriodColumns,
                           ", (SELECT MAX(e.deadline_us) FROM extensions e"
                           " WHERE e.period_id = periods.id)"
                           " FROM periods WHERE close_time_us IS NULL OR close_time_us > ?"
                           " ORDER BY id"),
              {Micros(since)}));
  std::vector<PeriodFacts> out;
  for (const Row& r : rows) {
    PeriodFacts p = PeriodFrom(r);
    absl::Time latest = p.plan.deadline;
    if (!r.IsNull(8)) latest = std::max(latest, TimeOf(r, 8));
    if (latest > since) out.push_back(std::move(p));
  }
  return out;
}

absl::StatusOr<std::optional<PeriodFacts>> ReminderStore::ReadPeriod(Conn& c, int64_t period_id,
                                                                     bool for_update) {
  const char* lock = for_update && c.dialect() == Dialect::kMysql ? " FOR UPDATE" : "";
  ASSIGN_OR_RETURN(std::vector<Row> rows,
                   c.Query(absl::StrCat("SELECT ", kPeriodColumns, " FROM periods WHERE id = ?",
                                        lock),
                           {period_id}));
  if (rows.empty()) return std::nullopt;
  return PeriodFrom(rows[0]);
}

absl::StatusOr<ExtensionDeadlines> ReminderStore::Extensions(Conn& c, int64_t period_id) {
  ASSIGN_OR_RETURN(std::vector<Row> rows,
                   c.Query("SELECT instansi_code, deadline_us FROM extensions"
                           " WHERE period_id = ?",
                           {period_id}));
  ExtensionDeadlines out;
  for (const Row& r : rows) out[r.Str(0)] = TimeOf(r, 1);
  return out;
}

absl::StatusOr<std::map<std::string, std::string>> ReminderStore::ExtensionZones(
    Conn& c, int64_t period_id) {
  ASSIGN_OR_RETURN(std::vector<Row> rows,
                   c.Query("SELECT instansi_code, deadline_zone FROM extensions"
                           " WHERE period_id = ?",
                           {period_id}));
  std::map<std::string, std::string> out;
  for (const Row& r : rows) out[r.Str(0)] = r.Str(1);
  return out;
}

absl::StatusOr<std::map<int64_t, std::string>> ReminderStore::ExtensionFingerprints(Conn& c) {
  ASSIGN_OR_RETURN(std::vector<Row> rows,
                   c.Query("SELECT period_id, COUNT(*), MAX(grant_time_us)"
                           " FROM extensions GROUP BY period_id"));
  std::map<int64_t, std::string> out;
  for (const Row& r : rows) {
    out[r.Int(0)] = absl::StrCat(r.Int(1), "/", r.Int(2));
  }
  return out;
}

absl::StatusOr<int64_t> ReminderStore::InsertPlanned(Conn& c,
                                                     const std::vector<PlannedReminder>& plan,
                                                     absl::Time now) {
  int64_t inserted = 0;
  for (size_t start = 0; start < plan.size(); start += kInsertChunk) {
    const size_t n = std::min(kInsertChunk, plan.size() - start);
    std::vector<Value> params;
    params.reserve(n * kInsertColumnCount);
    for (size_t i = start; i < start + n; ++i) AppendInsertParams(NewRow(plan[i], now), params);
    ASSIGN_OR_RETURN(int64_t changed,
                     c.Execute(absl::StrCat("INSERT INTO reminders (", kInsertColumns,
                                            ") VALUES ",
                                            storage::RowPlaceholders(n, kInsertColumnCount),
                                            IgnoreDuplicateClause(c.dialect())),
                               params));
    inserted += changed;
  }
  return inserted;
}

absl::StatusOr<int64_t> ReminderStore::Revive(Conn& c, int64_t period_id,
                                              const std::vector<PlannedReminder>& plan,
                                              absl::Time now) {
  // Only what superseding skipped: a row skipped for its own reasons (proposal
  // submitted, deadline passed, a later reminder due) stays skipped.
  ASSIGN_OR_RETURN(std::vector<Row> rows,
                   c.Query("SELECT id, reference FROM reminders WHERE period_id = ?"
                           " AND state = ? AND detail IN ('deadline moved', 'offsets changed')",
                           {period_id, kSkipped}));
  if (rows.empty()) return 0;
  std::set<std::string> planned;
  for (const PlannedReminder& p : plan) planned.insert(p.reference);
  std::vector<int64_t> ids;
  for (const Row& r : rows) {
    if (planned.count(r.Str(1)) > 0) ids.push_back(r.Int(0));
  }
  return UpdateIds(c,
                   "UPDATE reminders SET state = ?, detail = '', last_error = '',"
                   " next_attempt_us = due_time_us, lease_owner = '', lease_until_us = 0"
                   " WHERE state = ? AND id IN ",
                   {kPending, kSkipped}, ids, {});
}

absl::StatusOr<int64_t> ReminderStore::Supersede(Conn& c, int64_t period_id,
                                                 const std::vector<PlannedReminder>& plan,
                                                 bool closed, absl::Time now) {
  ASSIGN_OR_RETURN(std::vector<Row> rows,
                   c.Query("SELECT id, instansi_code, deadline_us, reference FROM reminders"
                           " WHERE period_id = ? AND state = ? AND kind IN (?, ?)"
                           " AND lease_until_us <= ?",
                           {period_id, kPending, int64_t{v1::Reminder::DEADLINE_REMINDER},
                            int64_t{v1::Reminder::DEADLINE_MISSED}, Micros(now)}));
  std::set<std::string> planned;
  absl::flat_hash_map<std::string, absl::Time> deadline_of;
  for (const PlannedReminder& p : plan) {
    planned.insert(p.reference);
    deadline_of[p.instansi_code] = p.deadline;
  }
  std::map<std::string, std::vector<int64_t>> by_detail;
  for (const Row& r : rows) {
    if (closed) {
      by_detail["period closed"].push_back(r.Int(0));
      continue;
    }
    if (planned.count(r.Str(3)) > 0) continue;
    auto it = deadline_of.find(r.Str(1));
    if (it == deadline_of.end()) continue;  // an instansi this plan did not cover
    by_detail[it->second == TimeOf(r, 2) ? "offsets changed" : "deadline moved"].push_back(
        r.Int(0));
  }
  int64_t superseded = 0;
  for (const auto& [detail, ids] : by_detail) {
    ASSIGN_OR_RETURN(int64_t n,
                     UpdateIds(c,
                               "UPDATE reminders SET state = ?, detail = ?, lease_owner = '',"
                               " lease_until_us = 0 WHERE state = ? AND lease_until_us <= ?"
                               " AND id IN ",
                               {kSkipped, detail, kPending, Micros(now)}, ids, {}));
    superseded += n;
  }
  return superseded;
}

absl::StatusOr<int64_t> ReminderStore::SupersedeStale(Conn& c, const PeriodFacts& period,
                                                      const ExtensionDeadlines& extensions,
                                                      absl::Time now) {
  ASSIGN_OR_RETURN(std::vector<Row> rows,
                   c.Query("SELECT id, instansi_code, deadline_us, kind FROM reminders"
                           " WHERE period_id = ? AND state = ? AND kind IN (?, ?)"
                           " AND lease_until_us <= ?",
                           {period.plan.id, kPending, int64_t{v1::Reminder::DEADLINE_REMINDER},
                            int64_t{v1::Reminder::DEADLINE_MISSED}, Micros(now)}));
  std::map<std::string, std::vector<int64_t>> by_detail;
  for (const Row& r : rows) {
    const absl::Time deadline = TimeOf(r, 2);
    const bool missed = r.Int(3) == v1::Reminder::DEADLINE_MISSED;
    if (period.close_time && (!missed || *period.close_time < deadline)) {
      by_detail["period closed"].push_back(r.Int(0));
    } else if (deadline != EffectiveDeadline(period.plan, extensions, r.Str(1))) {
      by_detail["deadline moved"].push_back(r.Int(0));
    }
  }
  int64_t superseded = 0;
  for (const auto& [detail, ids] : by_detail) {
    ASSIGN_OR_RETURN(int64_t n,
                     UpdateIds(c,
                               "UPDATE reminders SET state = ?, detail = ?, lease_owner = '',"
                               " lease_until_us = 0 WHERE state = ? AND lease_until_us <= ?"
                               " AND id IN ",
                               {kSkipped, detail, kPending, Micros(now)}, ids, {}));
    superseded += n;
  }
  return superseded;
}

// ---- Sending -----------------------------------------------------------------------

absl::StatusOr<std::vector<ReminderRow>> ReminderStore::Claim(Conn& c, absl::Time now,
                                                              absl::Time lease_until,
                                                              const std::string& owner,
                                                              int limit) {
  const char* lock = c.dialect() == Dialect::kMysql ? " FOR UPDATE SKIP LOCKED" : "";
  ASSIGN_OR_RETURN(std::vector<Row> rows,
                   c.Query(absl::StrCat("SELECT ", kColumns,
                                        " FROM reminders WHERE state = ? AND next_attempt_us <= ?"
                                        " ORDER BY next_attempt_us, id LIMIT ?",
                                        lock),
                           {kPending, Micros(now), int64_t{limit}}));
  std::vector<ReminderRow> claimed = RowsFrom(rows);
  if (claimed.empty()) return claimed;
  std::vector<int64_t> ids;
  for (ReminderRow& x : claimed) {
    ids.push_back(x.id);
    x.attempts += 1;
    x.lease_owner = owner;
    x.lease_until = lease_until;
    x.next_attempt = lease_until;
  }
  RETURN_IF_ERROR(UpdateIds(c,
                            "UPDATE reminders SET lease_owner = ?, lease_until_us = ?,"
                            " next_attempt_us = ?, attempts = attempts + 1 WHERE id IN ",
                            {owner, Micros(lease_until), Micros(lease_until)}, ids, {})
                      .status());
  return claimed;
}

absl::StatusOr<std::map<std::string, ProposalState>> ReminderStore::ProposalStates(
    Conn& c, int64_t period_id, const std::vector<std::string>& codes) {
  std::map<std::string, ProposalState> out;
  for (size_t start = 0; start < codes.size(); start += kIdChunk) {
    const size_t n = std::min(kIdChunk, codes.size() - start);
    std::vector<Value> params = {period_id};
    for (size_t i = start; i < start + n; ++i) params.push_back(codes[i]);
    ASSIGN_OR_RETURN(std::vector<Row> rows,
                     c.Query(absl::StrCat("SELECT instansi_code, state FROM proposals"
                                          " WHERE period_id = ? AND instansi_code IN (",
                                          storage::Placeholders(n), ")"),
                             params));
    for (const Row& r : rows) out[r.Str(0)] = static_cast<ProposalState>(r.Int(1));
  }
  return out;
}

absl::StatusOr<int64_t> ReminderStore::RecordOutcomes(Conn& c, const std::string& owner,
                                                      const std::vector<ReminderOutcome>& outcomes,
                                                      absl::Time now) {
  // Sends share every value but the id: one statement for all of them.
  std::vector<int64_t> sent;
  int64_t written = 0;
  for (const ReminderOutcome& o : outcomes) {
    if (o.state == v1::Reminder::SENT && o.detail.empty()) {
      sent.push_back(o.id);
      continue;
    }
    if (o.state == v1::Reminder::SENT) {
      // Sent to some recipients; the detail says which were refused.
      ASSIGN_OR_RETURN(int64_t n,
                       c.Execute("UPDATE reminders SET state = ?, detail = ?, last_error = '',"
                                 " sent_time_us = ?, next_attempt_us = ?, lease_owner = '',"
                                 " lease_until_us = 0 WHERE id = ? AND lease_owner = ?"
                                 " AND state = ?",
                                 {int64_t{v1::Reminder::SENT}, Fitted(o.detail, 500),
                                  Micros(now), Micros(now), o.id, owner, kPending}));
      written += n;
      continue;
    }
    const absl::Time next = o.state == v1::Reminder::PENDING ? o.next_attempt : now;
    ASSIGN_OR_RETURN(int64_t n,
                     c.Execute("UPDATE reminders SET state = ?, detail = ?, last_error = ?,"
                               " next_attempt_us = ?, lease_owner = '', lease_until_us = 0"
                               " WHERE id = ? AND lease_owner = ? AND state = ?",
                               {int64_t{o.state}, Fitted(o.detail, 500),
                                Fitted(o.last_error, 1000), Micros(next), o.id, owner,
                                kPending}));
    written += n;
  }
  ASSIGN_OR_RETURN(int64_t n,
                   UpdateIds(c,
                             "UPDATE reminders SET state = ?, last_error = '', sent_time_us = ?,"
                             " next_attempt_us = ?, lease_owner = '', lease_until_us = 0"
                             " WHERE lease_owner = ? AND state = ? AND id IN ",
                             {int64_t{v1::Reminder::SENT}, Micros(now), Micros(now), owner,
                              kPending},
                             sent, {}));
  return written + n;
}

// ---- Reading -----------------------------------------------------------------------

absl::StatusOr<std::vector<ReminderRow>> ReminderStore::List(Conn& c, const ReminderFilter& f,
                                                             int64_t after_id, int limit) {
  std::string sql = absl::StrCat("SELECT ", kColumns, " FROM reminders WHERE period_id = ?");
  std::vector<Value> params = {f.period_id};
  if (!f.instansi_code.empty()) {
    absl::StrAppend(&sql, " AND instansi_code = ?");
    params.push_back(f.instansi_code);
  }
  if (f.state != v1::Reminder::STATE_UNSPECIFIED) {
    absl::StrAppend(&sql, " AND state = ?");
    params.push_back(int64_t{f.state});
  }
  absl::StrAppend(&sql, " AND id > ? ORDER BY id LIMIT ?");
  params.push_back(after_id);
  params.push_back(int64_t{limit});
  ASSIGN_OR_RETURN(std::vector<Row> rows, c.Query(sql, params));
  return RowsFrom(rows);
}

absl::StatusOr<bool> ReminderStore::PeriodExists(Conn& c, int64_t period_id) {
  ASSIGN_OR_RETURN(std::vector<Row> rows,
                   c.Query("SELECT id FROM periods WHERE id = ?", {period_id}));
  return !rows.empty();
}

}  // namespace penataan::formasi
