#include "common/storage/database.h"

#include <optional>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/storage/database_url.h"

namespace penataan::storage {

// Defined by the backends (sqlite_database.cc, mysql_database.cc).
absl::StatusOr<std::unique_ptr<Database>> OpenSqlite(const DatabaseUrl& url,
                                                     const DatabaseOptions& options);
absl::StatusOr<std::unique_ptr<Database>> OpenMysql(const DatabaseUrl& url,
                                                    const DatabaseOptions& options);

int64_t Row::Int(size_t i) const {
  const Value& v = values_[i];
  if (auto* n = std::get_if<int64_t>(&v)) return *n;
  if (auto* d = std::get_if<double>(&v)) return static_cast<int64_t>(*d);
  if (auto* s = std::get_if<std::string>(&v)) {
    int64_t n = 0;
    return absl::SimpleAtoi(*s, &n) ? n : 0;
  }
  return 0;
}

std::string Row::Str(size_t i) const {
  const Value& v = values_[i];
  if (auto* s = std::get_if<std::string>(&v)) return *s;
  if (auto* n = std::get_if<int64_t>(&v)) return absl::StrCat(*n);
  if (auto* d = std::get_if<double>(&v)) return absl::StrCat(*d);
  return "";
}

absl::StatusOr<std::unique_ptr<Database>> Database::Open(const DatabaseOptions& options) {
  absl::StatusOr<DatabaseUrl> url = ParseDatabaseUrl(options.url);
  if (!url.ok()) return url.status();
  if (url->dialect == Dialect::kSqlite) return OpenSqlite(*url, options);
  return OpenMysql(*url, options);
}

absl::StatusOr<Transaction> Transaction::Begin(Database& db) {
  absl::StatusOr<PooledConnection> conn = db.Acquire();
  if (!conn.ok()) return conn.status();
  absl::Status status = (*conn)->Begin();
  if (!status.ok()) return status;
  return Transaction(std::move(*conn));
}

Transaction::~Transaction() {
  if (!done_ && conn_) conn_->Rollback().IgnoreError();
}

absl::Status Transaction::Commit() {
  done_ = true;
  absl::Status status = conn_->Commit();
  // A COMMIT that failed can leave the transaction open (SQLite's SQLITE_BUSY
  // does): end it here rather than hand the pool a connection inside it.
  if (!status.ok()) conn_->Rollback().IgnoreError();
  return status;
}

absl::Status InTransaction(Database& db, const std::function<absl::Status(Connection&)>& body,
                           int attempts) {
  absl::Status status;
  for (int i = 0; i < attempts; ++i) {
    absl::StatusOr<Transaction> tx = Transaction::Begin(db);
    if (!tx.ok()) return tx.status();
    status = body(tx->conn());
    if (status.ok()) status = tx->Commit();
    if (!IsRetryable(status)) return status;
  }
  return status;
}

absl::Status RetryableAborted(absl::string_view message) {
  absl::Status status = absl::AbortedError(message);
  status.SetPayload("penataan.storage/retryable", absl::Cord("1"));
  return status;
}

int MysqlErrorNumber(const absl::Status& status) {
  auto payload = status.GetPayload(kMysqlErrnoPayload);
  int number = 0;
  if (!payload || !absl::SimpleAtoi(std::string(*payload), &number)) return 0;
  return number;
}

bool IsRetryable(const absl::Status& status) {
  return status.code() == absl::StatusCode::kAborted &&
         status.GetPayload("penataan.storage/retryable").has_value();
}

const char* InsertIgnoreInto(Dialect dialect) {
  return dialect == Dialect::kMysql ? "INSERT IGNORE INTO" : "INSERT OR IGNORE INTO";
}

std::string Placeholders(size_t n) {
  std::string out;
  out.reserve(n * 3);
  for (size_t i = 0; i < n; ++i) out += i == 0 ? "?" : ", ?";
  return out;
}

std::string RowPlaceholders(size_t rows, size_t cols) {
  const std::string one = absl::StrCat("(", Placeholders(cols), ")");
  std::string out;
  out.reserve(rows * (one.size() + 2));
  for (size_t i = 0; i < rows; ++i) {
    if (i > 0) out += ", ";
    out += one;
  }
  return out;
}

}  // namespace penataan::storage
