#include "common/contact_address.h"

#include <algorithm>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace penataan {
namespace {

// After "+628": Indonesian mobile numbers are 08xx plus 6 to 9 digits nationally,
// so 8 to 11 digits follow the 8 (9 to 12 digits after the country code).
constexpr size_t kMinDigitsAfter8 = 8;
constexpr size_t kMaxDigitsAfter8 = 11;

bool AllDigits(absl::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return absl::ascii_isdigit(static_cast<unsigned char>(c)); });
}

absl::Status NotAMobileNumber() {
  return absl::InvalidArgumentError(
      "is not an Indonesian mobile number (0812…, 62812… or +62812…)");
}

}  // namespace

bool IsWhatsappNumber(absl::string_view number) {
  if (!absl::ConsumePrefix(&number, "+628")) return false;
  return number.size() >= kMinDigitsAfter8 && number.size() <= kMaxDigitsAfter8 &&
         AllDigits(number);
}

absl::StatusOr<std::string> NormalizeWhatsapp(absl::string_view text) {
  text = absl::StripAsciiWhitespace(text);
  std::string digits;
  bool plus = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (absl::ascii_isdigit(static_cast<unsigned char>(c))) {
      digits.push_back(c);
    } else if (c == '+' && i == 0) {
      plus = true;
    } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')') {
      return NotAMobileNumber();  // a letter, a second '+', a control character
    }
  }
  absl::string_view national = digits;
  if (plus || absl::StartsWith(national, "62")) {
    // International form: Indonesia only ("+1…" is not a number the gateway reaches).
    if (!absl::ConsumePrefix(&national, "62")) return NotAMobileNumber();
  } else if (!absl::ConsumePrefix(&national, "0")) {
    return NotAMobileNumber();  // neither the trunk prefix nor the country code
  }
  // Mobile numbers are 8xx…; landlines (0380…) do not have WhatsApp as a rule.
  std::string number = absl::StrCat("+62", national);
  if (!IsWhatsappNumber(number)) return NotAMobileNumber();
  return number;
}

std::string MaskWhatsapp(absl::string_view number) {
  constexpr size_t kHead = 6;  // "+62812"
  constexpr size_t kTail = 3;
  if (number.size() <= kHead + kTail) return std::string(number.size(), '*');
  return absl::StrCat(number.substr(0, kHead), std::string(number.size() - kHead - kTail, '*'),
                      number.substr(number.size() - kTail));
}

std::string MaskEmail(absl::string_view email) {
  const size_t at = email.rfind('@');
  if (at == absl::string_view::npos || at == 0) return "***";
  absl::string_view domain = email.substr(at + 1);
  const size_t dot = domain.rfind('.');
  const absl::string_view tld = dot == absl::string_view::npos ? "" : domain.substr(dot);
  return absl::StrCat(email.substr(0, 1), "***@", domain.substr(0, 1), "***", tld);
}

}  // namespace penataan
