#ifndef PENATAAN_SERVICES_REGISTRY_INSTANSI_CONTACTS_H_
#define PENATAAN_SERVICES_REGISTRY_INSTANSI_CONTACTS_H_

// Where an instansi's admins are reached: the contact list as a plain value, and
// the one rule that makes a list acceptable. No gRPC, no SQL.
//
// A stored address is handed, unchanged, to the notification service by whoever
// sends on the instansi's behalf (formasi's reminders), so the rule here is at
// least as strict as the notification service's recipient check: a list the
// registry accepts never fails there for its form. Contact details are personal
// data: nothing here logs, and violations describe the problem, never the value.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/errors.h"

namespace penataan::registry {

struct InstansiContact {
  std::string display_name;  // optional
  std::string email;         // required
  std::string webhook_url;   // optional; https only
};

struct InstansiContactList {
  std::string instansi_code;
  std::vector<InstansiContact> contacts;  // in the order given; the first is the primary
  // 0 while the instansi has never set a list; +1 on every update (the etag).
  int64_t version = 0;
  absl::Time update_time = absl::InfinitePast();
  std::string updated_by;
};

inline constexpr size_t kMinContacts = 1;
inline constexpr size_t kMaxContacts = 10;
inline constexpr size_t kMaxContactDisplayNameChars = 200;
inline constexpr size_t kMaxEmailBytes = 254;
inline constexpr size_t kMaxWebhookUrlBytes = 2048;

// Every problem with `contacts`, each naming its field under `prefix`, e.g.
// "contacts.contacts[1].email" for prefix "contacts.contacts". Rules: one to ten
// contacts; email required, an addr-spec "local@domain.tld" (ASCII: dot-atoms of
// RFC 5322 atext, a domain of two or more LDH labels) at most 254 bytes, and not
// repeated in the list (case aside); webhook_url empty or an https:// URL with a
// host (which hosts may be reached is notification's to judge, with its operator's
// allow-list), no user or password, an optional numeric port, no spaces or control
// characters, at most 2048 bytes; display_name valid UTF-8 of at most 200
// characters without control characters.
std::vector<Violation> ValidateContacts(const std::vector<InstansiContact>& contacts,
                                        absl::string_view prefix);

// The single checks, for table tests and for callers that hold one value.
bool IsValidEmailAddress(absl::string_view address);
// Empty when acceptable; otherwise why not (never quoting the URL).
std::string WebhookUrlProblem(absl::string_view url);

}  // namespace penataan::registry

#endif  // PENATAAN_SERVICES_REGISTRY_INSTANSI_CONTACTS_H_
