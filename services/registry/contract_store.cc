#include "services/registry/contract_store.h"

#include <algorithm>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/status_macros.h"

namespace penataan::registry {
namespace {

using storage::Dialect;
using storage::Null;
using storage::Row;
using storage::Value;

// ---- Queries -------------------------------------------------------------------

// The order ContractFromRow reads; `c` is the contracts table's alias.
constexpr char kContractColumns[] =
    "c.id, c.honorer_id, c.instansi_code, c.sk_number, c.start_date, c.end_date, c.signed_by,"
    " c.signed_date, c.expiry, c.status_before, c.renewal_id, c.created_by, c.create_time_us,"
    " c.update_time_us";
constexpr size_t kContractColumnCount = 14;
constexpr char kContractInsert[] =
    "INSERT INTO contracts (honorer_id, instansi_code, sk_number, start_date, end_date,"
    " signed_by, signed_date, expiry, status_before, renewal_id, created_by, create_time_us,"
    " update_time_us) VALUES ";
constexpr size_t kContractInsertColumnCount = 13;
// The periods of honorers just registered, from their rows (contract_start/end),
// found by id from the batch's first on (the primary key or honorers_instansi);
// created_by and create_time_us tell them from other transactions' new honorers.
constexpr char kPeriodsOfNewHonorers[] =
    "INSERT INTO contracts (honorer_id, instansi_code, sk_number, start_date, end_date,"
    " signed_by, signed_date, expiry, status_before, renewal_id, created_by, create_time_us,"
    " update_time_us)"
    " SELECT id, instansi_code, ?, contract_start, contract_end, ?, ?, ?, ?, '', created_by,"
    " create_time_us, create_time_us FROM honorers"
    " WHERE instansi_code = ? AND id >= ? AND created_by = ? AND create_time_us = ?"
    " AND contract_start IS NOT NULL AND contract_end IS NOT NULL";

constexpr char kReviewColumns[] =
    "honorer_id, year, instansi_code, outcome, reviewer, note, updated_by, update_time_us";
constexpr size_t kReviewColumnCount = 8;

constexpr char kPolicyRow[] =
    "SELECT expiry_notice_days, version, updated_by, update_time_us FROM contract_policies"
    " WHERE instansi_code = ?";
constexpr char kCrucialUnits[] =
    "SELECT unit_kerja, prefix, reason FROM crucial_units WHERE instansi_code = ?"
    " ORDER BY ordinal";
constexpr char kLockInstansi[] = "SELECT code FROM instansi WHERE code = ?";
constexpr char kInsertPolicy[] =
    "INSERT INTO contract_policies (instansi_code, expiry_notice_days, version, updated_by,"
    " update_time_us) VALUES (?, ?, ?, ?, ?)";
constexpr char kUpdatePolicy[] =
    "UPDATE contract_policies SET expiry_notice_days = ?, version = ?, updated_by = ?,"
    " update_time_us = ? WHERE instansi_code = ? AND version = ?";
constexpr char kDeleteUnits[] = "DELETE FROM crucial_units WHERE instansi_code = ?";

constexpr char kRenewalColumns[] =
    "SELECT instansi_code, request_id, principal, fingerprint, state, lease_until_us, response"
    " FROM contract_renewals WHERE instansi_code = ? AND request_id = ?";
constexpr char kInsertRenewal[] =
    "INSERT INTO contract_renewals (instansi_code, request_id, principal, fingerprint, state,"
    " lease_until_us, response, create_time_us, update_time_us) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr char kUpdateRenewal[] =
    "UPDATE contract_renewals SET state = ?, lease_until_us = ?, response = ?, update_time_us = ?"
    " WHERE instansi_code = ? AND request_id = ? AND lease_until_us = ?";

// The current contract is the honorer's latest period, the one its row mirrors.
// The review joined is that of the contract's start year.
constexpr char kExpiringFrom[] =
    " FROM contracts c JOIN honorers h ON h.id = c.honorer_id AND h.contract_start = c.start_date"
    " LEFT JOIN performance_reviews r ON r.honorer_id = c.honorer_id"
    " AND r.year = SUBSTR(c.start_date, 1, 4) + 0"
    " WHERE c.instansi_code = ? AND h.instansi_code = ? AND c.end_date <= ?";

constexpr size_t kChunk = 1000;

int64_t Micros(absl::Time t) { return absl::ToUnixMicros(t); }

Value DateValue(const std::optional<absl::CivilDay>& d) {
  return d ? Value(FormatIsoDate(*d)) : Null();
}

absl::CivilDay DayFrom(const Row& r, size_t i) {
  return ParseIsoDate(r.Str(i)).value_or(absl::CivilDay());
}

const char* ForUpdate(Dialect dialect) {
  return dialect == Dialect::kMysql ? " FOR UPDATE" : "";
}

Contract ContractFromRow(const Row& r) {
  Contract c;
  c.id = r.Int(0);
  c.honorer_id = r.Int(1);
  c.instansi_code = r.Str(2);
  c.sk_number = r.Str(3);
  c.start_date = DayFrom(r, 4);
  c.end_date = DayFrom(r, 5);
  c.signed_by = r.Str(6);
  if (!r.IsNull(7)) c.signed_date = ParseIsoDate(r.Str(7));
  c.expiry = static_cast<ContractExpiry>(r.Int(8));
  c.status_before = static_cast<HonorerStatus>(r.Int(9));
  c.renewal_id = r.Str(10);
  c.created_by = r.Str(11);
  c.create_time = absl::FromUnixMicros(r.Int(12));
  c.update_time = absl::FromUnixMicros(r.Int(13));
  return c;
}

PerformanceReview ReviewFromRow(const Row& r) {
  PerformanceReview v;
  v.honorer_id = r.Int(0);
  v.year = static_cast<int>(r.Int(1));
  v.instansi_code = r.Str(2);
  v.outcome = static_cast<ReviewOutcome>(r.Int(3));
  v.reviewer = r.Str(4);
  v.note = r.Str(5);
  v.updated_by = r.Str(6);
  v.update_time = absl::FromUnixMicros(r.Int(7));
  return v;
}

void AppendContractValues(const Contract& k, std::vector<Value>& out, absl::Time update_time) {
  out.insert(out.end(),
             {k.honorer_id, k.instansi_code, k.sk_number, FormatIsoDate(k.start_date),
              FormatIsoDate(k.end_date), k.signed_by, DateValue(k.signed_date),
              int64_t{k.expiry}, int64_t{k.status_before}, k.renewal_id, k.created_by,
              Micros(k.create_time), Micros(update_time)});
}

// The one place the backends' upsert syntax differs for periods: the end date
// always, an SK field only when given.
std::string ContractUpsertClause(Dialect dialect) {
  if (dialect == Dialect::kSqlite) {
    return " ON CONFLICT (honorer_id, start_date) DO UPDATE SET end_date = excluded.end_date,"
           " sk_number = CASE WHEN excluded.sk_number = '' THEN contracts.sk_number"
           " ELSE excluded.sk_number END,"
           " signed_by = CASE WHEN excluded.signed_by = '' THEN contracts.signed_by"
           " ELSE excluded.signed_by END,"
           " signed_date = COALESCE(excluded.signed_date, contracts.signed_date),"
           " update_time_us = excluded.update_time_us";
  }
  return " ON DUPLICATE KEY UPDATE end_date = VALUES(end_date),"
         " sk_number = IF(VALUES(sk_number) = '', sk_number, VALUES(sk_number)),"
         " signed_by = IF(VALUES(signed_by) = '', signed_by, VALUES(signed_by)),"
         " signed_date = COALESCE(VALUES(signed_date), signed_date),"
         " update_time_us = VALUES(update_time_us)";
}

std::string ReviewUpsertClause(Dialect dialect) {
  if (dialect == Dialect::kSqlite) {
    return " ON CONFLICT (honorer_id, year) DO UPDATE SET instansi_code = excluded.instansi_code,"
           " outcome = excluded.outcome, reviewer = excluded.reviewer, note = excluded.note,"
           " updated_by = excluded.updated_by, update_time_us = excluded.update_time_us";
  }
  return " ON DUPLICATE KEY UPDATE instansi_code = VALUES(instansi_code),"
         " outcome = VALUES(outcome), reviewer = VALUES(reviewer), note = VALUES(note),"
         " updated_by = VALUES(updated_by), update_time_us = VALUES(update_time_us)";
}

// The window's WHERE terms after kExpiringFrom, and their parameters.
std::string WindowTerms(const ExpiringWindow& w, std::vector<Value>& params) {
  params.insert(params.end(), {w.instansi_code, w.instansi_code, FormatIsoDate(w.until),
                               FormatIsoDate(w.from)});
  if (!w.include_ended) return " AND c.end_date >= ?";
  params.insert(params.end(), {int64_t{v1::Contract::NOT_ENDED}, int64_t{v1::Contract::SENT_HOME},
                               int64_t{v1::Contract::KEPT_AT_WORK}});
  return " AND (c.end_date >= ? OR c.expiry IN (?, ?, ?))";
}

// A running renewal's response column: "<after honorer id>:<base64>".
std::string EncodeProgress(const RenewalRecord& r) {
  if (r.done) return r.response;
  return absl::StrCat(r.after_honorer_id, ":", r.response);
}

void DecodeProgress(const std::string& stored, RenewalRecord& r) {
  if (r.done) {
    r.response = stored;
    return;
  }
  std::pair<std::string, std::string> parts = absl::StrSplit(stored, absl::MaxSplits(':', 1));
  if (!absl::SimpleAtoi(parts.first, &r.after_honorer_id)) r.after_honorer_id = 0;
  r.response = parts.second;
}

// Runs `sql_head` + "(?, …)" + `sql_tail` over `ids` in chunks.
template <typename F>
absl::Status ForChunks(const std::vector<int64_t>& ids, F&& body) {
  for (size_t start = 0; start < ids.size(); start += kChunk) {
    const size_t n = std::min(kChunk, ids.size() - start);
    std::vector<Value> chunk(ids.begin() + start, ids.begin() + start + n);
    RETURN_IF_ERROR(body(chunk));
  }
  return absl::OkStatus();
}

}  // namespace

// ---- Periods -------------------------------------------------------------------

absl::Status ContractStore::InsertContracts(Conn& c, const std::vector<Contract>& contracts) {
  for (size_t start = 0; start < contracts.size(); start += kChunk) {
    const size_t n = std::min(kChunk, contracts.size() - start);
    std::vector<Value> params;
    params.reserve(n * kContractInsertColumnCount);
    for (size_t i = start; i < start + n; ++i) {
      AppendContractValues(contracts[i], params, contracts[i].update_time);
    }
    RETURN_IF_ERROR(c.Execute(absl::StrCat(kContractInsert, storage::RowPlaceholders(
                                                                n, kContractInsertColumnCount)),
                              params)
                        .status());
  }
  return absl::OkStatus();
}

absl::StatusOr<int64_t> ContractStore::InsertPeriodsOfNewHonorers(
    Conn& c, const std::string& instansi_code, int64_t first_id, const std::string& created_by,
    absl::Time now, const Contract& sk) {
  return c.Execute(kPeriodsOfNewHonorers,
                   {sk.sk_number, sk.signed_by, DateValue(sk.signed_date),
                    int64_t{v1::Contract::NOT_ENDED}, int64_t{v1::HONORER_STATUS_UNSPECIFIED},
                    instansi_code, first_id, created_by, Micros(now)});
}

absl::Status ContractStore::UpsertContracts(Conn& c, const std::vector<Contract>& contracts,
                                            absl::Time now) {
  for (size_t start = 0; start < contracts.size(); start += kChunk) {
    const size_t n = std::min(kChunk, contracts.size() - start);
    std::vector<Value> params;
    params.reserve(n * kContractInsertColumnCount);
    for (size_t i = start; i < start + n; ++i) AppendContractValues(contracts[i], params, now);
    RETURN_IF_ERROR(c.Execute(absl::StrCat(kContractInsert,
                                           storage::RowPlaceholders(n, kContractInsertColumnCount),
                                           ContractUpsertClause(c.dialect())),
                              params)
                        .status());
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<Contract>> ContractStore::ContractsOf(
    Conn& c, const std::vector<int64_t>& honorer_ids, bool for_update) {
  std::vector<Contract> out;
  RETURN_IF_ERROR(ForChunks(honorer_ids, [&](const std::vector<Value>& ids) -> absl::Status {
    ASSIGN_OR_RETURN(std::vector<Row> rows,
                     c.Query(absl::StrCat("SELECT ", kContractColumns,
                                          " FROM contracts c WHERE c.honorer_id IN (",
                                          storage::Placeholders(ids.size()),
                                          ") ORDER BY c.honorer_id, c.start_date",
                                          for_update ? ForUpdate(c.dialect()) : ""),
                             ids));
    for (const Row& r : rows) out.push_back(ContractFromRow(r));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<std::vector<Contract>> ContractStore::ListContracts(
    Conn& c, int64_t honorer_id, std::optional<absl::CivilDay> before_start, int limit) {
  std::vector<Value> params = {honorer_id};
  std::string where = " WHERE c.honorer_id = ?";
  if (before_start) {
    absl::StrAppend(&where, " AND c.start_date < ?");
    params.push_back(FormatIsoDate(*before_start));
  }
  params.push_back(int64_t{limit});
  ASSIGN_OR_RETURN(std::vector<Row> rows,
                   c.Query(absl::StrCat("SELECT ", kContractColumns, " FROM contracts c", where,
                                        " ORDER BY c.start_date DESC LIMIT ?"),
                           params));
  std::vector<Contract> out;
  for (const Row& r : rows) out.push_back(ContractFromRow(r));
  return out;
}

absl::StatusOr<std::map<int64_t, int64_t>> ContractStore::ContractIdsStarting(
    Conn& c, const std::vector<int64_t>& honorer_ids, absl::CivilDay start) {
  std::map<int64_t, int64_t> out;
  RETURN_IF_ERROR(ForChunks(honorer_ids, [&](const std::vector<Value>& ids) -> absl::Status {
    std::vector<Value> params = {FormatIsoDate(start)};
    params.insert(params.end(), ids.begin(), ids.end());
    ASSIGN_OR_RETURN(std::vector<Row> rows,
                     c.Query(absl::StrCat("SELECT honorer_id, id FROM contracts WHERE"
                                          " start_date = ? AND honorer_id IN (",
                                          storage::Placeholders(ids.size()), ")"),
                             params));
    for (const Row& r : rows) out[r.Int(0)] = r.Int(1);
    return absl::OkStatus();
  }));
  return out;
}

absl::Status ContractStore::MarkRenewed(Conn& c, const std::vector<int64_t>& contract_ids,
                                        absl::Time now) {
  return ForChunks(contract_ids, [&](const std::vector<Value>& ids) -> absl::Status {
    std::vector<Value> params = {int64_t{v1::Contract::RENEWED}, Micros(now),
                                 int64_t{v1::Contract::NOT_ENDED}};
    params.insert(params.end(), ids.begin(), ids.end());
    return c
        .Execute(absl::StrCat("UPDATE contracts SET expiry = ?, update_time_us = ?"
                              " WHERE expiry = ? AND id IN (",
                              storage::Placeholders(ids.size()), ")"),
                 params)
        .status();
  });
}

absl::Status ContractStore::MarkRenewedBefore(Conn& c, const std::vector<int64_t>& honorer_ids,
                                              absl::CivilDay start, absl::Time now) {
  return ForChunks(honorer_ids, [&](const std::vector<Value>& ids) -> absl::Status {
    std::vector<Value> params = {int64_t{v1::Contract::RENEWED}, Micros(now),
                                 int64_t{v1::Contract::NOT_ENDED}, FormatIsoDate(start)};
    params.insert(params.end(), ids.begin(), ids.end());
    return c
        .Execute(absl::StrCat("UPDATE contracts SET expiry = ?, update_time_us = ?"
                              " WHERE expiry = ? AND start_date < ? AND honorer_id IN (",
                              storage::Placeholders(ids.size()), ")"),
                 params)
        .status();
  });
}

absl::Status ContractStore::UpdatePeriodDates(Conn& c, int64_t contract_id, absl::CivilDay start,
                                              absl::CivilDay end, absl::Time now) {
  return c
      .Execute("UPDATE contracts SET start_date = ?, end_date = ?, update_time_us = ?"
               " WHERE id = ?",
               {FormatIsoDate(start), FormatIsoDate(end), Micros(now), contract_id})
      .status();
}

absl::Status ContractStore::SetCurrentPeriod(Conn& c, const std::vector<int64_t>& honorer_ids,
                                             absl::CivilDay start, absl::CivilDay end,
                                             absl::Time now) {
  return ForChunks(honorer_ids, [&](const std::vector<Value>& ids) -> absl::Status {
    std::vector<Value> params = {FormatIsoDate(start), FormatIsoDate(end), Micros(now)};
    params.insert(params.end(), ids.begin(), ids.end());
    return c
        .Execute(absl::StrCat("UPDATE honorers SET contract_start = ?, contract_end = ?,"
                              " working_without_contract = 0, version = version + 1,"
                              " update_time_us = ? WHERE id IN (",
                              storage::Placeholders(ids.size()), ")"),
                 params)
        .status();
  });
}

absl::Status ContractStore::MoveToInstansi(Conn& c, int64_t honorer_id,
                                           const std::string& instansi_code) {
  RETURN_IF_ERROR(c.Execute("UPDATE contracts SET instansi_code = ? WHERE honorer_id = ?",
                            {instansi_code, honorer_id})
                      .status());
  return c
      .Execute("UPDATE performance_reviews SET instansi_code = ? WHERE honorer_id = ?",
               {instansi_code, honorer_id})
      .status();
}

// ---- Expiring ------------------------------------------------------------------

absl::StatusOr<std::vector<ExpiringRow>> ContractStore::ListExpiring(
    Conn& c, const ExpiringWindow& w, std::optional<absl::CivilDay> after_end,
    int64_t after_honorer, int limit) {
  std::vector<Value> params;
  std::string sql = absl::StrCat("SELECT ", kContractColumns,
                                 ", h.full_name, h.unit_kerja, h.status, r.outcome", kExpiringFrom,
                                 WindowTerms(w, params));
  if (after_end) {
    absl::StrAppend(&sql, " AND (c.end_date > ? OR (c.end_date = ? AND c.honorer_id > ?))");
    params.insert(params.end(),
                  {FormatIsoDate(*after_end), FormatIsoDate(*after_end), after_honorer});
  }
  absl::StrAppend(&sql, " ORDER BY c.end_date, c.honorer_id LIMIT ?");
  params.push_back(int64_t{limit});
  ASSIGN_OR_RETURN(std::vector<Row> rows, c.Query(sql, params));
  std::vector<ExpiringRow> out;
  out.reserve(rows.size());
  for (const Row& r : rows) {
    ExpiringRow e;
    e.contract = ContractFromRow(r);
    e.full_name = r.Str(kContractColumnCount);
    e.unit_kerja = r.Str(kContractColumnCount + 1);
    e.status = static_cast<HonorerStatus>(r.Int(kContractColumnCount + 2));
    if (!r.IsNull(kContractColumnCount + 3)) {
      e.review = static_cast<ReviewOutcome>(r.Int(kContractColumnCount + 3));
    }
    out.push_back(std::move(e));
  }
  return out;
}

absl::StatusOr<ExpiringCounts> ContractStore::CountExpiring(Conn& c, const ExpiringWindow& w) {
  std::vector<Value> params;
  const std::string sql = absl::StrCat("SELECT COUNT(*), COUNT(r.honorer_id)", kExpiringFrom,
                                       WindowTerms(w, params));
  ASSIGN_OR_RETURN(std::vector<Row> rows, c.Query(sql, params));
  ExpiringCounts counts;
  counts.total = rows[0].Int(0);
  counts.reviews_missing = counts.total - rows[0].Int(1);
  return counts;
}

// ---- Policy --------------------------------------------------------------------

absl::StatusOr<ContractPolicy> ContractStore::GetPolicy(Conn& c, const std::string& code,
                                                        bool for_update) {
  if (for_update) {
    RETURN_IF_ERROR(
        c.Query(absl::StrCat(kLockInstansi, ForUpdate(c.dialect())), {code}).status());
  }
  ContractPolicy policy;
  policy.instansi_code = code;
  ASSIGN_OR_RETURN(std::vector<Row> rows, c.Query(kPolicyRow, {code}));
  if (rows.empty()) return policy;
  policy.expiry_notice_days = static_cast<int>(rows[0].Int(0));
  policy.version = rows[0].Int(1);
  policy.updated_by = rows[0].Str(2);
  policy.update_time = absl::FromUnixMicros(rows[0].Int(3));
  ASSIGN_OR_RETURN(std::vector<Row> units, c.Query(kCrucialUnits, {code}));
  for (const Row& r : units) {
    policy.crucial_units.push_back(CrucialUnit{r.Str(0), r.Int(1) != 0, r.Str(2)});
  }
  return policy;
}

absl::Status ContractStore::ReplacePolicy(Conn& c, const ContractPolicy& p,
                                          int64_t previous_version) {
  if (previous_version == 0) {
    RETURN_IF_ERROR(c.Execute(kInsertPolicy, {p.instansi_code, int64_t{p.expiry_notice_days},
                                              p.version, p.updated_by, Micros(p.update_time)})
                        .status());
  } else {
    ASSIGN_OR_RETURN(int64_t changed,
                     c.Execute(kUpdatePolicy, {int64_t{p.expiry_notice_days}, p.version,
                                               p.updated_by, Micros(p.update_time),
                                               p.instansi_code, previous_version}));
    if (changed == 0) return storage::RetryableAborted("the policy changed since it was read");
  }
  RETURN_IF_ERROR(c.Execute(kDeleteUnits, {p.instansi_code}).status());
  if (p.crucial_units.empty()) return absl::OkStatus();
  std::vector<Value> params;
  params.reserve(p.crucial_units.size() * 5);
  for (size_t i = 0; i < p.crucial_units.size(); ++i) {
    const CrucialUnit& u = p.crucial_units[i];
    params.insert(params.end(), {p.instansi_code, static_cast<int64_t>(i), u.unit_kerja,
                                 int64_t{u.prefix ? 1 : 0}, u.reason});
  }
  return c
      .Execute(absl::StrCat("INSERT INTO crucial_units (instansi_code, ordinal, unit_kerja,"
                            " prefix, reason) VALUES ",
                            storage::RowPlaceholders(p.crucial_units.size(), 5)),
               params)
      .status();
}

// ---- Reviews -------------------------------------------------------------------

absl::StatusOr<std::vector<PerformanceReview>> ContractStore::ReviewsOf(
    Conn& c, const std::vector<int64_t>& honorer_ids) {
  std::vector<PerformanceReview> out;
  RETURN_IF_ERROR(ForChunks(honorer_ids, [&](const std::vector<Value>& ids) -> absl::Status {
    ASSIGN_OR_RETURN(std::vector<Row> rows,
                     c.Query(absl::StrCat("SELECT ", kReviewColumns,
                                          " FROM performance_reviews WHERE honorer_id IN (",
                                          storage::Placeholders(ids.size()), ")"),
                             ids));
    for (const Row& r : rows) out.push_back(ReviewFromRow(r));
    return absl::OkStatus();
  }));
  return out;
}

absl::Status ContractStore::UpsertReviews(Conn& c, const std::vector<PerformanceReview>& reviews) {
  for (size_t start = 0; start < reviews.size(); start += kChunk) {
    const size_t n = std::min(kChunk, reviews.size() - start);
    std::vector<Value> params;
    params.reserve(n * kReviewColumnCount);
    for (size_t i = start; i < start + n; ++i) {
      const PerformanceReview& v = reviews[i];
      params.insert(params.end(), {v.honorer_id, int64_t{v.year}, v.instansi_code,
                                   int64_t{v.outcome}, v.reviewer, v.note, v.updated_by,
                                   Micros(v.update_time)});
    }
    RETURN_IF_ERROR(
        c.Execute(absl::StrCat("INSERT INTO performance_reviews (", kReviewColumns, ") VALUES ",
                               storage::RowPlaceholders(n, kReviewColumnCount),
                               ReviewUpsertClause(c.dialect())),
                  params)
            .status());
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<PerformanceReview>> ContractStore::ListReviews(
    Conn& c, const std::string& code, int year, ReviewOutcome outcome, int64_t after_honorer,
    int limit) {
  std::vector<Value> params = {code, int64_t{year}, after_honorer};
  std::string where = " WHERE instansi_code = ? AND year = ? AND honorer_id > ?";
  if (outcome != v1::REVIEW_OUTCOME_UNSPECIFIED) {
    absl::StrAppend(&where, " AND outcome = ?");
    params.push_back(int64_t{outcome});
  }
  params.push_back(int64_t{limit});
  ASSIGN_OR_RETURN(std::vector<Row> rows,
                   c.Query(absl::StrCat("SELECT ", kReviewColumns, " FROM performance_reviews",
                                        where, " ORDER BY honorer_id LIMIT ?"),
                           params));
  std::vector<PerformanceReview> out;
  for (const Row& r : rows) out.push_back(ReviewFromRow(r));
  return out;
}

// ---- Renewals ------------------------------------------------------------------

absl::StatusOr<std::optional<RenewalRecord>> ContractStore::GetRenewal(
    Conn& c, const std::string& code, const std::string& request_id, bool for_update) {
  ASSIGN_OR_RETURN(std::vector<Row> rows,
                   c.Query(absl::StrCat(kRenewalColumns, for_update ? ForUpdate(c.dialect()) : ""),
                           {code, request_id}));
  if (rows.empty()) return std::nullopt;
  const Row& r = rows[0];
  RenewalRecord rec;
  rec.instansi_code = r.Str(0);
  rec.request_id = r.Str(1);
  rec.principal = r.Str(2);
  rec.fingerprint = r.Str(3);
  rec.done = r.Int(4) == 1;
  rec.lease_until_us = r.Int(5);
  DecodeProgress(r.IsNull(6) ? "" : r.Str(6), rec);
  return rec;
}

absl::Status ContractStore::InsertRenewal(Conn& c, const RenewalRecord& r, absl::Time now) {
  return c
      .Execute(kInsertRenewal, {r.instansi_code, r.request_id, r.principal, r.fingerprint,
                                int64_t{r.done ? 1 : 0}, r.lease_until_us, EncodeProgress(r),
                                Micros(now), Micros(now)})
      .status();
}

absl::Status ContractStore::UpdateRenewal(Conn& c, const RenewalRecord& r, int64_t held_lease_us,
                                          absl::Time now) {
  // The affected-row count cannot tell a lost lease here: MySQL counts changed rows
  // only, and a write of the same values changes none. Callers read the row under
  // lock first; the condition on the lease keeps a stale holder's write out.
  return c
      .Execute(kUpdateRenewal, {int64_t{r.done ? 1 : 0}, r.lease_until_us, EncodeProgress(r),
                                Micros(now), r.instansi_code, r.request_id, held_lease_us})
      .status();
}

}  // namespace penataan::registry
