#include "services/notification/recipient.h"

#include <algorithm>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "common/errors.h"
#include "services/notification/whatsapp_recipient.h"

namespace penataan::notification {
namespace {

constexpr size_t kMaxEmailLength = 254;
constexpr size_t kMaxLocalPartLength = 64;
constexpr size_t kMaxUrlLength = 2048;
constexpr size_t kMaxLabelLength = 254;

bool IsPrintable(absl::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    return static_cast<unsigned char>(c) >= 0x20 && c != 0x7f;
  });
}

bool IsAtext(char c) {
  return absl::ascii_isalnum(static_cast<unsigned char>(c)) ||
         absl::string_view("!#$%&'*+-/=?^_`{|}~").find(c) != absl::string_view::npos;
}

bool ValidLocalPart(absl::string_view local) {
  if (local.empty() || local.size() > kMaxLocalPartLength) return false;
  if (local.front() == '.' || local.back() == '.' || absl::StrContains(local, "..")) return false;
  return std::all_of(local.begin(), local.end(), [](char c) { return c == '.' || IsAtext(c); });
}

bool ValidDomain(absl::string_view domain) {
  std::vector<absl::string_view> labels = absl::StrSplit(domain, '.');
  if (labels.size() < 2) return false;
  return std::all_of(labels.begin(), labels.end(), [](absl::string_view label) {
    return !label.empty() && label.size() <= 63 && label.front() != '-' && label.back() != '-' &&
           std::all_of(label.begin(), label.end(), [](char c) {
             return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '-';
           });
  });
}

absl::Status ValidateEmail(absl::string_view address, absl::string_view field) {
  const size_t at = address.rfind('@');
  if (address.size() > kMaxEmailLength || at == absl::string_view::npos ||
      !ValidLocalPart(address.substr(0, at)) || !ValidDomain(address.substr(at + 1))) {
    return InvalidField(field, "not an email address of the form name@domain.tld");
  }
  return absl::OkStatus();
}

absl::Status ValidateUrl(absl::string_view url, absl::string_view field) {
  absl::string_view rest = url;
  if (!absl::ConsumePrefix(&rest, "https://") && !absl::ConsumePrefix(&rest, "http://")) {
    return InvalidField(field, "a webhook recipient is an http:// or https:// URL");
  }
  const absl::string_view host = rest.substr(0, rest.find_first_of("/?#"));
  if (host.empty() || host.front() == ':' || host.front() == '@' || url.size() > kMaxUrlLength ||
      !IsPrintable(url) || absl::StrContains(url, ' ')) {
    return InvalidField(field, "not a URL with a host and no spaces or control characters");
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ValidateRecipient(Channel channel, absl::string_view recipient,
                               absl::string_view field) {
  if (recipient.empty()) return InvalidField(field, "required");
  switch (channel) {
    case v1::EMAIL:
      return ValidateEmail(recipient, field);
    case v1::WEBHOOK:
      // A number goes to the operator's WhatsApp gateway, not to a URL of its own.
      if (IsWhatsAppRecipient(recipient)) return ValidateWhatsAppRecipient(recipient, field);
      return ValidateUrl(recipient, field);
    case v1::LOG:
      if (recipient.size() > kMaxLabelLength || !IsPrintable(recipient)) {
        return InvalidField(field, "a log recipient is a label of printable characters");
      }
      return absl::OkStatus();
    default:
      return InvalidField(field, "the template has no channel");
  }
}

}  // namespace penataan::notification
