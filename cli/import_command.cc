// penataanctl registry import FILE.csv --instansi CODE [--check] [--errors-out F.csv]
// penataanctl registry import --template
//
// Streams the CSV to ImportHonorers. The file is read as Excel writes it (the
// delimiter and encoding recognised, Indonesian column names, NIK and date cells in
// the forms admins type: honorer_csv_row.h). The row number sent for each record is
// its line in the file (the header is line 1), which is what a person sees in a
// spreadsheet. The default import_id is a hash of the file's bytes and the
// instansi: running the same command again after a cut finishes the job, and after
// success answers the earlier counts without changing anything. --check sends the
// same rows with validate_only: the registry answers what an import would do and
// writes nothing.

#include <unistd.h>

#include <fstream>
#include <iostream>
#include <optional>

#include "absl/algorithm/container.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "cli/csv_reader.h"
#include "cli/csv_writer.h"
#include "cli/file_fingerprint.h"
#include "cli/honorer_columns.h"
#include "cli/honorer_csv_row.h"
#include "cli/import_report.h"
#include "cli/nik_cell.h"
#include "cli/registry_commands.h"
#include "cli/rejected_rows_file.h"
#include "cli/spreadsheet_date.h"
#include "penataan/registry/v1/registry.grpc.pb.h"

namespace penataan::cli {
namespace {

namespace v1 = registry::v1;

// The file and the instansi: stable across runs and machines.
std::string DefaultImportId(const std::string& path, const std::string& instansi) {
  return absl::StrFormat("csv-%s-%s", instansi, FileFingerprint(path, instansi));
}

class Progress {
 public:
  Progress(int64_t total_bytes) : total_(total_bytes), tty_(isatty(STDERR_FILENO)), start_(absl::Now()) {}
  void Update(int64_t rows, int64_t bytes, bool final = false) {
    const absl::Time now = absl::Now();
    const double secs = std::max(1e-3, absl::ToDoubleSeconds(now - start_));
    const double rate = rows / secs;
    if (tty_) {
      if (!final && now - last_ < absl::Milliseconds(200)) return;
      last_ = now;
      const double frac = total_ > 0 ? std::min(1.0, static_cast<double>(bytes) / total_) : 0;
      const int filled = static_cast<int>(frac * 30);
      std::cerr << "\r  [" << std::string(filled, '#') << std::string(30 - filled, '.') << "] "
                << absl::StrFormat("%3.0f%%  %d rows  %.0f rows/s   ", frac * 100, rows, rate)
                << std::flush;
      if (final) std::cerr << "\n";
    } else if ((final && printed_) || now - last_ >= absl::Seconds(10)) {
      // Not a terminal (a log, a script): a line every 10 s of a long upload only.
      last_ = now;
      printed_ = true;
      std::cerr << absl::StrFormat("sent %d rows (%.0f rows/s)%s\n", rows, rate,
                                   final ? ", waiting for the last batch" : "");
    }
  }

