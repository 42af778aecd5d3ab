#include "services/screening/notice_sender.h"

#include <map>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/log.h"
#include "common/notice_values.h"
#include "common/status_macros.h"
#include "services/screening/run_notices.h"

namespace penataan::screening {
namespace {

constexpr int kPage = 5000;

std::vector<int64_t> IdsOf(const std::vector<const Notice*>& group) {
  std::vector<int64_t> ids;
  ids.reserve(group.size());
  for (const Notice* n : group) ids.push_back(n->id);
  return ids;
}

}  // namespace

absl::Status NoticeSender::SendDropping(
    const Caller& caller, const std::vector<const Notice*>& group,
    std::vector<std::pair<const Notice*, std::string>>* refused) {
  std::vector<BatchRecipient> recipients;
  recipients.reserve(group.size());
  for (const Notice* n : group) {
    absl::StatusOr<std::map<std::string, std::string>> values =
        DecodeNoticeValues(n->personalisation_json);
    if (!values.ok()) return values.status();
    recipients.push_back({n->recipient, n->reference, *std::move(values)});
  }
  ASSIGN_OR_RETURN(std::vector<RefusedRecipient> dropped,
                   SendBatchDropping(notification_, caller, group.front()->template_id,
                                     recipients));
  for (RefusedRecipient& r : dropped) refused->emplace_back(group[r.index], std::move(r.why));
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
