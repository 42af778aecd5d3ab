// The production backend, MySQL 8 or MariaDB 10.11, through MySQL Connector/C++ 1.1
// (the JDBC-style sql:: API). Connector/C++ throws; every exception is caught here
// and mapped to absl::Status, so nothing above this file sees one. Each session is
// UTC, strict, utf8mb4 with binary collation so that comparisons agree with SQLite.

#include <cppconn/connection.h>
#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>
#include <cppconn/resultset_metadata.h>
#include <cppconn/statement.h>
#include <mysql_driver.h>

#include <map>
#include <mutex>

#include "absl/strings/str_cat.h"
#include "common/log.h"
#include "common/storage/connection_pool.h"
#include "common/storage/database.h"
#include "common/storage/database_url.h"

namespace penataan::storage {
namespace {

// Client errors of a broken link, and the server's "connection was killed"
// (MariaDB 1927) and "disconnected for inactivity" (MySQL 8 4031).
bool IsConnectionLost(int code) {
  return code == 2006 || code == 2013 || code == 2055 || code == 1927 || code == 4031;
}

absl::Status MysqlErrorOf(const sql::SQLException& e, absl::string_view what) {
  const int code = e.getErrorCode();
  switch (code) {
    case 1062: return absl::AlreadyExistsError("duplicate key");
    case 1213: return RetryableAborted("deadlock, try again");
    case 1205: return RetryableAborted("lock wait timeout, try again");
    case 1451:
    case 1452: return absl::FailedPreconditionError("referenced row constraint failed");
    // Incorrect string value: bytes that are not UTF-8 reached a text column. The
    // caller's input, not the database's fault (SQLite stores them as they are;
    // callers make outside text valid with ValidUtf8, common/utf8.h).
    case 1366: return absl::InvalidArgumentError("text is not valid UTF-8");
    default: break;
  }
  if (IsConnectionLost(code) || code == 2002 || code == 2003) {
    return absl::UnavailableError(absl::StrCat("database unavailable (mysql ", code, ")"));
  }
  LogEvent(LogLevel::kError, "mysql_error",
           {{"what", std::string(what)}, {"code", absl::StrCat(code)}, {"detail", e.what()}});
  return absl::InternalError(absl::StrCat("database error (mysql ", code, ")"));
}

// The server's error number travels with the status, so that a caller that must
// tell one error from another (migrations: a column that exists) never reads text.
absl::Status MysqlError(const sql::SQLException& e, absl::string_view what) {
  absl::Status status = MysqlErrorOf(e, what);
  status.SetPayload(kMysqlErrnoPayload, absl::Cord(absl::StrCat(e.getErrorCode())));
  return status;
}

class MysqlConnection final : public Connection {
 public:
  explicit MysqlConnection(std::unique_ptr<sql::Connection> conn) : conn_(std::move(conn)) {}
  ~MysqlConnection() override {
    cache_.clear();
    try {
      conn_->close();
    } catch (const sql::SQLException&) {
    }
  }

  Dialect dialect() const override { return Dialect::kMysql; }
  bool healthy() const override { return healthy_; }
  bool Ping() override {
    try {
      return conn_->isValid();
    } catch (const sql::SQLException&) {
      return false;
    }
  }

  absl::StatusOr<std::vector<Row>> Query(absl::string_view sql,
                                         const std::vector<Value>& params) override {
    try {
      sql::PreparedStatement* stmt = Prepare(sql, params);
      std::unique_ptr<sql::ResultSet> rs(stmt->executeQuery());
      sql::ResultSetMetaData* meta = rs->getMetaData();
      const unsigned n = meta->getColumnCount();
      std::vector<int> types(n);
      for (unsigned i = 0; i < n; ++i) types[i] = meta->getColumnType(i + 1);
      std::vector<Row> rows;
      rows.reserve(rs->rowsCount());
      while (rs->next()) {
        std::vector<Value> values;
        values.reserve(n);
        for (unsigned i = 0; i < n; ++i) values.push_back(Column(*rs, i + 1, types[i]));
        rows.emplace_back(std::move(values));
      }
      return rows;
    } catch (const sql::SQLException& e) {
      return Fail(e, sql);
    }
  }

