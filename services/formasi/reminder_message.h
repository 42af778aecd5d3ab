#ifndef PENATAAN_SERVICES_FORMASI_REMINDER_MESSAGE_H_
#define PENATAAN_SERVICES_FORMASI_REMINDER_MESSAGE_H_

// What a reminder row says to its instansi: the notification template and the
// personalisation its placeholders take (services/notification/default_templates.h
// holds the wording), and the reference of each recipient. Plain functions.

#include <map>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/recipient_reference.h"
#include "services/formasi/reminder_store.h"

namespace penataan::formasi {

// Contacts are reached by email, or by webhook (their own system or a WhatsApp
// gateway): one template of each wording per channel. Each recipient's reference is
// common/recipient_reference.h's RecipientReference (the row's reference +
// "/email/" or "/webhook/" + a key of the address).

// "formasi-deadline-reminder", "formasi-deadline-missed", "formasi-proposal-decision",
// with "-webhook" appended for webhook contacts.
std::string TemplateFor(ReminderKind kind, ContactChannel channel);

struct MessageContext {
  std::string instansi_name;  // display name; the code when unknown
  std::string instansi_zone;  // IANA
  std::string period_name;
  std::string deadline_zone;  // the zone the deadline was stated in
  absl::Time now;
};

// The personalisation of `row`'s template:
//  reminder: instansi, periode, batas_waktu, zona_waktu, sisa_waktu
//  missed:   instansi, periode, batas_waktu, zona_waktu
//  decision: instansi, periode, and the payload's keputusan, jumlah_disetujui,
//            catatan ("-" for one missing or empty)
// batas_waktu reads as the instansi's effective deadline is shown everywhere:
// "25 Agustus 2025 pukul 23.59 WIB (26 Agustus 2025 pukul 00.59 WITA)";
// zona_waktu is the instansi's own zone (WIB, WITA, WIT).
// INVALID_ARGUMENT when a decision's payload is not a JSON object.
absl::StatusOr<std::map<std::string, std::string>> Personalisation(const ReminderRow& row,
                                                                   const MessageContext& ctx);

}  // namespace penataan::formasi

#endif  // PENATAAN_SERVICES_FORMASI_REMINDER_MESSAGE_H_
