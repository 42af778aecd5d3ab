#include "cli/cli_context.h"

#include <algorithm>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "cli/rpc_errors.h"
#include "google/protobuf/util/json_util.h"

namespace penataan::cli {

namespace {

std::string ReadOrExit(const std::string& path, const char* what) {
  std::ifstream in(path);
  if (!in) {
    std::cerr << "penataanctl: cannot read " << what << " " << path << "\n";
    std::exit(kExitUsage);
  }
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Excel keeps at most this many characters in a cell.
constexpr size_t kExcelCellLimit = 32767;

std::set<const CLI::App*>& CsvCommands() {
  static auto* commands = new std::set<const CLI::App*>();
  return *commands;
}

}  // namespace

std::optional<char> ParseCsvDelimiter(const std::string& text) {
  if (text == "," || text == ";") return text[0];
  if (text == "tab" || text == "\t") return '\t';
  return std::nullopt;
}

void OffersCsv(CLI::App* command) { CsvCommands().insert(command); }

bool CsvOffered(const CLI::App* command) { return CsvCommands().count(command) > 0; }

std::shared_ptr<grpc::Channel> CliContext::ChannelTo(const std::string& address) const {
  grpc::ChannelArguments args;
  args.SetMaxReceiveMessageSize(64 * 1024 * 1024);
  std::shared_ptr<grpc::ChannelCredentials> credentials = grpc::InsecureChannelCredentials();
  if (!options_.tls_ca.empty()) {
    grpc::SslCredentialsOptions tls;
    tls.pem_root_certs = ReadOrExit(options_.tls_ca, "--tls-ca");
    if (!options_.tls_cert.empty()) {
      tls.pem_cert_chain = ReadOrExit(options_.tls_cert, "--tls-cert");
      tls.pem_private_key = ReadOrExit(options_.tls_key, "--tls-key");
    }
    credentials = grpc::SslCredentials(tls);
  }
  return grpc::CreateCustomChannel(address, credentials, args);
}

std::string ReadTokenFile(const std::string& path) {
  std::string token(absl::StripAsciiWhitespace(ReadOrExit(path, "--token-file")));
  if (token.empty()) {
    std::cerr << "penataanctl: --token-file " << path << " is empty\n";
    std::exit(kExitUsage);
  }
  return token;
}

std::string CliContext::AddressOf(const std::string& service) const {
  if (service == "formasi") return options_.formasi;
  if (service == "screening") return options_.screening;
  if (service == "notification") return options_.notification;
  return options_.registry;
}

int UsageError(const std::string& message) {
  std::cerr << "penataanctl: " << message << "\n";
  return kExitUsage;
}

std::shared_ptr<grpc::Channel> CliContext::RegistryChannel() {
  if (!registry_) registry_ = ChannelTo(options_.registry);
  return registry_;
}

std::shared_ptr<grpc::Channel> CliContext::NotificationChannel() {
  if (!notification_) notification_ = ChannelTo(options_.notification);
  return notification_;
}

std::shared_ptr<grpc::Channel> CliContext::FormasiChannel() {
  if (!formasi_) formasi_ = ChannelTo(options_.formasi);
  return formasi_;
}

std::shared_ptr<grpc::Channel> CliContext::ScreeningChannel() {
  if (!screening_) screening_ = ChannelTo(options_.screening);
  return screening_;
}

std::unique_ptr<grpc::ClientContext> CliContext::NewContext(int timeout_seconds) const {
  auto ctx = std::make_unique<grpc::ClientContext>();
  const int seconds = timeout_seconds > 0 ? timeout_seconds : options_.timeout_seconds;
  ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(seconds));
  if (!options_.token.empty()) {
    ctx->AddMetadata("authorization", absl::StrCat("Bearer ", options_.token));
  }
  return ctx;
}

int CliContext::Fail(const grpc::Status& status, const std::string& service) const {
  const std::string address = AddressOf(service);
  std::cerr << "penataanctl: " << DescribeRpcError(status, service, address) << "\n";
  return kExitRpcError;
}

void CliContext::PrintJson(const google::protobuf::Message& message) const {
  std::string out;
  google::protobuf::util::JsonPrintOptions opts;
  opts.add_whitespace = true;
  opts.preserve_proto_field_names = true;
  google::protobuf::util::MessageToJsonString(message, &out, opts);
  std::cout << out;
  if (out.empty() || out.back() != '\n') std::cout << "\n";
}

void CliContext::PrintJsonLine(const google::protobuf::Message& message) const {
  std::string out;
  google::protobuf::util::JsonPrintOptions opts;
  opts.preserve_proto_field_names = true;
  google::protobuf::util::MessageToJsonString(message, &out, opts);
  std::cout << out << "\n";
}

void CliContext::PrintTable(const std::vector<std::string>& headers,
                            const std::vector<std::vector<std::string>>& rows,
                            std::ostream& out) const {
  const size_t columns = !headers.empty() ? headers.size() : rows.empty() ? 0 : rows[0].size();
  std::vector<size_t> width(columns);
  for (size_t i = 0; i < headers.size(); ++i) width[i] = headers[i].size();
  for (const auto& row : rows) {
    for (size_t i = 0; i < row.size() && i < width.size(); ++i) {
      width[i] = std::max(width[i], row[i].size());
    }
  }
  auto print = [&](const std::vector<std::string>& cells) {
    std::string line;
    for (size_t i = 0; i < cells.size(); ++i) {
      line += cells[i];
      if (i + 1 < cells.size()) line += std::string(width[i] - cells[i].size() + 2, ' ');
    }
    out << line << "\n";
  };
  if (!headers.empty()) print(headers);
  for (const auto& row : rows) print(row);
}

void CliContext::PrintCsv(const std::vector<std::string>& header,
                          const std::vector<std::vector<std::string>>& rows) {
  if (!csv_) {
    CsvWriteOptions options;
    options.delimiter = options_.csv_delimiter;
    csv_ = std::make_unique<CsvWriter>(std::cout, options);
    csv_->Row(header);
    csv_header_ = header;
    csv_line_ = 1;
  }
  for (const auto& row : rows) {
    csv_->Row(row);
    ++csv_line_;
    for (size_t i = 0; i < row.size(); ++i) {
      if (row[i].size() <= kExcelCellLimit) continue;
      std::cerr << "penataanctl: warning: line " << csv_line_ << ", column "
                << (i < csv_header_.size() ? csv_header_[i] : std::to_string(i + 1)) << " has "
                << row[i].size() << " characters; Excel keeps " << kExcelCellLimit
                << " in a cell and cuts the rest when it saves: edit that line outside Excel\n";
    }
  }
  std::cout.flush();
}

std::ostream& CliContext::Summary() const { return csv() ? std::cerr : std::cout; }

}  // namespace penataan::cli
