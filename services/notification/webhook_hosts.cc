#include "services/notification/webhook_hosts.h"

#include <arpa/inet.h>  // AF_INET
#include <curl/curl.h>

#include <algorithm>
#include <cstring>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "common/errors.h"
#include "common/internal_address.h"

namespace penataan::notification {
namespace {

// The address parsing and the internal ranges are common/internal_address.h's,
// shared with the registry's check of stored webhook URLs.
using Address = IpAddress;

std::optional<Address> ParseAddress(absl::string_view text) { return ParseIpAddress(text); }

}  // namespace

std::optional<std::string> UrlHost(absl::string_view url) {
  CURLU* u = curl_url();
  if (u == nullptr) return std::nullopt;
  std::optional<std::string> host;
  char* part = nullptr;
  if (curl_url_set(u, CURLUPART_URL, std::string(url).c_str(), 0) == CURLUE_OK &&
      curl_url_get(u, CURLUPART_HOST, &part, 0) == CURLUE_OK) {
    absl::string_view h(part);
    if (absl::ConsumePrefix(&h, "[")) absl::ConsumeSuffix(&h, "]");
    host = absl::AsciiStrToLower(h);
  }
  curl_free(part);
  curl_url_cleanup(u);
  return host;
}

absl::StatusOr<WebhookHosts> WebhookHosts::Parse(absl::string_view list) {
  WebhookHosts hosts;
  for (absl::string_view raw : absl::StrSplit(list, ',', absl::SkipWhitespace())) {
    const absl::string_view entry = absl::StripAsciiWhitespace(raw);
    const size_t slash = entry.find('/');
    std::optional<Address> a = ParseAddress(entry.substr(0, slash));
    if (a) {
      const int max = a->family == AF_INET ? 32 : 128;
      int prefix = max;
      if (slash != absl::string_view::npos &&
          (!absl::SimpleAtoi(entry.substr(slash + 1), &prefix) || prefix < 0 || prefix > max)) {
        return InvalidField("webhook_allowed_hosts",
                            absl::StrCat("\"", entry, "\": prefix length 0-", max));
      }
      Block b;
      b.family = a->family;
      std::memcpy(b.bytes, a->bytes, sizeof(b.bytes));
      b.prefix = prefix;
      hosts.blocks_.push_back(b);
      continue;
    }
    const bool name = !entry.empty() && slash == absl::string_view::npos &&
                      std::all_of(entry.begin(), entry.end(), [](char c) {
                        return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '-' ||
                               c == '.';
                      });
    if (!name) {
      return InvalidField("webhook_allowed_hosts",
                          absl::StrCat("\"", entry, "\" is not a host name, address or CIDR"));
    }
    hosts.names_.push_back(absl::AsciiStrToLower(entry));
  }
  return hosts;
}

bool WebhookHosts::Listed(const Block& address) const {
  for (const Block& b : blocks_) {
    if (b.family == address.family && InPrefix(address.bytes, b.bytes, b.prefix)) return true;
  }
  return false;
}

absl::Status WebhookHosts::CheckUrl(absl::string_view url, absl::string_view field) const {
  std::optional<std::string> host = UrlHost(url);
  if (!host) return InvalidField(field, "not a URL libcurl can read");
  std::optional<Address> a = ParseAddress(*host);
  if (!a) return absl::OkStatus();  // a name: resolved and checked at delivery
  Block b;
  b.family = a->family;
  std::memcpy(b.bytes, a->bytes, sizeof(b.bytes));
  if (!IsInternal(*a) || Listed(b)) return absl::OkStatus();
  return InvalidField(field, absl::StrCat("the webhook host ", *host,
                                          " is an internal address that is not allowed"
                                          " (--webhook_allowed_hosts)"));
}

bool WebhookHosts::AllowsConnection(absl::string_view host, absl::string_view address) const {
  const std::string name = absl::AsciiStrToLower(host);
  for (const std::string& n : names_) {
    if (n == name) return true;
  }
  std::optional<Address> a = ParseAddress(address);
  if (!a) return false;  // not an address we can judge: refused
  Block b;
  b.family = a->family;
  std::memcpy(b.bytes, a->bytes, sizeof(b.bytes));
  return !IsInternal(*a) || Listed(b);
}

}  // namespace penataan::notification
