#ifndef PENATAAN_TESTS_TESTING_REGISTRY_CTL_TEST_H_
#define PENATAAN_TESTS_TESTING_REGISTRY_CTL_TEST_H_

// A real registry on localhost (SQLite) and a scratch folder, for tests that run the
// real penataanctl as a person would. The including test target defines
// PENATAANCTL_BINARY.

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "tests/testing/ctl_runner.h"
#include "tests/testing/registry_server.h"

namespace penataan::testing {

class RegistryCtlTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto server = RegistryServer::Start("sqlite");
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server);
    dir_ = std::filesystem::temp_directory_path() / absl::StrCat("penataanctl_", getpid());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // penataanctl against this registry (or `address`), as `token` (none when empty).
  CtlResult Ctl(const std::vector<std::string>& args, const std::string& token = kKupangToken,
                const std::string& address = "") {
    return RunCtl(PENATAANCTL_BINARY,
                  absl::StrCat("--registry ", address.empty() ? server_->address() : address,
                               token.empty() ? "" : absl::StrCat(" --token ", token)),
                  args, (dir_ / "stderr").string());
  }
  // A file of these bytes in the scratch folder; its path.
  std::string WriteFile(const std::string& name, const std::string& bytes) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }
  std::string ReadFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }

  std::unique_ptr<RegistryServer> server_;
  std::filesystem::path dir_;
};

}  // namespace penataan::testing

#endif  // PENATAAN_TESTS_TESTING_REGISTRY_CTL_TEST_H_
