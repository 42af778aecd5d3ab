#ifndef PENATAAN_COMMON_CONTACT_ADDRESS_H_
#define PENATAAN_COMMON_CONTACT_ADDRESS_H_

// An honorer's WhatsApp number, and how any contact is shown in a log: one rule
// for the whole suite. The registry stores numbers in the form NormalizeWhatsapp
// answers, and the notification service sends only to numbers IsWhatsappNumber
// accepts, so whatever the registry stores notification will send to (two copies
// of the rule once disagreed, and numbers were stored that could not be sent).
// No gRPC, no SQL; never quotes a number in an error.

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace penataan {

// Guarantees:
//  - NormalizeWhatsapp accepts an Indonesian mobile number as people write it:
//    "0812…", "62812…" or "+62812…", with spaces, dashes, dots and parentheses
//    between the digits and blanks around; it answers "+628" followed by 8 to 11
//    digits (a national number 08xx of 10 to 13 digits). Anything else (a landline,
//    another country, a letter, a control character, too few or too many digits)
//    is INVALID_ARGUMENT whose message does not contain the text.
//  - IsWhatsappNumber(x) holds exactly for the answers of NormalizeWhatsapp: x is
//    already in that form (the normalization is idempotent on it).
absl::StatusOr<std::string> NormalizeWhatsapp(absl::string_view text);
bool IsWhatsappNumber(absl::string_view number);

// For the rare log line or stored answer that must identify a contact, and never
// a contact shown any other way:
//  - MaskWhatsapp: the country code, the operator prefix's first three digits and
//    the last three, the rest starred one for one ("+62812*****890"): enough for an
//    admin to tell two numbers apart with the honorer, too little to call anyone.
//    Anything of 9 characters or fewer is all stars.
//  - MaskEmail: the first character of the local part and of the domain, and the
//    last label ("r***@d***.id"); "***" when there is no "@" or no local part.
std::string MaskWhatsapp(absl::string_view number);
std::string MaskEmail(absl::string_view email);

}  // namespace penataan

#endif  // PENATAAN_COMMON_CONTACT_ADDRESS_H_
