#include "cli/formasi_leave_out_csv.h"

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "cli/csv_reader.h"
#include "cli/formasi_values.h"
#include "cli/nik_cell.h"
#include "cli/spreadsheet_header.h"
#include "common/utf8.h"

namespace penataan::cli {

LeaveOutCsv ParseLeaveOutCsv(std::istream& in) {
  LeaveOutCsv out;
  CsvReader csv(in);
  std::vector<std::string> cells;
  if (!NextDataRecord(csv, cells, out.errors)) {
    if (out.errors.empty()) {
      out.errors.push_back("the file is empty: want a header line (honorer,alasan,catatan)");
    }
    return out;
  }
  const SpreadsheetHeader header(cells,
                                 {{"honorer", {"Honorer", "ID Honorer"}},
                                  {"nik", {"NIK"}},
                                  {"alasan", {"Alasan", "reason"}, true},
                                  {"catatan", {"Catatan", "Keterangan", "note"}},
                                  RowNumberColumn()},
                                 UnknownColumns::kRefuse, out.errors);
  if (header.Has("honorer") && header.Has("nik")) {
    out.errors.push_back("line 1: give one of the columns honorer and nik, not both");
  } else if (!header.Has("honorer") && !header.Has("nik")) {
    out.errors.push_back("line 1: missing column \"honorer\" (or \"nik\")");
  }
  if (!out.errors.empty()) return out;
  out.by_nik = header.Has("nik");
  const std::string who = out.by_nik ? "nik" : "honorer";

  absl::flat_hash_map<std::string, int64_t> first_line;
  while (NextDataRecord(csv, cells, out.errors)) {
    const int64_t line = csv.line();
    const size_t before = out.errors.size();
    auto error = [&](const std::string& field, absl::string_view what) {
      out.errors.push_back(
          absl::StrCat("line ", line, ", column ", header.Typed(field), ": ", what));
    };
    LeaveOutRow row;
    row.line = line;
    const std::string key = header.Cell(cells, who);
    if (out.by_nik) {
      absl::StatusOr<std::string> nik = NikOf16Digits(key);
      if (nik.ok()) row.nik = *nik;
      else error(who, nik.status().message());
    } else if (auto name = ParseHonorerName(key)) {
      row.honorer = *name;
    } else {
      error(who, absl::StrCat("\"", ValidUtf8(key, 40),
                              "\" is not an honorer id like honorers/123 or 123"));
    }
    const std::string reason_text = header.Cell(cells, "alasan");
    if (auto r = ParseLeaveOutReason(reason_text)) {
      row.reason = *r;
    } else {
      error("alasan", absl::StrCat("\"", ValidUtf8(reason_text, 40), "\" is not one of ",
                                   kReasonChoices));
    }
    row.note = header.Cell(cells, "catatan");
    if (row.reason == formasi::v1::LAINNYA && row.note.empty()) {
      error(header.Has("catatan") ? "catatan" : "alasan",
            "lainnya needs a note (catatan) saying why");
    }
    const std::string& id = out.by_nik ? row.nik : row.honorer;
    if (!id.empty()) {
      auto [it, fresh] = first_line.emplace(id, line);
      if (!fresh) error(who, absl::StrCat("the same honorer as on line ", it->second));
    }
    if (out.errors.size() == before) out.rows.push_back(std::move(row));
  }
  return out;
}

}  // namespace penataan::cli
