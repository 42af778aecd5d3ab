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

// A value from a request (a name, an error quoting it) may hold anything: the
// event stays one line, and nothing in it reaches the terminal as a control.
TEST(LogEvent, EscapesWhatWouldBreakTheLineOrTheTerminal) {
  const struct {
    std::string value;
    std::string written;
  } cases[] = {
      {"plain", "plain"},
      {"two words", "\"two words\""},
      {"a=b", "\"a=b\""},
      {"say \"hi\"", "\"say \\\"hi\\\"\""},
      {"C:\\dir", "\"C:\\\\dir\""},
      {"Kota\nts=forged level=info", "\"Kota\\nts=forged level=info\""},
      {"Kota\r\nKupang", "\"Kota\\r\\nKupang\""},
      {"Kota\tKupang", "\"Kota\\tKupang\""},
      {std::string("Kota\0Kupang", 11), "\"Kota\\x00Kupang\""},
      {"\x1b[31mred", "\"\\x1b[31mred\""},
      {"Kota \xE2\x80\xAEgnapuK", "\"Kota \\u202egnapuK\""},
      {"Kota\xE2\x80\xA8x", "\"Kota\\u2028x\""},
      {"bad\xC3\x28", "\"bad\\xc3(\""},
      {"Kup\xD0\xB0ng", "Kup\xD0\xB0ng"},  // a Cyrillic а is a letter
  };
  for (const auto& c : cases) {
    ::testing::internal::CaptureStderr();
    LogEvent(LogLevel::kInfo, "rpc", {{"value", c.value}});
    const std::string out = ::testing::internal::GetCapturedStderr();
    const std::string expected = " value=" + c.written + "\n";
    ASSERT_GE(out.size(), expected.size());
    EXPECT_EQ(out.substr(out.size() - expected.size()), expected);
    EXPECT_EQ(out.find('\n'), out.size() - 1);
  }
}

}  // namespace
}  // namespace penataan
