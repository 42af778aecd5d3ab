#include "services/registry/migrations/registry_migrations.h"

#include "common/storage/audit_log.h"

namespace penataan::registry {
namespace {

// The audit log's table is common to every service (common/storage/audit_log.h).
std::vector<std::string> WithAuditLog(std::vector<std::string> statements) {
  for (std::string& s : storage::AuditLogSchema()) statements.push_back(std::move(s));
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
      {2,
       "imports and their rejected rows",
       {
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
       }},
      {3, "audit: origin of each record, indexes for ListAuditEvents",
       storage::AuditLogOriginAndIndexes()},
  };
  return *migrations;
}

}  // namespace penataan::registry
