#include "cli/formasi_lines_csv.h"

#include <optional>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "cli/csv_reader.h"
#include "cli/formasi_values.h"
#include "cli/proto_text.h"
#include "cli/spreadsheet_header.h"
#include "common/utf8.h"

namespace penataan::cli {
namespace {

namespace v1 = formasi::v1;

const std::vector<ColumnSpec>& Columns() {
  static const auto* columns = new std::vector<ColumnSpec>{
      {"kategori", {"Kategori", "Kategori Jabatan", "jabatan_category"}, true},
      {"jabatan", {"Jabatan", "Nama Jabatan", "position_title"}, true},
      {"pendidikan",
       {"Pendidikan", "Pendidikan Terakhir", "Kualifikasi Pendidikan", "education",
        "education_qualification"},
       true},
      {"unit_kerja", {"Unit Kerja", "unit"}, true},
      {"jumlah", {"Jumlah", "Jumlah Formasi", "count"}},
      {"gaji", {"Gaji", "Gaji per Bulan", "monthly_pay_idr"}, true},
      {"honorer", {"Honorer", "honorers"}},
      RowNumberColumn(),
  };
  return *columns;
}

// One record's cells read into a line; its errors appended, each naming the column.
class LineReader {
 public:
  LineReader(const SpreadsheetHeader& header, const std::vector<std::string>& cells,
             int64_t line, std::vector<std::string>& errors)
      : header_(header), cells_(cells), line_(line), errors_(errors) {}

  v1::ProposalLine Read() {
    v1::ProposalLine l;
    if (auto v = Enum("kategori", common::v1::JabatanCategory_descriptor())) {
      l.set_jabatan_category(static_cast<common::v1::JabatanCategory>(*v));
    }
    l.set_position_title(Cell("jabatan"));
    if (l.position_title().empty()) Error("jabatan", "empty: name the position (jabatan)");
    if (auto v = Enum("pendidikan", common::v1::Education_descriptor())) {
      l.set_education_qualification(static_cast<common::v1::Education>(*v));
    }
    l.set_unit_kerja(Cell("unit_kerja"));
    if (l.unit_kerja().empty()) Error("unit_kerja", "empty: name the unit kerja");
    const std::string pay = Cell("gaji");
    if (auto v = ParseRupiah(pay)) {
      l.set_monthly_pay_idr(*v);
    } else {
      Error("gaji", absl::StrCat("\"", ValidUtf8(pay, 40),
                                 "\" is not an amount in rupiah, e.g. 2500000 or 2.500.000"));
    }
    // Honorers are listed with ';' (or ',': a semicolon-separated file quotes the
    // cell either way).
    for (absl::string_view ref : absl::StrSplit(Cell("honorer"), absl::ByAnyChar(";,"),
                                                absl::SkipWhitespace())) {
      ref = absl::StripAsciiWhitespace(ref);
      if (auto name = ParseHonorerName(std::string(ref))) {
        l.add_honorers(*name);
      } else {
        Error("honorer", absl::StrCat("\"", ValidUtf8(ref, 40),
                                      "\" is not an honorer id like honorers/123 or 123"));
      }
    }
    ReadCount(l);
    return l;
  }

 private:
  std::string Cell(const std::string& field) const { return header_.Cell(cells_, field); }
  void Error(const std::string& field, absl::string_view what) {
    errors_.push_back(absl::StrCat("line ", line_, ", column ", header_.Typed(field), ": ", what));
  }
  std::optional<int> Enum(const std::string& field,
                          const google::protobuf::EnumDescriptor* descriptor) {
    const std::string value = Cell(field);
    auto v = ParseEnumName(descriptor, value);
    if (!v) {
      Error(field, absl::StrCat("\"", ValidUtf8(value, 40), "\" is not one of ",
                                EnumChoices(descriptor)));
    }
    return v;
  }
  // The number of posts: as given, or as many as the honorers named.
  void ReadCount(v1::ProposalLine& l) {
    const std::string text = Cell("jumlah");
    if (text.empty()) {
      if (l.honorers_size() > 0) l.set_count(l.honorers_size());
      else Error("jumlah", "empty: give the number of posts, or name the honorers");
      return;
    }
    int32_t count = 0;
    if (!absl::SimpleAtoi(text, &count) || count <= 0) {
      Error("jumlah", absl::StrCat("\"", ValidUtf8(text, 40),
                                   "\" is not a number of posts (1 or more)"));
    } else if (l.honorers_size() > 0 && count != l.honorers_size()) {
      Error("jumlah", absl::StrCat(count, " posts but ", l.honorers_size(),
                                   " honorers named: they must be equal"));
    } else {
      l.set_count(count);
    }
  }

  const SpreadsheetHeader& header_;
  const std::vector<std::string>& cells_;
  int64_t line_;
  std::vector<std::string>& errors_;
};

}  // namespace

LinesCsv ParseLinesCsv(std::istream& in) {
  LinesCsv out;
  CsvReader csv(in);
  std::vector<std::string> cells;
  if (!NextDataRecord(csv, cells, out.errors)) {
    if (out.errors.empty()) out.errors.push_back("the file is empty: want a header line");
    return out;
  }
  const SpreadsheetHeader header(cells, Columns(), UnknownColumns::kRefuse, out.errors);
  if (!out.errors.empty()) return out;
  while (NextDataRecord(csv, cells, out.errors)) {
    const size_t before = out.errors.size();
    v1::ProposalLine l = LineReader(header, cells, csv.line(), out.errors).Read();
    if (out.errors.size() == before) out.lines.push_back(std::move(l));
  }
  if (out.errors.empty() && out.lines.empty()) {
    out.errors.push_back("no lines below the header");
  }
  return out;
}

}  // namespace penataan::cli
