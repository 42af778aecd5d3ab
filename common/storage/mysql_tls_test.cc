// TLS to MySQL/MariaDB (?ssl_ca=): the session is encrypted, and a server the CA
// does not vouch for is refused. scripts/test.sh starts its MariaDB with a server
// certificate (scripts/mariadb.sh) and sets PENATAAN_TEST_MYSQL_TLS_URL (a user that
// must use TLS) and PENATAAN_TEST_MYSQL_OTHER_CA (a CA that signed nothing of it).
#include <cstdlib>
#include <memory>
#include <string>

#include "common/storage/database.h"
#include "gtest/gtest.h"

namespace penataan::storage {
namespace {

const char* Env(const char* name) { return std::getenv(name); }

class MysqlTls : public ::testing::Test {
 protected:
  void SetUp() override {
    if (Env("PENATAAN_TEST_MYSQL_TLS_URL") != nullptr) return;
    const char* required = Env("PENATAAN_TEST_REQUIRE_MYSQL");
    if (required != nullptr && std::string(required) == "1") {
      FAIL() << "PENATAAN_TEST_MYSQL_TLS_URL is not set: run through scripts/test.sh";
    }
    GTEST_SKIP() << "no MariaDB with TLS";
  }
};

TEST_F(MysqlTls, SessionWithSslCaIsEncrypted) {
  auto db = Database::Open(DatabaseOptions{Env("PENATAAN_TEST_MYSQL_TLS_URL"), 1, 10000});
  ASSERT_TRUE(db.ok()) << db.status();
  auto conn = (*db)->Acquire();
  ASSERT_TRUE(conn.ok()) << conn.status();
  auto rows = (*conn)->Query("SHOW SESSION STATUS LIKE 'Ssl_version'", {});
  ASSERT_TRUE(rows.ok()) << rows.status();
  ASSERT_EQ(rows->size(), 1u);
  std::string version = (*rows)[0].Str(1);
  EXPECT_NE(version.find("TLS"), std::string::npos) << "Ssl_version: '" << version << "'";
}

TEST_F(MysqlTls, ServerTheCaDoesNotVouchForIsRefused) {
  std::string url = Env("PENATAAN_TEST_MYSQL_TLS_URL");
  std::string other_ca = Env("PENATAAN_TEST_MYSQL_OTHER_CA");
  url = url.substr(0, url.find("ssl_ca=")) + "ssl_ca=" + other_ca;
  auto db = Database::Open(DatabaseOptions{url, 1, 2000});
  if (!db.ok()) return;  // refused at open: as good
  auto conn = (*db)->Acquire();
  EXPECT_FALSE(conn.ok()) << "connected to a server whose certificate the CA did not sign";
}

}  // namespace
}  // namespace penataan::storage