 private:
  int64_t total_;
  bool tty_, printed_ = false;
  absl::Time start_, last_ = start_;
};

struct ImportArgs {
  std::string file, instansi, import_id, errors_out;
  bool check = false, template_only = false;
  int rows_per_message = 500;
  int timeout_seconds = 6 * 3600;
};

// Rows whose cells penataanctl could not read keep their errors here, up to the
// number of rows whose errors the registry answers; beyond, they are only counted
// (by the registry, which refuses the same cells).
constexpr size_t kMaxLocalErrorRows = 10000;

// A message holds at most this many bytes of rows (but for one longer row alone),
// whatever --rows-per-message says: far under the 16 MiB a service reads (docs/security.md
// "Limits"), so that rows with long cells never make a message the registry refuses.
constexpr size_t kMaxMessageBytes = 4 << 20;

// In the global --delimiter, like every CSV penataanctl writes.
int WriteTemplate(const CliContext& c) {
  CsvWriter out(std::cout, CsvWriteOptions{c.options().csv_delimiter, true});
  const int year = static_cast<int>(absl::ToCivilYear(absl::Now(), absl::UTCTimeZone()).year());
  for (const auto& row : HonorerTemplate(year)) out.Row(row);
  return kExitOk;
}

// Line 1, checked whole: every problem of the header at once.
std::optional<SpreadsheetHeader> ReadHeader(CsvReader& csv, const std::string& file) {
  std::vector<std::string> cells;
  if (!csv.encoding_error().empty()) {
    UsageError(absl::StrCat(file, ": ", csv.encoding_error()));
    return std::nullopt;
  }
  if (!csv.Next(cells)) {
    UsageError(absl::StrCat(file, " is empty: want a header row (penataanctl registry import "
                                  "--template writes one)"));
    return std::nullopt;
  }
  std::vector<std::string> errors;
  SpreadsheetHeader header(cells, HonorerColumns(), UnknownColumns::kRefuse, errors);
  if (errors.empty()) return header;
  for (const std::string& e : errors) std::cerr << file << " " << e << "\n";
  UsageError(absl::StrCat(errors.size(), " problems in the header of ", file,
                          "; nothing was sent (the accepted names: docs/import-csv.md)"));
  return std::nullopt;
}

// What the person should know about how the file was read, before any count.
void SayHowRead(const CsvReader& csv, const SpreadsheetHeader& header, const std::string& file) {
  const CsvFormat& f = csv.format();
  if (f.delimiter != ',' || (f.encoding != TextEncoding::kUtf8 &&
                             f.encoding != TextEncoding::kUtf8Bom)) {
    std::cerr << file << ": read as " << DescribeCsvFormat(f) << "\n";
  }
  const std::vector<std::string>& unread = header.skipped();
  if (!unread.empty()) {
    std::cerr << file << ": not read: " << absl::StrJoin(unread, ", ")
              << (absl::c_any_of(unread, [](const std::string& c) { return HeaderKey(c) == "status"; })
                      ? " (an import never changes a status)"
                      : "")
              << "\n";
  }
}

// The file's data records, the first ones read ahead so that the NIK column can be
// checked before anything is sent. A record the file cannot give (a quoted cell
// left open) ends them, with the reason in errors().
class Records {
 public:
  explicit Records(CsvReader& csv) : csv_(csv) {}

  const std::vector<std::vector<std::string>>& ReadAhead(size_t n) {
    std::vector<std::string> cells;
    while (ahead_.size() < n && NextDataRecord(csv_, cells, errors_)) {
      ahead_.push_back(cells);
      lines_.push_back(csv_.line());
    }
    return ahead_;
  }
  bool Next(std::vector<std::string>& cells, int64_t& line) {
    if (at_ < ahead_.size()) {
      cells = std::move(ahead_[at_]);
      line = lines_[at_++];
      return true;
    }
    if (!NextDataRecord(csv_, cells, errors_)) return false;
    line = csv_.line();
    return true;
  }
  const std::vector<std::string>& errors() const { return errors_; }
  // The line of the i-th record read ahead.
  int64_t line_ahead(size_t i) const { return lines_[i]; }

