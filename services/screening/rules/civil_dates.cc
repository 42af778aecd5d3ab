#include "services/screening/rules/civil_dates.h"

#include "absl/strings/str_cat.h"
#include "services/screening/rules/screening_rules.h"

namespace penataan::screening {
namespace {

constexpr const char* kMonths[] = {"Januari",   "Februari", "Maret",    "April",
                                   "Mei",       "Juni",     "Juli",     "Agustus",
                                   "September", "Oktober",  "November", "Desember"};

bool IsLeap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int64_t y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// Floor division that also holds for negative numerators.
int FloorDiv(int a, int b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

}  // namespace

int CompletedMonths(absl::CivilDay start, absl::CivilDay end) {
  const int64_t ey = end.year();
  const int em = end.month();
  int months = static_cast<int>((ey - start.year()) * 12 + (em - start.month()));
  // The anniversary in end's month: start's day, or (that day missing in the
  // month) the first of the next month, which is after `end` in any case.
  const int sd = start.day();
  if (sd > DaysInMonth(ey, em) || sd > end.day()) --months;
  return months;
}

int CompletedYears(absl::CivilDay start, absl::CivilDay end) {
  return FloorDiv(CompletedMonths(start, end), 12);
}

int64_t DaysBetween(absl::CivilDay start, absl::CivilDay end) { return end - start; }

// StrCat and a hand-written ISO form rather than StrFormat: these run for every
// TMS finding, and StrFormat's parsing was the larger part of a TMS evaluation.
std::string FormatIndonesianDate(absl::CivilDay day) {
  return absl::StrCat(day.day(), " ", kMonths[day.month() - 1], " ", day.year());
}

std::string IsoDate(absl::CivilDay day) {
  const int64_t y = day.year();
  if (y < 0 || y > 9999) {
    return absl::StrCat(y, "-", day.month() < 10 ? "0" : "", day.month(), "-",
                        day.day() < 10 ? "0" : "", day.day());
  }
  char buf[10] = {static_cast<char>('0' + y / 1000),
                  static_cast<char>('0' + y / 100 % 10),
                  static_cast<char>('0' + y / 10 % 10),
                  static_cast<char>('0' + y % 10),
                  '-',
                  static_cast<char>('0' + day.month() / 10),
                  static_cast<char>('0' + day.month() % 10),
                  '-',
                  static_cast<char>('0' + day.day() / 10),
                  static_cast<char>('0' + day.day() % 10)};
  return std::string(buf, sizeof buf);
}

std::string FormatService(absl::CivilDay start, absl::CivilDay cutoff) {
  const int months = CompletedMonths(start, cutoff);
  if (months <= 0) {
    const int64_t days = DaysBetween(start, cutoff);
    return days <= 0 ? std::string("0 hari") : absl::StrCat(days, " hari");
  }
  const int years = months / 12;
  const int rest = months % 12;
  if (years == 0) return absl::StrCat(rest, " bulan");
  if (rest == 0) return absl::StrCat(years, " tahun");
  return absl::StrCat(years, " tahun ", rest, " bulan");
}

}  // namespace penataan::screening
