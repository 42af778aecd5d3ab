#include "common/server/listen_address.h"

#include "absl/strings/match.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"

namespace penataan {
namespace {

// The host part of "host:port", "[v6]:port" or "ipv4:host:port" (already stripped).
absl::string_view HostOf(absl::string_view address) {
  if (absl::ConsumePrefix(&address, "[")) {
    const size_t close = address.find(']');
    return close == absl::string_view::npos ? absl::string_view() : address.substr(0, close);
  }
  const size_t colon = address.rfind(':');
  return colon == absl::string_view::npos ? address : address.substr(0, colon);
}

bool IsLoopbackHost(absl::string_view host) {
  if (host == "localhost" || host == "::1") return true;
  // 127.0.0.0/8, written as a dotted quad.
  if (!absl::ConsumePrefix(&host, "127.")) return false;
  int dots = 0;
  for (char c : host) {
    if (c == '.') {
      ++dots;
    } else if (c < '0' || c > '9') {
      return false;
    }
  }
  return dots == 2;
}

}  // namespace

bool IsLoopbackListen(absl::string_view address) {
  if (absl::StartsWith(address, "unix:") || absl::StartsWith(address, "unix-abstract:")) {
    return true;
  }
  if (absl::ConsumePrefix(&address, "dns:")) {
    while (absl::ConsumePrefix(&address, "/")) {
    }  // "dns:///host:port" (no DNS authority)
  }
  absl::ConsumePrefix(&address, "ipv4:");
  absl::ConsumePrefix(&address, "ipv6:");
  return IsLoopbackHost(HostOf(address));
}

bool IsLoopbackPeer(absl::string_view peer) {
  if (absl::StartsWith(peer, "unix:")) return true;
  if (!absl::ConsumePrefix(&peer, "ipv4:") && !absl::ConsumePrefix(&peer, "ipv6:")) {
    return false;
  }
  // gRPC writes an IPv6 peer as a URI, its brackets percent-encoded
  // ("ipv6:%5B::1%5D:53412"); some versions write them plain.
  const std::string decoded = absl::StrReplaceAll(peer, {{"%5B", "["}, {"%5D", "]"}});
  absl::string_view host = HostOf(decoded);
  // An IPv4 client of a dual-stack socket shows as ::ffff:127.0.0.1.
  absl::ConsumePrefix(&host, "::ffff:");
  return IsLoopbackHost(host);
}

}  // namespace penataan
