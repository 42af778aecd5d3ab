#include "services/registry/honorer_contact.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/contact_address.h"
#include "services/registry/instansi_contacts.h"

namespace penataan::registry {

std::optional<std::string> NormalizeEmail(absl::string_view text) {
  text = absl::StripAsciiWhitespace(text);
  const size_t at = text.rfind('@');
  if (at == absl::string_view::npos) return std::nullopt;
  // Domains are case-insensitive: one spelling, so that a compare or a dedup by
  // address never sees two. The local part may be case-sensitive; it is kept.
  std::string out = absl::StrCat(text.substr(0, at), "@",
                                 absl::AsciiStrToLower(text.substr(at + 1)));
  if (!IsValidEmailAddress(out)) return std::nullopt;
  return out;
}

std::vector<Violation> NormalizeContact(HonorerContactInfo& contact, absl::string_view prefix) {
  std::vector<Violation> out;
  if (absl::StripAsciiWhitespace(contact.email).empty()) {
    contact.email.clear();
  } else if (std::optional<std::string> email = NormalizeEmail(contact.email)) {
    contact.email = *email;
  } else {
    out.push_back({absl::StrCat(prefix, "email"), 0,
                   "is not an email address of the form name@domain.tld"});
  }
  if (absl::StripAsciiWhitespace(contact.whatsapp).empty()) {
    contact.whatsapp.clear();
  } else if (absl::StatusOr<std::string> number = NormalizeWhatsapp(contact.whatsapp);
             number.ok()) {
    contact.whatsapp = *number;
  } else {
    out.push_back({absl::StrCat(prefix, "whatsapp"), 0, std::string(number.status().message())});
  }
  return out;
}

}  // namespace penataan::registry
