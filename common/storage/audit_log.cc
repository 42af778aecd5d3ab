#include "common/storage/audit_log.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "common/log.h"
#include "common/utf8.h"

namespace penataan::storage {
namespace {

constexpr char kColumns[] =
    "id, time_us, principal, action, resource, request_id, outcome, detail, origin";


}  // namespace

absl::Status InsertAudit(Connection& c, const AuditRecord& a) {
  // Every field may carry words from outside (a resource built from a request's
  // instansi code, a refused caller's request id): valid UTF-8, cut on a character
  // boundary, or MariaDB refuses the row and the refusal would go unrecorded.
  return c
      .Execute(
          "INSERT INTO audit_log (time_us, principal, action, resource, request_id, outcome,"
          " detail, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
          {absl::ToUnixMicros(a.time), ValidUtf8(a.principal, 100), ValidUtf8(a.action, 64),
           ValidUtf8(a.resource, 200), ValidUtf8(a.request_id, 64), ValidUtf8(a.outcome, 32),
           ValidUtf8(a.detail, 1000), ValidUtf8(a.origin.empty() ? a.principal : a.origin, 100)})
      .status();
}

void RecordRefusal(Database& db, const AuditRecord& a) {
  absl::StatusOr<PooledConnection> conn = db.Acquire();
  if (conn.ok()) InsertAudit(**conn, a).IgnoreError();
  LogEvent(LogLevel::kWarning, "refused",
           {{"principal", a.principal}, {"action", a.action}, {"resource", a.resource},
            {"outcome", a.outcome}, {"request_id", a.request_id}});
}

absl::Status OwnDataOnly() {
  return absl::PermissionDeniedError(
      "permission denied: an instansi reads and changes only its own data");
}

void RecordForeignAccess(Database& db, absl::Time now, const Caller& caller, const char* action,
                         const std::string& resource) {
  RecordRefusal(db, AuditRecord{caller.principal.ToString(), action, resource, caller.request_id,
                                "PERMISSION_DENIED", "another instansi's data", now,
                                caller.origin});
}

absl::Status RequireOwner(Database& db, absl::Time now, const Caller& caller,
                          absl::string_view instansi_code, const char* action,
                          const std::string& resource, absl::Status answer) {
  if (caller.Owns(instansi_code)) return absl::OkStatus();
  RecordForeignAccess(db, now, caller, action, resource);
  return answer;
}

absl::StatusOr<std::vector<AuditRecord>> ListAudit(Connection& c, const AuditFilter& f,
                                                   int64_t after_id, int limit) {
  std::vector<std::string> where = {"id > ?"};
  std::vector<Value> params = {after_id};
  auto equal = [&](const char* column, const std::string& value) {
    if (value.empty()) return;
    where.push_back(absl::StrCat(column, " = ?"));
    params.push_back(value);
  };
  equal("principal", f.principal);
  equal("action", f.action);
  equal("outcome", f.outcome);
  absl::string_view prefix = f.resource;
  if (absl::ConsumeSuffix(&prefix, "*")) {
    // A range instead of LIKE: no wildcard in the value can widen it.
    where.push_back("resource >= ? AND resource < ?");
    params.push_back(std::string(prefix));
    params.push_back(absl::StrCat(prefix, "\xF4\x8F\xBF\xBF"));
  } else {
    equal("resource", f.resource);
  }
  if (f.start != absl::InfinitePast()) {
    where.push_back("time_us >= ?");
    params.push_back(absl::ToUnixMicros(f.start));
  }
  if (f.end != absl::InfiniteFuture()) {
    where.push_back("time_us < ?");
    params.push_back(absl::ToUnixMicros(f.end));
  }
  params.push_back(static_cast<int64_t>(limit));
  absl::StatusOr<std::vector<Row>> rows =
      c.Query(absl::StrCat("SELECT ", kColumns, " FROM audit_log WHERE ",
                           absl::StrJoin(where, " AND "), " ORDER BY id LIMIT ?"),
              params);
  if (!rows.ok()) return rows.status();
  std::vector<AuditRecord> out;
  out.reserve(rows->size());
  for (const Row& r : *rows) {
    AuditRecord a;
    a.id = r.Int(0);
    a.time = absl::FromUnixMicros(r.Int(1));
    a.principal = r.Str(2);
    a.action = r.Str(3);
    a.resource = r.Str(4);
    a.request_id = r.Str(5);
    a.outcome = r.Str(6);
    a.detail = r.Str(7);
    a.origin = r.Str(8);
    out.push_back(std::move(a));
  }
  return out;
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

std::vector<std::string> AuditLogOriginAndIndexes() {
  return {
      "ALTER TABLE audit_log ADD COLUMN origin VARCHAR(100) NOT NULL DEFAULT ''",
      "CREATE INDEX audit_log_principal ON audit_log (principal, id)",
      "CREATE INDEX audit_log_time ON audit_log (time_us, id)",
  };
}

}  // namespace penataan::storage
