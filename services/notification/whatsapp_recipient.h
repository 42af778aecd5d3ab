#ifndef PENATAAN_SERVICES_NOTIFICATION_WHATSAPP_RECIPIENT_H_
#define PENATAAN_SERVICES_NOTIFICATION_WHATSAPP_RECIPIENT_H_

// A WhatsApp number as a webhook recipient: "whatsapp:+6281234567890". Such a
// notification is not posted to the recipient (a number is no URL) but to the
// operator's WhatsApp gateway (--whatsapp_gateway_url), which takes it from there.
// Only Indonesian mobile numbers in E.164 form are accepted: the registry stores
// honorers' numbers normalised that way, and a number of another country or a
// landline is a mistake upstream rather than something a gateway can reach.

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace penataan::notification {

inline constexpr absl::string_view kWhatsAppPrefix = "whatsapp:";

// Whether the recipient names a WhatsApp number (well formed or not): it starts
// with "whatsapp:".
bool IsWhatsAppRecipient(absl::string_view recipient);

// "+628" followed by 8 to 11 digits (a national significant number of 9 to 12
// digits starting with 8), after the "whatsapp:" prefix. INVALID_ARGUMENT naming
// `field` otherwise.
absl::Status ValidateWhatsAppRecipient(absl::string_view recipient, absl::string_view field);

// The number of a valid "whatsapp:+628…" recipient ("+628…"); nullopt otherwise.
std::optional<std::string> WhatsAppNumber(absl::string_view recipient);

// The number as it may appear in logs and errors: the country code, the first three
// digits of the operator prefix and the last three digits, the rest starred
// ("+62812*****890"), enough for an admin to tell two numbers apart in a
// conversation with the honorer and too little to call anyone.
std::string MaskWhatsAppNumber(absl::string_view number);

}  // namespace penataan::notification

#endif  // PENATAAN_SERVICES_NOTIFICATION_WHATSAPP_RECIPIENT_H_
