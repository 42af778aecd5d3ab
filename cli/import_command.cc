// penataanctl registry import FILE.csv --instansi CODE
//
// Streams the CSV to ImportHonorers. The row number sent for each record is its
// line in the file (the header is line 1), which is what a person sees in a
// spreadsheet. The default import_id is a hash of the file's bytes and the
// instansi: running the same command again after a cut finishes the job, and after
// success answers the earlier counts without changing anything.

#include <unistd.h>

#include <fstream>
#include <iostream>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "cli/csv_reader.h"
#include "cli/file_fingerprint.h"
#include "cli/registry_commands.h"
#include "common/utf8.h"
#include "penataan/registry/v1/registry.grpc.pb.h"

namespace penataan::cli {
namespace {

namespace v1 = registry::v1;
using Setter = void (v1::ImportRow::*)(const std::string&);

// Column names (and the Indonesian names admins use) to ImportRow fields.
const absl::flat_hash_map<std::string, Setter>& Columns() {
  static const auto* columns = new absl::flat_hash_map<std::string, Setter>{
      {"nik", &v1::ImportRow::set_nik},
      {"full_name", &v1::ImportRow::set_full_name},
      {"nama", &v1::ImportRow::set_full_name},
      {"birth_date", &v1::ImportRow::set_birth_date},
      {"tanggal_lahir", &v1::ImportRow::set_birth_date},
      {"gender", &v1::ImportRow::set_gender},
      {"jenis_kelamin", &v1::ImportRow::set_gender},
      {"education", &v1::ImportRow::set_education},
      {"pendidikan", &v1::ImportRow::set_education},
      {"unit_kerja", &v1::ImportRow::set_unit_kerja},
      {"jabatan_category", &v1::ImportRow::set_jabatan_category},
      {"kategori", &v1::ImportRow::set_jabatan_category},
      {"position_title", &v1::ImportRow::set_position_title},
      {"jabatan", &v1::ImportRow::set_position_title},
      {"service_start_date", &v1::ImportRow::set_service_start_date},
      {"tmt", &v1::ImportRow::set_service_start_date},
      {"contract_start", &v1::ImportRow::set_contract_start},
      {"contract_end", &v1::ImportRow::set_contract_end},
      // Optional: how the honorer is told a screening's result.
      {"email", &v1::ImportRow::set_email},
      {"whatsapp", &v1::ImportRow::set_whatsapp},
      // Optional: the SK of the contract period contract_start..contract_end.
      {"sk_number", &v1::ImportRow::set_sk_number},
      {"nomor_sk", &v1::ImportRow::set_sk_number},
      {"sk_signed_by", &v1::ImportRow::set_sk_signed_by},
      {"ditandatangani_oleh", &v1::ImportRow::set_sk_signed_by},
      {"sk_signed_date", &v1::ImportRow::set_sk_signed_date},
      {"tanggal_sk", &v1::ImportRow::set_sk_signed_date},
  };
  return *columns;
}

constexpr const char* kRequired[] = {"nik", "full_name", "birth_date", "gender", "education",
                                     "unit_kerja", "jabatan_category", "service_start_date"};

// The file and the instansi: stable across runs and machines.
std::string DefaultImportId(const std::string& path, const std::string& instansi) {
  return absl::StrFormat("csv-%s-%s", instansi, FileFingerprint(path, instansi));
}

class Progress {
 public:
  Progress(int64_t total_bytes) : total_(total_bytes), tty_(isatty(STDOUT_FILENO)), start_(absl::Now()) {}
  void Update(int64_t rows, int64_t bytes, bool final = false) {
    const absl::Time now = absl::Now();
    const double secs = std::max(1e-3, absl::ToDoubleSeconds(now - start_));
    const double rate = rows / secs;
    if (tty_) {
      if (!final && now - last_ < absl::Milliseconds(200)) return;
      last_ = now;
      const double frac = total_ > 0 ? std::min(1.0, static_cast<double>(bytes) / total_) : 0;
      const int filled = static_cast<int>(frac * 30);
      std::cout << "\r  [" << std::string(filled, '#') << std::string(30 - filled, '.') << "] "
                << absl::StrFormat("%3.0f%%  %d rows  %.0f rows/s   ", frac * 100, rows, rate)
                << std::flush;
      if (final) std::cout << "\n";
    } else if (final || now - last_ >= absl::Seconds(10)) {
      last_ = now;
      std::cout << absl::StrFormat("sent %d rows (%.0f rows/s)%s\n", rows, rate,
                                   final ? ", waiting for the last batch" : "");
    }
  }

