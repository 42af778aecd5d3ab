#include "cli/nik_cell.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace penataan::cli {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

TEST(NikFromSpreadsheet, KeepsTheDigitsOfWhatExcelLeftAsText) {
  struct Case {
    const char* cell;
    const char* nik;
  } cases[] = {
      {"5371014507900001", "5371014507900001"},
      {" 5371014507900001 ", "5371014507900001"},
      {"5371 0145 0790 0001", "5371014507900001"},
      {"5371\xC2\xA0" "014507900001", "5371014507900001"},  // a no-break space
      {"'5371014507900001", "5371014507900001"},           // Excel's mark for text
      {"=\"5371014507900001\"", "5371014507900001"},       // Excel's text formula
      {"", ""},
      {"   ", ""},
      // Left for the registry's NIK rules to judge:
      {"537101450790", "537101450790"},
      {"53710145079000011", "53710145079000011"},
      {"5371-0145", "5371-0145"},
      {"E+15", "E+15"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.cell);
    absl::StatusOr<std::string> got = NikFromSpreadsheet(c.cell);
    ASSERT_TRUE(got.ok()) << got.status();
    EXPECT_EQ(*got, c.nik);
  }
}

TEST(NikFromSpreadsheet, RefusesANikExcelStoredAsANumber) {
  struct Case {
    const char* cell;
    const char* what;
  } cases[] = {
      {"6.47101E+15", "scientific notation"},
      {"6,47101E+15", "scientific notation"},  // Indonesian settings' decimal comma
      {"6.47101e15", "scientific notation"},
      {"6E+15", "scientific notation"},
      {" 6.47101E+15 ", "scientific notation"},
      {"'6.47101E+15", "scientific notation"},
      {"647101450790000", "has 15 digits where a NIK has 16"},
      {"=\"647101450790000\"", "has 15 digits"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.cell);
    absl::StatusOr<std::string> got = NikFromSpreadsheet(c.cell);
    ASSERT_FALSE(got.ok());
    EXPECT_EQ(got.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(std::string(got.status().message()),
                AllOf(HasSubstr(c.what), HasSubstr("Excel stored the NIK as a number"),
                      HasSubstr("only 15 digits"), HasSubstr("cannot be recovered"),
                      HasSubstr("format the column as Text"),
                      HasSubstr("Data > From Text/CSV"), Not(HasSubstr("6471014"))));
  }
}

}  // namespace
}  // namespace penataan::cli

namespace penataan::cli {
namespace {

TEST(CheckNotRoundedByExcel, RefusesAColumnWhoseEveryNikEndsInZero) {
  const std::vector<std::string> rounded(kRoundedNikSample, "5371011207850010");
  EXPECT_EQ(CheckNotRoundedByExcel(rounded).code(), absl::StatusCode::kFailedPrecondition);
  // One NIK in ten ends in 0: a NIK that does not clears the file.
  std::vector<std::string> mixed = rounded;
  mixed.push_back("5371011207850013");
  EXPECT_TRUE(CheckNotRoundedByExcel(mixed).ok());
  // Too few to say.
  EXPECT_TRUE(CheckNotRoundedByExcel({rounded.begin(), rounded.end() - 1}).ok());
  // Cells that are not 16 digits are judged row by row, not here.
  std::vector<std::string> with_bad = rounded;
  with_bad.push_back("6,47101E+15");
  with_bad.push_back("");
  EXPECT_EQ(CheckNotRoundedByExcel(with_bad).code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(CheckNotRoundedByExcel({}).ok());
}

}  // namespace
}  // namespace penataan::cli
