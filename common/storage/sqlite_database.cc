// The embedded backend. WAL mode so that readers never wait for the writer;
// synchronous=NORMAL (durable at every checkpoint, the usual WAL trade-off); a busy
// timeout so that concurrent writers queue instead of failing. The page cache is per
// connection, so it is kept at 16 MB: 64 MB and 256 MB with mmap imported 1M rows no
// faster, and the pool may hold dozens of connections.

#include <sqlite3.h>

#include <map>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/log.h"
#include "common/storage/connection_pool.h"
#include "common/storage/database.h"
#include "common/storage/database_url.h"

namespace penataan::storage {
namespace {

absl::Status SqliteError(sqlite3* db, int rc, absl::string_view what) {
  const int primary = rc & 0xff;
  std::string detail = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  if (primary == SQLITE_CONSTRAINT) {
    if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
      return absl::AlreadyExistsError(absl::StrCat("duplicate key (", detail, ")"));
    }
    return absl::FailedPreconditionError(absl::StrCat("constraint failed (", detail, ")"));
  }
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
    return RetryableAborted("database busy, try again");
  }
  LogEvent(LogLevel::kError, "sqlite_error", {{"what", std::string(what)}, {"detail", detail}});
  return absl::InternalError(absl::StrCat("database error (sqlite ", rc, ")"));
}

class SqliteConnection final : public Connection {
 public:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  ~SqliteConnection() override {
    for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
  }

  Dialect dialect() const override { return Dialect::kSqlite; }
  bool healthy() const override { return true; }

  absl::StatusOr<std::vector<Row>> Query(absl::string_view sql,
                                         const std::vector<Value>& params) override {
    absl::StatusOr<sqlite3_stmt*> stmt = Prepare(sql, params);
    if (!stmt.ok()) return stmt.status();
    std::vector<Row> rows;
    int rc;
    while ((rc = sqlite3_step(*stmt)) == SQLITE_ROW) {
      const int n = sqlite3_column_count(*stmt);
      std::vector<Value> values;
      values.reserve(n);
      for (int i = 0; i < n; ++i) values.push_back(Column(*stmt, i));
      rows.emplace_back(std::move(values));
    }
    sqlite3_reset(*stmt);
    if (rc != SQLITE_DONE) return SqliteError(db_, rc, sql.substr(0, 40));
    return rows;
  }

  absl::StatusOr<int64_t> Execute(absl::string_view sql,
                                  const std::vector<Value>& params) override {
    absl::StatusOr<sqlite3_stmt*> stmt = Prepare(sql, params);
    if (!stmt.ok()) return stmt.status();
    int rc;
    while ((rc = sqlite3_step(*stmt)) == SQLITE_ROW) {
    }
    sqlite3_reset(*stmt);
    if (rc != SQLITE_DONE) return SqliteError(db_, rc, sql.substr(0, 40));
    return static_cast<int64_t>(sqlite3_changes64(db_));
  }

  absl::StatusOr<int64_t> LastInsertId() override { return sqlite3_last_insert_rowid(db_); }
  absl::Status Begin() override { return Exec("BEGIN IMMEDIATE"); }
  absl::Status Commit() override { return Exec("COMMIT"); }
  absl::Status Rollback() override {
    if (sqlite3_get_autocommit(db_)) return absl::OkStatus();
    return Exec("ROLLBACK");
  }
  bool in_transaction() const override { return !sqlite3_get_autocommit(db_); }

  absl::Status Exec(const char* sql) {
    int rc = sqlite3_exec(db_, sql, nullptr, nullptr, nullptr);
    return rc == SQLITE_OK ? absl::OkStatus() : SqliteError(db_, rc, sql);
  }

