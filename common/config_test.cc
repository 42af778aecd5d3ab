#include "common/config.h"

#include <cstdlib>

#include "absl/flags/flag.h"
#include "gtest/gtest.h"

ABSL_FLAG(std::string, config_test_database, "sqlite://default.db", "for the test");
ABSL_FLAG(int, config_test_pool_size, 4, "for the test");
ABSL_FLAG(std::string, config_test_listen, "127.0.0.1:1", "for the test");

namespace penataan {
namespace {

TEST(ParseFlagsWithEnv, CommandLineBeatsEnvironmentBeatsDefault) {
  setenv("PENATAAN_TESTSVC_CONFIG_TEST_DATABASE", "mysql://u@h/db", 1);
  setenv("PENATAAN_TESTSVC_CONFIG_TEST_POOL_SIZE", "12", 1);
  char arg0[] = "svc";
  char arg1[] = "--config_test_pool_size=20";
  char* argv[] = {arg0, arg1, nullptr};
  ParseFlagsWithEnv(2, argv, "PENATAAN_TESTSVC_");
  EXPECT_EQ(absl::GetFlag(FLAGS_config_test_database), "mysql://u@h/db");  // environment
  EXPECT_EQ(absl::GetFlag(FLAGS_config_test_pool_size), 20);               // command line
  EXPECT_EQ(absl::GetFlag(FLAGS_config_test_listen), "127.0.0.1:1");       // default
}

TEST(ParseFlagsWithEnvDeathTest, ABadEnvironmentValueStopsWithItsName) {
  setenv("PENATAAN_BADSVC_CONFIG_TEST_POOL_SIZE", "many", 1);
  char arg0[] = "svc";
  char* argv[] = {arg0, nullptr};
  EXPECT_EXIT(ParseFlagsWithEnv(1, argv, "PENATAAN_BADSVC_"), ::testing::ExitedWithCode(2),
              "PENATAAN_BADSVC_CONFIG_TEST_POOL_SIZE");
}

}  // namespace
}  // namespace penataan
