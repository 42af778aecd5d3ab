// The NIK as it travels: a spreadsheet cell read by penataanctl (NikFromSpreadsheet,
// NikOf16Digits, the rounded-column check), then the registry's rules (DecodeNik,
// ValidateNik). Invariants: what is accepted is 16 digits that decode to a person
// of 15 to 100; a decoded NIK validates against its own birth date and sex; no
// message repeats the NIK.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "cli/nik_cell.h"
#include "fuzz/fuzz_check.h"
#include "services/registry/nik.h"

namespace {

using penataan::registry::DecodedNik;

bool SixteenDigits(const std::string& s) {
  if (s.size() != 16) return false;
  for (char c : s) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// No run of six digits or more of the input (part of a NIK) is in `message`; the
// messages' own numbers (a length, a code, a date's parts) are shorter.
bool RepeatsNoDigits(absl::string_view input, absl::string_view message) {
  for (size_t i = 0; i < input.size();) {
    size_t j = i;
    while (j < input.size() && absl::ascii_isdigit(static_cast<unsigned char>(input[j]))) ++j;
    if (j - i >= 6 && absl::StrContains(message, input.substr(i, j - i))) return false;
    i = j > i ? j : i + 1;
  }
  return true;
}

void CheckDecoded(const std::string& nik, absl::CivilDay today) {
  absl::StatusOr<DecodedNik> d = penataan::registry::DecodeNik(nik, today);
  if (!d.ok()) {
    FUZZ_CHECK(RepeatsNoDigits(nik, d.status().message()));
    return;
  }
  FUZZ_CHECK(SixteenDigits(nik));
  FUZZ_CHECK(penataan::registry::IsKnownProvinceCode(d->province));
  FUZZ_CHECK(d->regency >= 1 && d->regency <= 99 && d->regency != 70);
  const int64_t years = today.year() - d->birth_date.year();
  FUZZ_CHECK(years >= 15 && years <= 101);
  absl::StatusOr<DecodedNik> again =
      penataan::registry::ValidateNik(nik, today, d->birth_date, d->female);
  FUZZ_CHECK(again.ok());
  FUZZ_CHECK(!penataan::registry::ValidateNik(nik, today, d->birth_date + 1, d->female).ok());
  FUZZ_CHECK(!penataan::registry::ValidateNik(nik, today, d->birth_date, !d->female).ok());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 4096) return 0;
  const std::string input(reinterpret_cast<const char*>(data), size);
  const absl::CivilDay today(2025, 8, 22);

  absl::StatusOr<std::string> cell = penataan::cli::NikFromSpreadsheet(input);
  absl::StatusOr<std::string> digits = penataan::cli::NikOf16Digits(input);
  if (digits.ok()) {
    FUZZ_CHECK(SixteenDigits(*digits));
    FUZZ_CHECK(cell.ok() && *cell == *digits);
  }
  CheckDecoded(cell.ok() ? *cell : input, today);
  CheckDecoded(input, today);

  // A file's first NIKs, one a line.
  std::vector<std::string> niks = absl::StrSplit(input, '\n');
  absl::Status rounded = penataan::cli::CheckNotRoundedByExcel(niks);
  if (!rounded.ok()) {
    int sixteen = 0;
    for (const std::string& nik : niks) {
      if (SixteenDigits(nik)) {
        FUZZ_CHECK(nik.back() == '0');
        ++sixteen;
      }
    }
    FUZZ_CHECK(sixteen >= penataan::cli::kRoundedNikSample);
  }
  return 0;
}