  absl::StatusOr<int64_t> Execute(absl::string_view sql,
                                  const std::vector<Value>& params) override {
    try {
      return static_cast<int64_t>(Prepare(sql, params)->executeUpdate());
    } catch (const sql::SQLException& e) {
      return Fail(e, sql);
    }
  }

  absl::StatusOr<int64_t> LastInsertId() override {
    absl::StatusOr<std::vector<Row>> rows = Query("SELECT LAST_INSERT_ID()", {});
    if (!rows.ok()) return rows.status();
    return (*rows)[0].Int(0);
  }

  // The transaction is autocommit off; in_transaction_ follows it on the client
  // side, so that the pool asks no round trip on every return. The statements are
  // sent as text: Connector/C++ 1.1's commit() and setAutoCommit() do not report
  // a server's refusal (a COMMIT refused with XAER_RMFAIL came back as success,
  // leaving the connection inside the transaction with autocommit off).
  absl::Status Begin() override {
    in_transaction_ = true;
    try {
      ExecRaw("SET autocommit = 0");
      return absl::OkStatus();
    } catch (const sql::SQLException& e) {
      return Fail(e, "BEGIN");
    }
  }
  absl::Status Commit() override {
    try {
      ExecRaw("COMMIT");
      ExecRaw("SET autocommit = 1");
      in_transaction_ = false;
      return absl::OkStatus();
    } catch (const sql::SQLException& e) {
      absl::Status status = Fail(e, "COMMIT");
      // Whatever the server kept of the transaction goes; if even that fails the
      // connection is marked unhealthy and dropped.
      Rollback().IgnoreError();
      return status;
    }
  }
  absl::Status Rollback() override {
    if (!in_transaction_) return absl::OkStatus();
    try {
      ExecRaw("ROLLBACK");
      ExecRaw("SET autocommit = 1");
      in_transaction_ = false;
      return absl::OkStatus();
    } catch (const sql::SQLException& e) {
      // A connection in a state we cannot name is not handed out again.
      healthy_ = false;
      return Fail(e, "ROLLBACK");
    }
  }
  bool in_transaction() const override { return in_transaction_; }

  void ExecRaw(const std::string& sql) {
    std::unique_ptr<sql::Statement> stmt(conn_->createStatement());
    stmt->execute(sql);
  }

 private:
  absl::Status Fail(const sql::SQLException& e, absl::string_view sql) {
    if (IsConnectionLost(e.getErrorCode())) healthy_ = false;
    return MysqlError(e, sql.substr(0, 40));
  }

  // Server-side prepared statements, cached per connection (bounded, see sqlite).
  sql::PreparedStatement* Prepare(absl::string_view sql, const std::vector<Value>& params) {
    std::string key(sql);
    auto it = cache_.find(key);
    if (it == cache_.end()) {
      if (cache_.size() >= 128) cache_.clear();
      std::unique_ptr<sql::PreparedStatement> stmt(conn_->prepareStatement(key));
      it = cache_.emplace(std::move(key), std::move(stmt)).first;
    }
    sql::PreparedStatement* stmt = it->second.get();
    for (size_t i = 0; i < params.size(); ++i) {
      const unsigned pos = static_cast<unsigned>(i + 1);
      const Value& v = params[i];
      if (auto* n = std::get_if<int64_t>(&v)) {
        stmt->setInt64(pos, *n);
      } else if (auto* d = std::get_if<double>(&v)) {
        stmt->setDouble(pos, *d);
      } else if (auto* s = std::get_if<std::string>(&v)) {
        stmt->setString(pos, *s);
      } else {
        stmt->setNull(pos, sql::DataType::VARCHAR);
      }
    }
    return stmt;
  }

