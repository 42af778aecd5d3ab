#include "cli/excel_cell.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/strip.h"
#include "absl/strings/str_cat.h"

namespace penataan::cli {
namespace {

bool StartsAFormula(absl::string_view cell) {
  return !cell.empty() && absl::string_view("=+-@\t\r").find(cell.front()) != absl::string_view::npos;
}

// "-12", "-0.5": a negative number, which Excel shows as one.
bool NegativeNumber(absl::string_view cell) {
  if (!absl::ConsumePrefix(&cell, "-") || cell.empty()) return false;
  bool point = false;
  for (char c : cell) {
    if (c == '.' && !point) {
      point = true;
    } else if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) {
      return false;
    }
  }
  return true;
}

// ="…" around text without a quote: ExcelText's form.
bool TextFormula(absl::string_view cell) {
  return cell.size() >= 3 && absl::StartsWith(cell, "=\"") && absl::EndsWith(cell, "\"") &&
         cell.substr(2, cell.size() - 3).find('"') == absl::string_view::npos;
}

}  // namespace

std::string FormulaSafe(absl::string_view cell) {
  if (!StartsAFormula(cell) || cell == "-" || NegativeNumber(cell) || TextFormula(cell)) {
    return std::string(cell);
  }
  return absl::StrCat("'", cell);
}

std::string PlainCell(absl::string_view cell) {
  if (TextFormula(cell)) return std::string(cell.substr(2, cell.size() - 3));
  if (cell.size() >= 2 && cell.front() == '\'' && StartsAFormula(cell.substr(1))) {
    return std::string(cell.substr(1));
  }
  return std::string(cell);
}

}  // namespace penataan::cli
