#include "common/log.h"

#include "gtest/gtest.h"

namespace penataan {
namespace {

TEST(MaskNik, KeepsOnlyTheRegionDigits) {
  EXPECT_EQ(MaskNik("5371014507900001"), "537101**********");
  EXPECT_EQ(MaskNik("12345"), "*****");
  EXPECT_EQ(MaskNik(""), "");
}

TEST(LogEvent, WritesOneLineWithQuotedValues) {
  ::testing::internal::CaptureStderr();
  LogEvent(LogLevel::kWarning, "rpc",
           {{"method", "GetHonorer"}, {"notes", ""}, {"error", "two words"}});
  std::string out = ::testing::internal::GetCapturedStderr();
  EXPECT_NE(out.find("level=warning event=rpc method=GetHonorer error=\"two words\"\n"),
            std::string::npos)
      << out;
  EXPECT_EQ(out.find('\n'), out.size() - 1);
}

}  // namespace
}  // namespace penataan
