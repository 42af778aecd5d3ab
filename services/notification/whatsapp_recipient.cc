#include "services/notification/whatsapp_recipient.h"

#include "absl/strings/match.h"
#include "absl/strings/strip.h"
#include "common/contact_address.h"
#include "common/errors.h"

namespace penataan::notification {

bool IsWhatsAppRecipient(absl::string_view recipient) {
  return absl::StartsWith(recipient, kWhatsAppPrefix);
}

absl::Status ValidateWhatsAppRecipient(absl::string_view recipient, absl::string_view field) {
  absl::string_view number = recipient;
  if (!absl::ConsumePrefix(&number, kWhatsAppPrefix) || !IsWhatsappNumber(number)) {
    return InvalidField(field,
                        "a WhatsApp recipient is \"whatsapp:\" and an Indonesian mobile number "
                        "in E.164 form, e.g. whatsapp:+6281234567890");
  }
  return absl::OkStatus();
}

std::optional<std::string> WhatsAppNumber(absl::string_view recipient) {
  absl::string_view number = recipient;
  if (!absl::ConsumePrefix(&number, kWhatsAppPrefix) || !IsWhatsappNumber(number)) {
    return std::nullopt;
  }
  return std::string(number);
}

}  // namespace penataan::notification
