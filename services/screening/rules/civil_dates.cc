#include "services/screening/rules/civil_dates.h"

#include "absl/strings/str_cat.h"
#include "services/screening/rules/screening_rules.h"

namespace penataan::screening {
namespace {

constexpr const char* kMonths[] = {"Januari",   "Februari", "Maret",    "April",
                                   "Mei",       "Juni",     "Juli",     "Agustus",
                                   "September", "Oktober",  "November", "Desember"};

// Floor division that also holds for negative numerators.
int FloorDiv(int a, int b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

}  // namespace

int CompletedMonths(absl::CivilDay start, absl::CivilDay end) {
  int months = static_cast<int>((end.year() - start.year()) * 12 + (end.month() - start.month()));
  // The anniversary in end's month is reached when end's day is at least start's.
  // When start's day does not exist in that month (29 February in a common year, a
  // 31st), the anniversary is the first of the next month, after `end` whatever its
  // day; end.day() is at most the month's length, so the same comparison says so.
  if (start.day() > end.day()) --months;
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
