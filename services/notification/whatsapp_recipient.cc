#include "services/notification/whatsapp_recipient.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "common/errors.h"

namespace penataan::notification {
namespace {

// "+62" "8" then 8 to 11 digits: Indonesian mobile numbers are 0 8xx plus 7 to 10
// digits nationally, i.e. 9 to 12 digits after the country code.
constexpr size_t kMinDigitsAfter8 = 8;
constexpr size_t kMaxDigitsAfter8 = 11;

bool IsIndonesianMobile(absl::string_view number) {
  absl::string_view rest = number;
  if (!absl::ConsumePrefix(&rest, "+628")) return false;
  return rest.size() >= kMinDigitsAfter8 && rest.size() <= kMaxDigitsAfter8 &&
         std::all_of(rest.begin(), rest.end(),
                     [](char c) { return absl::ascii_isdigit(static_cast<unsigned char>(c)); });
}

}  // namespace

bool IsWhatsAppRecipient(absl::string_view recipient) {
  return absl::StartsWith(recipient, kWhatsAppPrefix);
}

absl::Status ValidateWhatsAppRecipient(absl::string_view recipient, absl::string_view field) {
  absl::string_view number = recipient;
  if (!absl::ConsumePrefix(&number, kWhatsAppPrefix) || !IsIndonesianMobile(number)) {
    return InvalidField(field,
                        "a WhatsApp recipient is \"whatsapp:\" and an Indonesian mobile number "
                        "in E.164 form, e.g. whatsapp:+6281234567890");
  }
  return absl::OkStatus();
}

std::optional<std::string> WhatsAppNumber(absl::string_view recipient) {
  absl::string_view number = recipient;
  if (!absl::ConsumePrefix(&number, kWhatsAppPrefix) || !IsIndonesianMobile(number)) {
    return std::nullopt;
  }
  return std::string(number);
}

std::string MaskWhatsAppNumber(absl::string_view number) {
  constexpr size_t kHead = 6;  // "+62812"
  constexpr size_t kTail = 3;
  if (number.size() <= kHead + kTail) return std::string(number.size(), '*');
  return absl::StrCat(number.substr(0, kHead), std::string(number.size() - kHead - kTail, '*'),
                      number.substr(number.size() - kTail));
}

}  // namespace penataan::notification
