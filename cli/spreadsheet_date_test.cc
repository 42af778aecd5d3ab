#include "cli/spreadsheet_date.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace penataan::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

TEST(SpreadsheetDate, ReadsTheFormsPeopleType) {
  struct Case {
    const char* cell;
    const char* iso;
  } cases[] = {
      {"1985-03-12", "1985-03-12"},
      {"1985/3/12", "1985-03-12"},
      {"12/03/1985", "1985-03-12"},
      {"2/3/1985", "1985-03-02"},
      {"12-03-1985", "1985-03-12"},
      {"12.03.1985", "1985-03-12"},
      {"12 Maret 1985", "1985-03-12"},
      {"12 maret 1985", "1985-03-12"},
      {"12 MARET 1985", "1985-03-12"},
      {"12 Mar 1985", "1985-03-12"},
      {"12-Mar-1985", "1985-03-12"},
      {"12/Mar/1985", "1985-03-12"},
      {"1 Agt 2020", "2020-08-01"},
      {"1 Agt. 2020", "2020-08-01"},
      {"1 Ags 2020", "2020-08-01"},
      {"1 Agu 2020", "2020-08-01"},
      {"1 Agustus 2020", "2020-08-01"},
      {"5 Peb 1990", "1990-02-05"},
      {"5 Pebruari 1990", "1990-02-05"},
      {"7 Mei 1977", "1977-05-07"},
      {"7 May 1977", "1977-05-07"},
      {"9 Sept 2001", "2001-09-09"},
      {"9 Okt 2001", "2001-10-09"},
      {"9 Oct 2001", "2001-10-09"},
      {"3 Nop 1999", "1999-11-03"},
      {"3 Nopember 1999", "1999-11-03"},
      {"31 Des 1999", "1999-12-31"},
      {"31 December 1999", "1999-12-31"},
      {"Selasa, 12 Maret 1985", "1985-03-12"},  // Excel's Indonesian long date
      {"12/03/1985 00:00", "1985-03-12"},       // a date-and-time column
      {"1985-03-12 00:00:00", "1985-03-12"},
      {"  12 / 03 / 1985 ", "1985-03-12"},
      {"\xC2\xA0" "12/03/1985", "1985-03-12"},
      {"29/02/2024", "2024-02-29"},  // a leap year
      {"29/02/2000", "2000-02-29"},
      {"31/12/2024", "2024-12-31"},
      {"", ""},
      {"   ", ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.cell);
    absl::StatusOr<std::string> got = ParseSpreadsheetDate(c.cell);
    ASSERT_TRUE(got.ok()) << got.status();
    EXPECT_EQ(*got, c.iso);
  }
}

TEST(SpreadsheetDate, SaysWhatIsWrongWithTheCell) {
  struct Case {
    const char* cell;
    const char* message;
  } cases[] = {
      {"29/02/2023", "\"29/02/2023\": February 2023 has 28 days"},
      {"29/02/1900", "\"29/02/1900\": February 1900 has 28 days"},
      {"31/04/1985", "\"31/04/1985\": April 1985 has 30 days"},
      {"00/01/1985", "\"00/01/1985\": there is no day 0"},
      {"12/00/1985", "\"12/00/1985\": there is no month 0"},
      {"03/25/1985",
       "\"03/25/1985\": there is no month 25: dates are day first (DD/MM/YYYY); 25 March 1985 "
       "is 25/03/1985"},
      {"13/13/1985", "\"13/13/1985\": there is no month 13: dates are day first (DD/MM/YYYY)"},
      {"1985-25-03", "\"1985-25-03\": there is no month 25 (YYYY-MM-DD)"},
      {"12/03/85", "\"12/03/85\": the year has two digits (19.. or 20..?): write it in full"},
      {"12-Mar-85", "\"12-Mar-85\": the year has two digits"},
      {"31118",
       "\"31118\" is a date as Excel counts days (12/03/1985), written so because the column "
       "is formatted as a number: format the column as Date (or Text) in Excel"},
      {"12 Marz 1985", "\"12 Marz 1985\": \"marz\" is not a month (Januari ... Desember"},
      {"12/03/1985 14:30", "\"12/03/1985 14:30\": has a time of day: write the date only"},
      {"12031985", "\"12031985\" is not a date: write it day first, as 12/03/1985, 12-03-1985, "
                   "12.03.1985, 12 Maret 1985 or 12-Mar-1985, or as 1985-03-12"},
      {"March 12, 1985", "is not a date"},
      {"12/03-1985", "is not a date"},
      {"12//03/1985", "is not a date"},
      {"1985", "is not a date"},
      {"kemarin", "is not a date"},
      {"12/03/19850", "is not a date"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.cell);
    absl::StatusOr<std::string> got = ParseSpreadsheetDate(c.cell);
    ASSERT_FALSE(got.ok()) << *got;
    EXPECT_EQ(got.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(std::string(got.status().message()), HasSubstr(c.message));
  }
}

TEST(SpreadsheetDate, QuotesTheCellAsValidUtf8CutShort) {
  absl::StatusOr<std::string> got =
      ParseSpreadsheetDate("Tanggal \xE9 " + std::string(100, 'x'));
  ASSERT_FALSE(got.ok());
  const std::string message(got.status().message());
  EXPECT_THAT(message, StartsWith("\"Tanggal \xEF\xBF\xBD xxx"));
  EXPECT_LT(message.find("\" is not a date"), 50u);
}

}  // namespace
}  // namespace penataan::cli

namespace penataan::cli {
namespace {

TEST(WrittenMonthFirst, OnlyADateWhoseSecondNumberCanOnlyBeADay) {
  struct Case {
    const char* cell;
    bool month_first;
  } cases[] = {
      {"03/25/1985", true},  {"3/25/1985", true},   {"12-13-2010", true}, {" 1.31.2000 ", true},
      {"25/03/1985", false}, {"03/04/1985", false},  // ambiguous alone: read day first
      {"13/25/1985", false},                         // neither way a date
      {"03/32/1985", false}, {"03/25/85", false},   {"1985-03-25", false},
      {"12 Maret 1985", false}, {"", false},        {"003/25/1985", false},
  };
  for (const Case& c : cases) EXPECT_EQ(WrittenMonthFirst(c.cell), c.month_first) << c.cell;
}

}  // namespace
}  // namespace penataan::cli
