#ifndef PENATAAN_SERVICES_FORMASI_REMINDER_SENDS_H_
#define PENATAAN_SERVICES_FORMASI_REMINDER_SENDS_H_

// The two pure halves of sending a claim (ReminderScheduler::SendOnce does the
// I/O between them): which recipients each row goes to, with which template,
// reference and personalisation; and, once notification has answered, how each
// row ends.
//
// Guarantees: plain functions of their arguments; thread-safe.

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "services/formasi/reminder_message.h"
#include "services/formasi/reminder_store.h"

namespace penataan::formasi {

struct ReminderContact {
  std::string email;
  std::string webhook_url;  // empty: none
};

struct InstansiLabel {
  std::string display_name;
  std::string time_zone;  // IANA
};

// What building the sends reads, as SendOnce fetched it.
struct SendFacts {
  std::map<int64_t, PeriodFacts> periods;
  std::map<int64_t, ExtensionDeadlines> extensions;
  std::map<int64_t, std::map<std::string, std::string>> extension_zones;  // code -> IANA
  std::map<std::string, std::vector<ReminderContact>> contacts;          // by instansi
  std::map<std::string, InstansiLabel> instansi;                         // by code
};

// One recipient of one row.
struct RecipientSend {
  size_t row = 0;    // index into the rows given
  std::string who;   // "the webhook of contact 2": for the row's detail, no address
  std::string template_id;
  std::string recipient;
  std::string reference;
  std::map<std::string, std::string> personalisation;
};

// How one row's sends went. BuildSends fills `error`/`refused` for rows that
// cannot be sent at all; the sending fills the rest.
struct RowSendState {
  std::string error;   // a passing failure (no contacts, notification unavailable)
  bool refused = false;  // the row itself cannot be sent (bad personalisation)
  int sent = 0;          // recipients notification took
  std::vector<std::string> dropped;  // recipients it refused, as details
  std::string refusal;               // notification's last refusal message
};

struct ClaimSends {
  std::vector<RecipientSend> sends;
  std::vector<RowSendState> rows;  // one per row given
};

// Every recipient of `rows`: each contact's email and webhook (where set), the
// template of the row's kind and channel, the reference keyed on the address
// (RecipientReference), the personalisation with the deadline read in the zone
// it was stated in (the extension's when the row is for the extension's
// deadline). A row without contacts gets a passing error; one whose
// personalisation cannot be made is refused.
ClaimSends BuildSends(const std::vector<const ReminderRow*>& rows, const SendFacts& facts,
                      absl::Time now);

// How a row ends once notification has answered for it:
//  kRefused: the row cannot be sent (its own refusal, or every recipient refused);
//  kRetry:   a passing error for some recipient: all again later (what went out
//            is answered already_sent then);
//  kSent:    at least one recipient has it; `detail` names those refused.
struct RowOutcome {
  enum class Result { kSent, kRetry, kRefused };
  Result result = Result::kSent;
  std::string detail;
  std::string error;
};
RowOutcome OutcomeOfRow(const RowSendState& state);

}  // namespace penataan::formasi

#endif  // PENATAAN_SERVICES_FORMASI_REMINDER_SENDS_H_
