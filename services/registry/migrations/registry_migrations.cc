#include "services/registry/migrations/registry_migrations.h"

#include "common/storage/audit_log.h"

namespace penataan::registry {
namespace {

// The audit log's table is common to every service (common/storage/audit_log.h).
std::vector<std::string> WithAuditLog(std::vector<std::string> statements) {
  for (std::string& s : storage::AuditLogSchema()) statements.push_back(std::move(s));
  return statements;
}

// The import tables as migration 2 made them. Migration 4 recreates them first
// (empty) when a run was cut after it dropped them, so it can run again whole.
std::vector<std::string> ImportTablesV2() {
  return {
      "CREATE TABLE IF NOT EXISTS imports ("
      " import_id VARCHAR(100) NOT NULL PRIMARY KEY,"
      " instansi_code VARCHAR(16) NOT NULL,"
      " principal VARCHAR(100) NOT NULL,"
      " rows_committed BIGINT NOT NULL,"
      " created BIGINT NOT NULL,"
      " updated BIGINT NOT NULL,"
      " unchanged BIGINT NOT NULL,"
      " rejected BIGINT NOT NULL,"
      " completed INTEGER NOT NULL,"
      " create_time_us BIGINT NOT NULL,"
      " update_time_us BIGINT NOT NULL) {{TABLE}}",
      "CREATE TABLE IF NOT EXISTS import_errors ("
      " import_id VARCHAR(100) NOT NULL,"
      " row_no BIGINT NOT NULL,"
      " field VARCHAR(64) NOT NULL,"
      " message VARCHAR(500) NOT NULL,"
      " PRIMARY KEY (import_id, row_no)) {{TABLE}}",
  };
}

std::vector<std::string> AfterImportTablesV2(std::vector<std::string> rest) {
  std::vector<std::string> statements = ImportTablesV2();
  for (std::string& s : rest) statements.push_back(std::move(s));
  return statements;
}

// instansi_import_errors as migration 4 made it: one error a row. Migration 8
// recreates it first (empty) when a run was cut after it dropped it.
std::string ImportErrorsTableV4() {
  return "CREATE TABLE IF NOT EXISTS instansi_import_errors ("
         " instansi_code VARCHAR(16) NOT NULL,"
         " import_id VARCHAR(100) NOT NULL,"
         " row_no BIGINT NOT NULL,"
         " field VARCHAR(64) NOT NULL,"
         " message VARCHAR(500) NOT NULL,"
         " PRIMARY KEY (instansi_code, import_id, row_no)) {{TABLE}}";
}

}  // namespace

// Times are UTC microseconds (BIGINT); civil dates are ISO text "YYYY-MM-DD", which
// sorts and compares correctly on both backends. Enums are the API's numbers.
const std::vector<storage::Migration>& RegistryMigrations() {
  static const auto* migrations = new std::vector<storage::Migration>{
      {1,
       "instansi, honorers, status history, audit",
       WithAuditLog({
           "CREATE TABLE IF NOT EXISTS instansi ("
           " code VARCHAR(16) NOT NULL PRIMARY KEY,"
           " display_name VARCHAR(200) NOT NULL,"
           " level INTEGER NOT NULL,"
           " time_zone VARCHAR(64) NOT NULL,"
           " create_time_us BIGINT NOT NULL) {{TABLE}}",

           "CREATE TABLE IF NOT EXISTS honorers ("
           " id {{ID}},"
           " nik CHAR(16) NOT NULL,"
           " instansi_code VARCHAR(16) NOT NULL,"
           " full_name VARCHAR(200) NOT NULL,"
           " birth_date CHAR(10) NOT NULL,"
           " gender INTEGER NOT NULL,"
           " education INTEGER NOT NULL,"
           " unit_kerja VARCHAR(200) NOT NULL,"
           " jabatan_category INTEGER NOT NULL,"
           " position_title VARCHAR(200) NOT NULL,"
           " service_start_date CHAR(10) NOT NULL,"
           " contract_start CHAR(10),"
           " contract_end CHAR(10),"
           " in_bkn_database INTEGER NOT NULL,"
           " status INTEGER NOT NULL,"
           " version BIGINT NOT NULL,"
           // Who registered the honorer: the first event of its status history.
           " created_by VARCHAR(100) NOT NULL,"
           " create_time_us BIGINT NOT NULL,"
           " update_time_us BIGINT NOT NULL) {{TABLE}}",
           "CREATE UNIQUE INDEX honorers_nik ON honorers (nik)",
           "CREATE INDEX honorers_instansi ON honorers (instansi_code, id)",
           "CREATE INDEX honorers_instansi_unit ON honorers (instansi_code, unit_kerja, id)",

           // Changes after registration; registration itself is the honorer row.
           "CREATE TABLE IF NOT EXISTS status_events ("
           " id {{ID}},"
           " honorer_id BIGINT NOT NULL,"
           " from_status INTEGER NOT NULL,"
           " status INTEGER NOT NULL,"
           " reason VARCHAR(500) NOT NULL,"
           " principal VARCHAR(100) NOT NULL,"
           " request_id VARCHAR(64) NOT NULL,"
           " time_us BIGINT NOT NULL) {{TABLE}}",
           "CREATE INDEX status_events_honorer ON status_events (honorer_id, id)",

           // CreateHonorer's request_id: a retried create answers what it created.
           "CREATE TABLE IF NOT EXISTS create_requests ("
           " principal VARCHAR(100) NOT NULL,"
           " request_id VARCHAR(100) NOT NULL,"
           " honorer_id BIGINT NOT NULL,"
           " create_time_us BIGINT NOT NULL,"
           " PRIMARY KEY (principal, request_id)) {{TABLE}}",
       })},
      {2, "imports and their rejected rows", ImportTablesV2()},
      {3, "audit: origin of each record, indexes for ListAuditEvents",
       storage::AuditLogOriginAndIndexes()},
      {4,
       "import_id is its instansi's: imports keyed by (instansi_code, import_id)",
       AfterImportTablesV2({
           // Neither backend changes a primary key in place (SQLite not at all), so the
           // rows move to new tables. MySQL commits each statement: the old tables are
           // recreated, empty, when a run was cut after dropping them, so that running
           // the whole list again copies nothing twice and fails nowhere.

           "CREATE TABLE IF NOT EXISTS instansi_imports ("
           " instansi_code VARCHAR(16) NOT NULL,"
           " import_id VARCHAR(100) NOT NULL,"
           " principal VARCHAR(100) NOT NULL,"
           " rows_committed BIGINT NOT NULL,"
           " created BIGINT NOT NULL,"
           " updated BIGINT NOT NULL,"
           " unchanged BIGINT NOT NULL,"
           " rejected BIGINT NOT NULL,"
           " completed INTEGER NOT NULL,"
           " create_time_us BIGINT NOT NULL,"
           " update_time_us BIGINT NOT NULL,"
           " PRIMARY KEY (instansi_code, import_id)) {{TABLE}}",
           ImportErrorsTableV4(),

           "INSERT INTO instansi_imports (instansi_code, import_id, principal, rows_committed,"
           " created, updated, unchanged, rejected, completed, create_time_us, update_time_us)"
           " SELECT i.instansi_code, i.import_id, i.principal, i.rows_committed, i.created,"
           " i.updated, i.unchanged, i.rejected, i.completed, i.create_time_us,"
           " i.update_time_us FROM imports i WHERE NOT EXISTS (SELECT 1 FROM instansi_imports n"
           " WHERE n.instansi_code = i.instansi_code AND n.import_id = i.import_id)",
           "INSERT INTO instansi_import_errors (instansi_code, import_id, row_no, field, message)"
           " SELECT i.instansi_code, e.import_id, e.row_no, e.field, e.message"
           " FROM import_errors e JOIN imports i ON i.import_id = e.import_id"
           " WHERE NOT EXISTS (SELECT 1 FROM instansi_import_errors n"
           " WHERE n.instansi_code = i.instansi_code AND n.import_id = e.import_id"
           " AND n.row_no = e.row_no)",

           "DROP TABLE import_errors",
           "DROP TABLE imports",
       })},
      {5,
       "instansi contact lists; honorers by (instansi, status, BKN flag) for formasi's"
       " eligible honorers",
       {
           // The list's version is its etag; a never-set list has no row (version 0).
           "CREATE TABLE IF NOT EXISTS instansi_contact_lists ("
           " instansi_code VARCHAR(16) NOT NULL PRIMARY KEY,"
           " version BIGINT NOT NULL,"
           " updated_by VARCHAR(100) NOT NULL,"
           " update_time_us BIGINT NOT NULL) {{TABLE}}",
           // One row per contact, `ordinal` from 0 in the order given (0 is the primary).
           "CREATE TABLE IF NOT EXISTS instansi_contacts ("
           " instansi_code VARCHAR(16) NOT NULL,"
           " ordinal INTEGER NOT NULL,"
           " display_name VARCHAR(200) NOT NULL,"
           " email VARCHAR(254) NOT NULL,"
           " webhook_url VARCHAR(2048) NOT NULL,"
           " PRIMARY KEY (instansi_code, ordinal)) {{TABLE}}",
           // ListHonorers(instansi, statuses ACTIVE/TMS, in_bkn_database) pages and counts
           // from this index alone: without it every page read the instansi's whole
           // (instansi_code, id) range and filtered it, 10,000+ rows for a large pemda.
           "CREATE INDEX honorers_instansi_status_bkn"
           " ON honorers (instansi_code, status, in_bkn_database, id)",
       }},
      {6,
       "honorer contacts (email, WhatsApp); BKN's record of each honorer; the origin of"
       " status events",
       {
           // Empty: no contact. Normalized before stored (an addr-spec; E.164 "+628…").
           "ALTER TABLE honorers ADD COLUMN contact_email VARCHAR(254) NOT NULL DEFAULT ''",
           "ALTER TABLE honorers ADD COLUMN contact_whatsapp VARCHAR(16) NOT NULL DEFAULT ''",
           // BKN's values from the last VerifyHonorers (NULL: not sent); the
           // differences are derived from them against the row's own values.
           "ALTER TABLE honorers ADD COLUMN bkn_full_name VARCHAR(200)",
           "ALTER TABLE honorers ADD COLUMN bkn_birth_date CHAR(10)",
           // Whom a service changed a status for (the screening's caller), as in audit.
           "ALTER TABLE status_events ADD COLUMN origin VARCHAR(100) NOT NULL DEFAULT ''",
       }},
      {7,
       "contracts (SK periods) backfilled from the honorers' dates, crucial units and"
       " the expiry notice, performance reviews, renewals, the contract outbox and the"
       " expiry sweeps",
       {
           // One SK period; the current is the one with the latest start (mirrored in
           // honorers.contract_start/contract_end). `expiry` is Contract.Expiry: a newer
           // period makes an older NOT_ENDED one RENEWED, so the expiry step only ever
           // sees current periods. `status_before` is the status the expiry sent home
           // (restored by a renewal); `renewal_id` the renewal that made the period.
           "CREATE TABLE IF NOT EXISTS contracts ("
           " id {{ID}},"
           " honorer_id BIGINT NOT NULL,"
           " instansi_code VARCHAR(16) NOT NULL,"
           " sk_number VARCHAR(100) NOT NULL,"
           " start_date CHAR(10) NOT NULL,"
           " end_date CHAR(10) NOT NULL,"
           " signed_by VARCHAR(200) NOT NULL,"
           " signed_date CHAR(10),"
           " expiry INTEGER NOT NULL,"
           " status_before INTEGER NOT NULL,"
           " renewal_id VARCHAR(100) NOT NULL,"
           " created_by VARCHAR(100) NOT NULL,"
           " create_time_us BIGINT NOT NULL,"
           " update_time_us BIGINT NOT NULL) {{TABLE}}",
           "CREATE UNIQUE INDEX contracts_honorer_start ON contracts (honorer_id, start_date)",
           "CREATE INDEX contracts_instansi_end ON contracts (instansi_code, expiry, end_date, honorer_id)",
           // Honorers registered before contracts existed keep their dates as a period
           // without an SK number (rerunnable: an existing period is not copied again).
           // Only a worker on an SK (ACTIVE, MS, TMS: contract_expiry.h
           // kWorkingStatuses) gets a NOT_ENDED (1) period for the expiry to act on;
           // anyone else (RESIGNED, PPPK, DIRUMAHKAN, …) is NOT_APPLICABLE (5): their
           // old dates are history, not work for the sweep nor overdue noise.
           "INSERT INTO contracts (honorer_id, instansi_code, sk_number, start_date, end_date,"
           " signed_by, signed_date, expiry, status_before, renewal_id, created_by,"
           " create_time_us, update_time_us)"
           " SELECT h.id, h.instansi_code, '', h.contract_start, h.contract_end, '', NULL,"
           " CASE WHEN h.status IN (1, 2, 3) THEN 1 ELSE 5 END, 0,"
           " '', h.created_by, h.create_time_us, h.update_time_us FROM honorers h"
           " WHERE h.contract_start IS NOT NULL AND h.contract_end IS NOT NULL"
           " AND NOT EXISTS (SELECT 1 FROM contracts c WHERE c.honorer_id = h.id"
           " AND c.start_date = h.contract_start)",
           // Kept at work in a crucial unit after the SK ended (Honorer.working_without_contract).
           "ALTER TABLE honorers ADD COLUMN working_without_contract INTEGER NOT NULL DEFAULT 0",

           // ContractPolicy: no row answers 30 days and no crucial units (version 0).
           "CREATE TABLE IF NOT EXISTS contract_policies ("
           " instansi_code VARCHAR(16) NOT NULL PRIMARY KEY,"
           " expiry_notice_days INTEGER NOT NULL,"
           " version BIGINT NOT NULL,"
           " updated_by VARCHAR(100) NOT NULL,"
           " update_time_us BIGINT NOT NULL) {{TABLE}}",
           "CREATE TABLE IF NOT EXISTS crucial_units ("
           " instansi_code VARCHAR(16) NOT NULL,"
           " ordinal INTEGER NOT NULL,"
           " unit_kerja VARCHAR(200) NOT NULL,"
           " prefix INTEGER NOT NULL,"
           " reason VARCHAR(500) NOT NULL,"
           " PRIMARY KEY (instansi_code, ordinal)) {{TABLE}}",

           // One review per honorer per contract year (ReviewOutcome numbers).
           "CREATE TABLE IF NOT EXISTS performance_reviews ("
           " honorer_id BIGINT NOT NULL,"
           " year INTEGER NOT NULL,"
           " instansi_code VARCHAR(16) NOT NULL,"
           " outcome INTEGER NOT NULL,"
           " reviewer VARCHAR(200) NOT NULL,"
           " note VARCHAR(1000) NOT NULL,"
           " updated_by VARCHAR(100) NOT NULL,"
           " update_time_us BIGINT NOT NULL,"
           " PRIMARY KEY (honorer_id, year)) {{TABLE}}",
           "CREATE INDEX performance_reviews_instansi"
           " ON performance_reviews (instansi_code, year, honorer_id)",

           // RenewContracts' request_id: a retry resumes or replays the renewal.
           // `fingerprint` is the request's hash (another request with the same id is
           // refused); `response` the finished answer (the serialized proto, base64); `state` 0
           // running (held until lease_until_us), 1 done.
           "CREATE TABLE IF NOT EXISTS contract_renewals ("
           " instansi_code VARCHAR(16) NOT NULL,"
           " request_id VARCHAR(100) NOT NULL,"
           " principal VARCHAR(100) NOT NULL,"
           " fingerprint VARCHAR(64) NOT NULL,"
           " state INTEGER NOT NULL,"
           " lease_until_us BIGINT NOT NULL,"
           " response MEDIUMTEXT,"
           " create_time_us BIGINT NOT NULL,"
           " update_time_us BIGINT NOT NULL,"
           " PRIMARY KEY (instansi_code, request_id)) {{TABLE}}",

           // The transactional outbox of what the registry owes the notification service
           // (contract_notices.h): written in the transaction of the change that causes it,
           // claimed under a lease by a sender. Recipients are resolved when sent (the
           // honorer's contact, the instansi's contacts), never copied here.
           "CREATE TABLE IF NOT EXISTS contract_notices ("
           " id {{ID}},"
           " reference VARCHAR(200) NOT NULL,"
           " instansi_code VARCHAR(16) NOT NULL,"
           " honorer_id BIGINT NOT NULL,"
           " kind INTEGER NOT NULL,"
           " payload VARCHAR(8000) NOT NULL,"
           " state INTEGER NOT NULL,"
           " attempts INTEGER NOT NULL,"
           " next_attempt_us BIGINT NOT NULL,"
           " owner VARCHAR(100) NOT NULL,"
           " lease_until_us BIGINT NOT NULL,"
           " detail VARCHAR(500) NOT NULL,"
           " create_time_us BIGINT NOT NULL,"
           " update_time_us BIGINT NOT NULL) {{TABLE}}",
           "CREATE UNIQUE INDEX contract_notices_reference ON contract_notices (reference)",
           "CREATE INDEX contract_notices_due ON contract_notices (state, next_attempt_us, id)",

           // The expiry step's per-instansi lease: one replica sweeps an instansi at a
           // time; `swept_day` the last instansi day fully swept.
           "CREATE TABLE IF NOT EXISTS contract_sweeps ("
           " instansi_code VARCHAR(16) NOT NULL PRIMARY KEY,"
           " owner VARCHAR(100) NOT NULL,"
           " lease_until_us BIGINT NOT NULL,"
           " swept_day CHAR(10) NOT NULL,"
           " update_time_us BIGINT NOT NULL) {{TABLE}}",
       }},
      {8,
       "an import row may have several errors: instansi_import_errors keyed by"
       " (instansi_code, import_id, row_no, seq)",
       {
           // Neither backend changes a primary key the same way (SQLite not at all), so
           // the table is rebuilt: a new one, the rows copied (each the first error of
           // its row: seq 0), the old dropped, the new renamed. MySQL commits each
           // statement: a run cut after the drop finds the old table recreated empty
           // by the first statement, and one cut after the rename copies the renamed
           // table into a fresh copy again (still one error a row: no import runs
           // before the migration is recorded); either way nothing is copied twice.
           // `seq` defaults to 0 so that a replica still on the one-error-per-row
           // code writes rows this one reads.
           ImportErrorsTableV4(),
           "CREATE TABLE IF NOT EXISTS instansi_import_errors_v8 ("
           " instansi_code VARCHAR(16) NOT NULL,"
           " import_id VARCHAR(100) NOT NULL,"
           " row_no BIGINT NOT NULL,"
           " seq INTEGER NOT NULL DEFAULT 0,"
           " field VARCHAR(64) NOT NULL,"
           " message VARCHAR(500) NOT NULL,"
           " PRIMARY KEY (instansi_code, import_id, row_no, seq)) {{TABLE}}",
           "INSERT INTO instansi_import_errors_v8 (instansi_code, import_id, row_no, seq, field,"
           " message) SELECT e.instansi_code, e.import_id, e.row_no, 0, e.field, e.message"
           " FROM instansi_import_errors e WHERE NOT EXISTS (SELECT 1 FROM"
           " instansi_import_errors_v8 n WHERE n.instansi_code = e.instansi_code"
           " AND n.import_id = e.import_id AND n.row_no = e.row_no)",
           "DROP TABLE instansi_import_errors",
           "ALTER TABLE instansi_import_errors_v8 RENAME TO instansi_import_errors",
       }},
  };
  return *migrations;
}

}  // namespace penataan::registry
