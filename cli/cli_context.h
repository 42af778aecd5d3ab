#ifndef PENATAAN_CLI_CLI_CONTEXT_H_
#define PENATAAN_CLI_CLI_CONTEXT_H_

// What every penataanctl command shares: the global flags, how to open a call, and
// how to print a result or an error.

#include <grpcpp/grpcpp.h>

#include <iostream>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "cli/csv_writer.h"
#include "google/protobuf/message.h"

namespace CLI {
class App;
}

namespace penataan::cli {

struct GlobalOptions {
  std::string registry = "127.0.0.1:50051";
  std::string formasi = "127.0.0.1:50052";
  std::string screening = "127.0.0.1:50053";
  std::string notification = "127.0.0.1:50054";
  std::string token;
  // Mutual TLS: the CA that signed the servers, and this client's certificate and key.
  std::string tls_ca, tls_cert, tls_key;
  std::string output = "table";  // table | json | csv
  // The separator of -o csv: ',' or ';' (Excel with Indonesian settings) or '\t'.
  char csv_delimiter = ',';
  int timeout_seconds = 30;
};

// Exit codes, documented in docs/penataanctl.md.
constexpr int kExitOk = 0;
constexpr int kExitRpcError = 1;
constexpr int kExitUsage = 2;
constexpr int kExitRowsRejected = 3;

// Prints "penataanctl: <message>" to stderr and returns kExitUsage.
int UsageError(const std::string& message);

// --delimiter as typed: "," or ";" or "tab" (or a tab character); nullopt otherwise.
std::optional<char> ParseCsvDelimiter(const std::string& text);

// Marks `command` as a list that -o csv writes. Every other command refuses -o csv
// before it calls a service, so that a command which changes something never runs
// only to print what a spreadsheet cannot hold.
void OffersCsv(CLI::App* command);
bool CsvOffered(const CLI::App* command);

// The token in `path`, surrounding white space removed; exits with a usage error
// when it cannot be read or is empty.
std::string ReadTokenFile(const std::string& path);

class CliContext {
 public:
  explicit CliContext(GlobalOptions options) : options_(std::move(options)) {}
  const GlobalOptions& options() const { return options_; }

  std::shared_ptr<grpc::Channel> RegistryChannel();
  std::shared_ptr<grpc::Channel> NotificationChannel();
  std::shared_ptr<grpc::Channel> FormasiChannel();
  std::shared_ptr<grpc::Channel> ScreeningChannel();
  // The address of a service by name: "registry", "formasi", "screening", "notification".
  std::string AddressOf(const std::string& service) const;
  // A new channel to `address`, over TLS when --tls-ca is given. Exits with a
  // message when a TLS file cannot be read.
  std::shared_ptr<grpc::Channel> ChannelTo(const std::string& address) const;
  // A context with the bearer token and a deadline of `timeout_seconds` (or the
  // global --timeout when 0).
  std::unique_ptr<grpc::ClientContext> NewContext(int timeout_seconds = 0) const;

  // Prints the error in plain words to stderr and returns kExitRpcError.
  int Fail(const grpc::Status& status, const std::string& service) const;

  bool json() const { return options_.output == "json"; }
  // -o csv: stdout carries the CSV alone (PrintCsv), everything else goes to stderr.
  bool csv() const { return options_.output == "csv"; }
  void PrintJson(const google::protobuf::Message& message) const;
  // One message as one line of JSON (for JSON Lines output).
  void PrintJsonLine(const google::protobuf::Message& message) const;
  // Columns sized to the widest cell; no header line when `headers` is empty.
  void PrintTable(const std::vector<std::string>& headers,
                  const std::vector<std::vector<std::string>>& rows) const {
    PrintTable(headers, rows, std::cout);
  }
  void PrintTable(const std::vector<std::string>& headers,
                  const std::vector<std::vector<std::string>>& rows, std::ostream& out) const;
  // Rows of a list as CSV on stdout (UTF-8 with a byte-order mark, CRLF, the
  // --delimiter). `header` is written before the first rows only, so a list
  // printed page by page has one header and one mark. Cells are full values: dates
  // YYYY-MM-DD, enums by name, numbers without separators, NIKs as ExcelText. A
  // cell longer than Excel keeps (a line naming thousands of honorers) is written
  // whole, with a warning on stderr naming its line and column.
  void PrintCsv(const std::vector<std::string>& header,
                const std::vector<std::vector<std::string>>& rows);
  // Where the lines about a list go ("12 of 40 honorers; next page: …"): stderr
  // under -o csv, so that stdout is a file a spreadsheet opens; stdout otherwise.
  std::ostream& Summary() const;

 private:
  GlobalOptions options_;
  std::unique_ptr<CsvWriter> csv_;
  std::vector<std::string> csv_header_;
  int64_t csv_line_ = 0;  // the last line written; the header is line 1
  std::shared_ptr<grpc::Channel> registry_;
  std::shared_ptr<grpc::Channel> notification_;
  std::shared_ptr<grpc::Channel> formasi_;
  std::shared_ptr<grpc::Channel> screening_;
};

// One unary call on `channel`. On failure prints the reason in plain words (naming
// `service`), sets *exit_code and returns false.
template <typename Stub, typename Request, typename Response>
bool CallService(CliContext& c, const std::shared_ptr<grpc::Channel>& channel,
                 const char* service,
                 grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&, Response*),
                 const Request& request, Response* response, int* exit_code,
                 int timeout_seconds = 0) {
  Stub stub(channel);
  grpc::Status status = (stub.*method)(c.NewContext(timeout_seconds).get(), request, response);
  if (status.ok()) return true;
  *exit_code = c.Fail(status, service);
  return false;
}

}  // namespace penataan::cli

#endif  // PENATAAN_CLI_CLI_CONTEXT_H_
