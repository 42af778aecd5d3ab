#include "cli/formasi_lines_csv.h"

#include <map>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "cli/csv_reader.h"
#include "cli/formasi_values.h"
#include "cli/proto_text.h"
#include "common/utf8.h"

namespace penataan::cli {
namespace {

namespace v1 = formasi::v1;

enum class Column { kCategory, kTitle, kEducation, kUnit, kCount, kPay, kHonorers };

const std::map<std::string, Column>& ColumnNames() {
  static const auto* names = new std::map<std::string, Column>{
      {"kategori", Column::kCategory},   {"jabatan_category", Column::kCategory},
      {"jabatan", Column::kTitle},       {"position_title", Column::kTitle},
      {"pendidikan", Column::kEducation}, {"education", Column::kEducation},
      {"education_qualification", Column::kEducation},
      {"unit_kerja", Column::kUnit},     {"jumlah", Column::kCount},
      {"count", Column::kCount},         {"gaji", Column::kPay},
      {"monthly_pay_idr", Column::kPay}, {"honorer", Column::kHonorers},
      {"honorers", Column::kHonorers},
  };
  return *names;
}

constexpr Column kRequired[] = {Column::kCategory, Column::kTitle, Column::kEducation,
                                Column::kUnit, Column::kPay};

// The name a person reads for a column in an error: the one their header used.
struct HeaderColumn {
  Column column;
  std::string name;
};

}  // namespace

LinesCsv ParseLinesCsv(std::istream& in) {
  LinesCsv out;
  CsvReader csv(in);
  std::vector<std::string> cells;
  if (!csv.Next(cells)) {
    out.errors.push_back("the file is empty: want a header line");
    return out;
  }
  std::vector<HeaderColumn> header;
  std::map<Column, std::string> seen;
  for (size_t i = 0; i < cells.size(); ++i) {
    const std::string name = absl::AsciiStrToLower(absl::StripAsciiWhitespace(cells[i]));
    auto it = ColumnNames().find(name);
    if (it == ColumnNames().end()) {
      out.errors.push_back(absl::StrCat("line 1, column ", i + 1, ": unknown column \"",
                                        ValidUtf8(cells[i], 40),
                                        "\" (kategori, jabatan, pendidikan, unit_kerja, jumlah, "
                                        "gaji, honorer)"));
      continue;
    }
    if (!seen.emplace(it->second, name).second) {
      out.errors.push_back(absl::StrCat("line 1: column \"", name, "\" repeats \"",
                                        seen[it->second], "\""));
    }
    header.push_back({it->second, name});
  }
  for (Column c : kRequired) {
    if (seen.count(c) == 0) {
      for (const auto& [name, column] : ColumnNames()) {
        if (column == c) {
          out.errors.push_back(absl::StrCat("line 1: missing column \"", name, "\""));
          break;
        }
      }
    }
  }
  if (!out.errors.empty()) return out;

  while (NextDataRecord(csv, cells, out.errors)) {
    const int64_t line = csv.line();
    const size_t before = out.errors.size();
    auto error = [&](const std::string& column, const std::string& what) {
      out.errors.push_back(absl::StrCat("line ", line, ", column ", column, ": ", what));
    };
    v1::ProposalLine l;
    std::string count_text, count_column;
    for (size_t i = 0; i < header.size(); ++i) {
      const std::string value =
          i < cells.size() ? std::string(absl::StripAsciiWhitespace(cells[i])) : "";
      const std::string& column = header[i].name;
      switch (header[i].column) {
        case Column::kCategory: {
          auto v = ParseEnumName(common::v1::JabatanCategory_descriptor(), value);
          if (!v) {
            error(column, absl::StrCat("\"", ValidUtf8(value, 40), "\" is not one of ",
                                       EnumChoices(common::v1::JabatanCategory_descriptor())));
          } else {
            l.set_jabatan_category(static_cast<common::v1::JabatanCategory>(*v));
          }
          break;
        }
        case Column::kTitle:
          if (value.empty()) error(column, "empty: name the position (jabatan)");
          l.set_position_title(value);
          break;
        case Column::kEducation: {
          auto v = ParseEnumName(common::v1::Education_descriptor(), value);
          if (!v) {
            error(column, absl::StrCat("\"", ValidUtf8(value, 40), "\" is not one of ",
                                       EnumChoices(common::v1::Education_descriptor())));
          } else {
            l.set_education_qualification(static_cast<common::v1::Education>(*v));
          }
          break;
        }
        case Column::kUnit:
          if (value.empty()) error(column, "empty: name the unit kerja");
          l.set_unit_kerja(value);
          break;
        case Column::kCount:
          count_text = value;
          count_column = column;
          break;
        case Column::kPay: {
          auto v = ParseRupiah(value);
          if (!v) {
            error(column, absl::StrCat("\"", ValidUtf8(value, 40),
                                       "\" is not an amount in rupiah, e.g. 2500000 or 2.500.000"));
          } else {
            l.set_monthly_pay_idr(*v);
          }
          break;
        }
        case Column::kHonorers:
          for (absl::string_view ref : absl::StrSplit(value, ';', absl::SkipWhitespace())) {
            auto name = ParseHonorerName(std::string(ref));
            if (!name) {
              error(column, absl::StrCat("\"", ValidUtf8(std::string(absl::StripAsciiWhitespace(ref)), 40),
                                         "\" is not an honorer id like honorers/123 or 123"));
              continue;
            }
            l.add_honorers(*name);
          }
          break;
      }
    }
    if (!count_text.empty()) {
      int32_t count = 0;
      if (!absl::SimpleAtoi(count_text, &count) || count <= 0) {
        error(count_column, absl::StrCat("\"", ValidUtf8(count_text, 40),
                                         "\" is not a number of posts (1 or more)"));
      } else if (l.honorers_size() > 0 && count != l.honorers_size()) {
        error(count_column, absl::StrCat(count, " posts but ", l.honorers_size(),
                                         " honorers named: they must be equal"));
      } else {
        l.set_count(count);
      }
    } else if (l.honorers_size() > 0) {
      l.set_count(l.honorers_size());
    } else {
      error(seen.count(Column::kCount) ? seen[Column::kCount] : "jumlah",
            "empty: give the number of posts, or name the honorers");
    }
    if (out.errors.size() == before) out.lines.push_back(std::move(l));
  }
  if (out.errors.empty() && out.lines.empty()) {
    out.errors.push_back("no lines below the header");
  }
  return out;
}

}  // namespace penataan::cli