  static Value Column(sql::ResultSet& rs, unsigned i, int type) {
    if (rs.isNull(i)) return Value();
    switch (type) {
      case sql::DataType::BIT:
      case sql::DataType::TINYINT:
      case sql::DataType::SMALLINT:
      case sql::DataType::MEDIUMINT:
      case sql::DataType::INTEGER:
      case sql::DataType::BIGINT: return Value(static_cast<int64_t>(rs.getInt64(i)));
      case sql::DataType::REAL:
      case sql::DataType::DOUBLE:
      case sql::DataType::DECIMAL:
      case sql::DataType::NUMERIC: return Value(static_cast<double>(rs.getDouble(i)));
      default: return Value(std::string(rs.getString(i)));
    }
  }

  std::unique_ptr<sql::Connection> conn_;
  std::map<std::string, std::unique_ptr<sql::PreparedStatement>> cache_;
  bool healthy_ = true;
  bool in_transaction_ = false;
};

class MysqlDatabase final : public Database {
 public:
  MysqlDatabase(DatabaseUrl url, const DatabaseOptions& options)
      : url_(std::move(url)),
        read_committed_(options.read_committed),
        pool_([this] { return Connect(); }, options) {}
  Dialect dialect() const override { return Dialect::kMysql; }
  absl::StatusOr<PooledConnection> Acquire() override { return pool_.Acquire(); }

  absl::StatusOr<std::unique_ptr<Connection>> Connect() {
    try {
      sql::ConnectOptionsMap options;
      if (!url_.socket.empty()) {
        options["hostName"] = sql::SQLString("localhost");
        options["socket"] = sql::SQLString(url_.socket);
      } else {
        options["hostName"] = sql::SQLString(absl::StrCat("tcp://", url_.host, ":", url_.port));
      }
      options["userName"] = sql::SQLString(url_.user);
      options["password"] = sql::SQLString(url_.password);
      options["schema"] = sql::SQLString(url_.database);
      options["OPT_CONNECT_TIMEOUT"] = 5;
      options["OPT_READ_TIMEOUT"] = 60;
      options["OPT_WRITE_TIMEOUT"] = 60;
      options["OPT_RECONNECT"] = false;
      options["OPT_CHARSET_NAME"] = sql::SQLString("utf8mb4");
      if (!url_.ssl_ca.empty()) {
        // Encrypted or not at all, and only to the server the CA vouches for under
        // the URL's host name: personal data and the password never go in clear.
        options["sslCA"] = sql::SQLString(url_.ssl_ca);
        options["sslEnforce"] = true;
        options["sslVerify"] = true;
      }
      sql::Driver* driver = DriverInstance();
      std::unique_ptr<sql::Connection> raw(driver->connect(options));
      auto conn = std::make_unique<MysqlConnection>(std::move(raw));
      conn->ExecRaw("SET time_zone = '+00:00'");
      conn->ExecRaw("SET NAMES utf8mb4 COLLATE utf8mb4_bin");
      conn->ExecRaw(
          "SET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_DATE,NO_ZERO_IN_DATE,"
          "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION'");
      if (read_committed_) {
        conn->ExecRaw("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED");
      }
      return std::unique_ptr<Connection>(std::move(conn));
    } catch (const sql::SQLException& e) {
      LogEvent(LogLevel::kError, "mysql_connect_failed",
               {{"code", absl::StrCat(e.getErrorCode())}, {"detail", e.what()}});
      return absl::UnavailableError(
          absl::StrCat("cannot connect to the database (mysql ", e.getErrorCode(), ")"));
    }
  }

 private:
  // get_mysql_driver_instance is not thread-safe on first use.
  static sql::Driver* DriverInstance() {
    static std::once_flag once;
    static sql::Driver* driver = nullptr;
    std::call_once(once, [] { driver = sql::mysql::get_mysql_driver_instance(); });
    return driver;
  }

  DatabaseUrl url_;
  const bool read_committed_;
  ConnectionPool pool_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<Database>> OpenMysql(const DatabaseUrl& url,
                                                    const DatabaseOptions& options) {
  auto db = std::make_unique<MysqlDatabase>(url, options);
  absl::StatusOr<PooledConnection> probe = db->Acquire();
  if (!probe.ok()) return probe.status();
  return std::unique_ptr<Database>(std::move(db));
}

}  // namespace penataan::storage
