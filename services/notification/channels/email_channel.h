#ifndef PENATAAN_SERVICES_NOTIFICATION_CHANNELS_EMAIL_CHANNEL_H_
#define PENATAAN_SERVICES_NOTIFICATION_CHANNELS_EMAIL_CHANNEL_H_

// Delivers a message by SMTP to the configured relay through libcurl, as plain
// text (email_message.h). A 5xx reply (e.g. 550 no such mailbox) is permanent;
// 4xx replies, connection trouble and a refused login are temporary, because the
// relay or our configuration can recover and the message should not be lost.

#include <string>

#include "absl/time/time.h"
#include "services/notification/channels/channel.h"
#include "services/notification/channels/curl_pool.h"

namespace penataan::notification {

struct EmailOptions {
  std::string smtp_url;  // smtp://relay:25, smtp://relay:587, smtps://relay:465
  std::string from;      // the envelope and header sender
  std::string username;  // empty: no AUTH
  std::string password;
  // STARTTLS on smtp://: "none", "try" or "required".
  std::string starttls = "try";
  absl::Duration timeout = absl::Seconds(30);
};

class EmailChannel final : public ChannelSender {
 public:
  explicit EmailChannel(EmailOptions options)
      : options_(std::move(options)), pool_("smtp,smtps", options_.timeout) {}
  DeliveryOutcome Send(const OutgoingMessage& message) override;
  absl::Duration max_duration() const override { return options_.timeout; }

 private:
  const EmailOptions options_;
  CurlPool pool_;
};

}  // namespace penataan::notification

#endif  // PENATAAN_SERVICES_NOTIFICATION_CHANNELS_EMAIL_CHANNEL_H_
