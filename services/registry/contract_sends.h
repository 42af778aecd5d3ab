#ifndef PENATAAN_SERVICES_REGISTRY_CONTRACT_SENDS_H_
#define PENATAAN_SERVICES_REGISTRY_CONTRACT_SENDS_H_

// The two pure halves of sending a claim of contract notices (ContractScheduler::
// SendOnce does the I/O between them): whom each notice goes to, by which template
// and with which reference; and, once notification has answered, how each notice
// ends. Plain functions of their arguments; thread-safe.

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "common/recipient_reference.h"
#include "services/registry/contract_notices.h"
#include "services/registry/honorer_contact.h"
#include "services/registry/instansi_contacts.h"

namespace penataan::registry {

// The recipients as they are when the claim is sent.
struct NoticeAddresses {
  std::map<int64_t, HonorerContactInfo> honorers;                 // by id; absent: gone
  std::map<std::string, std::vector<InstansiContact>> instansi;   // by code; absent: none
};

// One recipient of one notice.
struct NoticeSend {
  size_t notice = 0;  // index into the notices given
  std::string who;    // "the honorer's WhatsApp", "the webhook of contact 2": no address
  ContactChannel channel = ContactChannel::kEmail;
  std::string template_id;  // ContractTemplate(kind, channel)
  std::string recipient;  // an email, a webhook URL, "whatsapp:+628…"
  std::string reference;  // RecipientReference(notice reference, address, channel)
};

// How one notice's sends went. BuildNoticeSends fills `error` (a passing failure)
// or `unsendable` for notices that cannot be sent now; the sending fills the rest.
struct NoticeSendState {
  std::string error;       // retried: no instansi contacts yet, notification down
  std::string unsendable;  // never sendable: the honorer is gone or has no contact
  int sent = 0;            // recipients notification took
  std::vector<std::string> dropped;  // recipients it refused, as details
};

struct ClaimSends {
  std::vector<NoticeSend> sends;
  std::vector<NoticeSendState> notices;  // one per notice given
};

// An honorer's notice goes to their email ("contract-<kind>") and WhatsApp
// ("contract-<kind>-whatsapp", recipient "whatsapp:+62…"); an instansi's to each
// contact's email and, where set, webhook ("-webhook").
ClaimSends BuildNoticeSends(const std::vector<ContractNotice>& notices,
                            const NoticeAddresses& addresses);

// How a notice ends once notification has answered for it:
//  kFailed: it cannot be sent (unsendable, or every recipient refused);
//  kRetry:  a passing error: all again later (what went out is answered
//           already_sent then);
//  kSent:   at least one recipient has it; `detail` names those refused.
struct NoticeVerdict {
  enum class Result { kSent, kRetry, kFailed };
  Result result = Result::kSent;
  std::string detail;
};
NoticeVerdict JudgeNoticeSends(const NoticeSendState& state);

}  // namespace penataan::registry

#endif  // PENATAAN_SERVICES_REGISTRY_CONTRACT_SENDS_H_
