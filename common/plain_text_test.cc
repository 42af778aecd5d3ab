#include "common/plain_text.h"

#include <string>

#include "gtest/gtest.h"

namespace penataan {
namespace {

struct Case {
  std::string value;
  std::string one_line;    // "" when accepted
  std::string multi_line;  // "" when accepted
};

TEST(TextProblem, RefusesWhatBreaksALineATerminalOrTheReadingOrder) {
  const std::string line = " (one line of plain text)";
  const Case cases[] = {
      {"", "", ""},
      {"Kota Kupang", "", ""},
      {"' OR '1'='1", "", ""},                       // stored as sent: statements are prepared
      {"Kota Kup\xD0\xB0ng", "", ""},                // a Cyrillic а: a name, stored as sent
      {"Dinas Pendidikan \xE2\x80\x93 Bidang", "", ""},  // an en dash
      {"\xF0\x9F\x98\x80", "", ""},                  // four bytes
      {"Halo\nApa kabar\r\n\tSalam", "has a control character U+000A at byte 4" + line, ""},
      {"a\tb", "has a control character U+0009 at byte 1" + line, ""},
      {std::string("Kota\0Kupang", 11), "has a control character U+0000 at byte 4",
       "has a control character U+0000 at byte 4"},
      {"\x1b[31mKota", "has a control character U+001B at byte 0",
       "has a control character U+001B at byte 0"},
      {"x\x7f", "has a control character U+007F at byte 1", "has a control character U+007F at byte 1"},
      {"x\xC2\x85", "has a control character U+0085 at byte 1",
       "has a control character U+0085 at byte 1"},  // NEL, a C1 line break
      {"Kota \xE2\x80\xAEgnapuK", "has a bidirectional control or line separator U+202E at byte 5",
       "has a bidirectional control or line separator U+202E at byte 5"},
      {"a\xE2\x81\xA6" "b", "has a bidirectional control or line separator U+2066 at byte 1",
       "has a bidirectional control or line separator U+2066 at byte 1"},
      {"a\xE2\x80\xA8" "b", "has a bidirectional control or line separator U+2028 at byte 1",
       "has a bidirectional control or line separator U+2028 at byte 1"},
      {"\xC3\x28", "is not valid UTF-8", "is not valid UTF-8"},
      {"\xC0\xAF", "is not valid UTF-8", "is not valid UTF-8"},
      {"\xED\xA0\x80", "is not valid UTF-8", "is not valid UTF-8"},
      {"\xFF\xFE", "is not valid UTF-8", "is not valid UTF-8"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(TextProblem(c.value, TextKind::kOneLine), c.one_line) << c.value;
    EXPECT_EQ(TextProblem(c.value, TextKind::kMultiLine), c.multi_line) << c.value;
  }
}

}  // namespace
}  // namespace penataan
