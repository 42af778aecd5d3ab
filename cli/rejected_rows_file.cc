#include "cli/rejected_rows_file.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "cli/csv_reader.h"
#include "cli/csv_writer.h"
#include "cli/spreadsheet_header.h"

namespace penataan::cli {
namespace {

constexpr char kErrorColumn[] = "kesalahan";

// A NIK or a phone number as digits: Excel, opening the file, would make it a number
// and lose digits (a NIK's 16th, a phone number's leading 0), so it is written as
// Excel's text formula, which every reader of penataanctl takes back.
std::string KeptAsText(const std::string& cell) {
  absl::string_view digits = cell;
  absl::ConsumePrefix(&digits, "+");
  if (digits.size() < 8 || !std::all_of(digits.begin(), digits.end(), [](char c) {
        return absl::ascii_isdigit(static_cast<unsigned char>(c));
      })) {
    return cell;
  }
  return ExcelText(cell);
}

// The `kesalahan` column of the input, or -1.
int ErrorColumnOf(const std::vector<std::string>& header) {
  for (size_t i = 0; i < header.size(); ++i) {
    if (HeaderKey(header[i]) == kErrorColumn) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace

absl::Status WriteRejectedRows(const std::string& input, const std::string& output,
                               const std::map<int64_t, std::string>& errors_by_line) {
  std::error_code ec;
  if (std::filesystem::equivalent(input, output, ec)) {
    return absl::FailedPreconditionError(
        absl::StrCat("--errors-out ", output, " is the input file; name another file"));
  }
  std::ifstream in(input, std::ios::binary);
  if (!in) return absl::FailedPreconditionError(absl::StrCat("cannot read ", input));
  std::ofstream out(output, std::ios::binary | std::ios::trunc);
  if (!out) return absl::FailedPreconditionError(absl::StrCat("cannot write ", output));
  CsvReader csv(in);
  std::vector<std::string> cells;
  if (!csv.encoding_error().empty() || !csv.Next(cells)) {
    return absl::FailedPreconditionError(absl::StrCat("cannot read ", input, " again"));
  }
  CsvWriter writer(out, CsvWriteOptions{csv.format().delimiter, true});
  int error_column = ErrorColumnOf(cells);
  if (error_column < 0) {
    error_column = static_cast<int>(cells.size());
    cells.push_back(kErrorColumn);
  }
  const size_t width = cells.size();
  writer.Row(cells);
  while (csv.Next(cells)) {
    auto it = errors_by_line.find(csv.line());
    if (it == errors_by_line.end()) continue;
    cells.resize(std::max(width, cells.size()));
    for (std::string& cell : cells) cell = KeptAsText(cell);
    cells[error_column] = it->second;
    writer.Row(cells);
  }
  out.flush();
  if (!out) return absl::FailedPreconditionError(absl::StrCat("cannot write ", output));
  return absl::OkStatus();
}

}  // namespace penataan::cli
