// penataanctl registry verify FILE.csv — BKN marks honorers as present (or not) in
// the national non-ASN database. Columns: nik, in_bkn_database (1/0, true/false,
// ya/tidak, yes/no), and optionally BKN's record of the worker: full_name (or
// nama) and birth_date (or tanggal_lahir, a date as ParseSpreadsheetDate reads
// it); headers compared as HeaderKey does; an empty cell is not sent
// (not compared). The registry stores where its data differs. Sent in calls of
// 10,000 rows; rows whose NIK the registry does not know are listed by their line.

#include <fstream>
#include <iostream>
#include <optional>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "cli/csv_reader.h"
#include "cli/nik_cell.h"
#include "cli/proto_text.h"
#include "cli/registry_commands.h"
#include "cli/spreadsheet_date.h"
#include "cli/spreadsheet_header.h"
#include "penataan/registry/v1/registry.grpc.pb.h"

namespace penataan::cli {
namespace {

namespace v1 = registry::v1;
constexpr int kRowsPerCall = 10000;

std::optional<bool> ParseYesNo(const std::string& text) {
  const std::string v = absl::AsciiStrToLower(absl::StripAsciiWhitespace(text));
  if (v == "1" || v == "true" || v == "ya" || v == "yes" || v == "y") return true;
  if (v == "0" || v == "false" || v == "tidak" || v == "no" || v == "n") return false;
  return std::nullopt;
}

const std::vector<ColumnSpec>& Columns() {
  static const auto* columns = new std::vector<ColumnSpec>{
      {"nik", {"NIK"}, true},
      {"in_bkn_database", {}, true},
      {"full_name", {"Nama", "Nama Lengkap", "nama"}},
      {"birth_date", {"Tanggal Lahir", "tanggal_lahir"}},
  };
  return *columns;
}

// One record as an entry, or its errors (every one, each naming its column).
// BKN's record is optional: an empty (or missing) cell is not sent.
std::optional<v1::VerifyHonorersRequest::Entry> ReadEntry(const SpreadsheetHeader& header,
                                                          const std::vector<std::string>& cells,
                                                          int64_t line,
                                                          std::vector<std::string>& errors) {
  const size_t before = errors.size();
  auto error = [&](const std::string& field, absl::string_view what) {
    errors.push_back(absl::StrCat("line ", line, ", column ", header.Typed(field), ": ", what));
  };
  v1::VerifyHonorersRequest::Entry e;
  absl::StatusOr<std::string> nik = NikFromSpreadsheet(header.Cell(cells, "nik"));
  if (nik.ok()) e.set_nik(*nik);
  else error("nik", nik.status().message());
  if (std::optional<bool> flag = ParseYesNo(header.Cell(cells, "in_bkn_database"))) {
    e.set_in_bkn_database(*flag);
  } else {
    error("in_bkn_database", "must be 1/0, true/false or ya/tidak");
  }
  e.set_full_name(header.Cell(cells, "full_name"));
  absl::StatusOr<std::string> birth = ParseSpreadsheetDate(header.Cell(cells, "birth_date"));
  if (!birth.ok()) {
    error("birth_date", birth.status().message());
  } else if (!birth->empty()) {
    *e.mutable_birth_date() = *ParseDate(*birth);
  }
  if (errors.size() > before) return std::nullopt;
  return e;
}

struct Totals {
  int64_t updated = 0, unchanged = 0;
  std::vector<int64_t> not_found_lines;
};

// Sends one chunk; false (with *exit_code set) when the call failed.
bool SendChunk(CliContext& c, const v1::VerifyHonorersRequest& req,
               const std::vector<int64_t>& lines, Totals& totals, int* exit_code) {
  v1::VerifyHonorersResponse resp;
  if (!Invoke(c, &v1::RegistryService::Stub::VerifyHonorers, req, &resp, exit_code, 120)) {
    return false;
  }
  totals.updated += resp.updated();
  totals.unchanged += resp.unchanged();
  for (int i : resp.not_found()) totals.not_found_lines.push_back(lines[i]);
  return true;
}

int RunVerify(CliContext& c, const std::string& path, int* exit_code) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    std::cerr << "penataanctl: cannot read " << path << "\n";
    return kExitUsage;
  }
  CsvReader csv(file);
  std::vector<std::string> cells, errors;
  std::optional<SpreadsheetHeader> header;
  if (NextDataRecord(csv, cells, errors)) {
    header.emplace(cells, Columns(), UnknownColumns::kIgnore, errors);
  } else if (errors.empty()) {
    errors.push_back("line 1: want columns nik,in_bkn_database");
  }
  auto print_errors = [&] {
    for (const std::string& e : errors) std::cerr << "penataanctl: " << path << " " << e << "\n";
  };
  if (!errors.empty()) {
    print_errors();
    return kExitUsage;
  }
  Totals totals;
  v1::VerifyHonorersRequest req;
  std::vector<int64_t> lines;
  // The first record that cannot be read stops the sending: the rows before it
  // are sent, and BKN's file fixed is sent again whole (verifying is idempotent).
  int64_t stopped_at = 0;
  while (NextDataRecord(csv, cells, errors) && errors.empty()) {
    std::optional<v1::VerifyHonorersRequest::Entry> e =
        ReadEntry(*header, cells, csv.line(), errors);
    if (!e) break;
    *req.add_entries() = std::move(*e);
    lines.push_back(csv.line());
    if (req.entries_size() == kRowsPerCall) {
      if (!SendChunk(c, req, lines, totals, exit_code)) return *exit_code;
      req.Clear();
      lines.clear();
    }
  }
  if (!errors.empty()) {
    print_errors();
    stopped_at = csv.line();
    std::cerr << "penataanctl: " << path << ": nothing from line " << stopped_at
              << " on was sent\n";
  }
  if (req.entries_size() > 0 && !SendChunk(c, req, lines, totals, exit_code)) return *exit_code;
  for (int64_t line : totals.not_found_lines) {
    std::cout << "line " << line << ": nik: not in the registry\n";
  }
  std::cout << "updated " << totals.updated << ", unchanged " << totals.unchanged
            << ", not found " << totals.not_found_lines.size() << "\n";
  return totals.not_found_lines.empty() && stopped_at == 0 ? kExitOk : kExitRowsRejected;
}

}  // namespace

void AddVerifyCommand(CLI::App& registry, ContextFn context, int* exit_code) {
  auto path = std::make_shared<std::string>();
  auto* verify = registry.add_subcommand(
      "verify", "BKN: mark honorers present or not in the national non-ASN database");
  verify->add_option("file", *path,
                     "CSV with columns nik,in_bkn_database and optionally full_name (nama), "
                     "birth_date (tanggal_lahir): BKN's record, compared with the registry's")
      ->required();
  verify->callback([=] { *exit_code = RunVerify(context(), *path, exit_code); });
}

}  // namespace penataan::cli
