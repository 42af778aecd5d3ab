// penataanctl registry verify FILE.csv — BKN marks honorers as present (or not) in
// the national non-ASN database. Columns: nik, in_bkn_database (1/0, true/false,
// ya/tidak, yes/no), and optionally BKN's record of the worker: full_name (or
// nama) and birth_date (or tanggal_lahir, YYYY-MM-DD); an empty cell is not sent
// (not compared). The registry stores where its data differs. Sent in calls of
// 10,000 rows; rows whose NIK the registry does not know are listed by their line.

#include <fstream>
#include <iostream>
#include <optional>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "cli/csv_reader.h"
#include "cli/registry_commands.h"
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

// "1985-05-12" -> a Date; nullopt when not of that form (the registry judges
// whether the day exists).
std::optional<penataan::common::v1::Date> ParseDate(absl::string_view text) {
  std::vector<absl::string_view> parts = absl::StrSplit(text, '-');
  int y, m, d;
  if (parts.size() != 3 || parts[0].size() != 4 || parts[1].size() != 2 ||
      parts[2].size() != 2 || !absl::SimpleAtoi(parts[0], &y) ||
      !absl::SimpleAtoi(parts[1], &m) || !absl::SimpleAtoi(parts[2], &d)) {
    return std::nullopt;
  }
  penataan::common::v1::Date date;
  date.set_year(y);
  date.set_month(m);
  date.set_day(d);
  return date;
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
  std::vector<std::string> cells;
  int nik_col = -1, flag_col = -1, name_col = -1, birth_col = -1;
  if (csv.Next(cells)) {
    for (size_t i = 0; i < cells.size(); ++i) {
      const std::string name = absl::AsciiStrToLower(absl::StripAsciiWhitespace(cells[i]));
      if (name == "nik") nik_col = static_cast<int>(i);
      if (name == "in_bkn_database") flag_col = static_cast<int>(i);
      if (name == "full_name" || name == "nama") name_col = static_cast<int>(i);
      if (name == "birth_date" || name == "tanggal_lahir") birth_col = static_cast<int>(i);
    }
  }
  if (nik_col < 0 || flag_col < 0) {
    std::cerr << "penataanctl: " << path << " line 1: want columns nik,in_bkn_database\n";
    return kExitUsage;
  }
  Totals totals;
  v1::VerifyHonorersRequest req;
  std::vector<int64_t> lines;
  while (csv.Next(cells)) {
    if (cells.size() == 1 && cells[0].empty()) continue;
    const size_t need = static_cast<size_t>(std::max(nik_col, flag_col));
    const std::optional<bool> flag =
        cells.size() > need ? ParseYesNo(cells[flag_col]) : std::nullopt;
    if (!flag) {
      std::cerr << "penataanctl: " << path << " line " << csv.line()
                << ": in_bkn_database must be 1/0, true/false or ya/tidak; nothing after it was sent\n";
      break;
    }
    // BKN's record: optional columns, and an empty (or missing) cell is not sent.
    auto cell = [&](int col) -> std::string {
      return col >= 0 && static_cast<size_t>(col) < cells.size()
                 ? std::string(absl::StripAsciiWhitespace(cells[col]))
                 : std::string();
    };
    const std::string birth = cell(birth_col);
    std::optional<penataan::common::v1::Date> birth_date;
    if (!birth.empty()) {
      birth_date = ParseDate(birth);
      if (!birth_date) {
        std::cerr << "penataanctl: " << path << " line " << csv.line()
                  << ": birth_date must be YYYY-MM-DD; nothing after it was sent\n";
        break;
      }
    }
    auto* e = req.add_entries();
    e->set_nik(std::string(absl::StripAsciiWhitespace(cells[nik_col])));
    e->set_in_bkn_database(*flag);
    e->set_full_name(cell(name_col));
    if (birth_date) *e->mutable_birth_date() = *birth_date;
    lines.push_back(csv.line());
    if (req.entries_size() == kRowsPerCall) {
      if (!SendChunk(c, req, lines, totals, exit_code)) return *exit_code;
      req.Clear();
      lines.clear();
    }
  }
  if (req.entries_size() > 0 && !SendChunk(c, req, lines, totals, exit_code)) return *exit_code;
  for (int64_t line : totals.not_found_lines) {
    std::cout << "line " << line << ": nik: not in the registry\n";
  }
  std::cout << "updated " << totals.updated << ", unchanged " << totals.unchanged
            << ", not found " << totals.not_found_lines.size() << "\n";
  return totals.not_found_lines.empty() ? kExitOk : kExitRowsRejected;
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
