#include "services/registry/contract_sends.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/registry/contract_messages.h"

namespace penataan::registry {
namespace {

void Add(ClaimSends& out, size_t index, const ContractNotice& n, std::string who,
         ContactChannel channel, const std::string& address, std::string recipient) {
  out.sends.push_back({index, std::move(who), channel, ContractTemplate(n.kind, channel),
                       std::move(recipient), RecipientReference(n.reference, address, channel)});
}

}  // namespace

ClaimSends BuildNoticeSends(const std::vector<ContractNotice>& notices,
                            const NoticeAddresses& addresses) {
  ClaimSends out;
  out.notices.resize(notices.size());
  for (size_t i = 0; i < notices.size(); ++i) {
    const ContractNotice& n = notices[i];
    NoticeSendState& state = out.notices[i];
    if (ToHonorer(n.kind)) {
      auto h = addresses.honorers.find(n.honorer_id);
      if (h == addresses.honorers.end()) {
        state.unsendable = "the honorer no longer exists";
        continue;
      }
      const HonorerContactInfo& contact = h->second;
      if (contact.email.empty() && contact.whatsapp.empty()) {
        state.unsendable = "the honorer has no contact any more";
        continue;
      }
      if (!contact.email.empty()) {
        Add(out, i, n, "the honorer's email", ContactChannel::kEmail, contact.email,
            contact.email);
      }
      if (!contact.whatsapp.empty()) {
        Add(out, i, n, "the honorer's WhatsApp", ContactChannel::kWhatsapp, contact.whatsapp,
            absl::StrCat("whatsapp:", contact.whatsapp));
      }
      continue;
    }
    auto list = addresses.instansi.find(n.instansi_code);
    if (list == addresses.instansi.end() || list->second.empty()) {
      // The admins may add contacts yet: retried like an outage.
      state.error = absl::StrCat("instansi ", n.instansi_code, " has no contacts");
      continue;
    }
    for (size_t k = 0; k < list->second.size(); ++k) {
      const InstansiContact& c = list->second[k];
      if (!c.email.empty()) {
        Add(out, i, n, absl::StrCat("the email of contact ", k + 1), ContactChannel::kEmail,
            c.email, c.email);
      }
      if (!c.webhook_url.empty()) {
        Add(out, i, n, absl::StrCat("the webhook of contact ", k + 1), ContactChannel::kWebhook,
            c.webhook_url, c.webhook_url);
      }
    }
  }
  return out;
}

NoticeVerdict JudgeNoticeSends(const NoticeSendState& s) {
  using Result = NoticeVerdict::Result;
  if (!s.unsendable.empty()) return {Result::kFailed, s.unsendable};
  if (!s.error.empty()) return {Result::kRetry, s.error};
  const std::string dropped = absl::StrJoin(s.dropped, "; ");
  if (s.sent == 0) return {Result::kFailed, dropped.empty() ? "no recipient" : dropped};
  return {Result::kSent, dropped};
}

}  // namespace penataan::registry
