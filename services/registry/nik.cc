#include "services/registry/nik.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace penataan::registry {
namespace {

int Digits(absl::string_view s, size_t pos, size_t n) {
  int value = 0;
  for (size_t i = pos; i < pos + n; ++i) value = value * 10 + (s[i] - '0');
  return value;
}

bool IsRealDate(int year, int month, int day) {
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  const absl::CivilDay d(year, month, day);
  return d.year() == year && d.month() == month && d.day() == day;
}

// Whole years between birth and `today`.
int AgeOn(absl::CivilDay birth, absl::CivilDay today) {
  int age = static_cast<int>(today.year() - birth.year());
  if (today.month() < birth.month() || (today.month() == birth.month() && today.day() < birth.day())) {
    --age;
  }
  return age;
}

}  // namespace

bool IsKnownProvinceCode(int code) {
  return (code >= 11 && code <= 19) || code == 21 || (code >= 31 && code <= 36) ||
         (code >= 51 && code <= 53) || (code >= 61 && code <= 65) ||
         (code >= 71 && code <= 76) || (code >= 81 && code <= 82) || (code >= 91 && code <= 96);
}

absl::StatusOr<DecodedNik> DecodeNik(absl::string_view nik, absl::CivilDay today) {
  if (nik.size() != 16) {
    return absl::InvalidArgumentError(absl::StrCat("must be 16 digits, got ", nik.size(), " characters"));
  }
  for (char c : nik) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) {
      return absl::InvalidArgumentError("must contain digits only");
    }
  }
  DecodedNik out;
  out.province = Digits(nik, 0, 2);
  if (!IsKnownProvinceCode(out.province)) {
    return absl::InvalidArgumentError(absl::StrFormat("unknown province code %02d", out.province));
  }
  out.regency = Digits(nik, 2, 2);
  if (out.regency == 0 || out.regency == 70) {
    return absl::InvalidArgumentError(
        absl::StrFormat("kabupaten/kota code %02d is not 01-69 or 71-99", out.regency));
  }
  int day = Digits(nik, 6, 2);
  const int month = Digits(nik, 8, 2);
  const int yy = Digits(nik, 10, 2);
  if (day > 40) {
    out.female = true;
    day -= 40;
  }
  if (Digits(nik, 12, 4) == 0) return absl::InvalidArgumentError("serial 0000 is not issued");
  bool any_real_date = false;
  for (int century : {1900, 2000}) {
    if (!IsRealDate(century + yy, month, day)) continue;
    any_real_date = true;
    const absl::CivilDay birth(century + yy, month, day);
    const int age = AgeOn(birth, today);
    if (age >= 15 && age <= 100) {
      out.birth_date = birth;
      return out;
    }
  }
  if (!any_real_date) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "encoded birth date %02d-%02d-%02d (day-month-year) is not a real date", day, month, yy));
  }
  return absl::InvalidArgumentError(
      "encoded birth year makes the person younger than 15 or older than 100");
}

absl::StatusOr<DecodedNik> ValidateNik(absl::string_view nik, absl::CivilDay today,
                                       std::optional<absl::CivilDay> birth_date,
                                       std::optional<bool> female) {
  absl::StatusOr<DecodedNik> decoded = DecodeNik(nik, today);
  if (!decoded.ok()) return decoded;
  if (birth_date.has_value() && *birth_date != decoded->birth_date) {
    return absl::InvalidArgumentError(absl::StrCat(
        "encoded birth date ", absl::FormatCivilTime(decoded->birth_date),
        " disagrees with birth_date ", absl::FormatCivilTime(*birth_date)));
  }
  if (female.has_value() && *female != decoded->female) {
    return absl::InvalidArgumentError(
        decoded->female ? "encodes a woman (day + 40) but gender is MALE"
                        : "encodes a man but gender is FEMALE (women's day of birth is + 40)");
  }
  return decoded;
}

}  // namespace penataan::registry
