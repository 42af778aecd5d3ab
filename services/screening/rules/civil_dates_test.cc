#include "services/screening/rules/civil_dates.h"

#include "gtest/gtest.h"
#include "services/screening/rules/screening_rules.h"

namespace penataan::screening {
namespace {

using absl::CivilDay;

CivilDay D(int y, int m, int d) { return CivilDay(y, m, d); }

TEST(CompletedMonths, AnniversaryOnTheLaterDateCountsAndMissingDaysRollToTheFirst) {
  struct Case {
    const char* what;
    CivilDay start, end;
    int months, years;
  } cases[] = {
      {"same day", D(2024, 5, 12), D(2024, 5, 12), 0, 0},
      {"day before the first anniversary", D(2024, 5, 12), D(2024, 6, 11), 0, 0},
      {"first anniversary", D(2024, 5, 12), D(2024, 6, 12), 1, 0},
      {"year anniversary on the end", D(2022, 12, 31), D(2024, 12, 31), 24, 2},
      {"one day short of two years", D(2023, 1, 1), D(2024, 12, 31), 23, 1},
      {"1 Maret 2023 to 31 Desember 2024", D(2023, 3, 1), D(2024, 12, 31), 21, 1},
      {"29 Feb, common year, 28 Feb", D(2020, 2, 29), D(2021, 2, 28), 11, 0},
      {"29 Feb, common year, 1 March", D(2020, 2, 29), D(2021, 3, 1), 12, 1},
      {"29 Feb, leap year, 28 Feb", D(2020, 2, 29), D(2024, 2, 28), 47, 3},
      {"29 Feb, leap year, 29 Feb", D(2020, 2, 29), D(2024, 2, 29), 48, 4},
      {"31 Jan a month on: 29 Feb (leap)", D(2024, 1, 31), D(2024, 2, 29), 0, 0},
      {"31 Jan a month on: 1 March", D(2024, 1, 31), D(2024, 3, 1), 1, 0},
      {"31 Mar, end 30 Apr", D(2024, 3, 31), D(2024, 4, 30), 0, 0},
      {"end before start", D(2025, 1, 1), D(2024, 12, 31), -1, -1},
      {"end a year before start", D(2025, 1, 1), D(2023, 12, 31), -13, -2},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    EXPECT_EQ(CompletedMonths(c.start, c.end), c.months);
    EXPECT_EQ(CompletedYears(c.start, c.end), c.years);
  }
}

TEST(FormatService, YearsAndMonthsInIndonesian) {
  struct Case {
    CivilDay start, cutoff;
    const char* text;
  } cases[] = {
      {D(2023, 3, 1), D(2024, 12, 31), "1 tahun 9 bulan"},
      {D(2022, 12, 31), D(2024, 12, 31), "2 tahun"},
      {D(2024, 3, 1), D(2024, 12, 31), "9 bulan"},
      {D(2024, 12, 11), D(2024, 12, 31), "20 hari"},
      {D(2024, 12, 31), D(2024, 12, 31), "0 hari"},
      {D(2025, 1, 5), D(2024, 12, 31), "0 hari"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_EQ(FormatService(c.start, c.cutoff), c.text);
  }
}

TEST(FormatIndonesianDate, DayMonthNameYear) {
  EXPECT_EQ(FormatIndonesianDate(CivilDay(2023, 3, 1)), "1 Maret 2023");
  EXPECT_EQ(FormatIndonesianDate(CivilDay(2024, 12, 31)), "31 Desember 2024");
  EXPECT_EQ(FormatIndonesianDate(CivilDay(1985, 5, 12)), "12 Mei 1985");
  EXPECT_EQ(IsoDate(CivilDay(1985, 5, 2)), "1985-05-02");
}

}  // namespace
}  // namespace penataan::screening
