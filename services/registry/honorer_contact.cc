#include "services/registry/honorer_contact.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
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

std::optional<std::string> NormalizeWhatsapp(absl::string_view text) {
  text = absl::StripAsciiWhitespace(text);
  std::string digits;
  bool plus = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c >= '0' && c <= '9') {
      digits.push_back(c);
    } else if (c == '+' && i == 0) {
      plus = true;
    } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')') {
      return std::nullopt;  // a letter, a second '+', a control character
    }
  }
  std::string national;
  if (plus || (digits.size() > 2 && digits.compare(0, 2, "62") == 0)) {
    // International form: Indonesia only ("+1…" is not a number we can send to).
    if (digits.compare(0, 2, "62") != 0) return std::nullopt;
    national = digits.substr(2);
  } else if (!digits.empty() && digits[0] == '0') {
    national = digits.substr(1);  // the trunk prefix of "0812…"
  } else {
    return std::nullopt;
  }
  // Mobile numbers are 8xx…; landlines (021…) do not have WhatsApp as a rule.
  if (national.empty() || national[0] != '8') return std::nullopt;
  const size_t total = 2 + national.size();  // E.164 digits after the '+'
  if (total < 10 || total > 15) return std::nullopt;
  return absl::StrCat("+62", national);
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
  } else if (std::optional<std::string> number = NormalizeWhatsapp(contact.whatsapp)) {
    contact.whatsapp = *number;
  } else {
    out.push_back({absl::StrCat(prefix, "whatsapp"), 0,
                   "is not an Indonesian mobile number (0812…, 62812… or +62812…)"});
  }
  return out;
}

std::string MaskEmail(absl::string_view email) {
  const size_t at = email.rfind('@');
  if (at == absl::string_view::npos || at == 0) return "***";
  absl::string_view domain = email.substr(at + 1);
  const size_t dot = domain.rfind('.');
  const absl::string_view tld = dot == absl::string_view::npos ? "" : domain.substr(dot);
  return absl::StrCat(email.substr(0, 1), "***@", domain.substr(0, 1), "***", tld);
}

std::string MaskWhatsapp(absl::string_view whatsapp) {
  if (whatsapp.size() < 10) return "****";
  return absl::StrCat(whatsapp.substr(0, 6), "****", whatsapp.substr(whatsapp.size() - 3));
}

}  // namespace penataan::registry
