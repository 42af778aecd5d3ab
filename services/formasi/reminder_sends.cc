#include "services/formasi/reminder_sends.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace penataan::formasi {
namespace {

// The zone the row's deadline was stated in: the extension's own when the row
// is for the extension's deadline, else the period's.
std::string StatedZone(const ReminderRow& r, const PeriodFacts& p, const SendFacts& facts) {
  auto exts = facts.extensions.find(r.period_id);
  auto zones = facts.extension_zones.find(r.period_id);
  if (exts == facts.extensions.end() || zones == facts.extension_zones.end()) {
    return p.plan.deadline_zone;
  }
  auto ext = exts->second.find(r.instansi_code);
  auto zone = zones->second.find(r.instansi_code);
  if (ext != exts->second.end() && ext->second == r.deadline && zone != zones->second.end() &&
      !zone->second.empty()) {
    return zone->second;
  }
  return p.plan.deadline_zone;
}

}  // namespace

ClaimSends BuildSends(const std::vector<const ReminderRow*>& rows, const SendFacts& facts,
                      absl::Time now) {
  ClaimSends out;
  out.rows.resize(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    const ReminderRow& r = *rows[i];
    auto list = facts.contacts.find(r.instansi_code);
    if (list == facts.contacts.end() || list->second.empty()) {
      out.rows[i].error = absl::StrCat("instansi ", r.instansi_code, " has no contacts");
      continue;
    }
    static const PeriodFacts kNoPeriod;
    auto period = facts.periods.find(r.period_id);
    const PeriodFacts& p = period == facts.periods.end() ? kNoPeriod : period->second;
    const std::string stated_zone = StatedZone(r, p, facts);
    auto label = facts.instansi.find(r.instansi_code);
    const bool known = label != facts.instansi.end();
    const MessageContext mctx{known ? label->second.display_name : r.instansi_code,
                              known ? label->second.time_zone : stated_zone,
                              p.plan.display_name, stated_zone, now};
    absl::StatusOr<std::map<std::string, std::string>> values = Personalisation(r, mctx);
    if (!values.ok()) {
      out.rows[i].error = std::string(values.status().message());
      out.rows[i].refused = true;
      continue;
    }
    for (size_t k = 0; k < list->second.size(); ++k) {
      const ReminderContact& c = list->second[k];
      for (ContactChannel ch : {ContactChannel::kEmail, ContactChannel::kWebhook}) {
        const bool email = ch == ContactChannel::kEmail;
        const std::string& address = email ? c.email : c.webhook_url;
        if (address.empty()) continue;
        RecipientSend s;
        s.row = i;
        s.who = absl::StrCat(email ? "the email" : "the webhook", " of contact ", k + 1);
        s.template_id = TemplateFor(r.kind, ch);
        s.recipient = address;
        s.reference = RecipientReference(r.reference, address, ch);
        s.personalisation = *values;
        out.sends.push_back(std::move(s));
      }
    }
  }
  return out;
}

RowOutcome OutcomeOfRow(const RowSendState& s) {
  using Result = RowOutcome::Result;
  if (s.refused) {
    return {Result::kRefused, absl::StrCat("refused by notification: ", s.error), s.error};
  }
  if (!s.error.empty()) return {Result::kRetry, "", s.error};
  const std::string dropped = absl::StrJoin(s.dropped, "; ");
  if (s.sent == 0 && !s.dropped.empty()) return {Result::kRefused, dropped, s.refusal};
  return {Result::kSent, dropped, ""};
}

}  // namespace penataan::formasi
