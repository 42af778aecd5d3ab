#include <sstream>

#include "cli/formasi_commands.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace penataan::cli {
namespace {

using ::testing::HasSubstr;

// What FailFormasi writes to stderr.
std::string Told(const grpc::Status& status) {
  GlobalOptions options;
  options.formasi = "127.0.0.1:1";  // never connected: the channel is not READY
  CliContext c(options);
  std::ostringstream captured;
  std::streambuf* old = std::cerr.rdbuf(captured.rdbuf());
  const int code = FailFormasi(c, status);
  std::cerr.rdbuf(old);
  EXPECT_EQ(code, kExitRpcError);
  return captured.str();
}

TEST(FailFormasi, SaysWhatEachFailureMeansToAPerson) {
  struct Case {
    grpc::Status status;
    const char* want;
  } cases[] = {
      {grpc::Status(grpc::StatusCode::ABORTED, "etag: the proposal was changed"),
       "changed by someone else, try again"},
      {grpc::Status(grpc::StatusCode::UNAVAILABLE, "connection refused"),
       "cannot reach the formasi at 127.0.0.1:1"},
      {grpc::Status(grpc::StatusCode::FAILED_PRECONDITION, "ditutup 25 Agustus 2025"),
       "refused: ditutup 25 Agustus 2025"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.want);
    EXPECT_THAT(Told(c.status), HasSubstr(c.want));
  }
}

}  // namespace
}  // namespace penataan::cli
