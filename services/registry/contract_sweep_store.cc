#include "services/registry/contract_sweep_store.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "services/registry/contract_expiry.h"

namespace penataan::registry {
namespace {

using storage::Dialect;
using storage::Row;
using storage::Value;

constexpr size_t kIdChunk = 500;
constexpr int64_t kNotEnded = v1::Contract::NOT_ENDED;

int64_t Micros(absl::Time t) { return absl::ToUnixMicros(t); }

// A contract with its honorer, only while it is the honorer's current period (the
// one Honorer.contract_start shows). An older period left NOT_ENDED by any writer
// (an import of last year's SK after this year's, a renewal whose SK starts before
// the current one) is never the expiry's business: acting on it would send home a
// worker whose current SK runs.
constexpr char kCurrentContracts[] =
    " FROM contracts c JOIN honorers h ON h.id = c.honorer_id"
    " AND h.contract_start = c.start_date";

// "h.status IN (?, ?, ?)" and its parameters: the statuses contract_expiry.h
// counts as working on an SK.
std::string WorkingStatusTerm(std::vector<Value>& params) {
  for (HonorerStatus s : kWorkingStatuses) params.push_back(int64_t{s});
  return absl::StrCat(" AND h.status IN (", storage::Placeholders(kWorkingStatuses.size()), ")");
}

// The review of a contract's year (the year its SK started), when there is one.
std::string ReviewJoin(const storage::Connection& c) {
  return absl::StrCat(" LEFT JOIN performance_reviews r ON r.honorer_id = c.honorer_id"
                      " AND r.year = CAST(SUBSTR(c.start_date, 1, 4) AS ",
                      c.dialect() == Dialect::kMysql ? "SIGNED" : "INTEGER", ")");
}

const char* LockClause(const storage::Connection& c) {
  return c.dialect() == Dialect::kMysql ? " FOR UPDATE" : "";
}

absl::CivilDay DayOf(const Row& r, size_t i) {
  return ParseIsoDate(r.Str(i)).value_or(absl::CivilDay(1970, 1, 1));
}

// Runs `statement` (ending in "id IN ") for `ids` in chunks; returns the rows changed.
absl::StatusOr<int64_t> UpdateIds(storage::Connection& c, const std::string& statement,
                                  const std::vector<Value>& before,
                                  const std::vector<int64_t>& ids) {
  int64_t changed = 0;
  for (size_t start = 0; start < ids.size(); start += kIdChunk) {
    const size_t end = std::min(ids.size(), start + kIdChunk);
    std::vector<Value> params = before;
    for (size_t i = start; i < end; ++i) params.push_back(ids[i]);
    ASSIGN_OR_RETURN(int64_t n, c.Execute(absl::StrCat(statement, "(",
                                                       storage::Placeholders(end - start), ")"),
                                          params));
    changed += n;
  }
  return changed;
}

}  // namespace

// ---- The per-instansi lease --------------------------------------------------------

absl::StatusOr<std::map<std::string, SweepState>> ContractSweepStore::List(Conn& c) {
  ASSIGN_OR_RETURN(std::vector<Row> rows,
                   c.Query("SELECT instansi_code, owner, lease_until_us, swept_day,"
                           " update_time_us FROM contract_sweeps"));
  std::map<std::string, SweepState> out;
  for (const Row& r : rows) {
    out[r.Str(0)] = {r.Str(1), absl::FromUnixMicros(r.Int(2)), r.Str(3),
                     absl::FromUnixMicros(r.Int(4))};
  }
  return out;
}

bool ContractSweepStore::Due(const SweepState& s, absl::CivilDay today, absl::Time now,
                             absl::Time resweep_before) {
  if (s.lease_until > now) return false;
  return s.swept_day < FormatIsoDate(today) || s.update_time <= resweep_before;
}

absl::StatusOr<bool> ContractSweepStore::Claim(Conn& c, const std::string& instansi_code,
                                               const std::string& owner, absl::CivilDay today,
                                               absl::Time now, absl::Time resweep_before,
                                               absl::Time lease_until) {
  ASSIGN_OR_RETURN(std::vector<Row> rows,
                   c.Query(absl::StrCat("SELECT owner, lease_until_us, swept_day, update_time_us"
                                        " FROM contract_sweeps WHERE instansi_code = ?",
                                        LockClause(c)),
                           {instansi_code}));
  if (rows.empty()) {
    // Another replica inserting the same first row at once: one insert wins, the
    // other changes nothing and leaves the sweep to the winner.
    ASSIGN_OR_RETURN(int64_t inserted,
                     c.Execute(absl::StrCat(storage::InsertIgnoreInto(c.dialect()),
                                            " contract_sweeps (instansi_code, owner,"
                                            " lease_until_us, swept_day, update_time_us)"
                                            " VALUES (?, ?, ?, '', 0)"),
                               {instansi_code, owner, Micros(lease_until)}));
    return inserted == 1;
  }
  const SweepState state{rows[0].Str(0), absl::FromUnixMicros(rows[0].Int(1)), rows[0].Str(2),
                         absl::FromUnixMicros(rows[0].Int(3))};
  if (!Due(state, today, now, resweep_before)) return false;
  RETURN_IF_ERROR(c.Execute("UPDATE contract_sweeps SET owner = ?, lease_until_us = ?"
                            " WHERE instansi_code = ?",
                            {owner, Micros(lease_until), instansi_code})
                      .status());
  return true;
}

absl::StatusOr<bool> ContractSweepStore::Renew(Conn& c, const std::string& instansi_code,
                                               const std::string& owner, absl::Time now,
                                               absl::Time lease_until) {
  ASSIGN_OR_RETURN(std::vector<Row> rows,
                   c.Query(absl::StrCat("SELECT owner, lease_until_us FROM contract_sweeps"
                                        " WHERE instansi_code = ?",
                                        LockClause(c)),
                           {instansi_code}));
  if (rows.empty() || rows[0].Str(0) != owner || rows[0].Int(1) <= Micros(now)) return false;
  RETURN_IF_ERROR(c.Execute("UPDATE contract_sweeps SET lease_until_us = ?"
                            " WHERE instansi_code = ?",
                            {Micros(lease_until), instansi_code})
                      .status());
  return true;
}

absl::Status ContractSweepStore::Finish(Conn& c, const std::string& instansi_code,
                                        const std::string& owner, absl::CivilDay today,
                                        absl::Time now) {
  return c
      .Execute("UPDATE contract_sweeps SET owner = '', lease_until_us = 0, swept_day = ?,"
               " update_time_us = ? WHERE instansi_code = ? AND owner = ?",
               {FormatIsoDate(today), Micros(now), instansi_code, owner})
      .status();
}

absl::Status ContractSweepStore::Release(Conn& c, const std::string& instansi_code,
                                         const std::string& owner) {
  return c
      .Execute("UPDATE contract_sweeps SET owner = '', lease_until_us = 0"
               " WHERE instansi_code = ? AND owner = ?",
               {instansi_code, owner})
      .status();
}

// ---- Reads -------------------------------------------------------------------------

absl::StatusOr<std::vector<EndingGroup>> ContractSweepStore::Ending(
    Conn& c, const std::string& instansi_code, absl::CivilDay from, absl::CivilDay to) {
  ASSIGN_OR_RETURN(
      std::vector<Row> rows,
      c.Query(absl::StrCat("SELECT c.end_date, h.unit_kerja, h.status, COUNT(*),"
                           " SUM(CASE WHEN r.honorer_id IS NULL THEN 1 ELSE 0 END)",
                           kCurrentContracts, ReviewJoin(c),
                           " WHERE c.instansi_code = ? AND c.expiry = ? AND c.end_date >= ?"
                           " AND c.end_date <= ? GROUP BY c.end_date, h.unit_kerja, h.status"
                           " ORDER BY c.end_date, h.unit_kerja, h.status"),
              {instansi_code, kNotEnded, FormatIsoDate(from), FormatIsoDate(to)}));
  std::vector<EndingGroup> out;
  out.reserve(rows.size());
  for (const Row& r : rows) {
    out.push_back({DayOf(r, 0), r.Str(1), static_cast<HonorerStatus>(r.Int(2)), r.Int(3),
                   r.Int(4)});
  }
  return out;
}

absl::StatusOr<std::vector<EndingContract>> ContractSweepStore::EndingList(
    Conn& c, const std::string& instansi_code, absl::CivilDay end_date, bool review_missing,
    int limit) {
  std::vector<Value> params = {instansi_code, kNotEnded, FormatIsoDate(end_date)};
  const std::string working = WorkingStatusTerm(params);
  params.push_back(int64_t{limit});
  ASSIGN_OR_RETURN(
      std::vector<Row> rows,
      c.Query(absl::StrCat("SELECT h.full_name, h.unit_kerja, c.sk_number, c.end_date",
                           kCurrentContracts, ReviewJoin(c),
                           " WHERE c.instansi_code = ? AND c.expiry = ? AND c.end_date = ?",
                           working, review_missing ? " AND r.honorer_id IS NULL" : "",
                           " ORDER BY h.unit_kerja, h.full_name, c.id LIMIT ?"),
              params));
  std::vector<EndingContract> out;
  out.reserve(rows.size());
  for (const Row& r : rows) out.push_back({r.Str(0), r.Str(1), r.Str(2), DayOf(r, 3)});
  return out;
}

absl::StatusOr<std::vector<EndedContract>> ContractSweepStore::EndedPage(
    Conn& c, const std::string& instansi_code, absl::CivilDay since, absl::CivilDay today,
    int limit) {
  ASSIGN_OR_RETURN(
      std::vector<Row> rows,
      c.Query(absl::StrCat("SELECT c.id, c.honorer_id, c.sk_number, c.end_date, h.status,"
                           " h.unit_kerja, h.full_name,"
                           " CASE WHEN h.contact_email <> '' OR h.contact_whatsapp <> ''"
                           " THEN 1 ELSE 0 END",
                           kCurrentContracts,
                           " WHERE c.instansi_code = ? AND c.expiry = ? AND c.end_date >= ?"
                           " AND c.end_date < ? ORDER BY c.end_date, c.id LIMIT ?",
                           LockClause(c)),
              {instansi_code, kNotEnded, FormatIsoDate(since), FormatIsoDate(today),
               int64_t{limit}}));
  std::vector<EndedContract> out;
  out.reserve(rows.size());
  for (const Row& r : rows) {
    out.push_back({r.Int(0), r.Int(1), r.Str(2), DayOf(r, 3),
                   static_cast<HonorerStatus>(r.Int(4)), r.Str(5), r.Str(6), r.Int(7) != 0});
  }
  return out;
}

absl::StatusOr<int64_t> ContractSweepStore::CountEndedBefore(Conn& c,
                                                             const std::string& instansi_code,
                                                             absl::CivilDay before) {
  std::vector<Value> params = {instansi_code, kNotEnded, FormatIsoDate(before)};
  const std::string working = WorkingStatusTerm(params);
  ASSIGN_OR_RETURN(std::vector<Row> rows,
                   c.Query(absl::StrCat("SELECT COUNT(*)", kCurrentContracts,
                                        " WHERE c.instansi_code = ? AND c.expiry = ?"
                                        " AND c.end_date < ?",
                                        working),
                           params));
  return rows.empty() ? 0 : rows[0].Int(0);
}

absl::StatusOr<std::map<absl::CivilDay, EndedCounts>> ContractSweepStore::CountEnded(
    Conn& c, const std::string& instansi_code, absl::CivilDay since, absl::CivilDay today) {
  // Not restricted to current periods: these are the sweep's own decisions (made
  // only on current periods), and a renewal since then, which makes the period no
  // longer current, does not undo that the worker was sent home.
  ASSIGN_OR_RETURN(
      std::vector<Row> rows,
      c.Query("SELECT c.end_date, c.expiry, COUNT(*),"
              " SUM(CASE WHEN h.contact_email = '' AND h.contact_whatsapp = '' THEN 1 ELSE 0"
              " END) FROM contracts c JOIN honorers h ON h.id = c.honorer_id"
              " WHERE c.instansi_code = ? AND c.expiry IN (?, ?) AND c.end_date >= ?"
              " AND c.end_date < ? GROUP BY c.end_date, c.expiry",
              {instansi_code, int64_t{v1::Contract::SENT_HOME},
               int64_t{v1::Contract::KEPT_AT_WORK}, FormatIsoDate(since),
               FormatIsoDate(today)}));
  std::map<absl::CivilDay, EndedCounts> out;
  for (const Row& r : rows) {
    EndedCounts& counts = out[DayOf(r, 0)];
    (r.Int(1) == v1::Contract::SENT_HOME ? counts.sent_home : counts.kept_at_work) += r.Int(2);
    counts.without_contact += r.Int(3);
  }
  return out;
}

// ---- Writes ------------------------------------------------------------------------

absl::Status ContractSweepStore::SetExpiries(Conn& c, const std::vector<ExpiryWrite>& writes,
                                             absl::Time now) {
  std::map<std::pair<ContractExpiry, HonorerStatus>, std::vector<int64_t>> groups;
  for (const ExpiryWrite& w : writes) groups[{w.expiry, w.status_before}].push_back(w.contract_id);
  for (const auto& [key, ids] : groups) {
    ASSIGN_OR_RETURN(int64_t changed,
                     UpdateIds(c,
                               "UPDATE contracts SET expiry = ?, status_before = ?,"
                               " update_time_us = ? WHERE expiry = ?"
                               " AND EXISTS (SELECT 1 FROM honorers h"
                               " WHERE h.id = contracts.honorer_id"
                               " AND h.contract_start = contracts.start_date) AND id IN ",
                               {int64_t{key.first}, int64_t{key.second}, Micros(now), kNotEnded},
                               ids));
    if (changed != static_cast<int64_t>(ids.size())) {
      return storage::RetryableAborted(
          "a contract's expiry changed, or it stopped being current, since it was read");
    }
  }
  return absl::OkStatus();
}

absl::Status ContractSweepStore::FlagWorkingWithoutContract(
    Conn& c, const std::vector<int64_t>& honorer_ids, absl::Time now) {
  return UpdateIds(c,
                   "UPDATE honorers SET working_without_contract = 1, version = version + 1,"
                   " update_time_us = ? WHERE id IN ",
                   {Micros(now)}, honorer_ids)
      .status();
}

}  // namespace penataan::registry
