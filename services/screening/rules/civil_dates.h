#ifndef PENATAAN_SERVICES_SCREENING_RULES_CIVIL_DATES_H_
#define PENATAAN_SERVICES_SCREENING_RULES_CIVIL_DATES_H_

// Ages and service as the selection counts them: completed months and years
// between two civil dates, where an anniversary on the later date counts as
// reached and an anniversary whose day does not exist in its month (29 February
// in a common year, 31 January a month on) falls on the first day of the next
// month. Only field arithmetic, no absl::CivilDay normalisation, because it runs
// for every applicant of a round (screening_rules.h: a million a second a core).

#include <cstdint>
#include <string>

#include "absl/time/civil_time.h"

namespace penataan::screening {

// Completed months from `start` to `end`; negative when `end` is before `start`'s
// first monthly anniversary before it (e.g. end before start gives -1 or less).
int CompletedMonths(absl::CivilDay start, absl::CivilDay end);

// Completed years: CompletedMonths / 12, rounded towards minus infinity.
int CompletedYears(absl::CivilDay start, absl::CivilDay end);

// Days from `start` to `end` (negative when end is earlier).
int64_t DaysBetween(absl::CivilDay start, absl::CivilDay end);

// "1 Maret 2023".
std::string FormatIndonesianDate(absl::CivilDay day);

// "2024-12-31": the form machine-readable values use.
std::string IsoDate(absl::CivilDay day);

}  // namespace penataan::screening

#endif  // PENATAAN_SERVICES_SCREENING_RULES_CIVIL_DATES_H_
