#include "common/storage/audit_log.h"

#include "common/log.h"
#include "common/utf8.h"

namespace penataan::storage {

absl::Status InsertAudit(Connection& c, const AuditRecord& a) {
  return c
      .Execute(
          "INSERT INTO audit_log (time_us, principal, action, resource, request_id, outcome,"
          " detail) VALUES (?, ?, ?, ?, ?, ?, ?)",
          {absl::ToUnixMicros(a.time), a.principal, a.action, a.resource, a.request_id,
           a.outcome, ValidUtf8(a.detail, 1000)})
      .status();
}

void RecordRefusal(Database& db, const AuditRecord& a) {
  absl::StatusOr<PooledConnection> conn = db.Acquire();
  if (conn.ok()) InsertAudit(**conn, a).IgnoreError();
  LogEvent(LogLevel::kWarning, "permission_denied",
           {{"principal", a.principal}, {"action", a.action}, {"resource", a.resource},
            {"request_id", a.request_id}});
}

std::vector<std::string> AuditLogSchema() {
  return {
      "CREATE TABLE IF NOT EXISTS audit_log ("
      " id {{ID}},"
      " time_us BIGINT NOT NULL,"
      " principal VARCHAR(100) NOT NULL,"
      " action VARCHAR(64) NOT NULL,"
      " resource VARCHAR(200) NOT NULL,"
      " request_id VARCHAR(64) NOT NULL,"
      " outcome VARCHAR(32) NOT NULL,"
      " detail VARCHAR(1000) NOT NULL) {{TABLE}}",
      "CREATE INDEX audit_log_resource ON audit_log (resource, id)",
  };
}

}  // namespace penataan::storage
