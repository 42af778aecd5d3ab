#ifndef PENATAAN_CLI_NIK_CELL_H_
#define PENATAAN_CLI_NIK_CELL_H_

// A NIK cell as a spreadsheet left it. Excel stores a 16-digit NIK typed into a
// number column as a number: it keeps 15 significant digits (the 16th becomes 0)
// and writes it as "6.47101E+15" (or "6,47101E+15" with Indonesian settings) or as
// 15 digits; the NIK is lost and cannot be guessed back. Such a cell is refused
// with a message that says what Excel did and how to keep the column as text.
//
// Spaces inside, a leading apostrophe (Excel's "this is text") and Excel's text
// formula ="6471…" (what penataanctl's CSV exports write, so that Excel keeps the
// digits) are removed. Anything else is returned as it is, for the registry's NIK
// rules to judge (province, birth date, serial).

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace penataan::cli {

// The NIK's digits, or INVALID_ARGUMENT explaining what Excel did. "" stays "".
absl::StatusOr<std::string> NikFromSpreadsheet(absl::string_view cell);

// A NIK column formatted as Number ("0") in Excel holds 16 digits of which the last
// is always 0: Excel rounded every NIK to 15 significant digits, and some are now
// another person's valid NIK. One NIK in ten ends in 0; when at least
// kRoundedNikSample NIKs of a file's first rows all do, the file is refused
// (FAILED_PRECONDITION saying what Excel did) before anything is sent.
inline constexpr int kRoundedNikSample = 8;
absl::Status CheckNotRoundedByExcel(const std::vector<std::string>& first_niks);

// For a file that names honorers by NIK (reviews, exclusions, leave-outs,
// applicants), where the NIK is looked up rather than judged: NikFromSpreadsheet,
// then 16 digits, else INVALID_ARGUMENT "is required" or "not a NIK of 16
// digits" (the NIK never repeated; the caller adds the line and column).
absl::StatusOr<std::string> NikOf16Digits(absl::string_view cell);

}  // namespace penataan::cli

#endif  // PENATAAN_CLI_NIK_CELL_H_
