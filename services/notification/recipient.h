#ifndef PENATAAN_SERVICES_NOTIFICATION_RECIPIENT_H_
#define PENATAAN_SERVICES_NOTIFICATION_RECIPIENT_H_

// Whether a recipient can be delivered to on a channel, checked when the
// notification is stored, so that a malformed address is refused to its sender at
// once instead of failing later in the dispatcher.

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "penataan/notification/v1/notification.pb.h"

namespace penataan::notification {

using Channel = v1::Channel;

// EMAIL: an addr-spec "local@domain.tld" (no display name, no quoting, no CR/LF:
// the address goes into SMTP commands and headers). WEBHOOK: an http:// or https://
// URL, or "whatsapp:+628…" (whatsapp_recipient.h: posted to the WhatsApp gateway). LOG: any label of printable characters (the address the message would have
// gone to). INVALID_ARGUMENT naming `field`.
absl::Status ValidateRecipient(Channel channel, absl::string_view recipient,
                               absl::string_view field);

}  // namespace penataan::notification

#endif  // PENATAAN_SERVICES_NOTIFICATION_RECIPIENT_H_
