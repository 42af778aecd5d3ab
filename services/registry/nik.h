#ifndef PENATAAN_SERVICES_REGISTRY_NIK_H_
#define PENATAAN_SERVICES_REGISTRY_NIK_H_

// The NIK (Nomor Induk Kependudukan), DOMAIN.md "Identifiers":
//   PP KK CC DD MM YY SSSS — province, kabupaten/kota, kecamatan, day of birth (women
//   +40), month, two-digit year, serial. No check digit.

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"

namespace penataan::registry {

struct DecodedNik {
  int province = 0;  // 11..96
  int regency = 0;   // 01..69 kabupaten, 71..99 kota
  bool female = false;
  absl::CivilDay birth_date;  // century resolved as of `today`
};

// Valid when: 16 ASCII digits; a known province code; kabupaten 01–69 or kota 71–99;
// a real calendar date after removing the 40 for women; a century that makes the
// person 15–100 years old on `today` (19xx preferred, then 20xx); serial not 0000.
// INVALID_ARGUMENT with the reason otherwise. The message never repeats the NIK.
absl::StatusOr<DecodedNik> DecodeNik(absl::string_view nik, absl::CivilDay today);

// DecodeNik, and when given, the birth date and sex must agree with it.
absl::StatusOr<DecodedNik> ValidateNik(absl::string_view nik, absl::CivilDay today,
                                       std::optional<absl::CivilDay> birth_date,
                                       std::optional<bool> female);

bool IsKnownProvinceCode(int code);

}  // namespace penataan::registry

#endif  // PENATAAN_SERVICES_REGISTRY_NIK_H_
