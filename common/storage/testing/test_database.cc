#include "common/storage/testing/test_database.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <random>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/status_macros.h"

namespace penataan::storage::testing {
namespace {

const char* MysqlUrl() { return std::getenv("PENATAAN_TEST_MYSQL_URL"); }

std::string UniqueSuffix() {
  static std::atomic<int> counter{0};
  static const uint64_t seed = std::random_device{}();
  return absl::StrFormat("%d_%d_%x", getpid(), counter++, seed & 0xffffff);
}

// The admin URL with its database part replaced.
std::string WithDatabase(const std::string& admin_url, const std::string& schema) {
  size_t q = admin_url.find('?');
  std::string base = admin_url.substr(0, q);
  std::string query = q == std::string::npos ? "" : admin_url.substr(q);
  size_t slash = base.rfind('/');
  return absl::StrCat(base.substr(0, slash + 1), schema, query);
}

absl::Status ExecuteOnServer(const std::string& sql) {
  ASSIGN_OR_RETURN(std::unique_ptr<Database> admin,
                   Database::Open(DatabaseOptions{MysqlUrl(), 1, 10000}));
  ASSIGN_OR_RETURN(PooledConnection conn, admin->Acquire());
  return conn->Execute(sql).status();
}

}  // namespace

bool TestDatabase::ShouldSkip(const std::string& backend) {
  if (backend != "mysql" || MysqlUrl() != nullptr) return false;
  const char* required = std::getenv("PENATAAN_TEST_REQUIRE_MYSQL");
  return required == nullptr || std::string(required) != "1";
}

absl::StatusOr<std::unique_ptr<TestDatabase>> TestDatabase::Create(const std::string& backend) {
  auto db = std::unique_ptr<TestDatabase>(new TestDatabase());
  db->backend_ = backend;
  if (backend == "sqlite") {
    std::string pattern = (std::filesystem::temp_directory_path() / "penataan_test_XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) return absl::InternalError("mkdtemp failed");
    db->dir_ = pattern;
    db->url_ = absl::StrCat("sqlite://", pattern, "/test.db");
    return db;
  }
  if (MysqlUrl() == nullptr) {
    return absl::FailedPreconditionError(
        "PENATAAN_TEST_MYSQL_URL is not set: run through scripts/test.sh, which starts MariaDB");
  }
  db->schema_ = absl::StrCat("t_", UniqueSuffix());
  RETURN_IF_ERROR(ExecuteOnServer(absl::StrCat("CREATE DATABASE ", db->schema_,
                                               " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin")));
  db->url_ = WithDatabase(MysqlUrl(), db->schema_);
  return db;
}

TestDatabase::~TestDatabase() {
  if (!dir_.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  if (!schema_.empty()) ExecuteOnServer(absl::StrCat("DROP DATABASE ", schema_)).IgnoreError();
}

}  // namespace penataan::storage::testing
