#include "cli/formasi_leave_out_csv.h"

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "cli/csv_reader.h"
#include "cli/formasi_values.h"
#include "common/utf8.h"

namespace penataan::cli {
namespace {

bool IsNik(const std::string& s) {
  if (s.size() != 16) return false;
  for (char c : s) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

}  // namespace

LeaveOutCsv ParseLeaveOutCsv(std::istream& in) {
  LeaveOutCsv out;
  CsvReader csv(in);
  std::vector<std::string> cells;
  if (!csv.Next(cells)) {
    out.errors.push_back("the file is empty: want a header line (honorer,alasan,catatan)");
    return out;
  }
  int who = -1, reason = -1, note = -1;
  std::string who_name, reason_name;
  for (size_t i = 0; i < cells.size(); ++i) {
    const std::string name = absl::AsciiStrToLower(absl::StripAsciiWhitespace(cells[i]));
    const int col = static_cast<int>(i);
    if (name == "honorer" || name == "nik") {
      if (who >= 0) {
        out.errors.push_back("line 1: give one of the columns honorer and nik, not both");
      }
      who = col;
      who_name = name;
      out.by_nik = name == "nik";
    } else if (name == "alasan" || name == "reason") {
      reason = col;
      reason_name = name;
    } else if (name == "catatan" || name == "note") {
      note = col;
    } else {
      out.errors.push_back(absl::StrCat("line 1, column ", i + 1, ": unknown column \"",
                                        ValidUtf8(cells[i], 40),
                                        "\" (honorer or nik, alasan, catatan)"));
    }
  }
  if (who < 0) out.errors.push_back("line 1: missing column \"honorer\" (or \"nik\")");
  if (reason < 0) out.errors.push_back("line 1: missing column \"alasan\"");
  if (!out.errors.empty()) return out;

  absl::flat_hash_map<std::string, int64_t> first_line;
  auto cell = [&](int col) {
    return col >= 0 && col < static_cast<int>(cells.size())
               ? std::string(absl::StripAsciiWhitespace(cells[col]))
               : std::string();
  };
  while (NextDataRecord(csv, cells, out.errors)) {
    const int64_t line = csv.line();
    const size_t before = out.errors.size();
    auto error = [&](const std::string& column, const std::string& what) {
      out.errors.push_back(absl::StrCat("line ", line, ", column ", column, ": ", what));
    };
    LeaveOutRow row;
    row.line = line;
    const std::string key = cell(who);
    if (out.by_nik) {
      if (IsNik(key)) row.nik = key;
      else error(who_name, "not a NIK of 16 digits");
    } else if (auto name = ParseHonorerName(key)) {
      row.honorer = *name;
    } else {
      error(who_name, absl::StrCat("\"", ValidUtf8(key, 40),
                                   "\" is not an honorer id like honorers/123 or 123"));
    }
    const std::string reason_text = cell(reason);
    if (auto r = ParseLeaveOutReason(reason_text)) {
      row.reason = *r;
    } else {
      error(reason_name, absl::StrCat("\"", ValidUtf8(reason_text, 40), "\" is not one of ",
                                      kReasonChoices));
    }
    row.note = cell(note);
    if (row.reason == formasi::v1::LAINNYA && row.note.empty()) {
      error(note >= 0 ? "catatan" : reason_name, "lainnya needs a note (catatan) saying why");
    }
    const std::string& id = out.by_nik ? row.nik : row.honorer;
    if (!id.empty()) {
      auto [it, fresh] = first_line.emplace(id, line);
      if (!fresh) {
        error(who_name, absl::StrCat("the same honorer as on line ", it->second));
      }
    }
    if (out.errors.size() == before) out.rows.push_back(std::move(row));
  }
  return out;
}

}  // namespace penataan::cli
