// What reading a spreadsheet as Excel writes it costs penataanctl, against the floor
// of reading the file's bytes: the same synthetic honorers written as the import's
// own CSV (comma, UTF-8, ISO dates) and as Excel with Indonesian settings writes
// them (semicolons, Windows-1252, DD/MM/YYYY). Each figure is the best of --repeat
// runs; ratios are to the byte read of the same file, in the same run.
//
//   penataan-csv-read-bench --rows 1000000

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "bench/synthetic_honorers.h"
#include "cli/csv_reader.h"
#include "cli/honorer_columns.h"
#include "cli/honorer_csv_row.h"

ABSL_FLAG(int64_t, rows, 1000000, "honorers in each file");
ABSL_FLAG(int, repeat, 3, "runs of each measurement (the best is kept)");

namespace penataan::bench {
namespace {

// "1985-07-12" as Excel with Indonesian settings saves it: "12/07/1985".
std::string DayFirst(const std::string& iso) {
  if (iso.size() != 10) return iso;
  return absl::StrFormat("%s/%s/%s", iso.substr(8, 2), iso.substr(5, 2), iso.substr(0, 4));
}

// A name with a Latin-1 letter, as Windows-1252 bytes.
std::string Cp1252Name(const std::string& name) { return name + " D\xE9sir\xE9" "e"; }

void WriteFiles(int64_t rows, const std::string& ours, const std::string& excel) {
  HonorerGenerator gen(SyntheticOptions{});
  std::ofstream a(ours, std::ios::binary), b(excel, std::ios::binary);
  a << kImportCsvHeader << "\n";
  b << "NIK;Nama Lengkap;Tanggal Lahir;Jenis Kelamin;Pendidikan Terakhir;Unit Kerja;Kategori;"
       "Jabatan;TMT\r\n";
  for (int64_t i = 0; i < rows; ++i) {
    registry::v1::ImportRow r = gen.Next();
    WriteCsvRow(a, r);
    b << r.nik() << ';' << Cp1252Name(r.full_name()) << ';' << DayFirst(r.birth_date()) << ';'
      << r.gender() << ';' << r.education() << ';' << r.unit_kerja() << ';'
      << r.jabatan_category() << ';' << r.position_title() << ';'
      << DayFirst(r.service_start_date()) << "\r\n";
  }
}

double BestSeconds(int repeat, const std::function<int64_t()>& run, int64_t* out) {
  double best = 1e9;
  for (int i = 0; i < repeat; ++i) {
    const auto start = std::chrono::steady_clock::now();
    *out = run();
    best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
                              .count());
  }
  return best;
}

int64_t ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::vector<char> block(1 << 16);
  int64_t n = 0;
  while (in.read(block.data(), block.size()) || in.gcount() > 0) n += in.gcount();
  return n;
}

int64_t ParseRecords(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  cli::CsvReader csv(in);
  std::vector<std::string> cells;
  int64_t n = 0;
  while (csv.Next(cells)) ++n;
  return n - 1;
}

// What penataanctl does before sending a row: parse, read the header, convert NIK and dates.
int64_t ReadHonorers(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  cli::CsvReader csv(in);
  std::vector<std::string> cells, errors;
  csv.Next(cells);
  cli::SpreadsheetHeader header(cells, cli::HonorerColumns(), cli::UnknownColumns::kRefuse,
                                errors);
  int64_t n = 0, bad = 0;
  while (csv.Next(cells)) {
    cli::HonorerCsvRecord r = cli::ReadHonorerRecord(header, cells, csv.line());
    bad += r.errors.empty() ? 0 : 1;
    ++n;
  }
  if (bad > 0 || !errors.empty()) std::cerr << path << ": " << bad << " rows not read\n";
  return n;
}

void Measure(const char* what, const std::string& path, int repeat) {
  int64_t bytes = 0, records = 0, rows = 0;
  const double raw = BestSeconds(repeat, [&] { return ReadBytes(path); }, &bytes);
  const double parse = BestSeconds(repeat, [&] { return ParseRecords(path); }, &records);
  const double read = BestSeconds(repeat, [&] { return ReadHonorers(path); }, &rows);
  std::cout << absl::StrFormat(
      "| %s | %.0f MB | %.2f s | %.2f s (%.1f×) | %.2f s (%.1f×) | %.0fk rows/s |\n", what,
      bytes / 1e6, raw, parse, parse / raw, read, read / raw, rows / read / 1e3);
}

}  // namespace
}  // namespace penataan::bench

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "penataan-csv-read-bench";
  fs::create_directories(dir);
  const std::string ours = (dir / "ours.csv").string(), excel = (dir / "excel.csv").string();
  penataan::bench::WriteFiles(absl::GetFlag(FLAGS_rows), ours, excel);
  std::cout << "| file | size | bytes read | records parsed | honorers read | rate |\n"
               "|---|---|---|---|---|---|\n";
  penataan::bench::Measure("comma, UTF-8, ISO dates", ours, absl::GetFlag(FLAGS_repeat));
  penataan::bench::Measure("semicolon, Windows-1252, DD/MM/YYYY", excel,
                           absl::GetFlag(FLAGS_repeat));
  fs::remove_all(dir);
  return 0;
}
