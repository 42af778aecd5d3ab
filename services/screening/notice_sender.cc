#include "services/screening/notice_sender.h"

#include <map>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/server/grpc_status.h"
#include "common/log.h"
#include "common/status_macros.h"
#include "penataan/notification/v1/notification.grpc.pb.h"
#include "services/screening/run_notices.h"

namespace penataan::screening {
namespace {

namespace nv1 = notification::v1;

constexpr int kPage = 5000;

std::vector<int64_t> IdsOf(const std::vector<const Notice*>& group) {
  std::vector<int64_t> ids;
  ids.reserve(group.size());
  for (const Notice* n : group) ids.push_back(n->id);
  return ids;
}

}  // namespace

absl::Status NoticeSender::Send(const Caller& caller, const std::vector<const Notice*>& group) {
  nv1::SendBatchRequest req;
  req.set_template_id(group.front()->template_id);
  for (const Notice* n : group) {
    nv1::SendBatchRequest::Recipient* r = req.add_recipients();
    r->set_recipient(n->recipient);
    r->set_reference(n->reference);
    absl::StatusOr<std::map<std::string, std::string>> values =
        DecodeNoticeValues(n->personalisation_json);
    if (!values.ok()) return values.status();
    r->mutable_personalisation()->insert(values->begin(), values->end());
  }
  nv1::NotificationService::Stub stub(notification_.channel());
  nv1::SendBatchResponse resp;
  std::unique_ptr<grpc::ClientContext> ctx = notification_.NewContext(caller);
  const grpc::Status sent = stub.SendBatch(ctx.get(), req, &resp);
  absl::Status out = PeerStatus(notification_.name(), sent);
  // The per-recipient violations (ErrorDetail, row = recipients[i] + 1) travel on.
  for (const Violation& v : ViolationsOf(FromGrpcStatus(sent))) out = WithViolation(out, v);
  return out;
}

namespace {

// The recipient of `group` a violation names: its row (1-based), or its field
// "recipients[i]…"; -1 when it names none (the call's own fault).
int RecipientOf(const Violation& v, size_t group_size) {
  int64_t index = v.row - 1;
  if (index < 0 && absl::StartsWith(v.field, "recipients[")) {
    const size_t close = v.field.find(']');
    if (close == std::string::npos ||
        !absl::SimpleAtoi(v.field.substr(11, close - 11), &index)) {
      index = -1;
    }
  }
  return index >= 0 && static_cast<size_t>(index) < group_size ? static_cast<int>(index) : -1;
}

}  // namespace

absl::Status NoticeSender::SendDropping(
    const Caller& caller, const std::vector<const Notice*>& group,
    std::vector<std::pair<const Notice*, std::string>>* refused) {
  std::vector<const Notice*> rest = group;
  while (!rest.empty()) {
    absl::Status s = Send(caller, rest);
    // Only INVALID_ARGUMENT naming recipients is about them; anything else
    // (a template not deployed, the service down) is the whole call's.
    if (!absl::IsInvalidArgument(s)) return s;
    std::map<int, std::string> bad;
    for (const Violation& v : ViolationsOf(s)) {
      const int i = RecipientOf(v, rest.size());
      if (i < 0) continue;
      std::string& why = bad[i];
      if (!why.empty()) why += "; ";
      absl::StrAppend(&why, v.field, ": ", v.description);
    }
    if (bad.empty()) return s;
    // Exactly the rows named are dropped and the rest sent again (the service
    // reports at most a hundred at a time; the references make resends harmless).
    std::vector<const Notice*> next;
    next.reserve(rest.size() - bad.size());
    for (size_t i = 0; i < rest.size(); ++i) {
      auto b = bad.find(static_cast<int>(i));
      if (b == bad.end()) {
        next.push_back(rest[i]);
      } else {
        refused->emplace_back(rest[i], absl::StrCat("refused by notification: ", b->second));
      }
    }
    rest = std::move(next);
  }
  return absl::OkStatus();
}

absl::StatusOr<SendCounts> NoticeSender::Drain(const Caller& caller, int64_t round_id,
                                               const std::function<absl::Status()>& after_batch,
                                               const std::string& reference_prefix) {
  SendCounts counts;
  int64_t after = 0;
  for (;;) {
    std::vector<Notice> owed;
    {
      ASSIGN_OR_RETURN(storage::PooledConnection conn, db_.Acquire());
      ASSIGN_OR_RETURN(owed, OwedNotices(*conn, round_id, after, kPage, reference_prefix));
    }
    if (owed.empty()) break;
    after = owed.back().id;
    std::map<std::string, std::vector<const Notice*>> by_template;
    for (const Notice& n : owed) by_template[n.template_id].push_back(&n);
    for (const auto& [template_id, notices] : by_template) {
      for (size_t start = 0; start < notices.size(); start += kMaxBatch) {
        const std::vector<const Notice*> group(
            notices.begin() + start,
            notices.begin() + std::min(notices.size(), start + size_t{kMaxBatch}));
        std::vector<std::pair<const Notice*, std::string>> refused;
        absl::Status sent = SendDropping(caller, group, &refused);
        if (!sent.ok()) {
          // Left owed; the attempt is noted for whoever looks at the outbox.
          (void)storage::InTransaction(db_, [&](storage::Connection& c) {
            return NoteAttemptFailed(c, IdsOf(group), std::string(sent.message()));
          });
          LogEvent(LogLevel::kWarning, "screening_notices_not_sent",
                   {{"round", absl::StrCat("rounds/", round_id)},
                    {"template", template_id},
                    {"notices", absl::StrCat(group.size())},
                    {"error", std::string(sent.message())}});
          return sent;
        }
        std::vector<const Notice*> ok;
        for (const Notice* n : group) {
          bool was_refused = false;
          for (const auto& r : refused) was_refused |= r.first == n;
          if (!was_refused) ok.push_back(n);
        }
        RETURN_IF_ERROR(storage::InTransaction(db_, [&](storage::Connection& c) -> absl::Status {
          RETURN_IF_ERROR(MarkSent(c, IdsOf(ok), absl::ToUnixMicros(clock_.Now())));
          for (const auto& [n, why] : refused) RETURN_IF_ERROR(MarkDropped(c, n->id, why));
          return absl::OkStatus();
        }));
        counts.sent += static_cast<int64_t>(ok.size());
        counts.dropped += static_cast<int64_t>(refused.size());
        if (!refused.empty()) {
          LogEvent(LogLevel::kWarning, "screening_recipients_refused",
                   {{"round", absl::StrCat("rounds/", round_id)},
                    {"template", template_id},
                    {"refused", absl::StrCat(refused.size())}});
        }
        if (after_batch) RETURN_IF_ERROR(after_batch());
      }
    }
  }
  return counts;
}

}  // namespace penataan::screening
