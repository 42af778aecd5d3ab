#ifndef PENATAAN_COMMON_STORAGE_DATABASE_H_
#define PENATAAN_COMMON_STORAGE_DATABASE_H_

// The one small storage interface of every service, with two backends chosen by URL:
//   sqlite:///var/registry.db                         embedded default
//   mysql://user:pass@host:3306/db                    MySQL 8 / MariaDB 10.11
//   mysql://user@localhost/db?socket=/run/m.sock&password_file=/etc/secret
//   mysql://user@db.example:3306/db?ssl_ca=/run/ca.crt&password_file=…  TLS, server verified
// Statements are always prepared and parameters always bound; there is no way to
// pass a value inside SQL text. A backend difference is handled in this folder.
//
// Thread safety: Database is thread-safe; a Connection is used by one thread at a
// time (Connector/C++ connections are not thread-safe), which the pool guarantees.

#include <cstdint>
#include <functional>
#include <utility>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace penataan::storage {

enum class Dialect { kSqlite, kMysql };

using Value = std::variant<std::monostate, int64_t, double, std::string>;
inline Value Null() { return Value(); }

class Row {
 public:
  explicit Row(std::vector<Value> values) : values_(std::move(values)) {}
  size_t size() const { return values_.size(); }
  bool IsNull(size_t i) const { return std::holds_alternative<std::monostate>(values_[i]); }
  // Converting accessors: the backends do not agree on column types (MySQL may
  // return a BIGINT as text), so callers ask for the type they mean.
  int64_t Int(size_t i) const;
  std::string Str(size_t i) const;

 private:
  std::vector<Value> values_;
};

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Dialect dialect() const = 0;
  virtual absl::StatusOr<std::vector<Row>> Query(absl::string_view sql,
                                                 const std::vector<Value>& params = {}) = 0;
  // Returns the number of rows changed.
  virtual absl::StatusOr<int64_t> Execute(absl::string_view sql,
                                          const std::vector<Value>& params = {}) = 0;
  virtual absl::StatusOr<int64_t> LastInsertId() = 0;
  // Starts a transaction that takes write locks at once (SQLite: BEGIN IMMEDIATE).
  virtual absl::Status Begin() = 0;
  virtual absl::Status Commit() = 0;
  // Leaves the connection out of any transaction with autocommit on, or marks it
  // unhealthy when it cannot (the pool then drops it).
  virtual absl::Status Rollback() = 0;
  // True between Begin() and a Commit() or Rollback() that succeeded. A failed
  // Commit() rolls back, so it ends the transaction too unless the connection is
  // no longer healthy.
  virtual bool in_transaction() const = 0;
  // False once the connection has failed in a way that makes it unusable.
  virtual bool healthy() const = 0;
  // Asks the server whether the connection still works (a round trip on MySQL).
  virtual bool Ping() { return true; }
};

class ConnectionPool;

// A borrowed connection; goes back to the pool when destroyed.
class PooledConnection {
 public:
  PooledConnection(ConnectionPool* pool, std::unique_ptr<Connection> conn)
      : pool_(pool), conn_(std::move(conn)) {}
  PooledConnection(PooledConnection&&) = default;
  PooledConnection& operator=(PooledConnection&&) = delete;
  ~PooledConnection();
  explicit operator bool() const { return conn_ != nullptr; }
  Connection* operator->() const { return conn_.get(); }
  Connection& operator*() const { return *conn_; }

 private:
  ConnectionPool* pool_;
  std::unique_ptr<Connection> conn_;
};

struct DatabaseOptions {
  std::string url;
  int pool_size = 16;
  // How long Acquire waits for a free connection before UNAVAILABLE.
  int acquire_timeout_ms = 10000;
  // A connection idle longer than this is pinged before it is handed out, and
  // replaced if the server has closed it (a restart, wait_timeout).
  int validate_after_idle_ms = 5000;
  // MySQL: READ COMMITTED instead of InnoDB's REPEATABLE READ, so that range scans
  // take no gap locks. A queue table (claims with SKIP LOCKED while other
  // transactions update the claimed rows' indexes) deadlocks on gap locks
  // otherwise. SQLite transactions are serializable either way.
  bool read_committed = false;
};

class Database {
 public:
  virtual ~Database() = default;
  static absl::StatusOr<std::unique_ptr<Database>> Open(const DatabaseOptions& options);
  virtual Dialect dialect() const = 0;
  virtual absl::StatusOr<PooledConnection> Acquire() = 0;
};

// Rolls back in its destructor unless committed, and when Commit() fails (the
// caller sees the commit's error). Holds its connection throughout.
class Transaction {
 public:
  static absl::StatusOr<Transaction> Begin(Database& db);
  Transaction(Transaction&& other) noexcept
      : conn_(std::move(other.conn_)), done_(std::exchange(other.done_, true)) {}
  Transaction& operator=(Transaction&&) = delete;
  ~Transaction();
  Connection& conn() { return *conn_; }
  absl::Status Commit();

 private:
  explicit Transaction(PooledConnection conn) : conn_(std::move(conn)) {}
  PooledConnection conn_;
  bool done_ = false;
};

// ABORTED from the database itself (deadlock, lock wait timeout, SQLite busy), as
// opposed to a domain ABORTED such as a stale etag: worth running the work again.
absl::Status RetryableAborted(absl::string_view message);
bool IsRetryable(const absl::Status& status);

// The MySQL/MariaDB error number a status came from; 0 when it did not come from one.
inline constexpr char kMysqlErrnoPayload[] = "penataan.storage/mysql_errno";
int MysqlErrorNumber(const absl::Status& status);

// Runs `body` in a transaction and commits it; when the database aborts it
// (IsRetryable) runs the whole body again, up to `attempts` times.
absl::Status InTransaction(Database& db, const std::function<absl::Status(Connection&)>& body,
                           int attempts = 3);

// "INSERT IGNORE INTO" (MySQL) / "INSERT OR IGNORE INTO" (SQLite): a row whose unique
// key a concurrent transaction committed is skipped, not an error.
const char* InsertIgnoreInto(Dialect dialect);

// "?, ?, ?" for n parameters; "(?, ?), (?, ?)" for rows x cols.
std::string Placeholders(size_t n);
std::string RowPlaceholders(size_t rows, size_t cols);

}  // namespace penataan::storage

#endif  // PENATAAN_COMMON_STORAGE_DATABASE_H_
