#include "services/screening/rules/civil_dates.h"

#include "absl/strings/str_format.h"
#include "services/screening/rules/screening_rules.h"

namespace penataan::screening {
namespace {

constexpr const char* kMonths[] = {"Januari", "Februari", "Maret",     "April",
                                   "Mei",     "Juni",     "Juli",      "Agustus",
                                   "September", "Oktober", "November", "Desember"};

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

std::string FormatIndonesianDate(absl::CivilDay day) {
  return absl::StrFormat("%d %s %d", day.day(), kMonths[day.month() - 1], day.year());
}

std::string IsoDate(absl::CivilDay day) {
  return absl::StrFormat("%04d-%02d-%02d", day.year(), day.month(), day.day());
}

std::string FormatService(absl::CivilDay start, absl::CivilDay cutoff) {
  const int months = CompletedMonths(start, cutoff);
  if (months <= 0) {
    const int64_t days = DaysBetween(start, cutoff);
    return days <= 0 ? std::string("0 hari") : absl::StrFormat("%d hari", days);
  }
  const int years = months / 12;
  const int rest = months % 12;
  if (years == 0) return absl::StrFormat("%d bulan", rest);
  if (rest == 0) return absl::StrFormat("%d tahun", years);
  return absl::StrFormat("%d tahun %d bulan", years, rest);
}

}  // namespace penataan::screening