 private:
  // Statements are cached per connection; variable-length batches make a few
  // distinct texts, so the cache is cleared when it grows past a bound.
  absl::StatusOr<sqlite3_stmt*> Prepare(absl::string_view sql, const std::vector<Value>& params) {
    std::string key(sql);
    auto it = cache_.find(key);
    sqlite3_stmt* stmt = nullptr;
    if (it != cache_.end()) {
      stmt = it->second;
    } else {
      if (cache_.size() >= 128) {
        for (auto& [k, s] : cache_) sqlite3_finalize(s);
        cache_.clear();
      }
      int rc = sqlite3_prepare_v3(db_, key.data(), static_cast<int>(key.size()),
                                  SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
      if (rc != SQLITE_OK) return SqliteError(db_, rc, sql.substr(0, 40));
      cache_.emplace(std::move(key), stmt);
    }
    sqlite3_clear_bindings(stmt);
    for (size_t i = 0; i < params.size(); ++i) {
      const int pos = static_cast<int>(i + 1);
      const Value& v = params[i];
      int rc = SQLITE_OK;
      if (auto* n = std::get_if<int64_t>(&v)) {
        rc = sqlite3_bind_int64(stmt, pos, *n);
      } else if (auto* d = std::get_if<double>(&v)) {
        rc = sqlite3_bind_double(stmt, pos, *d);
      } else if (auto* s = std::get_if<std::string>(&v)) {
        rc = sqlite3_bind_text(stmt, pos, s->data(), static_cast<int>(s->size()), SQLITE_STATIC);
      } else {
        rc = sqlite3_bind_null(stmt, pos);
      }
      if (rc != SQLITE_OK) return SqliteError(db_, rc, "bind");
    }
    return stmt;
  }

  static Value Column(sqlite3_stmt* stmt, int i) {
    switch (sqlite3_column_type(stmt, i)) {
      case SQLITE_INTEGER: return Value(static_cast<int64_t>(sqlite3_column_int64(stmt, i)));
      case SQLITE_FLOAT: return Value(sqlite3_column_double(stmt, i));
      case SQLITE_NULL: return Value();
      default: {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, i));
        return Value(std::string(text, sqlite3_column_bytes(stmt, i)));
      }
    }
  }

  sqlite3* db_;
  std::map<std::string, sqlite3_stmt*> cache_;
};

class SqliteDatabase final : public Database {
 public:
  SqliteDatabase(std::string path, const DatabaseOptions& options)
      : path_(std::move(path)),
        pool_([this] { return Connect(); }, options) {}
  Dialect dialect() const override { return Dialect::kSqlite; }
  absl::StatusOr<PooledConnection> Acquire() override { return pool_.Acquire(); }

  absl::StatusOr<std::unique_ptr<Connection>> Connect() {
    sqlite3* db = nullptr;
    int rc = sqlite3_open_v2(path_.c_str(), &db,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                             nullptr);
    if (rc != SQLITE_OK) {
      sqlite3_close_v2(db);
      return absl::UnavailableError(absl::StrCat("cannot open sqlite database ", path_));
    }
    auto conn = std::make_unique<SqliteConnection>(db);
    sqlite3_busy_timeout(db, 10000);
    sqlite3_extended_result_codes(db, 1);
    // Turning a new file to WAL needs it alone, and SQLite answers BUSY at once
    // rather than through the busy timeout when another process opens it too
    // (replicas' migration steps starting together): try again for a while.
    absl::Status wal = conn->Exec("PRAGMA journal_mode=WAL");
    for (int i = 0; i < 200 && absl::IsAborted(wal); ++i) {
      absl::SleepFor(absl::Milliseconds(50));
      wal = conn->Exec("PRAGMA journal_mode=WAL");
    }
    if (!wal.ok()) return wal;
    for (const char* pragma : {"PRAGMA synchronous=NORMAL", "PRAGMA foreign_keys=ON",
                               "PRAGMA temp_store=MEMORY", "PRAGMA cache_size=-16384"}) {
      absl::Status status = conn->Exec(pragma);
      if (!status.ok()) return status;
    }
    return std::unique_ptr<Connection>(std::move(conn));
  }

 private:
  std::string path_;
  ConnectionPool pool_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<Database>> OpenSqlite(const DatabaseUrl& url,
                                                     const DatabaseOptions& options) {
  auto db = std::make_unique<SqliteDatabase>(url.path, options);
  // Fail at start-up, not at the first request, when the file cannot be opened.
  absl::StatusOr<PooledConnection> probe = db->Acquire();
  if (!probe.ok()) return probe.status();
  return std::unique_ptr<Database>(std::move(db));
}

}  // namespace penataan::storage
