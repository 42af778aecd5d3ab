#ifndef PENATAAN_COMMON_PEER_NOTIFICATION_BATCH_H_
#define PENATAAN_COMMON_PEER_NOTIFICATION_BATCH_H_

// One template's recipients handed to the notification service in one SendBatch,
// as every sender does it (screening's notices, the registry's contract notices).
//
// Guarantees:
//   - A recipient the notification service refuses (INVALID_ARGUMENT whose
//     ErrorDetail names recipients[i]: an address it will not send to) is dropped
//     with the reason; exactly the recipients named are dropped and the rest sent
//     again at once (one more call per refused batch, not a bisection's twenty per
//     bad recipient). An INVALID_ARGUMENT naming no recipient is the whole call's.
//   - Any other failure (UNAVAILABLE, PERMISSION_DENIED while an access table is
//     deployed, a template not there) is returned as the call's, naming the peer;
//     the caller decides whether to retry. Each recipient's reference is the
//     notification's idempotency key, so sending the same recipients again stores
//     nothing twice.
//   - Nothing is logged here: addresses stay out of logs.

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/peer/peer_client.h"
#include "common/server/caller.h"

namespace penataan {

// At most this many recipients in one SendBatch call.
inline constexpr size_t kMaxSendBatchRecipients = 1000;

struct BatchRecipient {
  std::string recipient;
  std::string reference;
  std::map<std::string, std::string> personalisation;
};

struct RefusedRecipient {
  size_t index = 0;  // into the recipients given
  std::string why;   // "refused by notification: recipients[0].recipient: …"
};

// Sends `recipients` (at most kMaxSendBatchRecipients, of template `template_id`),
// dropping those the service refuses; returns them, by index ascending.
absl::StatusOr<std::vector<RefusedRecipient>> SendBatchDropping(
    const PeerClient& notification, const Caller& caller, const std::string& template_id,
    const std::vector<BatchRecipient>& recipients);

}  // namespace penataan

#endif  // PENATAAN_COMMON_PEER_NOTIFICATION_BATCH_H_
