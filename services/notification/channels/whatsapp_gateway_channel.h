#ifndef PENATAAN_SERVICES_NOTIFICATION_CHANNELS_WHATSAPP_GATEWAY_CHANNEL_H_
#define PENATAAN_SERVICES_NOTIFICATION_CHANNELS_WHATSAPP_GATEWAY_CHANNEL_H_

// Delivers a WEBHOOK notification whose recipient is "whatsapp:+628…" through the
// operator's WhatsApp gateway (a WhatsApp Business API provider or an on-premise
// bridge): one HTTP POST to the gateway URL with the JSON body
//
//   {"reference": "<the notification's reference>", "text": "<rendered body>",
//    "to": "+628…"}
//
// and the webhook headers (Idempotency-Key, X-Penataan-Timestamp, and
// X-Penataan-Signature when a webhook secret is set: see webhook_channel.h), plus
// "Authorization: Bearer <token>" when a token is configured. The gateway is the
// operator's own choice, so its host is allowed even when internal.
//
// The number never appears whole in an error: a gateway that echoes it in its
// answer has it masked (common/contact_address.h) before the answer is stored.
//
// Guarantees: thread-safe (every dispatcher worker calls Send).

#include <string>

#include "absl/status/statusor.h"
#include "services/notification/channels/channel.h"
#include "services/notification/channels/curl_pool.h"
#include "services/notification/channels/webhook_channel.h"

namespace penataan::notification {

struct WhatsAppGatewayOptions {
  std::string url;           // http:// or https://
  std::string bearer_token;  // empty: no Authorization header
  std::string secret;        // the webhook HMAC key; empty: unsigned
  absl::Duration timeout = absl::Seconds(10);
};

class WhatsAppGatewayChannel final : public ChannelSender {
 public:
  // INVALID_ARGUMENT when the URL is not an http(s) URL with a host.
  static absl::StatusOr<std::unique_ptr<WhatsAppGatewayChannel>> Create(
      WhatsAppGatewayOptions options);

  DeliveryOutcome Send(const OutgoingMessage& message) override;
  absl::Duration max_duration() const override { return webhook_.timeout; }

  // The JSON body posted for `number` (for tests and documentation).
  static std::string Body(const std::string& number, const OutgoingMessage& message);

 private:
  WhatsAppGatewayChannel(std::string url, std::string bearer_token, WebhookOptions webhook)
      : url_(std::move(url)),
        bearer_token_(std::move(bearer_token)),
        webhook_(std::move(webhook)),
        pool_("http,https", webhook_.timeout) {}

  const std::string url_;
  const std::string bearer_token_;
  const WebhookOptions webhook_;
  CurlPool pool_;
};

}  // namespace penataan::notification

#endif  // PENATAAN_SERVICES_NOTIFICATION_CHANNELS_WHATSAPP_GATEWAY_CHANNEL_H_
