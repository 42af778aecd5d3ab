#ifndef PENATAAN_SERVICES_NOTIFICATION_CHANNELS_WEBHOOK_CHANNEL_H_
#define PENATAAN_SERVICES_NOTIFICATION_CHANNELS_WEBHOOK_CHANNEL_H_

// Delivers a message as an HTTP POST of its JSON to the recipient URL (a WhatsApp
// or SMS gateway, another agency's system), through libcurl. Headers:
//   Content-Type: application/json
//   Idempotency-Key: notifications/{id}   the same on every attempt and every
//                                         dispatcher: a receiver drops repeats
//   X-Penataan-Timestamp, X-Penataan-Signature   see webhook_signature.h
// Redirects are not followed and only http/https are spoken. The address connected
// to must be allowed by `allowed_hosts` (webhook_hosts.h), checked after the
// connection is made and before the request is sent: a refused one is a permanent
// failure "address not allowed".

#include <string>

#include "absl/time/time.h"
#include "services/notification/channels/channel.h"
#include "services/notification/channels/curl_pool.h"
#include "services/notification/webhook_hosts.h"

namespace penataan::notification {

struct WebhookOptions {
  std::string secret;  // HMAC key; the signature header is left out when empty
  absl::Duration timeout = absl::Seconds(10);
  absl::Duration connect_timeout = absl::Seconds(5);
  WebhookHosts allowed_hosts;  // default: internal addresses refused
};

// One JSON POST as a webhook is made, shared with the WhatsApp gateway channel:
// the headers above (and "Authorization: Bearer <token>" when `bearer_token` is
// set), the address check against `options.allowed_hosts`, and the answer
// classified. `idempotency_key` is the notification's name.
struct JsonPost {
  std::string url;
  std::string body;
  std::string idempotency_key;
  absl::Time send_time;
  std::string bearer_token;
};
DeliveryOutcome PostJson(CurlPool& pool, const WebhookOptions& options, const JsonPost& post);

class WebhookChannel final : public ChannelSender {
 public:
  explicit WebhookChannel(WebhookOptions options)
      : options_(std::move(options)), pool_("http,https", options_.timeout) {}
  DeliveryOutcome Send(const OutgoingMessage& message) override;
  absl::Duration max_duration() const override { return options_.timeout; }

 private:
  const WebhookOptions options_;
  CurlPool pool_;
};

}  // namespace penataan::notification

#endif  // PENATAAN_SERVICES_NOTIFICATION_CHANNELS_WEBHOOK_CHANNEL_H_
