#include "common/peer/notification_batch.h"

#include <algorithm>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/server/grpc_status.h"
#include "penataan/notification/v1/notification.grpc.pb.h"

namespace penataan {
namespace {

namespace nv1 = notification::v1;

// One SendBatch of `indexes` into `recipients`; the per-recipient violations
// (ErrorDetail, row = recipients[i] + 1) travel on in the status.
absl::Status Send(const PeerClient& notification, const Caller& caller,
                  const std::string& template_id, const std::vector<BatchRecipient>& recipients,
                  const std::vector<size_t>& indexes) {
  nv1::SendBatchRequest req;
  req.set_template_id(template_id);
  for (size_t i : indexes) {
    const BatchRecipient& b = recipients[i];
    nv1::SendBatchRequest::Recipient* r = req.add_recipients();
    r->set_recipient(b.recipient);
    r->set_reference(b.reference);
    r->mutable_personalisation()->insert(b.personalisation.begin(), b.personalisation.end());
  }
  nv1::NotificationService::Stub stub(notification.channel());
  nv1::SendBatchResponse resp;
  std::unique_ptr<grpc::ClientContext> ctx = notification.NewContext(caller);
  const grpc::Status sent = stub.SendBatch(ctx.get(), req, &resp);
  absl::Status out = PeerStatus(notification.name(), sent);
  for (const Violation& v : ViolationsOf(FromGrpcStatus(sent))) out = WithViolation(out, v);
  return out;
}

// The recipient of a call of `size` a violation names: its row (1-based), or its
// field "recipients[i]…"; -1 when it names none (the call's own fault).
int RecipientOf(const Violation& v, size_t size) {
  int64_t index = v.row - 1;
  if (index < 0 && absl::StartsWith(v.field, "recipients[")) {
    const size_t close = v.field.find(']');
    if (close == std::string::npos ||
        !absl::SimpleAtoi(v.field.substr(11, close - 11), &index)) {
      index = -1;
    }
  }
  return index >= 0 && static_cast<size_t>(index) < size ? static_cast<int>(index) : -1;
}

}  // namespace

absl::StatusOr<std::vector<RefusedRecipient>> SendBatchDropping(
    const PeerClient& notification, const Caller& caller, const std::string& template_id,
    const std::vector<BatchRecipient>& recipients) {
  std::vector<RefusedRecipient> refused;
  std::vector<size_t> rest(recipients.size());
  for (size_t i = 0; i < rest.size(); ++i) rest[i] = i;
  while (!rest.empty()) {
    absl::Status s = Send(notification, caller, template_id, recipients, rest);
    // Only INVALID_ARGUMENT naming recipients is about them; anything else
    // (a template not deployed, the service down) is the whole call's.
    if (!absl::IsInvalidArgument(s)) {
      if (!s.ok()) return s;
      break;
    }
    std::map<int, std::string> bad;
    for (const Violation& v : ViolationsOf(s)) {
      const int i = RecipientOf(v, rest.size());
      if (i < 0) continue;
      std::string& why = bad[i];
      if (!why.empty()) why += "; ";
      absl::StrAppend(&why, v.field, ": ", v.description);
    }
    if (bad.empty()) return s;
    // Exactly the recipients named are dropped and the rest sent again (the service
    // reports at most a hundred at a time; the references make resends harmless).
    std::vector<size_t> next;
    next.reserve(rest.size() - bad.size());
    for (size_t i = 0; i < rest.size(); ++i) {
      auto b = bad.find(static_cast<int>(i));
      if (b == bad.end()) {
        next.push_back(rest[i]);
      } else {
        refused.push_back({rest[i], absl::StrCat("refused by notification: ", b->second)});
      }
    }
    rest = std::move(next);
  }
  std::sort(refused.begin(), refused.end(),
            [](const RefusedRecipient& a, const RefusedRecipient& b) { return a.index < b.index; });
  return refused;
}

}  // namespace penataan
