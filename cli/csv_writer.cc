#include "cli/csv_writer.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "cli/excel_cell.h"

namespace penataan::cli {
namespace {

constexpr char kByteOrderMark[] = "\xEF\xBB\xBF";

// Quoted when a reader would otherwise split or change it: the delimiter, a quote
// or a line break inside, or space at an end (Excel and most readers trim it).
bool NeedsQuotes(absl::string_view cell, char delimiter) {
  if (cell.find_first_of(std::string{delimiter, '"', '\r', '\n'}) != absl::string_view::npos) {
    return true;
  }
  return !cell.empty() && (absl::ascii_isspace(static_cast<unsigned char>(cell.front())) ||
                           absl::ascii_isspace(static_cast<unsigned char>(cell.back())));
}

void WriteCell(std::ostream& out, absl::string_view cell, char delimiter) {
  if (!NeedsQuotes(cell, delimiter)) {
    out << cell;
    return;
  }
  out << '"';
  for (char c : cell) {
    if (c == '"') out << '"';
    out << c;
  }
  out << '"';
}

}  // namespace

void CsvWriter::Row(const std::vector<std::string>& cells) {
  if (!started_ && options_.byte_order_mark) out_ << kByteOrderMark;
  started_ = true;
  // A record of one empty cell would be a blank line, which readers skip.
  if (cells.size() == 1 && cells[0].empty()) {
    out_ << "\"\"\r\n";
    return;
  }
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) out_ << options_.delimiter;
    WriteCell(out_, FormulaSafe(cells[i]), options_.delimiter);
  }
  out_ << "\r\n";
}

std::string ExcelText(absl::string_view digits) {
  if (digits.empty()) return "";
  return absl::StrCat("=\"", digits, "\"");
}

}  // namespace penataan::cli
