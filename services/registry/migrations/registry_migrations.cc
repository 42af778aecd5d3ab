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
           "CREATE TABLE IF NOT EXISTS instansi_import_errors ("
           " instansi_code VARCHAR(16) NOT NULL,"
           " import_id VARCHAR(100) NOT NULL,"
           " row_no BIGINT NOT NULL,"
           " field VARCHAR(64) NOT NULL,"
           " message VARCHAR(500) NOT NULL,"
           " PRIMARY KEY (instansi_code, import_id, row_no)) {{TABLE}}",

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
  };
  return *migrations;
}

}  // namespace penataan::registry