 private:
  int64_t total_;
  bool tty_;
  absl::Time start_, last_ = start_;
};

struct ImportArgs {
  std::string file, instansi, import_id;
  int rows_per_message = 500;
  int timeout_seconds = 6 * 3600;
};

int RunImport(CliContext& c, const ImportArgs& args) {
  std::ifstream file(args.file, std::ios::binary);
  if (!file) {
    std::cerr << "penataanctl: cannot read " << args.file << "\n";
    return kExitUsage;
  }
  file.seekg(0, std::ios::end);
  const int64_t size = file.tellg();
  file.seekg(0);
  CsvReader csv(file);
  std::vector<std::string> cells;
  if (!csv.Next(cells)) {
    std::cerr << "penataanctl: " << args.file << " is empty: want a header row\n";
    return kExitUsage;
  }
  std::vector<Setter> setters;
  absl::flat_hash_map<std::string, bool> present;
  for (const std::string& raw : cells) {
    const std::string name = absl::AsciiStrToLower(absl::StripAsciiWhitespace(raw));
    auto it = Columns().find(name);
    if (it == Columns().end()) {
      std::cerr << "penataanctl: " << args.file << " line 1: unknown column \""
                << ValidUtf8(raw, 40)
                << "\" (see docs/import-csv.md)\n";
      return kExitUsage;
    }
    setters.push_back(it->second);
    for (const auto& [n, s] : Columns()) {
      if (s == it->second) present[n] = true;
    }
  }
  for (const char* required : kRequired) {
    if (!present[required]) {
      std::cerr << "penataanctl: " << args.file << ": missing column \"" << required << "\"\n";
      return kExitUsage;
    }
  }

  const std::string import_id =
      args.import_id.empty() ? DefaultImportId(args.file, args.instansi) : args.import_id;
  auto stub = v1::RegistryService::NewStub(c.RegistryChannel());
  auto ctx = c.NewContext(args.timeout_seconds);
  v1::ImportHonorersResponse response;
  auto writer = stub->ImportHonorers(ctx.get(), &response);
  v1::ImportHonorersRequest msg;
  msg.mutable_header()->set_instansi_code(args.instansi);
  msg.mutable_header()->set_import_id(import_id);
  bool open = writer->Write(msg);
  Progress progress(size);
  int64_t rows = 0;
  msg.Clear();
  while (open && csv.Next(cells)) {
    if (cells.size() == 1 && cells[0].empty()) continue;  // blank line
    if (std::string bad = NotUtf8Error(cells, csv.line()); !bad.empty()) {
      // Rows the registry already committed are kept; the same command continues the
      // import once the file is saved as UTF-8.
      ctx->TryCancel();
      (void)writer->Finish();
      std::cerr << "penataanctl: " << args.file << " " << bad << "\n";
      return kExitUsage;
    }
    v1::ImportRow* row = msg.mutable_rows()->add_rows();
    row->set_row_number(csv.line());
    for (size_t i = 0; i < cells.size() && i < setters.size(); ++i) (row->*setters[i])(cells[i]);
    ++rows;
    if (msg.rows().rows_size() >= args.rows_per_message) {
      open = writer->Write(msg);
      msg.Clear();
      progress.Update(rows, csv.bytes_read());
    }
  }
  if (open && msg.rows().rows_size() > 0) open = writer->Write(msg);
  if (open) writer->WritesDone();
  progress.Update(rows, csv.bytes_read(), true);
  grpc::Status status = writer->Finish();
  if (!status.ok()) {
    int code = c.Fail(status, "registry");
    std::cerr << "committed rows are kept; run the same command again to continue (import_id "
              << import_id << ")\n";
    return code;
  }
  if (c.json()) {
    c.PrintJson(response);
  } else {
    for (const auto& e : response.errors()) {
      std::cout << "row " << e.row() << ": " << e.field() << ": " << e.description() << "\n";
    }
    if (response.errors_truncated()) {
      std::cout << "... " << response.rejected() - response.errors_size()
                << " more rejected rows not listed\n";
    }
    std::cout << (response.replayed() ? "already imported earlier (nothing changed): " : "")
              << "created " << response.created() << ", updated " << response.updated()
              << ", unchanged " << response.unchanged() << ", rejected " << response.rejected()
              << " (import_id " << response.import_id() << ")\n";
  }
  return response.rejected() > 0 ? kExitRowsRejected : kExitOk;
}

}  // namespace

void AddImportCommand(CLI::App& registry, ContextFn context, int* exit_code) {
  auto args = std::make_shared<ImportArgs>();
  auto* import = registry.add_subcommand("import", "load honorers from a CSV file (upsert by NIK)");
  import->add_option("file", args->file, "CSV with a header row; columns in docs/import-csv.md")
      ->required();
  import->add_option("--instansi", args->instansi, "the instansi the honorers work for")
      ->required();
  import->add_option("--import-id", args->import_id,
                     "names this import (default: a hash of the file and instansi)");
  import->add_option("--rows-per-message", args->rows_per_message, "rows per stream message");
  import->add_option("--import-timeout", args->timeout_seconds, "seconds the whole import may take");
  import->callback([=] { *exit_code = RunImport(context(), *args); });
}

}  // namespace penataan::cli
