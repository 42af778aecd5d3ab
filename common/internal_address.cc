#include "common/internal_address.h"

#include <arpa/inet.h>

#include <cstring>
#include <string>

namespace penataan {
namespace {

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

}  // namespace

std::optional<IpAddress> ParseIpAddress(absl::string_view text) {
  std::string s(text.substr(0, text.find('%')));
  IpAddress a;
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

bool IsInternal(const IpAddress& a) {
  for (const Range& r : kInternal) {
    if (r.family != a.family) continue;
    unsigned char network[16] = {0};
    inet_pton(r.family, r.network, network);
    if (InPrefix(a.bytes, network, r.prefix)) return true;
  }
  return false;
}

bool IsInternalAddress(absl::string_view address) {
  std::optional<IpAddress> a = ParseIpAddress(address);
  return a.has_value() && IsInternal(*a);
}

}  // namespace penataan
