#include "common/storage/migrations.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/time/clock.h"
#include "common/log.h"
#include "common/status_macros.h"

namespace penataan::storage {
namespace {

std::string ForDialect(const std::string& sql, Dialect dialect) {
  if (dialect == Dialect::kSqlite) {
    return absl::StrReplaceAll(sql, {{"{{ID}}", "INTEGER PRIMARY KEY AUTOINCREMENT"},
                                     {"{{TABLE}}", ""}});
  }
  return absl::StrReplaceAll(
      sql, {{"{{ID}}", "BIGINT PRIMARY KEY AUTO_INCREMENT"},
            {"{{TABLE}}", "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin"}});
}

constexpr char kCreateMigrationsTable[] =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER NOT NULL PRIMARY KEY,"
    " name VARCHAR(200) NOT NULL,"
    " applied_at_us BIGINT NOT NULL) {{TABLE}}";

// MySQL runs DDL outside transactions: a migration cut short is run again, and
// finds its column (1060 ER_DUP_FIELDNAME) or index (1061 ER_DUP_KEYNAME) there.
bool AlreadyDone(const absl::Status& status) {
  const int number = MysqlErrorNumber(status);
  return number == 1060 || number == 1061;
}

absl::Status ApplyOne(Connection& conn, const Migration& m) {
  for (const std::string& statement : m.statements) {
    absl::StatusOr<int64_t> done = conn.Execute(ForDialect(statement, conn.dialect()));
    if (!done.ok() && !(conn.dialect() == Dialect::kMysql && AlreadyDone(done.status()))) {
      return absl::InternalError(
          absl::StrCat("migration ", m.version, " (", m.name, ") failed: ", done.status().message()));
    }
  }
  return conn
      .Execute("INSERT INTO schema_migrations (version, name, applied_at_us) VALUES (?, ?, ?)",
               {int64_t{m.version}, m.name, absl::ToUnixMicros(absl::Now())})
      .status();
}

absl::StatusOr<bool> IsApplied(Connection& conn, int version) {
  ASSIGN_OR_RETURN(std::vector<Row> rows,
                   conn.Query("SELECT 1 FROM schema_migrations WHERE version = ?",
                              {int64_t{version}}));
  return !rows.empty();
}

// SQLite: one transaction per migration, begun IMMEDIATE and checked inside it, so
// that two processes migrating one file at once (replicas' init containers) take
// turns: the second finds the migration applied instead of applying it again.
absl::StatusOr<bool> ApplyInTransaction(Connection& conn, const Migration& m) {
  RETURN_IF_ERROR(conn.Begin());
  absl::StatusOr<bool> applied = IsApplied(conn, m.version);
  absl::Status status = !applied.ok() ? applied.status()
                        : *applied    ? absl::OkStatus()
                                      : ApplyOne(conn, m);
  if (!status.ok() || *applied) {
    conn.Rollback().IgnoreError();
    RETURN_IF_ERROR(status);
    return false;
  }
  RETURN_IF_ERROR(conn.Commit());
  return true;
}

absl::Status ApplyAll(Connection& conn, const std::vector<Migration>& migrations) {
  for (const Migration& m : migrations) {
    if (conn.dialect() == Dialect::kSqlite) {
      ASSIGN_OR_RETURN(bool applied_now, ApplyInTransaction(conn, m));
      if (!applied_now) continue;
    } else {
      // MySQL: the named lock of ApplyMigrations keeps other replicas out.
      ASSIGN_OR_RETURN(bool applied, IsApplied(conn, m.version));
      if (applied) continue;
      RETURN_IF_ERROR(ApplyOne(conn, m));
    }
    LogEvent(LogLevel::kInfo, "migration_applied",
             {{"version", absl::StrCat(m.version)}, {"name", m.name}});
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ApplyMigrations(Database& db, const std::vector<Migration>& migrations) {
  ASSIGN_OR_RETURN(PooledConnection conn, db.Acquire());
  RETURN_IF_ERROR(conn->Execute(ForDialect(kCreateMigrationsTable, conn->dialect())).status());
  if (conn->dialect() == Dialect::kSqlite) return ApplyAll(*conn, migrations);
  ASSIGN_OR_RETURN(std::vector<Row> locked,
                   conn->Query("SELECT GET_LOCK('penataan_migrations', 60)"));
  if (locked.empty() || locked[0].Int(0) != 1) {
    return absl::UnavailableError("another replica is migrating the database; try again");
  }
  absl::Status status = ApplyAll(*conn, migrations);
  conn->Query("SELECT RELEASE_LOCK('penataan_migrations')").IgnoreError();
  return status;
}

absl::StatusOr<std::vector<int>> AppliedMigrations(Database& db) {
  ASSIGN_OR_RETURN(PooledConnection conn, db.Acquire());
  ASSIGN_OR_RETURN(std::vector<Row> rows,
                   conn->Query("SELECT version FROM schema_migrations ORDER BY version"));
  std::vector<int> versions;
  for (const Row& r : rows) versions.push_back(static_cast<int>(r.Int(0)));
  return versions;
}

}  // namespace penataan::storage