 private:
  CsvReader& csv_;
  std::vector<std::vector<std::string>> ahead_;
  std::vector<int64_t> lines_;
  size_t at_ = 0;
  std::vector<std::string> errors_;
};

// What Excel did to a whole file, seen in its first rows: a NIK column formatted as a
// number (rounded NIKs), or dates written month first (English-US settings), which
// would be read as other, valid dates. Either refuses the file before anything is sent.
absl::Status CheckFirstRows(Records& records, const SpreadsheetHeader& header) {
  std::vector<std::string> niks;
  const std::vector<std::vector<std::string>>& first = records.ReadAhead(1000);
  for (size_t i = 0; i < first.size(); ++i) {
    const std::vector<std::string>& cells = first[i];
    absl::StatusOr<std::string> nik = NikFromSpreadsheet(header.Cell(cells, "nik"));
    if (nik.ok()) niks.push_back(*nik);
    for (const std::string& field : HonorerDateFields()) {
      const std::string cell = header.Cell(cells, field);
      if (!WrittenMonthFirst(cell)) continue;
      return absl::FailedPreconditionError(absl::StrCat(
          "row ", records.line_ahead(i), ", ", header.Typed(field), ": \"", cell,
          "\" is written month first, as Excel with English (US) settings writes dates, so "
          "every date of the file is month first and those whose day is 12 or less would be "
          "read as other dates. Nothing was sent. Save the file with Indonesian settings, or "
          "format the date columns as YYYY-MM-DD"));
    }
  }
  return CheckNotRoundedByExcel(niks);
}

struct Sent {
  grpc::Status status;
  // The file could not be read to its end (nothing more was sent): exit 2.
  std::string file_error;
  v1::ImportHonorersResponse response;
  std::vector<RowError> local_errors;
};

Sent Stream(CliContext& c, CsvReader& csv, Records& records, const SpreadsheetHeader& header,
            const ImportArgs& args, const std::string& import_id, int64_t size) {
  Sent sent;
  auto stub = v1::RegistryService::NewStub(c.RegistryChannel());
  auto ctx = c.NewContext(args.timeout_seconds);
  auto writer = stub->ImportHonorers(ctx.get(), &sent.response);
  v1::ImportHonorersRequest msg;
  msg.mutable_header()->set_instansi_code(args.instansi);
  msg.mutable_header()->set_import_id(import_id);
  msg.mutable_header()->set_validate_only(args.check);
  bool open = writer->Write(msg);
  Progress progress(size);
  int64_t rows = 0;
  size_t local_rows = 0;
  std::vector<std::string> cells;
  int64_t line = 0;
  size_t msg_bytes = 0;
  msg.Clear();
  while (open && records.Next(cells, line)) {
    HonorerCsvRecord record = ReadHonorerRecord(header, cells, line);
    if (!record.errors.empty() && local_rows++ < kMaxLocalErrorRows) {
      for (auto& e : record.errors) sent.local_errors.push_back(std::move(e));
    }
    const size_t row_bytes = record.row.ByteSizeLong();
    if (msg.rows().rows_size() > 0 && msg_bytes + row_bytes > kMaxMessageBytes) {
      open = writer->Write(msg);
      msg.Clear();
      msg_bytes = 0;
    }
    msg_bytes += row_bytes;
    *msg.mutable_rows()->add_rows() = std::move(record.row);
    ++rows;
    if (open && msg.rows().rows_size() >= args.rows_per_message) {
      open = writer->Write(msg);
      msg.Clear();
      msg_bytes = 0;
      progress.Update(rows, csv.bytes_read());
    }
  }
  if (!records.errors().empty()) {
    // Rows the registry committed are kept; the same command continues once fixed.
    ctx->TryCancel();
    (void)writer->Finish();
    sent.file_error = absl::StrJoin(records.errors(), "; ");
    return sent;
  }
  if (open && msg.rows().rows_size() > 0) open = writer->Write(msg);
  // The end counts the rows sent: the registry finishes only a whole upload.
  msg.Clear();
  msg.mutable_end()->set_rows(rows);
  if (open) open = writer->Write(msg);
  if (open) writer->WritesDone();
  progress.Update(rows, csv.bytes_read(), true);
  sent.status = writer->Finish();
  return sent;
}

void PrintCounts(const v1::ImportHonorersResponse& r, bool check) {
  if (check) {
    std::cout << "check only, nothing was written: an import would create " << r.created()
              << ", update " << r.updated() << ", leave " << r.unchanged()
              << " unchanged and reject " << r.rejected() << "\n";
    return;
  }
  std::cout << (r.replayed() ? "already imported earlier (nothing changed): " : "")
            << "created " << r.created() << ", updated " << r.updated() << ", unchanged "
            << r.unchanged() << ", rejected " << r.rejected() << " (import_id " << r.import_id()
            << ")\n";
}

int Report(CliContext& c, const ImportArgs& args, const SpreadsheetHeader& header, Sent& sent) {
  v1::ImportHonorersResponse& r = sent.response;
  std::vector<RowError> errors = MergeRowErrors(sent.local_errors, r.errors(), header);
  r.clear_errors();
  for (auto& e : errors) *r.add_errors() = e;
  if (!args.errors_out.empty()) {
    // Also when nothing was rejected: an errors file of an earlier run must not
    // be imported again as this run's.
    absl::Status written = WriteRejectedRows(args.file, args.errors_out, ErrorCells(errors, header));
    if (!written.ok()) return UsageError(std::string(written.message()));
  }
  if (c.json()) {
    c.PrintJson(r);
  } else {
    for (const RowError& e : errors) std::cout << ErrorLine(e, header) << "\n";
    if (r.errors_truncated()) {
      std::cout << "... more rejected rows are not listed (" << r.rejected()
                << " rejected in all); fix these and run again\n";
    }
    if (!args.errors_out.empty()) {
      std::cout << (r.rejected() > 0 ? "the rejected rows, with a column kesalahan, are in "
                                     : "no row was rejected: ")
                << args.errors_out
                << (r.rejected() > 0 ? ": fix them there and import that file\n"
                                     : " holds the header only\n");
    }
    PrintCounts(r, args.check);
  }
  return r.rejected() > 0 ? kExitRowsRejected : kExitOk;
}

int RunImport(CliContext& c, const ImportArgs& args) {
  if (args.template_only) return WriteTemplate(c);
  if (args.file.empty()) return UsageError("name the CSV file to import (or --template)");
  if (args.instansi.empty()) return UsageError("--instansi is required");
  std::ifstream file(args.file, std::ios::binary);
  if (!file) return UsageError(absl::StrCat("cannot read ", args.file));
  file.seekg(0, std::ios::end);
  const int64_t size = file.tellg();
  file.seekg(0);
  CsvReader csv(file);
  std::optional<SpreadsheetHeader> header = ReadHeader(csv, args.file);
  if (!header) return kExitUsage;
  SayHowRead(csv, *header, args.file);
  Records records(csv);
  if (absl::Status whole = CheckFirstRows(records, *header); !whole.ok()) {
    return UsageError(absl::StrCat(args.file, ": ", whole.message()));
  }
  const std::string import_id =
      args.check ? "" : args.import_id.empty() ? DefaultImportId(args.file, args.instansi)
                                               : args.import_id;
  Sent sent = Stream(c, csv, records, *header, args, import_id, size);
  if (!sent.file_error.empty()) {
    return UsageError(absl::StrCat(args.file, " ", sent.file_error,
                                   args.check ? "" : "; the rows before it that the registry "
                                                     "committed are kept: fix the file and "
                                                     "import it again"));
  }
  if (!sent.status.ok()) {
    const int code = c.Fail(sent.status, "registry");
    if (!args.check) {
      std::cerr << "committed rows are kept; run the same command again to continue (import_id "
                << import_id << ")\n";
    }
    return code;
  }
  return Report(c, args, *header, sent);
}

}  // namespace

void AddImportCommand(CLI::App& registry, ContextFn context, int* exit_code) {
  auto args = std::make_shared<ImportArgs>();
  auto* import = registry.add_subcommand(
      "import", "load honorers from a CSV file as Excel saves it (upsert by NIK)");
  import->add_option("file", args->file,
                     "CSV with a header row; columns and formats in docs/import-csv.md");
  import->add_option("--instansi", args->instansi, "the instansi the honorers work for");
  import->add_flag("--check", args->check,
                   "check the whole file with the registry and say what an import would do; "
                   "write nothing");
  import->add_option("--errors-out", args->errors_out,
                     "write the rejected rows, with a column kesalahan, to this CSV");
  import->add_flag("--template", args->template_only,
                   "print a header and two example rows that import cleanly, then stop "
                   "(separated by the global --delimiter)");
  import->add_option("--import-id", args->import_id,
                     "names this import (default: a hash of the file and instansi)");
  import->add_option("--rows-per-message", args->rows_per_message, "rows per stream message");
  import->add_option("--import-timeout", args->timeout_seconds, "seconds the whole import may take");
  import->callback([=] { *exit_code = RunImport(context(), *args); });
}

}  // namespace penataan::cli
