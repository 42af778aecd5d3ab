#ifndef PENATAAN_COMMON_RECIPIENT_REFERENCE_H_
#define PENATAAN_COMMON_RECIPIENT_REFERENCE_H_

// The notification service's idempotency key for one recipient of one owed
// message: the message's own reference (an outbox row's) + the channel + a short
// key of the address. Every service that sends through notification (formasi's
// reminders, the registry's contract notices) keys its recipients this way, so
// that a message resent after a crash, by another replica, or to a contact list
// reordered or shortened in between is stored once per address.

#include <string>

namespace penataan {

// How a recipient is reached: an email address, a webhook URL (an instansi's own
// system or gateway), or a WhatsApp number ("whatsapp:+628…").
enum class ContactChannel { kEmail, kWebhook, kWhatsapp };

// The row's reference + "/email/", "/webhook/" or "/whatsapp/" +
// AddressKey(channel, address). Keyed on the address, not the contact's position.
std::string RecipientReference(const std::string& row_reference, const std::string& address,
                               ContactChannel channel);

// 16 lower-case hex digits of FNV-1a 64 over the channel and the address (an
// email lower-cased: the registry treats emails case aside). Stable across
// processes and builds, unlike absl::Hash; not a secret, only a short key.
std::string AddressKey(ContactChannel channel, const std::string& address);

}  // namespace penataan

#endif  // PENATAAN_COMMON_RECIPIENT_REFERENCE_H_
