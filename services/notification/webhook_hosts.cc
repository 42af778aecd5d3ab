#include "services/notification/webhook_hosts.h"

#include <arpa/inet.h>
#include <curl/curl.h>

#include <algorithm>
#include <cstring>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "common/errors.h"

namespace penataan::notification {
namespace {

struct Address {
  int family = 0;
  unsigned char bytes[16] = {0};
};

// A numeric IPv4 or IPv6 address (a zone id "%eth0" ignored); IPv4-mapped IPv6
// (::ffff:a.b.c.d) is read as the IPv4 address it carries, so that it cannot
// slip past the IPv4 rules.
std::optional<Address> ParseAddress(absl::string_view text) {
  std::string s(text.substr(0, text.find('%')));
  Address a;
  if (inet_pton(AF_INET, s.c_str(), a.bytes) == 1) {
    a.family = AF_INET;
    return a;
  }
  if (inet_pton(AF_INET6, s.c_str(), a.bytes) == 1) {
    static const unsigned char kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (std::memcmp(a.bytes, kMapped, 12) == 0) {
      std::memmove(a.bytes, a.bytes + 12, 4);
      std::memset(a.bytes + 4, 0, 12);
      a.family = AF_INET;
      return a;
    }
    a.family = AF_INET6;
    return a;
  }
  return std::nullopt;
}

bool InPrefix(const unsigned char* address, const unsigned char* network, int prefix) {
  const int whole = prefix / 8, rest = prefix % 8;
  if (std::memcmp(address, network, whole) != 0) return false;
  if (rest == 0) return true;
  const unsigned char mask = static_cast<unsigned char>(0xff << (8 - rest));
  return (address[whole] & mask) == (network[whole] & mask);
}

struct Range {
  int family;
  const char* network;
  int prefix;
};

// Addresses that are not the public internet (RFC 6890 and friends): "this
// network", private, shared (CGNAT, 100.64/10: also where some clouds keep their
// metadata service), loopback, link-local (169.254.169.254, the metadata service of
// most clouds), benchmarking, multicast and reserved; IPv6 unspecified, loopback,
// IPv4-compatible, NAT64 and 6to4 (both carry an IPv4 address inside), unique local,
// link-local and multicast.
constexpr Range kInternal[] = {
    {AF_INET, "0.0.0.0", 8},       {AF_INET, "10.0.0.0", 8},      {AF_INET, "100.64.0.0", 10},
    {AF_INET, "127.0.0.0", 8},     {AF_INET, "169.254.0.0", 16},  {AF_INET, "172.16.0.0", 12},
    {AF_INET, "192.0.0.0", 24},    {AF_INET, "192.168.0.0", 16},  {AF_INET, "198.18.0.0", 15},
    {AF_INET, "224.0.0.0", 3},     // multicast and the reserved 240/4
    {AF_INET6, "::", 96},          // unspecified, loopback and IPv4-compatible ::a.b.c.d
    {AF_INET6, "64:ff9b::", 96},   {AF_INET6, "64:ff9b:1::", 48}, {AF_INET6, "2002::", 16},
    {AF_INET6, "fc00::", 7},       {AF_INET6, "fe80::", 10},      {AF_INET6, "ff00::", 8},
};

bool IsInternal(const Address& a) {
  for (const Range& r : kInternal) {
    if (r.family != a.family) continue;
    unsigned char network[16] = {0};
    inet_pton(r.family, r.network, network);
    if (InPrefix(a.bytes, network, r.prefix)) return true;
  }
  return false;
}

}  // namespace

bool IsInternalAddress(absl::string_view address) {
  std::optional<Address> a = ParseAddress(address);
  return a.has_value() && IsInternal(*a);
}

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
