#ifndef PENATAAN_SERVICES_REGISTRY_HONORER_CONTACT_H_
#define PENATAAN_SERVICES_REGISTRY_HONORER_CONTACT_H_

// How an honorer is reached (a screening's result, an appeal's decision): an email
// address and a WhatsApp number, both optional, in the one form they are stored
// and handed to the notification service. Contact details are personal data:
// violations describe the problem and never quote the value, and anything that
// must mention one in a log uses the masks of common/contact_address.h. No gRPC,
// no SQL.

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "common/errors.h"

namespace penataan::registry {

struct HonorerContactInfo {
  std::string email;     // "" or an addr-spec with a lower-case domain
  std::string whatsapp;  // "" or E.164 "+628…"

  bool operator==(const HonorerContactInfo& o) const {
    return email == o.email && whatsapp == o.whatsapp;
  }
  bool operator!=(const HonorerContactInfo& o) const { return !(*this == o); }
};

// Guarantees:
//  - NormalizeEmail: surrounding spaces trimmed, the domain lower-cased (the local
//    part is the mailbox owner's and kept as typed); nullopt unless the result is an
//    addr-spec "local@domain.tld" (IsValidEmailAddress: no display name, no CR/LF or
//    other control characters, at most 254 bytes).
//  - A WhatsApp number is normalized by the suite's one rule
//    (common/contact_address.h: "+628" and 8 to 11 digits), the rule the
//    notification service sends by, so that every stored number can be sent to.
std::optional<std::string> NormalizeEmail(absl::string_view text);

// Normalizes both fields in place (an empty or blank field stays empty) and
// answers every problem, naming "<prefix>email" and "<prefix>whatsapp"
// ("honorer.contact." for an RPC, "" for an import row).
std::vector<Violation> NormalizeContact(HonorerContactInfo& contact, absl::string_view prefix);

}  // namespace penataan::registry

#endif  // PENATAAN_SERVICES_REGISTRY_HONORER_CONTACT_H_
