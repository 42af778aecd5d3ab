#ifndef PENATAAN_SERVICES_SCREENING_NOTICE_SENDER_H_
#define PENATAAN_SERVICES_SCREENING_NOTICE_SENDER_H_

// Drains the outbox (notice_store.h) of one round, or of every round, to the
// notification service: owed notices grouped by template into SendBatch calls of at
// most kMaxBatch recipients, each with its own reference (the notification's
// idempotency key: a batch resent after a lost answer is stored once), then marked
// sent.
//
// Guarantees:
//   - A recipient the notification service refuses is dropped with the reason,
//     the rest of its batch sent (common/peer/notification_batch.h).
//   - Notification unreachable (UNAVAILABLE), or refusing this service
//     (PERMISSION_DENIED: an access table being deployed), stops the drain with that
//     error naming the peer; the notices stay owed, with the attempt noted.
//   - Contact details are never logged; counts are.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/clock.h"
#include "common/peer/notification_batch.h"
#include "common/peer/peer_client.h"
#include "common/server/caller.h"
#include "common/storage/database.h"
#include "services/screening/notice_store.h"

namespace penataan::screening {

struct SendCounts {
  int64_t sent = 0;     // queued or already there
  int64_t dropped = 0;  // refused by notification
};

class NoticeSender {
 public:
  static constexpr int kMaxBatch = static_cast<int>(kMaxSendBatchRecipients);

  NoticeSender(storage::Database& db, const Clock& clock, const PeerClient& notification)
      : db_(db), clock_(clock), notification_(notification) {}

  // Sends every notice of `round_id` (0: every round) owed when called.
  // `after_batch` (may be empty) is called after each batch (a run renews its lease
  // there); an error from it stops the drain.
  absl::StatusOr<SendCounts> Drain(const Caller& caller, int64_t round_id,
                                   const std::function<absl::Status()>& after_batch = {},
                                   const std::string& reference_prefix = "");

 private:
  // Sends `group` (one template), dropping the recipients a refusal names; appends
  // them to `refused`.
  absl::Status SendDropping(const Caller& caller, const std::vector<const Notice*>& group,
                             std::vector<std::pair<const Notice*, std::string>>* refused);

  storage::Database& db_;
  const Clock& clock_;
  const PeerClient& notification_;
};

}  // namespace penataan::screening

#endif  // PENATAAN_SERVICES_SCREENING_NOTICE_SENDER_H_
