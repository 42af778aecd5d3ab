#ifndef PENATAAN_SERVICES_NOTIFICATION_WHATSAPP_RECIPIENT_H_
#define PENATAAN_SERVICES_NOTIFICATION_WHATSAPP_RECIPIENT_H_

// A WhatsApp number as a webhook recipient: "whatsapp:+6281234567890". Such a
// notification is not posted to the recipient (a number is no URL) but to the
// operator's WhatsApp gateway (--whatsapp_gateway_url), which takes it from there.
// Only numbers in the form the registry stores them are accepted, by the suite's
// one rule (common/contact_address.h IsWhatsappNumber: "+628" and 8 to 11 digits),
// so every number the registry keeps can be sent to; a number of another country
// or a landline is a mistake upstream rather than something a gateway can reach.

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace penataan::notification {

inline constexpr absl::string_view kWhatsAppPrefix = "whatsapp:";

// Whether the recipient names a WhatsApp number (well formed or not): it starts
// with "whatsapp:".
bool IsWhatsAppRecipient(absl::string_view recipient);

// "whatsapp:" and a number IsWhatsappNumber accepts. INVALID_ARGUMENT naming
// `field` otherwise.
absl::Status ValidateWhatsAppRecipient(absl::string_view recipient, absl::string_view field);

// The number of a valid "whatsapp:+628…" recipient ("+628…"); nullopt otherwise.
std::optional<std::string> WhatsAppNumber(absl::string_view recipient);

}  // namespace penataan::notification

#endif  // PENATAAN_SERVICES_NOTIFICATION_WHATSAPP_RECIPIENT_H_
