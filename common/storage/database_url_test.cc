#include "common/storage/database_url.h"

#include <fstream>
#include <string>

#include "gtest/gtest.h"

namespace penataan::storage {
namespace {

TEST(DatabaseUrl, Sqlite) {
  auto u = ParseDatabaseUrl("sqlite:///var/registry.db");
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u->dialect, Dialect::kSqlite);
  EXPECT_EQ(u->path, "/var/registry.db");
}

TEST(DatabaseUrl, MysqlTcpWithEncodedPassword) {
  auto u = ParseDatabaseUrl("mysql://penataan:p%40ss@db.local:3307/registry");
  ASSERT_TRUE(u.ok()) << u.status();
  EXPECT_EQ(u->user, "penataan");
  EXPECT_EQ(u->password, "p@ss");
  EXPECT_EQ(u->host, "db.local");
  EXPECT_EQ(u->port, 3307);
  EXPECT_EQ(u->database, "registry");
}

TEST(DatabaseUrl, MysqlUnixSocket) {
  auto u = ParseDatabaseUrl("mysql://root@localhost/registry?socket=/tmp/m.sock");
  ASSERT_TRUE(u.ok()) << u.status();
  EXPECT_EQ(u->socket, "/tmp/m.sock");
  EXPECT_EQ(u->password, "");
}

TEST(DatabaseUrl, SslCaAsksForVerifiedTls) {
  std::string ca = ::testing::TempDir() + "/database_url_test_ca.crt";
  { std::ofstream(ca) << "-----BEGIN CERTIFICATE-----\n"; }
  auto u = ParseDatabaseUrl("mysql://penataan_registry@db.example:3306/registry?ssl_ca=" + ca);
  ASSERT_TRUE(u.ok()) << u.status();
  EXPECT_EQ(u->ssl_ca, ca);
  EXPECT_TRUE(ParseDatabaseUrl("mysql://u@h/db").value().ssl_ca.empty());
}

TEST(DatabaseUrl, SslCaThatCannotBeReadIsRefusedAtStart) {
  for (const char* bad : {"mysql://u@h/db?ssl_ca=", "mysql://u@h/db?ssl_ca=/nonexistent/ca.crt"}) {
    SCOPED_TRACE(bad);
    auto u = ParseDatabaseUrl(bad);
    EXPECT_EQ(u.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_NE(std::string(u.status().message()).find("ssl_ca"), std::string::npos);
  }
}

TEST(DatabaseUrl, ErrorsNeverEchoThePassword) {
  for (const char* bad : {"postgres://x", "sqlite://", "mysql://user:secret99@host",
                          "mysql://user:secret99@host:abc/db", "mysql://user:secret99@h/db?x=1"}) {
    SCOPED_TRACE(bad);
    auto u = ParseDatabaseUrl(bad);
    EXPECT_EQ(u.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(std::string(u.status().message()).find("secret99"), std::string::npos);
  }
}

}  // namespace
}  // namespace penataan::storage
