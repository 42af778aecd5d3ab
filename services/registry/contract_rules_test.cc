#include "services/registry/contract_rules.h"

#include "gtest/gtest.h"

namespace penataan::registry {
namespace {

NewSk Kupang2021() {
  return NewSk{"800/1234/BKPPD/2021", absl::CivilDay(2021, 1, 1), absl::CivilDay(2021, 12, 31),
               "Wali Kota Kupang", absl::CivilDay(2021, 1, 6)};
}

std::string Fields(const std::vector<Violation>& v) {
  std::string out;
  for (const Violation& x : v) out += (out.empty() ? "" : ",") + x.field;
  return out;
}

TEST(ContractRulesTest, ValidateNewSkEdges) {
  struct Case {
    const char* name;
    void (*change)(NewSk&);
    const char* fields;  // the fields named, in order; "" when valid
  } cases[] = {
      {"valid", [](NewSk&) {}, ""},
      {"no signed date is fine", [](NewSk& s) { s.signed_date.reset(); }, ""},
      {"one day", [](NewSk& s) { s.end_date = s.start_date; }, ""},
      {"sk_number missing", [](NewSk& s) { s.sk_number = ""; }, "sk_number"},
      {"sk_number blank", [](NewSk& s) { s.sk_number = "   "; }, "sk_number"},
      {"sk_number 100 bytes", [](NewSk& s) { s.sk_number = std::string(100, '8'); }, ""},
      {"sk_number 101 bytes", [](NewSk& s) { s.sk_number = std::string(101, '8'); }, "sk_number"},
      {"sk_number not UTF-8", [](NewSk& s) { s.sk_number = "800/\xff"; }, "sk_number"},
      {"sk_number in UTF-8", [](NewSk& s) { s.sk_number = "800/Ä/2021"; }, ""},
      {"start missing", [](NewSk& s) { s.start_date.reset(); }, "start_date"},
      {"end missing", [](NewSk& s) { s.end_date.reset(); }, "end_date"},
      {"end before start", [](NewSk& s) { s.end_date = absl::CivilDay(2020, 12, 31); },
       "end_date"},
      {"five years exactly", [](NewSk& s) { s.end_date = absl::CivilDay(2026, 1, 1); }, ""},
      {"five years and a day", [](NewSk& s) { s.end_date = absl::CivilDay(2026, 1, 2); },
       "end_date"},
      {"signed_by missing", [](NewSk& s) { s.signed_by = " "; }, "signed_by"},
      {"signed_by 201 bytes", [](NewSk& s) { s.signed_by = std::string(201, 'W'); }, "signed_by"},
      {"everything missing", [](NewSk& s) { s = NewSk{}; },
       "sk_number,start_date,end_date,signed_by"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    NewSk sk = Kupang2021();
    c.change(sk);
    EXPECT_EQ(Fields(ValidateNewSk(sk, "")), c.fields);
  }
}

TEST(ContractRulesTest, ValidateNewSkNamesFieldsWithThePrefix) {
  NewSk sk = Kupang2021();
  sk.sk_number.clear();
  std::vector<Violation> v = ValidateNewSk(sk, "sk.");
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].field, "sk.sk_number");
}

TEST(ContractRulesTest, ParseImportSk) {
  struct Case {
    const char* name;
    const char *number, *signer, *date;
    bool has_period;
    const char* bad_field;  // "" when accepted
  } cases[] = {
      {"no SK cells, no period", "", "", "", false, ""},
      {"no SK cells with a period", "", "", "", true, ""},
      {"all cells", "800/1/2021", "Wali Kota Kupang", "2021-01-06", true, ""},
      {"number only", "800/1/2021", "", "", true, ""},
      {"SK without a period", "800/1/2021", "", "", false, "sk_number"},
      {"signer without a period", "", "Wali Kota", "", false, "sk_signed_by"},
      {"date without a period", "", "", "2021-01-06", false, "sk_signed_date"},
      {"bad date", "800/1/2021", "", "06/01/2021", true, "sk_signed_date"},
      // One line of plain text: a CR inside the cell, an escape, an override.
      {"CR inside the number", "800/\r1", "", "", true, "sk_number"},
      {"escape in the signer", "800/1", "\x1b[31mWali Kota", "", true, "sk_signed_by"},
      {"override in the signer", "800/1", "Wali \xE2\x80\xAEKota", "", true, "sk_signed_by"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    absl::StatusOr<Contract> got = ParseImportSk(c.number, c.signer, c.date, c.has_period);
    if (*c.bad_field == '\0') {
      ASSERT_TRUE(got.ok()) << got.status();
      EXPECT_EQ(got->sk_number, c.number);
      EXPECT_EQ(got->signed_by, c.signer);
    } else {
      ASSERT_FALSE(got.ok());
      EXPECT_EQ(ViolationsOf(got.status())[0].field, c.bad_field);
    }
  }
  // Every problem at once: an SK without the row's dates whose date is no date.
  absl::StatusOr<Contract> twice = ParseImportSk("800/1/2021", "", "06/01/2021", false);
  ASSERT_FALSE(twice.ok());
  std::vector<Violation> both = ViolationsOf(twice.status());
  ASSERT_EQ(both.size(), 2u);
  EXPECT_EQ(both[0].field, "sk_number");
  EXPECT_EQ(both[1].field, "sk_signed_date");
  absl::StatusOr<Contract> long_number = ParseImportSk(std::string(101, '1'), "", "", true);
  ASSERT_FALSE(long_number.ok());
  EXPECT_EQ(ViolationsOf(long_number.status())[0].field, "sk_number");
  absl::StatusOr<Contract> trimmed = ParseImportSk(" 800/1 ", " Wali Kota ", " 2021-01-06 ", true);
  ASSERT_TRUE(trimmed.ok());
  EXPECT_EQ(trimmed->sk_number, "800/1");
  EXPECT_EQ(trimmed->signed_by, "Wali Kota");
  EXPECT_EQ(trimmed->signed_date, absl::CivilDay(2021, 1, 6));
}

}  // namespace
}  // namespace penataan::registry
