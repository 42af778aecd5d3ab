#ifndef PENATAAN_SERVICES_NOTIFICATION_WEBHOOK_HOSTS_H_
#define PENATAAN_SERVICES_NOTIFICATION_WEBHOOK_HOSTS_H_

// Where webhooks may go. A caller names the recipient URL, so without a rule it
// could aim the server at what only the server reaches: the metadata service
// (169.254.169.254), a database on 10.x, an admin port on 127.0.0.1. Addresses
// that are loopback, link-local, private or unspecified are refused unless the
// operator lists them (--webhook_allowed_hosts); public addresses are allowed.
//
// Checked twice: when a notification is stored (a literal address in the URL;
// a name is not resolved on the API path), and at delivery against the address
// libcurl actually connected to, since DNS can point a public name at an
// internal address. A host name that is listed is trusted whatever it resolves to.
//
// Guarantees: immutable once parsed; thread-safe.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/internal_address.h"  // IsInternalAddress, used with these rules

namespace penataan::notification {

class WebhookHosts {
 public:
  // Nothing listed: every internal address refused.
  WebhookHosts() = default;
  // Comma-separated host names, addresses and CIDR blocks:
  // "gateway.internal,127.0.0.1,10.20.0.0/16,fd00::/8". INVALID_ARGUMENT naming
  // the entry that is none of these.
  static absl::StatusOr<WebhookHosts> Parse(absl::string_view list);

  // At send: INVALID_ARGUMENT naming `field` when the URL's host is a literal
  // internal address not listed. Names pass (checked at delivery).
  absl::Status CheckUrl(absl::string_view url, absl::string_view field) const;
  // At delivery: whether the URL with host `host` (as in the URL) may be sent to
  // `address`, the numeric address connected to.
  bool AllowsConnection(absl::string_view host, absl::string_view address) const;

 private:
  struct Block {
    int family = 0;           // AF_INET or AF_INET6
    unsigned char bytes[16];  // network order
    int prefix = 0;
  };
  bool Listed(const Block& address) const;

  std::vector<std::string> names_;  // lower case
  std::vector<Block> blocks_;
};

// The host of an http(s) URL as libcurl reads it, without brackets around an
// IPv6 address; nullopt when libcurl cannot parse the URL.
std::optional<std::string> UrlHost(absl::string_view url);

}  // namespace penataan::notification

#endif  // PENATAAN_SERVICES_NOTIFICATION_WEBHOOK_HOSTS_H_
