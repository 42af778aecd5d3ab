#ifndef PENATAAN_SERVICES_NOTIFICATION_CHANNELS_WEBHOOK_SIGNATURE_H_
#define PENATAAN_SERVICES_NOTIFICATION_CHANNELS_WEBHOOK_SIGNATURE_H_

// How a webhook receiver can tell that a POST came from us and was not replayed
// from long ago (docs/notifications.md shows the check in a few lines):
//   X-Penataan-Timestamp: <unix seconds>
//   X-Penataan-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>

#include <string>

#include "absl/strings/string_view.h"

namespace penataan::notification {

// Lower-case hex of HMAC-SHA256(key, data) (OpenSSL).
std::string HmacSha256Hex(absl::string_view key, absl::string_view data);

// The X-Penataan-Signature value.
std::string WebhookSignature(absl::string_view secret, int64_t unix_seconds,
                             absl::string_view body);

}  // namespace penataan::notification

#endif  // PENATAAN_SERVICES_NOTIFICATION_CHANNELS_WEBHOOK_SIGNATURE_H_
