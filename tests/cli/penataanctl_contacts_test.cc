// `penataanctl registry contacts` against a real registry on SQLite and MariaDB: what
// an admin types to set where reminders go, and what they read back.

#include <unistd.h>

#include <filesystem>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/ctl_runner.h"
#include "tests/testing/registry_server.h"

namespace penataan::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

using testing::CtlResult;

class PenataanctlContactsTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (storage::testing::TestDatabase::ShouldSkip(GetParam())) GTEST_SKIP() << "no MariaDB";
    auto server = testing::RegistryServer::Start(GetParam());
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server);
    dir_ = std::filesystem::temp_directory_path() /
           absl::StrCat("penataanctl_contacts_", getpid(), "_", GetParam());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  CtlResult Ctl(const std::vector<std::string>& args,
                const std::string& token = testing::kBekasiToken) {
    return testing::RunCtl(PENATAANCTL_BINARY,
                           absl::StrCat("--registry ", server_->address(), " --token ", token),
                           args, (dir_ / "stderr").string());
  }

  std::unique_ptr<testing::RegistryServer> server_;
  std::filesystem::path dir_;
};

TEST_P(PenataanctlContactsTest, SetThenShowInTheOrderTyped) {
  CtlResult none = Ctl({"registry", "contacts", "show", "3275"});
  EXPECT_EQ(none.exit_code, 0) << none.err;
  EXPECT_THAT(none.out, HasSubstr("instansi 3275 has no contacts"));

  CtlResult set = Ctl({"registry", "contacts", "set", "3275",
                       "--email", "bkpsdm@bekasikota.go.id", "--name", "Admin BKPSDM, Kota Bekasi",
                       "--email", "operator@bekasikota.go.id",
                       "--webhook", "https://wa.bekasikota.go.id/hook", "--name", "Operator WA"});
  EXPECT_EQ(set.exit_code, 0) << set.err;
  EXPECT_THAT(set.out, HasSubstr("etag 1"));

  // An instansi admin may leave its own code out.
  CtlResult show = Ctl({"registry", "contacts", "show"});
  EXPECT_EQ(show.exit_code, 0) << show.err;
  const size_t first = show.out.find("bkpsdm@bekasikota.go.id");
  const size_t second = show.out.find("operator@bekasikota.go.id");
  ASSERT_NE(first, std::string::npos) << show.out;
  ASSERT_NE(second, std::string::npos) << show.out;
  EXPECT_LT(first, second);
  EXPECT_THAT(show.out, HasSubstr("1 (primary)"));
  EXPECT_THAT(show.out, HasSubstr("Admin BKPSDM, Kota Bekasi"));
  EXPECT_THAT(show.out, HasSubstr("https://wa.bekasikota.go.id/hook"));
  EXPECT_THAT(show.out, HasSubstr("by instansi:3275"));

  CtlResult json = Ctl({"-o", "json", "registry", "contacts", "show", "3275"},
                       testing::kFormasiToken);
  EXPECT_EQ(json.exit_code, 0) << json.err;
  EXPECT_THAT(json.out, HasSubstr("\"webhook_url\": \"https://wa.bekasikota.go.id/hook\""));

  // A stale etag is refused in words; the list stays.
  CtlResult stale = Ctl({"registry", "contacts", "set", "3275", "--email", "x@bekasikota.go.id",
                         "--etag", "0"});
  EXPECT_EQ(stale.exit_code, 1);
  EXPECT_THAT(stale.err, HasSubstr("changed since they were read"));
}

TEST_P(PenataanctlContactsTest, MistakesAreNamedByFieldOrFlag) {
  CtlResult bad = Ctl({"registry", "contacts", "set", "3275", "--email", "bkpsdm@bekasikota.go.id",
                       "--email", "bukan-alamat", "--webhook", "http://wa.bekasikota.go.id/h"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_THAT(bad.err, HasSubstr("contacts.contacts[1].email"));
  EXPECT_THAT(bad.err, HasSubstr("contacts.contacts[1].webhook_url"));

  CtlResult orphan = Ctl({"registry", "contacts", "set", "3275", "--name", "Admin",
                          "--email", "bkpsdm@bekasikota.go.id"});
  EXPECT_EQ(orphan.exit_code, 2);
  EXPECT_THAT(orphan.err, HasSubstr("--name \"Admin\" comes before any --email"));

  CtlResult twice = Ctl({"registry", "contacts", "set", "3275", "--email",
                         "bkpsdm@bekasikota.go.id", "--name", "A", "--name", "B"});
  EXPECT_EQ(twice.exit_code, 2);
  EXPECT_THAT(twice.err, HasSubstr("two --name for --email bkpsdm@bekasikota.go.id"));

  CtlResult other = Ctl({"registry", "contacts", "set", "5371", "--email", "a@kupangkota.go.id"});
  EXPECT_EQ(other.exit_code, 1);
  EXPECT_THAT(other.err, HasSubstr("permission denied: an instansi reads and changes only its own"));

  CtlResult formasi = Ctl({"registry", "contacts", "set", "3275", "--email", "a@bekasikota.go.id"},
                          testing::kFormasiToken);
  EXPECT_EQ(formasi.exit_code, 1);
  EXPECT_THAT(formasi.err, HasSubstr("may not call UpdateInstansiContacts"));

  CtlResult shown = Ctl({"registry", "contacts", "show", "3275"});
  EXPECT_THAT(shown.out, HasSubstr("has no contacts"));
  EXPECT_THAT(shown.out, Not(HasSubstr("bukan-alamat")));
}

INSTANTIATE_TEST_SUITE_P(Backends, PenataanctlContactsTest, ::testing::Values("sqlite", "mysql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace penataan::cli
