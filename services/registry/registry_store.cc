#include "services/registry/registry_store.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status_macros.h"
#include "common/utf8.h"

namespace penataan::registry {
namespace {

using storage::Dialect;
using storage::Null;
using storage::Row;
using storage::Value;

// ---- Queries -------------------------------------------------------------------

constexpr char kInsertInstansi[] =
    "INSERT INTO instansi (code, display_name, level, time_zone, create_time_us)"
    " VALUES (?, ?, ?, ?, ?)";
constexpr char kInstansiColumns[] = "code, display_name, level, time_zone, create_time_us";

// The order FromRow reads.
constexpr char kHonorerColumns[] =
    "id, nik, instansi_code, full_name, birth_date, gender, education, unit_kerja,"
    " jabatan_category, position_title, service_start_date, contract_start, contract_end,"
    " in_bkn_database, status, version, created_by, create_time_us, update_time_us,"
    " contact_email, contact_whatsapp, bkn_full_name, bkn_birth_date, working_without_contract";
// The columns a new row is written with (everything but id).
constexpr char kHonorerInsertColumns[] =
    "nik, instansi_code, full_name, birth_date, gender, education, unit_kerja,"
    " jabatan_category, position_title, service_start_date, contract_start, contract_end,"
    " in_bkn_database, status, version, created_by, create_time_us, update_time_us,"
    " contact_email, contact_whatsapp, working_without_contract";
constexpr size_t kHonorerInsertColumnCount = 21;

constexpr char kUpdateHonorer[] =
    "UPDATE honorers SET nik = ?, instansi_code = ?, full_name = ?, birth_date = ?, gender = ?,"
    " education = ?, unit_kerja = ?, jabatan_category = ?, position_title = ?,"
    " service_start_date = ?, contract_start = ?, contract_end = ?, in_bkn_database = ?,"
    " status = ?, contact_email = ?, contact_whatsapp = ?, working_without_contract = ?,"
    " version = version + 1,"
    " update_time_us = ? WHERE id = ? AND version = ?";

// What an import may change; status, BKN flag, instansi and create time stay.
constexpr const char* kUpsertColumns[] = {
    "full_name",      "birth_date",         "gender",         "education",
    "unit_kerja",     "jabatan_category",   "position_title", "service_start_date",
    "contract_start", "contract_end",       "contact_email",  "contact_whatsapp",
    "working_without_contract", "update_time_us"};

constexpr char kStatusEventInsert[] =
    "INSERT INTO status_events (honorer_id, from_status, status, reason, principal, request_id,"
    " origin, time_us) VALUES ";
constexpr size_t kStatusEventColumnCount = 8;
constexpr char kListStatusEvents[] =
    "SELECT id, honorer_id, from_status, status, reason, principal, request_id, time_us,"
    " origin FROM status_events WHERE honorer_id = ? AND id > ? ORDER BY id LIMIT ?";

constexpr char kFindCreateRequest[] =
    "SELECT honorer_id FROM create_requests WHERE principal = ? AND request_id = ?";
constexpr char kInsertCreateRequest[] =
    "INSERT INTO create_requests (principal, request_id, honorer_id, create_time_us)"
    " VALUES (?, ?, ?, ?)";

// An import is keyed by its instansi and the id that instansi chose.
constexpr char kImportColumns[] =
    "import_id, instansi_code, principal, rows_committed, created, updated, unchanged,"
    " rejected, completed";
constexpr char kInsertImport[] =
    "INSERT INTO instansi_imports (import_id, instansi_code, principal, rows_committed, created,"
    " updated, unchanged, rejected, completed, create_time_us, update_time_us)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr char kUpdateImport[] =
    "UPDATE instansi_imports SET rows_committed = ?, created = ?, updated = ?, unchanged = ?,"
    " rejected = ?, completed = ?, update_time_us = ? WHERE instansi_code = ? AND import_id = ?";
// A row's errors are numbered by `seq` from 0: the rows are those with a seq 0.
constexpr char kListImportErrors[] =
    "SELECT e.row_no, e.field, e.message FROM instansi_import_errors e"
    " JOIN (SELECT row_no FROM instansi_import_errors WHERE instansi_code = ?"
    " AND import_id = ? AND seq = 0 ORDER BY row_no LIMIT ?) r ON r.row_no = e.row_no"
    " WHERE e.instansi_code = ? AND e.import_id = ? ORDER BY e.row_no, e.seq";

// An instansi's contact list: one row for the list (its version), one per contact.
// The instansi join answers registered codes only, whether or not they set a list.
constexpr char kContactListColumns[] =
    "SELECT i.code, l.version, l.updated_by, l.update_time_us FROM instansi i"
    " LEFT JOIN instansi_contact_lists l ON l.instansi_code = i.code WHERE i.code IN (";
constexpr char kContactColumns[] =
    "SELECT instansi_code, ordinal, display_name, email, webhook_url FROM instansi_contacts"
    " WHERE instansi_code IN (";
constexpr char kInsertContactList[] =
    "INSERT INTO instansi_contact_lists (instansi_code, version, updated_by, update_time_us)"
    " VALUES (?, ?, ?, ?)";
constexpr char kUpdateContactList[] =
    "UPDATE instansi_contact_lists SET version = ?, updated_by = ?, update_time_us = ?"
    " WHERE instansi_code = ? AND version = ?";
constexpr char kDeleteContacts[] = "DELETE FROM instansi_contacts WHERE instansi_code = ?";
constexpr size_t kContactsColumnCount = 5;

// ---- Mapping -------------------------------------------------------------------

constexpr size_t kMaxRowsPerStatement = 1000;

int64_t Micros(absl::Time t) { return absl::ToUnixMicros(t); }

Value DateValue(const std::optional<absl::CivilDay>& d) {
  return d ? Value(FormatIsoDate(*d)) : Null();
}

std::optional<absl::CivilDay> DateFrom(const Row& r, size_t i) {
  if (r.IsNull(i)) return std::nullopt;
  return ParseIsoDate(r.Str(i));
}

Instansi InstansiFromRow(const Row& r) {
  Instansi i;
  i.code = r.Str(0);
  i.display_name = r.Str(1);
  i.level = static_cast<v1::Instansi::Level>(r.Int(2));
  i.time_zone = r.Str(3);
  i.create_time = absl::FromUnixMicros(r.Int(4));
  return i;
}

Honorer HonorerFromRow(const Row& r) {
  Honorer h;
  h.id = r.Int(0);
  h.nik = r.Str(1);
  h.instansi_code = r.Str(2);
  h.full_name = r.Str(3);
  h.birth_date = DateFrom(r, 4);
  h.gender = static_cast<Gender>(r.Int(5));
  h.education = static_cast<Education>(r.Int(6));
  h.unit_kerja = r.Str(7);
  h.jabatan_category = static_cast<JabatanCategory>(r.Int(8));
  h.position_title = r.Str(9);
  h.service_start_date = DateFrom(r, 10);
  h.contract_start = DateFrom(r, 11);
  h.contract_end = DateFrom(r, 12);
  h.in_bkn_database = r.Int(13) != 0;
  h.status = static_cast<HonorerStatus>(r.Int(14));
  h.version = r.Int(15);
  h.created_by = r.Str(16);
  h.create_time = absl::FromUnixMicros(r.Int(17));
  h.update_time = absl::FromUnixMicros(r.Int(18));
  h.contact.email = r.Str(19);
  h.contact.whatsapp = r.Str(20);
  if (!r.IsNull(21)) h.bkn.full_name = r.Str(21);
  h.bkn.birth_date = DateFrom(r, 22);
  h.working_without_contract = r.Int(23) != 0;
  return h;
}

// In kHonorerInsertColumns order.
void AppendInsertValues(const Honorer& h, std::vector<Value>& out) {
  out.insert(out.end(),
             {h.nik, h.instansi_code, h.full_name, DateValue(h.birth_date),
              int64_t{h.gender}, int64_t{h.education}, h.unit_kerja,
              int64_t{h.jabatan_category}, h.position_title, DateValue(h.service_start_date),
              DateValue(h.contract_start), DateValue(h.contract_end),
              int64_t{h.in_bkn_database ? 1 : 0}, int64_t{h.status}, h.version, h.created_by,
              Micros(h.create_time), Micros(h.update_time), h.contact.email,
              h.contact.whatsapp, int64_t{h.working_without_contract ? 1 : 0}});
}

std::vector<Honorer> HonorersFrom(const std::vector<Row>& rows) {
  std::vector<Honorer> out;
  out.reserve(rows.size());
  for (const Row& r : rows) out.push_back(HonorerFromRow(r));
  return out;
}

// The one place the backends' upsert syntax differs.
std::string UpsertClause(Dialect dialect) {
  std::vector<std::string> sets;
  for (const char* col : kUpsertColumns) {
    sets.push_back(dialect == Dialect::kSqlite ? absl::StrCat(col, " = excluded.", col)
                                               : absl::StrCat(col, " = VALUES(", col, ")"));
  }
  if (dialect == Dialect::kSqlite) {
    return absl::StrCat(" ON CONFLICT (nik) DO UPDATE SET ", absl::StrJoin(sets, ", "),
                        ", version = honorers.version + 1");
  }
  return absl::StrCat(" ON DUPLICATE KEY UPDATE ", absl::StrJoin(sets, ", "),
                      ", version = version + 1");
}

const char* ForUpdate(Dialect dialect) {
  return dialect == Dialect::kMysql ? " FOR UPDATE" : "";
}

// WHERE clause (with leading " WHERE ", or empty) and its parameters.
std::string FilterClause(const HonorerFilter& f, std::vector<Value>& params) {
  std::vector<std::string> terms;
  if (!f.instansi_code.empty()) {
    terms.push_back("instansi_code = ?");
    params.push_back(f.instansi_code);
  }
  if (!f.statuses.empty()) {
    terms.push_back(absl::StrCat("status IN (", storage::Placeholders(f.statuses.size()), ")"));
    for (HonorerStatus s : f.statuses) params.push_back(int64_t{s});
  }
  if (f.jabatan_category != common::v1::JABATAN_CATEGORY_UNSPECIFIED) {
    terms.push_back("jabatan_category = ?");
    params.push_back(int64_t{f.jabatan_category});
  }
  if (!f.unit_kerja.empty()) {
    terms.push_back(absl::StrCat("unit_kerja IN (", storage::Placeholders(f.unit_kerja.size()), ")"));
    for (const std::string& u : f.unit_kerja) params.push_back(u);
  }
  if (f.in_bkn_database) {
    terms.push_back("in_bkn_database = ?");
    params.push_back(int64_t{*f.in_bkn_database ? 1 : 0});
  }
  if (!f.ids.empty()) {
    terms.push_back(absl::StrCat("id IN (", storage::Placeholders(f.ids.size()), ")"));
    for (int64_t id : f.ids) params.push_back(id);
  }
  if (f.contract_end) {
    terms.push_back("contract_end = ?");
    params.push_back(FormatIsoDate(*f.contract_end));
  }
  if (!f.exclude_unit_kerja.empty()) {
    terms.push_back(absl::StrCat("unit_kerja NOT IN (",
                                 storage::Placeholders(f.exclude_unit_kerja.size()), ")"));
    for (const std::string& u : f.exclude_unit_kerja) params.push_back(u);
  }
  if (terms.empty()) return "";
  return absl::StrCat(" WHERE ", absl::StrJoin(terms, " AND "));
}

}  // namespace

// ---- Instansi ------------------------------------------------------------------

absl::Status RegistryStore::InsertInstansi(Conn& c, const Instansi& i) {
  return c
      .Execute(kInsertInstansi, {i.code, i.display_name, int64_t{i.level}, i.time_zone,
                                 Micros(i.create_time)})
      .status();
}

absl::StatusOr<std::optional<Instansi>> RegistryStore::GetInstansi(Conn& c,
                                                                   const std::string& code) {
  ASSIGN_OR_RETURN(std::vector<Row> rows,
                   c.Query(absl::StrCat("SELECT ", kInstansiColumns, " FROM instansi WHERE code = ?"),
                           {code}));
  if (rows.empty()) return std::nullopt;
  return InstansiFromRow(rows[0]);
}

absl::StatusOr<std::vector<Instansi>> RegistryStore::ListInstansi(Conn& c,
                                                                  const std::string& after_code,
                                                                  int limit) {
  ASSIGN_OR_RETURN(std::vector<Row> rows,
                   c.Query(absl::StrCat("SELECT ", kInstansiColumns,
                                        " FROM instansi WHERE code > ? ORDER BY code LIMIT ?"),
                           {after_code, int64_t{limit}}));
  std::vector<Instansi> out;
  for (const Row& r : rows) out.push_back(InstansiFromRow(r));
  return out;
}

// ---- Honorers ------------------------------------------------------------------

absl::StatusOr<int64_t> RegistryStore::InsertHonorer(Conn& c, const Honorer& h) {
  std::vector<Value> params;
  AppendInsertValues(h, params);
  RETURN_IF_ERROR(c.Execute(absl::StrCat("INSERT INTO honorers (", kHonorerInsertColumns,
                                         ") VALUES (", storage::Placeholders(params.size()), ")"),
                            params)
                      .status());
  return c.LastInsertId();
}

absl::StatusOr<std::optional<Honorer>> RegistryStore::GetHonorerById(Conn& c, int64_t id,
                                                                     bool for_update) {
  ASSIGN_OR_RETURN(std::vector<Row> rows,
                   c.Query(absl::StrCat("SELECT ", kHonorerColumns, " FROM honorers WHERE id = ?",
                                        for_update ? ForUpdate(c.dialect()) : ""),
                           {id}));
  if (rows.empty()) return std::nullopt;
  return HonorerFromRow(rows[0]);
}

absl::StatusOr<std::vector<Honorer>> RegistryStore::GetHonorersById(
    Conn& c, const std::vector<int64_t>& ids, bool for_update) {
  std::vector<Honorer> out;
  for (size_t start = 0; start < ids.size(); start += kMaxRowsPerStatement) {
    const size_t n = std::min(kMaxRowsPerStatement, ids.size() - start);
    std::vector<Value> params(ids.begin() + start, ids.begin() + start + n);
    ASSIGN_OR_RETURN(std::vector<Row> rows,
                     c.Query(absl::StrCat("SELECT ", kHonorerColumns, " FROM honorers WHERE id IN (",
                                          storage::Placeholders(n), ")",
                                          for_update ? ForUpdate(c.dialect()) : ""),
                             params));
    for (const Row& r : rows) out.push_back(HonorerFromRow(r));
  }
  return out;
}

absl::StatusOr<std::vector<Honorer>> RegistryStore::GetHonorersByNik(
    Conn& c, const std::vector<std::string>& niks, bool for_update) {
  std::vector<Honorer> out;
  for (size_t start = 0; start < niks.size(); start += kMaxRowsPerStatement) {
    const size_t n = std::min(kMaxRowsPerStatement, niks.size() - start);
    std::vector<Value> params(niks.begin() + start, niks.begin() + start + n);
    ASSIGN_OR_RETURN(std::vector<Row> rows,
                     c.Query(absl::StrCat("SELECT ", kHonorerColumns,
                                          " FROM honorers WHERE nik IN (",
                                          storage::Placeholders(n), ")",
                                          for_update ? ForUpdate(c.dialect()) : ""),
                             params));
    for (const Row& r : rows) out.push_back(HonorerFromRow(r));
  }
  return out;
}

absl::StatusOr<absl::flat_hash_map<std::string, int64_t>> RegistryStore::IdsByNik(
    Conn& c, const std::vector<std::string>& niks) {
  absl::flat_hash_map<std::string, int64_t> out;
  out.reserve(niks.size());
  for (size_t start = 0; start < niks.size(); start += kMaxRowsPerStatement) {
    const size_t n = std::min(kMaxRowsPerStatement, niks.size() - start);
    std::vector<Value> params(niks.begin() + start, niks.begin() + start + n);
    ASSIGN_OR_RETURN(std::vector<Row> rows,
                     c.Query(absl::StrCat("SELECT nik, id FROM honorers WHERE nik IN (",
                                          storage::Placeholders(n), ")"),
                             params));
    for (const Row& r : rows) out.emplace(r.Str(0), r.Int(1));
  }
  return out;
}

absl::StatusOr<std::vector<Honorer>> RegistryStore::ListHonorers(Conn& c, const HonorerFilter& f,
                                                                 int64_t after_id, int limit,
                                                                 bool for_update) {
  std::vector<Value> params;
  std::string where = FilterClause(f, params);
  where = where.empty() ? " WHERE id > ?" : absl::StrCat(where, " AND id > ?");
  params.push_back(after_id);
  params.push_back(int64_t{limit});
  ASSIGN_OR_RETURN(std::vector<Row> rows,
                   c.Query(absl::StrCat("SELECT ", kHonorerColumns, " FROM honorers", where,
                                        " ORDER BY id LIMIT ?",
                                        for_update ? ForUpdate(c.dialect()) : ""),
                           params));
  return HonorersFrom(rows);
}

absl::StatusOr<int64_t> RegistryStore::CountHonorers(Conn& c, const HonorerFilter& f) {
  std::vector<Value> params;
  std::string where = FilterClause(f, params);
  ASSIGN_OR_RETURN(std::vector<Row> rows,
                   c.Query(absl::StrCat("SELECT COUNT(*) FROM honorers", where), params));
  return rows[0].Int(0);
}

absl::Status RegistryStore::UpdateHonorer(Conn& c, const Honorer& h, int64_t expected_version,
                                          absl::Time now) {
  ASSIGN_OR_RETURN(
      int64_t changed,
      c.Execute(kUpdateHonorer,
                {h.nik, h.instansi_code, h.full_name, DateValue(h.birth_date), int64_t{h.gender},
                 int64_t{h.education}, h.unit_kerja, int64_t{h.jabatan_category},
                 h.position_title, DateValue(h.service_start_date), DateValue(h.contract_start),
                 DateValue(h.contract_end), int64_t{h.in_bkn_database ? 1 : 0},
                 int64_t{h.status}, h.contact.email, h.contact.whatsapp,
                 int64_t{h.working_without_contract ? 1 : 0}, Micros(now), h.id,
                 expected_version}));
  if (changed == 0) {
    return absl::AbortedError("etag: the honorer was changed by someone else; read it again");
  }
  return absl::OkStatus();
}

absl::Status RegistryStore::WriteHonorers(Conn& c, const std::vector<const Honorer*>& rows,
                                          bool update_existing, const std::string& created_by,
                                          absl::Time now,
                                          absl::flat_hash_map<std::string, int64_t>* ids,
                                          int64_t* first_id) {
  const bool returning = ids != nullptr && c.dialect() == Dialect::kSqlite;
  // At most kMaxRowsPerStatement rows a statement keeps under SQLite's 32,766
  // parameters; a caller's transaction may hold several statements.
  for (size_t start = 0; start < rows.size(); start += kMaxRowsPerStatement) {
    const size_t n = std::min(kMaxRowsPerStatement, rows.size() - start);
    std::vector<Value> params;
    params.reserve(n * kHonorerInsertColumnCount);
    for (size_t i = start; i < start + n; ++i) {
      Honorer row = *rows[i];
      row.status = row.status == v1::HONORER_STATUS_UNSPECIFIED ? v1::ACTIVE : row.status;
      row.version = 1;
      row.created_by = created_by;
      row.create_time = now;
      row.update_time = now;
      AppendInsertValues(row, params);
    }
    const std::string sql =
        absl::StrCat("INSERT INTO honorers (", kHonorerInsertColumns, ") VALUES ",
                     storage::RowPlaceholders(n, kHonorerInsertColumnCount),
                     update_existing ? UpsertClause(c.dialect()) : "",
                     returning ? " RETURNING nik, id" : "");
    if (returning) {
      ASSIGN_OR_RETURN(std::vector<Row> written, c.Query(sql, params));
      for (const Row& r : written) ids->emplace(r.Str(0), r.Int(1));
    } else {
      RETURN_IF_ERROR(c.Execute(sql, params).status());
    }
    if (ids != nullptr && !returning) {
      RETURN_IF_ERROR(ReadBackIds(c, rows, start, n, *ids));
    }
    if (first_id != nullptr && start == 0) {
      ASSIGN_OR_RETURN(*first_id, FirstIdOfInsert(c, n));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<int64_t> RegistryStore::FirstIdOfInsert(Conn& c, size_t n) {
  ASSIGN_OR_RETURN(int64_t last_insert_id, c.LastInsertId());
  // MySQL answers the statement's first id, and later ones only grow. SQLite
  // answers its last row's; under its write lock each new row takes the largest
  // id + 1, so a statement's rows are consecutive.
  if (c.dialect() == Dialect::kMysql) return last_insert_id;
  return last_insert_id - static_cast<int64_t>(n) + 1;
}

absl::Status RegistryStore::ReadBackIds(Conn& c, const std::vector<const Honorer*>& rows,
                                        size_t start, size_t n,
                                        absl::flat_hash_map<std::string, int64_t>& ids) {
  // MySQL answers the first id of a multi-row INSERT, and InnoDB gives its rows
  // consecutive ids (auto_increment_increment apart) unless innodb_autoinc_lock_mode
  // is 2 and other inserts ran at once. One read of that primary-key range finds
  // them: far cheaper on the server than a thousand reads by NIK. Rows are matched
  // by NIK, never by position, so whatever the range holds the answer is right;
  // a NIK not in it (interleaved ids) is then read by the NIK index.
  ASSIGN_OR_RETURN(int64_t first, c.LastInsertId());
  ASSIGN_OR_RETURN(std::vector<Row> step, c.Query("SELECT @@auto_increment_increment"));
  const int64_t increment = std::max<int64_t>(1, step.empty() ? 1 : step[0].Int(0));
  ASSIGN_OR_RETURN(std::vector<Row> found,
                   c.Query("SELECT nik, id FROM honorers WHERE id >= ? AND id < ?",
                           {first, first + static_cast<int64_t>(n) * increment}));
  absl::flat_hash_map<std::string, int64_t> in_range;
  in_range.reserve(found.size());
  for (const Row& r : found) in_range.emplace(r.Str(0), r.Int(1));
  std::vector<std::string> missing;
  for (size_t i = start; i < start + n; ++i) {
    auto it = in_range.find(rows[i]->nik);
    if (it == in_range.end()) {
      missing.push_back(rows[i]->nik);
    } else {
      ids.emplace(it->first, it->second);
    }
  }
  if (missing.empty()) return absl::OkStatus();
  ASSIGN_OR_RETURN(auto by_nik, IdsByNik(c, missing));
  ids.insert(by_nik.begin(), by_nik.end());
  return absl::OkStatus();
}

absl::Status RegistryStore::InsertHonorers(Conn& c, const std::vector<const Honorer*>& rows,
                                           const std::string& created_by, absl::Time now,
                                           absl::flat_hash_map<std::string, int64_t>* ids,
                                           int64_t* first_id) {
  return WriteHonorers(c, rows, false, created_by, now, ids, first_id);
}

absl::Status RegistryStore::UpsertHonorers(Conn& c, const std::vector<const Honorer*>& rows,
                                           const std::string& created_by, absl::Time now) {
  return WriteHonorers(c, rows, true, created_by, now);
}

absl::Status RegistryStore::InsertStatusEvent(Conn& c, const StatusEvent& e) {
  return c
      .Execute(absl::StrCat(kStatusEventInsert, storage::RowPlaceholders(1, kStatusEventColumnCount)),
               {e.honorer_id, int64_t{e.from_status}, int64_t{e.status}, e.reason, e.principal,
                e.request_id, e.origin, Micros(e.time)})
      .status();
}

absl::StatusOr<std::vector<StatusEvent>> RegistryStore::ListStatusEvents(Conn& c,
                                                                        int64_t honorer_id,
                                                                        int64_t after_id,
                                                                        int limit) {
  ASSIGN_OR_RETURN(std::vector<Row> rows,
                   c.Query(kListStatusEvents, {honorer_id, after_id, int64_t{limit}}));
  std::vector<StatusEvent> out;
  for (const Row& r : rows) {
    out.push_back(StatusEvent{r.Int(0), r.Int(1), static_cast<HonorerStatus>(r.Int(2)),
                              static_cast<HonorerStatus>(r.Int(3)), r.Str(4), r.Str(5), r.Str(6),
                              absl::FromUnixMicros(r.Int(7)), r.Str(8)});
  }
  return out;
}

absl::Status RegistryStore::ChangeStatusMany(
    Conn& c, const std::vector<std::pair<int64_t, HonorerStatus>>& rows, HonorerStatus to,
    const std::string& reason, const std::string& principal, const std::string& request_id,
    const std::string& origin, absl::Time now) {
  std::vector<StatusChange> changes;
  changes.reserve(rows.size());
  for (const auto& [id, from] : rows) changes.push_back(StatusChange{id, from, to, reason});
  return ChangeStatuses(c, changes, principal, request_id, origin, now);
}

absl::Status RegistryStore::ChangeStatuses(Conn& c, const std::vector<StatusChange>& changes,
                                           const std::string& principal,
                                           const std::string& request_id,
                                           const std::string& origin, absl::Time now) {
  constexpr size_t kChunk = kMaxRowsPerStatement;  // 8,000 parameters an INSERT
  for (size_t start = 0; start < changes.size(); start += kChunk) {
    const size_t n = std::min(kChunk, changes.size() - start);
    // One UPDATE per (status read, new status), each conditional on the status
    // read: a row changed by someone else since it was read is left alone and the
    // count tells. A screening batch has at most a handful of such pairs.
    std::map<std::pair<HonorerStatus, HonorerStatus>, std::vector<Value>> ids_by_move;
    std::vector<Value> events;
    events.reserve(n * kStatusEventColumnCount);
    for (size_t i = start; i < start + n; ++i) {
      const StatusChange& ch = changes[i];
      ids_by_move[{ch.from, ch.to}].push_back(ch.honorer_id);
      events.insert(events.end(), {ch.honorer_id, int64_t{ch.from}, int64_t{ch.to}, ch.reason,
                                   principal, request_id, origin, Micros(now)});
    }
    int64_t changed = 0;
    for (const auto& [move, ids] : ids_by_move) {
      std::vector<Value> update = {int64_t{move.second}, Micros(now), int64_t{move.first}};
      update.insert(update.end(), ids.begin(), ids.end());
      ASSIGN_OR_RETURN(
          int64_t done,
          c.Execute(absl::StrCat("UPDATE honorers SET status = ?, version = version + 1,"
                                 " update_time_us = ? WHERE status = ? AND id IN (",
                                 storage::Placeholders(ids.size()), ")"),
                    update));
      changed += done;
    }
    if (changed != static_cast<int64_t>(n)) {
      return storage::RetryableAborted("an honorer's status changed since it was read");
    }
    RETURN_IF_ERROR(
        c.Execute(absl::StrCat(kStatusEventInsert,
                               storage::RowPlaceholders(n, kStatusEventColumnCount)),
                  events)
            .status());
  }
  return absl::OkStatus();
}

absl::Status RegistryStore::SetBknRecords(Conn& c, const std::vector<BknUpdate>& rows,
                                          absl::Time now) {
  // One UPDATE per chunk, each row's values chosen by CASE on its id: the same
  // statement on both backends, and a few statements for 10,000 entries rather
  // than one round trip each.
  constexpr size_t kChunk = 500;
  for (size_t start = 0; start < rows.size(); start += kChunk) {
    const size_t n = std::min(kChunk, rows.size() - start);
    std::vector<Value> params;
    params.reserve(n * 7 + 1);
    auto cases = [&](const char* column, auto value) {
      std::string sql = absl::StrCat(column, " = CASE id");
      for (size_t i = start; i < start + n; ++i) {
        absl::StrAppend(&sql, " WHEN ? THEN ?");
        params.push_back(rows[i].honorer_id);
        params.push_back(value(rows[i]));
      }
      absl::StrAppend(&sql, " END");
      return sql;
    };
    const std::string in_bkn = cases("in_bkn_database", [](const BknUpdate& u) -> Value {
      return int64_t{u.in_bkn_database ? 1 : 0};
    });
    const std::string name = cases("bkn_full_name", [](const BknUpdate& u) -> Value {
      return u.record.full_name ? Value(*u.record.full_name) : Null();
    });
    const std::string birth = cases("bkn_birth_date", [](const BknUpdate& u) -> Value {
      return DateValue(u.record.birth_date);
    });
    params.push_back(Micros(now));
    for (size_t i = start; i < start + n; ++i) params.push_back(rows[i].honorer_id);
    RETURN_IF_ERROR(c.Execute(absl::StrCat("UPDATE honorers SET ", in_bkn, ", ", name, ", ", birth,
                                           ", version = version + 1, update_time_us = ?"
                                           " WHERE id IN (",
                                           storage::Placeholders(n), ")"),
                              params)
                        .status());
  }
  return absl::OkStatus();
}

// ---- Instansi contacts ---------------------------------------------------------

absl::StatusOr<std::vector<InstansiContactList>> RegistryStore::GetContactLists(
    Conn& c, const std::vector<std::string>& codes, bool for_update) {
  std::vector<InstansiContactList> out;
  for (size_t start = 0; start < codes.size(); start += kMaxRowsPerStatement) {
    const size_t n = std::min(kMaxRowsPerStatement, codes.size() - start);
    std::vector<Value> params(codes.begin() + start, codes.begin() + start + n);
    const char* lock = for_update ? ForUpdate(c.dialect()) : "";
    ASSIGN_OR_RETURN(std::vector<Row> lists,
                     c.Query(absl::StrCat(kContactListColumns, storage::Placeholders(n), ")",
                                          lock),
                             params));
    if (lists.empty()) continue;
    std::map<std::string, size_t> index;  // code -> position in out
    for (const Row& r : lists) {
      if (index.count(r.Str(0))) continue;
      InstansiContactList list;
      list.instansi_code = r.Str(0);
      if (!r.IsNull(1)) {
        list.version = r.Int(1);
        list.updated_by = r.Str(2);
        list.update_time = absl::FromUnixMicros(r.Int(3));
      }
      index[list.instansi_code] = out.size();
      out.push_back(std::move(list));
    }
    ASSIGN_OR_RETURN(std::vector<Row> contacts,
                     c.Query(absl::StrCat(kContactColumns, storage::Placeholders(n),
                                          ") ORDER BY instansi_code, ordinal", lock),
                             params));
    for (const Row& r : contacts) {
      auto it = index.find(r.Str(0));
      if (it == index.end()) continue;
      out[it->second].contacts.push_back(InstansiContact{r.Str(2), r.Str(3), r.Str(4)});
    }
  }
  return out;
}

absl::Status RegistryStore::ReplaceContactList(Conn& c, const InstansiContactList& list,
                                               int64_t previous_version) {
  if (previous_version == 0) {
    RETURN_IF_ERROR(c.Execute(kInsertContactList, {list.instansi_code, list.version,
                                                   list.updated_by, Micros(list.update_time)})
                        .status());
  } else {
    ASSIGN_OR_RETURN(int64_t changed,
                     c.Execute(kUpdateContactList,
                               {list.version, list.updated_by, Micros(list.update_time),
                                list.instansi_code, previous_version}));
    if (changed == 0) {
      return storage::RetryableAborted("the contact list changed since it was read");
    }
  }
  RETURN_IF_ERROR(c.Execute(kDeleteContacts, {list.instansi_code}).status());
  if (list.contacts.empty()) return absl::OkStatus();
  std::vector<Value> params;
  params.reserve(list.contacts.size() * kContactsColumnCount);
  for (size_t i = 0; i < list.contacts.size(); ++i) {
    const InstansiContact& contact = list.contacts[i];
    params.insert(params.end(), {list.instansi_code, static_cast<int64_t>(i),
                                 contact.display_name, contact.email, contact.webhook_url});
  }
  return c
      .Execute(absl::StrCat("INSERT INTO instansi_contacts (instansi_code, ordinal, display_name,"
                            " email, webhook_url) VALUES ",
                            storage::RowPlaceholders(list.contacts.size(), kContactsColumnCount)),
               params)
      .status();
}

// ---- Audit, idempotency, imports -----------------------------------------------

absl::Status RegistryStore::InsertAudit(Conn& c, const AuditRecord& a) {
  return storage::InsertAudit(c, a);
}

absl::StatusOr<std::optional<int64_t>> RegistryStore::FindCreateRequest(
    Conn& c, const std::string& principal, const std::string& request_id) {
  ASSIGN_OR_RETURN(std::vector<Row> rows, c.Query(kFindCreateRequest, {principal, request_id}));
  if (rows.empty()) return std::nullopt;
  return rows[0].Int(0);
}

absl::Status RegistryStore::InsertCreateRequest(Conn& c, const std::string& principal,
                                                const std::string& request_id, int64_t honorer_id,
                                                absl::Time now) {
  return c.Execute(kInsertCreateRequest, {principal, request_id, honorer_id, Micros(now)}).status();
}

absl::StatusOr<std::optional<ImportProgress>> RegistryStore::GetImport(
    Conn& c, const std::string& instansi_code, const std::string& import_id, bool for_update) {
  ASSIGN_OR_RETURN(std::vector<Row> rows,
                   c.Query(absl::StrCat("SELECT ", kImportColumns,
                                        " FROM instansi_imports WHERE instansi_code = ?"
                                        " AND import_id = ?",
                                        for_update ? ForUpdate(c.dialect()) : ""),
                           {instansi_code, import_id}));
  if (rows.empty()) return std::nullopt;
  const Row& r = rows[0];
  return ImportProgress{r.Str(0), r.Str(1), r.Str(2), r.Int(3), r.Int(4),
                        r.Int(5), r.Int(6), r.Int(7), r.Int(8) != 0};
}

absl::Status RegistryStore::InsertImport(Conn& c, const ImportProgress& p, absl::Time now) {
  return c
      .Execute(kInsertImport, {p.import_id, p.instansi_code, p.principal, p.rows_committed,
                               p.created, p.updated, p.unchanged, p.rejected,
                               int64_t{p.completed ? 1 : 0}, Micros(now), Micros(now)})
      .status();
}

absl::Status RegistryStore::UpdateImport(Conn& c, const ImportProgress& p, absl::Time now) {
  return c
      .Execute(kUpdateImport, {p.rows_committed, p.created, p.updated, p.unchanged, p.rejected,
                               int64_t{p.completed ? 1 : 0}, Micros(now), p.instansi_code,
                               p.import_id})
      .status();
}

absl::Status RegistryStore::InsertImportErrors(Conn& c, const std::string& instansi_code,
                                               const std::string& import_id,
                                               const std::vector<Violation>& errors) {
  int64_t seq = 0;
  for (size_t start = 0; start < errors.size(); start += kMaxRowsPerStatement) {
    const size_t n = std::min(kMaxRowsPerStatement, errors.size() - start);
    std::vector<Value> params;
    params.reserve(n * 6);
    for (size_t i = start; i < start + n; ++i) {
      const Violation& v = errors[i];
      seq = i > 0 && errors[i - 1].row == v.row ? seq + 1 : 0;
      // Cut on a character boundary: half a character is MariaDB error 1366.
      params.insert(params.end(), {instansi_code, import_id, v.row, seq, ValidUtf8(v.field, 64),
                                   ValidUtf8(v.description, 500)});
    }
    RETURN_IF_ERROR(c.Execute(absl::StrCat("INSERT INTO instansi_import_errors (instansi_code,"
                                           " import_id, row_no, seq, field, message) VALUES ",
                                           storage::RowPlaceholders(n, 6)),
                              params)
                        .status());
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<Violation>> RegistryStore::ListImportErrors(
    Conn& c, const std::string& instansi_code, const std::string& import_id, int64_t rows) {
  ASSIGN_OR_RETURN(std::vector<Row> found,
                   c.Query(kListImportErrors,
                           {instansi_code, import_id, rows, instansi_code, import_id}));
  std::vector<Violation> out;
  out.reserve(found.size());
  for (const Row& r : found) out.push_back(Violation{r.Str(1), r.Int(0), r.Str(2)});
  return out;
}

}  // namespace penataan::registry
