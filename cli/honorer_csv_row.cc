#include "cli/honorer_csv_row.h"

#include "absl/status/statusor.h"
#include "cli/nik_cell.h"
#include "cli/spreadsheet_date.h"

namespace penataan::cli {
namespace {

namespace v1 = registry::v1;
using Setter = void (v1::ImportRow::*)(const std::string&);
enum class Kind { kText, kNik, kDate };

struct Field {
  const char* name;
  Setter set;
  Kind kind;
};

constexpr Field kFields[] = {
    {"nik", &v1::ImportRow::set_nik, Kind::kNik},
    {"full_name", &v1::ImportRow::set_full_name, Kind::kText},
    {"birth_date", &v1::ImportRow::set_birth_date, Kind::kDate},
    {"gender", &v1::ImportRow::set_gender, Kind::kText},
    {"education", &v1::ImportRow::set_education, Kind::kText},
    {"unit_kerja", &v1::ImportRow::set_unit_kerja, Kind::kText},
    {"jabatan_category", &v1::ImportRow::set_jabatan_category, Kind::kText},
    {"position_title", &v1::ImportRow::set_position_title, Kind::kText},
    {"service_start_date", &v1::ImportRow::set_service_start_date, Kind::kDate},
    {"contract_start", &v1::ImportRow::set_contract_start, Kind::kDate},
    {"contract_end", &v1::ImportRow::set_contract_end, Kind::kDate},
    {"email", &v1::ImportRow::set_email, Kind::kText},
    {"whatsapp", &v1::ImportRow::set_whatsapp, Kind::kText},
    {"sk_number", &v1::ImportRow::set_sk_number, Kind::kText},
    {"sk_signed_by", &v1::ImportRow::set_sk_signed_by, Kind::kText},
    {"sk_signed_date", &v1::ImportRow::set_sk_signed_date, Kind::kDate},
};

absl::StatusOr<std::string> Read(Kind kind, const std::string& cell) {
  switch (kind) {
    case Kind::kNik:
      return NikFromSpreadsheet(cell);
    case Kind::kDate:
      return ParseSpreadsheetDate(cell);
    case Kind::kText:
      break;
  }
  return cell;
}

}  // namespace

const std::vector<std::string>& HonorerDateFields() {
  static const auto* fields = [] {
    auto* out = new std::vector<std::string>;
    for (const Field& f : kFields) {
      if (f.kind == Kind::kDate) out->push_back(f.name);
    }
    return out;
  }();
  return *fields;
}

HonorerCsvRecord ReadHonorerRecord(const SpreadsheetHeader& header,
                                   const std::vector<std::string>& cells, int64_t line) {
  HonorerCsvRecord out;
  out.row.set_row_number(line);
  for (const Field& f : kFields) {
    if (!header.Has(f.name)) continue;
    const std::string cell = header.Cell(cells, f.name);
    absl::StatusOr<std::string> value = Read(f.kind, cell);
    if (value.ok()) {
      (out.row.*f.set)(*value);
      continue;
    }
    (out.row.*f.set)(cell);
    auto& e = out.errors.emplace_back();
    e.set_field(f.name);
    e.set_row(line);
    e.set_description(std::string(value.status().message()));
  }
  return out;
}

}  // namespace penataan::cli
