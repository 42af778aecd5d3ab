#ifndef PENATAAN_COMMON_INTERNAL_ADDRESS_H_
#define PENATAAN_COMMON_INTERNAL_ADDRESS_H_

// Which numeric IP addresses are not the public internet: where a URL a caller
// names must not point the server (the cloud metadata service on 169.254.169.254,
// a database on 10.x, an admin port on 127.0.0.1). Shared by the registry, which
// refuses such webhook hosts when contacts are stored, and notification, which
// refuses them at send and at delivery unless its operator lists them.
//
// Guarantees: pure functions; thread-safe.

#include <optional>

#include "absl/strings/string_view.h"

namespace penataan {

struct IpAddress {
  int family = 0;                   // AF_INET or AF_INET6
  unsigned char bytes[16] = {0};    // network order
};

// A numeric IPv4 or IPv6 address (a zone id "%eth0" ignored); IPv4-mapped IPv6
// (::ffff:a.b.c.d) is read as the IPv4 address it carries, so that it cannot slip
// past the IPv4 rules. nullopt for what is not an address (a host name).
std::optional<IpAddress> ParseIpAddress(absl::string_view text);

// Whether the first `prefix` bits of `address` and `network` agree.
bool InPrefix(const unsigned char* address, const unsigned char* network, int prefix);

// Loopback, link-local, private (RFC 1918, fc00::/7), shared, unspecified,
// multicast or reserved.
bool IsInternal(const IpAddress& address);
// The same for text; false for what is not a numeric address.
bool IsInternalAddress(absl::string_view address);

}  // namespace penataan

#endif  // PENATAAN_COMMON_INTERNAL_ADDRESS_H_
