#include "services/notification/template_rules.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/errors.h"
#include "common/utf8.h"

namespace penataan::notification {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(ParsePlaceholders, FindsEachNameOnceSorted) {
  auto names = ParsePlaceholders("body", "Yth. ((nama)), ((instansi)) ((nama)) ((batas_waktu2))");
  ASSERT_TRUE(names.ok()) << names.status();
  EXPECT_THAT(*names, ElementsAre("batas_waktu2", "instansi", "nama"));
}

TEST(ParsePlaceholders, TextWithoutPlaceholdersHasNone) {
  auto names = ParsePlaceholders("body", "Tanpa isian (catatan) ) ((");
  EXPECT_FALSE(names.ok());  // a dangling "((" is a typo, not text
  auto plain = ParsePlaceholders("body", "Tanpa isian (catatan).");
  ASSERT_TRUE(plain.ok());
  EXPECT_TRUE(plain->empty());
}

TEST(ParsePlaceholders, RefusesMalformedNamesNamingTheField) {
  std::string long_name = "((a";
  for (int i = 0; i < 40; ++i) long_name += "\xC3\xA9";  // é: 1 + 80 bytes
  long_name += "))";
  struct Case {
    std::string text;
    const char* why;
  } cases[] = {
      {"((nama)", "never closed"},
      {"(())", "not a name"},
      {"((Nama))", "not a name"},
      {"((1nama))", "not a name"},
      {"((nama lengkap))", "not a name"},
      {"((nama-lengkap))", "not a name"},
      // Found by fuzzing: the name quoted is cut to 64 bytes, once inside an "é",
      // which left the violation's description unreadable (not UTF-8).
      {long_name, "not a name"},
  };
  for (const Case& c : cases) {
    auto names = ParsePlaceholders("template.body", c.text);
    ASSERT_FALSE(names.ok()) << c.text;
    EXPECT_EQ(names.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(std::string(names.status().message()), HasSubstr("template.body")) << c.text;
    EXPECT_THAT(std::string(names.status().message()), HasSubstr(c.why)) << c.text;
    EXPECT_TRUE(IsValidUtf8(names.status().message())) << c.text;
    std::vector<Violation> violations = ViolationsOf(names.status());
    ASSERT_EQ(violations.size(), 1u) << c.text;
    EXPECT_EQ(violations[0].field, "template.body");
  }
}

TEST(CheckPersonalisation, NamesTheMissingAndTheUnknownValue) {
  const std::vector<std::string> placeholders = {"instansi", "nama"};
  EXPECT_TRUE(CheckPersonalisation(placeholders, {{"nama", "A"}, {"instansi", "B"}}).ok());

  absl::Status missing = CheckPersonalisation(placeholders, {{"nama", "A"}});
  EXPECT_EQ(missing.code(), absl::StatusCode::kInvalidArgument);
  ASSERT_EQ(ViolationsOf(missing).size(), 1u);
  EXPECT_EQ(ViolationsOf(missing)[0].field, "personalisation.instansi");

  absl::Status unknown =
      CheckPersonalisation(placeholders, {{"nama", "A"}, {"instansi", "B"}, {"nik", "1"}},
                           "recipients[2].");
  ASSERT_EQ(ViolationsOf(unknown).size(), 1u);
  EXPECT_EQ(ViolationsOf(unknown)[0].field, "recipients[2].personalisation.nik");
  EXPECT_THAT(std::string(unknown.message()), HasSubstr("no such placeholder"));
}

TEST(Render, SubstitutesEveryPlaceholderAndNothingElse) {
  struct Case {
    const char* text;
    Personalisation values;
    const char* want;
  } cases[] = {
      {"Yth. ((nama)).", {{"nama", "Maria Goreti"}}, "Yth. Maria Goreti."},
      {"((a))((a))", {{"a", "x"}}, "xx"},
      {"tanpa isian", {}, "tanpa isian"},
      // A value is inserted as it is, never expanded again.
      {"((a)) ((b))", {{"a", "((b))"}, {"b", "B"}}, "((b)) B"},
      {"Batas: ((batas_waktu)) WITA", {{"batas_waktu", "25 Agustus 2025 23.59"}},
       "Batas: 25 Agustus 2025 23.59 WITA"},
      {"", {}, ""},
  };
  for (const Case& c : cases) EXPECT_EQ(Render(c.text, c.values), c.want) << c.text;
}

}  // namespace
}  // namespace penataan::notification
