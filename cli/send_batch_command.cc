// penataanctl notify send-batch FILE.csv --template ID
//
// One template to every row of a CSV: a column "recipient" (or "penerima",
// "email", "url"), an optional "reference" ("referensi"), and one column per
// placeholder. Rows go in SendBatch calls of 10,000. Without a reference column a
// row's reference is the file's fingerprint and its line, and each call carries a
// request_id made the same way: running the same command again after a cut sends
// only what had not been stored, and after success stores nothing new.

#include <fstream>
#include <iostream>
#include <optional>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "cli/csv_reader.h"
#include "cli/file_fingerprint.h"
#include "cli/notify_commands.h"
#include "cli/spreadsheet_header.h"
#include "common/errors.h"
#include "common/server/grpc_status.h"

namespace penataan::cli {
namespace {

namespace v1 = notification::v1;
using Stub = v1::NotificationService::Stub;

constexpr size_t kRowsPerCall = 10000;
// Under the servers' 16 MB message limit, whatever the rows hold.
constexpr size_t kBytesPerCall = 8 << 20;

struct Args {
  std::string file, template_id, at;
  int version = 0;
};

struct Columns {
  int recipient = -1;
  int reference = -1;
  std::vector<std::pair<int, std::string>> values;  // column index, placeholder
};

// The recipient and reference columns by any of their names; every other named
// column fills the placeholder it names (as typed, in lower case: placeholders
// are the template's words, not columns this command knows).
std::optional<Columns> ReadHeader(const std::vector<std::string>& header) {
  std::vector<std::string> ignored;  // unknown columns are placeholders, not errors
  const SpreadsheetHeader known(
      header,
      {{"recipient", {"Penerima", "email", "E-mail", "Alamat Email", "url"}},
       {"reference", {"Referensi"}}},
      UnknownColumns::kIgnore, ignored);
  Columns c;
  c.recipient = known.Index("recipient");
  c.reference = known.Index("reference");
  if (c.recipient < 0) return std::nullopt;
  for (size_t i = 0; i < header.size(); ++i) {
    const std::string name = absl::AsciiStrToLower(absl::StripAsciiWhitespace(header[i]));
    const int column = static_cast<int>(i);
    if (column != c.recipient && column != c.reference && !name.empty()) {
      c.values.emplace_back(column, name);
    }
  }
  return c;
}

struct Totals {
  int64_t queued = 0, already_sent = 0;
};

// Sends one call's rows; `lines` are their CSV lines, for errors.
bool SendChunk(CliContext& c, v1::SendBatchRequest& req, const std::vector<int64_t>& lines,
               Totals& totals, int* exit_code) {
  Stub stub(c.NotificationChannel());
  v1::SendBatchResponse resp;
  grpc::Status status = stub.SendBatch(c.NewContext(120).get(), req, &resp);
  if (!status.ok()) {
    for (const Violation& v : ViolationsOf(FromGrpcStatus(status))) {
      const int64_t line = v.row >= 1 && v.row <= static_cast<int64_t>(lines.size())
                               ? lines[v.row - 1] : 0;
      std::cerr << "line " << line << ": " << v.field << ": " << v.description << "\n";
    }
    *exit_code = c.Fail(status, "notification");
    return false;
  }
  totals.queued += resp.queued();
  totals.already_sent += resp.already_sent();
  if (c.json()) {
    c.PrintJsonLine(resp);
  } else {
    std::cout << resp.batch() << ": " << resp.queued() << " queued, " << resp.already_sent()
              << " already sent\n";
  }
  req.clear_recipients();
  return true;
}

void Run(CliContext& c, const Args& args, int* exit_code) {
  std::ifstream in(args.file, std::ios::binary);
  CsvReader csv(in);
  std::vector<std::string> cells, errors;
  if (!NextDataRecord(csv, cells, errors)) {
    *exit_code = UsageError(absl::StrCat(
        args.file, ": ", errors.empty() ? "the file is empty: want a header line" : errors[0]));
    return;
  }
  const std::optional<Columns> columns = ReadHeader(cells);
  if (!columns) {
    *exit_code = UsageError(args.file + ": the header needs a \"recipient\" column");
    return;
  }
  const std::string fingerprint =
      absl::StrCat("csv-", FileFingerprint(args.file, args.template_id));
  v1::SendBatchRequest req;
  req.set_template_id(args.template_id);
  req.set_template_version(args.version);
  if (!args.at.empty() && !ParseInstant(args.at, req.mutable_scheduled_time())) {
    *exit_code = UsageError("--at \"" + args.at + "\": expected e.g. 2025-08-20T08:00:00+07:00");
    return;
  }
  std::vector<int64_t> lines;
  Totals totals;
  int chunk = 0;
  size_t bytes = 0;
  // A record that cannot be read stops the sending there: the rows before it
  // went in earlier calls, and the same command after the fix sends the rest.
  while (NextDataRecord(csv, cells, errors) && errors.empty()) {
    for (const std::string& cell : cells) bytes += cell.size() + 16;
    auto cell = [&](int i) { return i >= 0 && i < static_cast<int>(cells.size()) ? cells[i] : ""; };
    auto* r = req.add_recipients();
    r->set_recipient(std::string(absl::StripAsciiWhitespace(cell(columns->recipient))));
    r->set_reference(columns->reference >= 0 ? cell(columns->reference)
                                             : absl::StrCat(fingerprint, "/", csv.line()));
    for (const auto& [index, name] : columns->values) {
      (*r->mutable_personalisation())[name] = cell(index);
    }
    lines.push_back(csv.line());
    if (static_cast<size_t>(req.recipients_size()) == kRowsPerCall || bytes >= kBytesPerCall) {
      req.set_request_id(absl::StrCat(fingerprint, "/", chunk++));
      if (!SendChunk(c, req, lines, totals, exit_code)) return;
      lines.clear();
      bytes = 0;
    }
  }
  if (!errors.empty()) {
    *exit_code = UsageError(absl::StrCat(args.file, " ", errors[0]));
    return;
  }
  if (req.recipients_size() > 0) {
    req.set_request_id(absl::StrCat(fingerprint, "/", chunk++));
    if (!SendChunk(c, req, lines, totals, exit_code)) return;
  }
  if (!c.json()) {
    std::cout << "total: " << totals.queued << " queued, " << totals.already_sent
              << " already sent\n";
  }
}

}  // namespace

void AddSendBatchCommand(CLI::App& notify, std::function<CliContext&()> context,
                         int* exit_code) {
  auto args = std::make_shared<Args>();
  CLI::App* cmd = notify.add_subcommand(
      "send-batch", "one template to every row of a CSV (recipient, reference, placeholders)");
  cmd->add_option("file", args->file, "CSV with a header row")
      ->required()->check(CLI::ExistingFile);
  cmd->add_option("--template", args->template_id, "template id")->required();
  cmd->add_option("--version", args->version, "pin a template version (default: the latest)");
  cmd->add_option("--at", args->at, "deliver no earlier than, RFC 3339");
  cmd->callback([context, args, exit_code] { Run(context(), *args, exit_code); });
}

}  // namespace penataan::cli
