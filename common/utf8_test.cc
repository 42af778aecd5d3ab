#include "common/utf8.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace penataan {
namespace {

const std::string kFffd = "\xEF\xBF\xBD";

TEST(ValidUtf8, ReplacesEachMaximalIllFormedSubpartWithOneReplacementCharacter) {
  struct Case {
    const char* name;
    std::string in;
    std::string want;
  };
  const std::vector<Case> cases = {
      {"ascii unchanged", "HTTP 500: gagal", "HTTP 500: gagal"},
      {"valid multi-byte unchanged", "Kupang \xE2\x80\x93 \xE2\x9C\x93 \xF0\x9F\x98\x80",
       "Kupang \xE2\x80\x93 \xE2\x9C\x93 \xF0\x9F\x98\x80"},
      {"latin-1 bytes", "Pr\xE9" "fecture \xE0 Paris",
       "Pr" + kFffd + "fecture " + kFffd + " Paris"},
      {"stray continuation bytes", "a\x80\xBF" "b", "a" + kFffd + kFffd + "b"},
      {"overlong slash C0 AF", "\xC0\xAF", kFffd + kFffd},
      {"overlong three-byte E0 80 AF", "\xE0\x80\xAF", kFffd + kFffd + kFffd},
      {"overlong four-byte F0 80 80 AF", "\xF0\x80\x80\xAF", kFffd + kFffd + kFffd + kFffd},
      {"surrogate D800", "x\xED\xA0\x80y", "x" + kFffd + kFffd + kFffd + "y"},
      {"above U+10FFFF", "\xF4\x90\x80\x80", kFffd + kFffd + kFffd + kFffd},
      {"F5 and FF never start a character", "\xF5\xFF", kFffd + kFffd},
      {"two-byte cut short at the end", "ok\xC3", "ok" + kFffd},
      {"three-byte cut short before ascii", "\xE2\x82z", kFffd + "z"},
      {"four-byte cut short at the end", "\xF0\x9F\x98", kFffd},
      {"NUL kept", std::string("a\0b", 3), std::string("a\0b", 3)},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const std::string got = ValidUtf8(c.in);
    EXPECT_EQ(got, c.want);
    EXPECT_TRUE(IsValidUtf8(got));
    EXPECT_EQ(IsValidUtf8(c.in), c.in == c.want);
  }
}

TEST(ValidUtf8, CutsOnACharacterBoundary) {
  struct Case {
    const char* name;
    std::string in;
    size_t max_bytes;
    std::string want;
  };
  const std::string emoji = "\xF0\x9F\x98\x80";  // 4 bytes
  const std::vector<Case> cases = {
      {"shorter than the limit", "abc", 10, "abc"},
      {"ascii cut", "abcdef", 4, "abcd"},
      {"inside a 4-byte char: left out", "ab" + emoji, 5, "ab"},
      {"4-byte char exactly fits", "ab" + emoji, 6, "ab" + emoji},
      {"inside a 2-byte char", "\xC3\xA9\xC3\xA9", 3, "\xC3\xA9"},
      {"a replacement does not fit", "ab\xFF", 4, "ab"},
      {"a replacement fits", "ab\xFF", 5, "ab" + kFffd},
      {"zero", "abc", 0, ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const std::string got = ValidUtf8(c.in, c.max_bytes);
    EXPECT_EQ(got, c.want);
    EXPECT_LE(got.size(), c.max_bytes);
  }
}

}  // namespace
}  // namespace penataan
