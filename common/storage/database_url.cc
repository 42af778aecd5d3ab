#include "common/storage/database_url.h"

#include <fstream>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace penataan::storage {
namespace {

std::string PercentDecode(absl::string_view in) {
  std::string out;
  for (size_t i = 0; i < in.size(); ++i) {
    int hi, lo;
    auto hex = [](char c) {
      if (c >= '0' && c <= '9') return c - '0';
      if (c >= 'a' && c <= 'f') return c - 'a' + 10;
      if (c >= 'A' && c <= 'F') return c - 'A' + 10;
      return -1;
    };
    if (in[i] == '%' && i + 2 < in.size() + 0 && (hi = hex(in[i + 1])) >= 0 &&
        (lo = hex(in[i + 2])) >= 0) {
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else {
      out.push_back(in[i]);
    }
  }
  return out;
}

absl::Status ParseMysql(absl::string_view rest, DatabaseUrl& url) {
  absl::string_view query;
  if (size_t q = rest.find('?'); q != absl::string_view::npos) {
    query = rest.substr(q + 1);
    rest = rest.substr(0, q);
  }
  size_t at = rest.rfind('@');
  if (at == absl::string_view::npos) {
    return absl::InvalidArgumentError("database url: mysql:// needs user@host/database");
  }
  absl::string_view credentials = rest.substr(0, at);
  absl::string_view location = rest.substr(at + 1);
  size_t colon = credentials.find(':');
  url.user = PercentDecode(credentials.substr(0, colon));
  if (colon != absl::string_view::npos) url.password = PercentDecode(credentials.substr(colon + 1));
  size_t slash = location.find('/');
  if (slash == absl::string_view::npos || slash + 1 == location.size()) {
    return absl::InvalidArgumentError("database url: mysql:// needs a database name after '/'");
  }
  url.database = std::string(location.substr(slash + 1));
  absl::string_view hostport = location.substr(0, slash);
  size_t port_colon = hostport.rfind(':');
  url.host = std::string(hostport.substr(0, port_colon));
  if (port_colon != absl::string_view::npos &&
      !absl::SimpleAtoi(hostport.substr(port_colon + 1), &url.port)) {
    return absl::InvalidArgumentError("database url: port is not a number");
  }
  for (absl::string_view kv : absl::StrSplit(query, '&', absl::SkipEmpty())) {
    std::pair<std::string, std::string> p = absl::StrSplit(kv, absl::MaxSplits('=', 1));
    if (p.first == "socket") {
      url.socket = PercentDecode(p.second);
    } else if (p.first == "ssl_ca") {
      url.ssl_ca = PercentDecode(p.second);
      if (url.ssl_ca.empty()) return absl::InvalidArgumentError("database url: ssl_ca needs a file");
      if (!std::ifstream(url.ssl_ca)) {
        return absl::InvalidArgumentError("database url: cannot read the ssl_ca file");
      }
    } else if (p.first == "password_file") {
      std::ifstream in(PercentDecode(p.second));
      if (!in) return absl::InvalidArgumentError("database url: cannot read password_file");
      std::stringstream s;
      s << in.rdbuf();
      url.password = std::string(absl::StripTrailingAsciiWhitespace(s.str()));
    } else {
      return absl::InvalidArgumentError(absl::StrCat("database url: unknown option ", p.first));
    }
  }
  if (url.host.empty() && url.socket.empty()) {
    return absl::InvalidArgumentError("database url: mysql:// needs a host or ?socket=");
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<DatabaseUrl> ParseDatabaseUrl(absl::string_view text) {
  DatabaseUrl url;
  if (absl::ConsumePrefix(&text, "sqlite://")) {
    url.dialect = Dialect::kSqlite;
    if (text.empty()) return absl::InvalidArgumentError("database url: sqlite:// needs a path");
    url.path = std::string(text);
    return url;
  }
  if (absl::ConsumePrefix(&text, "mysql://") || absl::ConsumePrefix(&text, "mariadb://")) {
    url.dialect = Dialect::kMysql;
    absl::Status status = ParseMysql(text, url);
    if (!status.ok()) return status;
    return url;
  }
  return absl::InvalidArgumentError("database url: must start with sqlite:// or mysql://");
}

}  // namespace penataan::storage
