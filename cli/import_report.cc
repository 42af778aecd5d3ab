#include "cli/import_report.h"

#include <algorithm>
#include <limits>
#include <set>
#include <utility>

#include "absl/strings/str_cat.h"

namespace penataan::cli {

std::vector<RowError> MergeRowErrors(const std::vector<RowError>& local,
                                     const google::protobuf::RepeatedPtrField<RowError>& registry,
                                     const SpreadsheetHeader& header) {
  std::set<std::pair<int64_t, std::string>> read_here;
  for (const RowError& e : local) read_here.emplace(e.row(), e.field());
  std::vector<RowError> out(local.begin(), local.end());
  for (const RowError& e : registry) {
    if (!read_here.count({e.row(), e.field()})) out.push_back(e);
  }
  const auto column = [&](const RowError& e) {
    const int i = header.Index(e.field());
    return i < 0 ? std::numeric_limits<int>::max() : i;
  };
  std::stable_sort(out.begin(), out.end(), [&](const RowError& a, const RowError& b) {
    return std::make_pair(a.row(), column(a)) < std::make_pair(b.row(), column(b));
  });
  return out;
}

namespace {

std::string ColumnOf(const RowError& e, const SpreadsheetHeader& header) {
  if (e.field().empty() || e.field() == "row") return "";
  return header.Has(e.field()) ? header.Typed(e.field()) : e.field();
}

}  // namespace

std::string ErrorLine(const RowError& e, const SpreadsheetHeader& header) {
  const std::string column = ColumnOf(e, header);
  return column.empty() ? absl::StrCat("row ", e.row(), ": ", e.description())
                        : absl::StrCat("row ", e.row(), ", ", column, ": ", e.description());
}

std::map<int64_t, std::string> ErrorCells(const std::vector<RowError>& errors,
                                          const SpreadsheetHeader& header) {
  std::map<int64_t, std::string> cells;
  for (const RowError& e : errors) {
    std::string& cell = cells[e.row()];
    if (!cell.empty()) cell += "; ";
    const std::string column = ColumnOf(e, header);
    absl::StrAppend(&cell, column.empty() ? "" : column + ": ", e.description());
  }
  return cells;
}

}  // namespace penataan::cli
