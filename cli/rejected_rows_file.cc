#include "cli/rejected_rows_file.h"

#include <filesystem>
#include <fstream>
#include <vector>

#include "absl/strings/str_cat.h"
#include "cli/csv_reader.h"
#include "cli/csv_writer.h"
#include "cli/spreadsheet_header.h"

namespace penataan::cli {
namespace {

constexpr char kErrorColumn[] = "kesalahan";

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
    cells[error_column] = it->second;
    writer.Row(cells);
  }
  out.flush();
  if (!out) return absl::FailedPreconditionError(absl::StrCat("cannot write ", output));
  return absl::OkStatus();
}

}  // namespace penataan::cli
