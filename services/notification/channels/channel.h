#ifndef PENATAAN_SERVICES_NOTIFICATION_CHANNELS_CHANNEL_H_
#define PENATAAN_SERVICES_NOTIFICATION_CHANNELS_CHANNEL_H_

// A way out for rendered messages: email, webhook or the local log. Send() makes
// one attempt and says what came of it; retrying is the dispatcher's business.
// Implementations are thread-safe: every dispatcher worker calls Send().

#include <string>

#include "absl/time/time.h"
#include "services/notification/delivery_outcome.h"

namespace penataan::notification {

struct OutgoingMessage {
  std::string name;       // "notifications/{id}": the idempotency key of every attempt
  std::string recipient;  // address, URL, "whatsapp:+628…" or label
  std::string reference;  // the sender's reference of the notification
  std::string subject;
  std::string body;
  std::string json;       // the DeliveredMessage as JSON (webhook body, log line)
  absl::Time send_time;
};

class ChannelSender {
 public:
  virtual ~ChannelSender() = default;
  virtual DeliveryOutcome Send(const OutgoingMessage& message) = 0;
  // The longest one Send() may take, so that a dispatcher keeps its lease longer.
  virtual absl::Duration max_duration() const = 0;
};

}  // namespace penataan::notification

#endif  // PENATAAN_SERVICES_NOTIFICATION_CHANNELS_CHANNEL_H_
