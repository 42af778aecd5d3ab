#include "cli/nik_cell.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"

namespace penataan::cli {
namespace {

constexpr absl::string_view kLost =
    "Excel stored the NIK as a number, which keeps only 15 digits, so the NIK cannot be "
    "recovered from this file. Keep the NIK column as text: format the column as Text "
    "before typing or pasting the NIKs, or open the CSV in Excel with Data > From Text/CSV "
    "and set the NIK column's type to Text";

bool AllDigits(absl::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return absl::ascii_isdigit(static_cast<unsigned char>(c));
  });
}

// 6.47101E+15, 6,47101E+15 (a decimal comma), 6.47101e15, 6E+15.
bool IsScientific(absl::string_view s) {
  const size_t e = s.find_first_of("eE");
  if (e == absl::string_view::npos) return false;
  absl::string_view mantissa = s.substr(0, e), exponent = s.substr(e + 1);
  absl::ConsumePrefix(&exponent, "+");
  const size_t mark = mantissa.find_first_of(".,");
  if (mark != absl::string_view::npos) {
    if (!AllDigits(mantissa.substr(mark + 1))) return false;
    mantissa = mantissa.substr(0, mark);
  }
  return AllDigits(mantissa) && AllDigits(exponent);
}

}  // namespace

absl::StatusOr<std::string> NikFromSpreadsheet(absl::string_view cell) {
  // Spaces anywhere ("6471 0512 …" typed in groups), the no-break space too.
  std::string s = absl::StrReplaceAll(cell, {{"\xC2\xA0", ""}});
  s.erase(std::remove_if(s.begin(), s.end(),
                         [](char c) { return absl::ascii_isspace(static_cast<unsigned char>(c)); }),
          s.end());
  absl::string_view v = s;
  if (v.size() >= 3 && absl::StartsWith(v, "=\"") && absl::EndsWith(v, "\"")) {
    v = v.substr(2, v.size() - 3);  // ="6471…": Excel's formula for text
  } else {
    absl::ConsumePrefix(&v, "'");  // '6471…: Excel's mark for text
  }
  if (IsScientific(v)) {
    return absl::InvalidArgumentError(
        absl::StrCat("is a number in scientific notation (like 6.47101E+15): ", kLost));
  }
  if (v.size() == 15 && AllDigits(v)) {
    return absl::InvalidArgumentError(
        absl::StrCat("has 15 digits where a NIK has 16: ", kLost));
  }
  return std::string(v);
}

absl::StatusOr<std::string> NikOf16Digits(absl::string_view cell) {
  absl::StatusOr<std::string> nik = NikFromSpreadsheet(cell);
  if (!nik.ok()) return nik;
  if (nik->empty()) return absl::InvalidArgumentError("is required");
  if (nik->size() != 16 || !AllDigits(*nik)) {
    return absl::InvalidArgumentError("not a NIK of 16 digits");
  }
  return nik;
}

absl::Status CheckNotRoundedByExcel(const std::vector<std::string>& first_niks) {
  int sixteen = 0;
  for (const std::string& nik : first_niks) {
    if (nik.size() != 16 || !AllDigits(nik)) continue;
    if (nik.back() != '0') return absl::OkStatus();
    ++sixteen;
  }
  if (sixteen < kRoundedNikSample) return absl::OkStatus();
  return absl::FailedPreconditionError(absl::StrCat(
      "every NIK of the first rows ends in 0 (", sixteen,
      " of them): the NIK column was formatted as a number, so Excel kept 15 digits of each "
      "and wrote 0 for the 16th; some are now another person's NIK. Nothing was sent. ",
      kLost.substr(kLost.find("Keep the NIK column"))));
}

}  // namespace penataan::cli
