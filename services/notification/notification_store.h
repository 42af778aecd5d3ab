#ifndef PENATAAN_SERVICES_NOTIFICATION_NOTIFICATION_STORE_H_
#define PENATAAN_SERVICES_NOTIFICATION_NOTIFICATION_STORE_H_

// The notification service's SQL, and nothing else. Every method takes the
// connection to run on, so that the caller decides what is one transaction.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/storage/audit_log.h"
#include "common/storage/database.h"
#include "services/notification/notification_model.h"

namespace penataan::notification {

// What one finished attempt changes on its notification.
struct AttemptResult {
  int64_t id = 0;
  NotificationStatus status = v1::DELIVERED;
  std::string last_error;
  std::optional<absl::Time> due_time;  // the next attempt, when retrying
  DeliveryAttempt attempt;
};

class NotificationStore {
 public:
  using Conn = storage::Connection;

  // ---- Templates
  absl::Status InsertTemplate(Conn& c, const Template& t);
  // version 0: the latest.
  absl::StatusOr<std::optional<Template>> GetTemplate(Conn& c, const std::string& id,
                                                      int version);
  absl::StatusOr<std::vector<Template>> ListLatestTemplates(Conn& c, const std::string& after_id,
                                                            int limit);

  // ---- Sending
  absl::StatusOr<std::optional<Notification>> FindByReference(Conn& c, const std::string& sender,
                                                              const std::string& reference);
  // Returns the new id. ALREADY_EXISTS when the sender used the reference already.
  absl::StatusOr<int64_t> InsertNotification(Conn& c, const Notification& n);
  // Stores those whose (sender, reference) is new; returns how many were stored.
  absl::StatusOr<int64_t> InsertNewNotifications(Conn& c, const std::vector<Notification>& ns);
  absl::StatusOr<int64_t> InsertBatch(Conn& c, const Batch& b);
  absl::Status SetBatchCounts(Conn& c, int64_t batch_id, int64_t queued, int64_t already_sent);
  absl::StatusOr<std::optional<Batch>> FindBatch(Conn& c, const std::string& sender,
                                                 const std::string& request_id);

  // ---- Reading
  absl::StatusOr<std::optional<Notification>> GetNotification(Conn& c, int64_t id);
  absl::StatusOr<std::vector<Notification>> ListNotifications(Conn& c,
                                                              const NotificationFilter& filter,
                                                              int64_t after_id, int limit);
  // By status, over the filter without its status.
  absl::StatusOr<std::vector<std::pair<NotificationStatus, int64_t>>> CountByStatus(
      Conn& c, NotificationFilter filter);
  absl::StatusOr<std::vector<DeliveryAttempt>> ListAttempts(Conn& c, int64_t notification_id);

  // PERMANENT_FAILURE -> QUEUED, due at `now`, attempts from zero again; either a
  // whole batch (batch_id != 0) or the ids, of `sender` only when it is not empty.
  // Returns how many changed.
  absl::StatusOr<int64_t> Requeue(Conn& c, const std::string& sender, int64_t batch_id,
                                  const std::vector<int64_t>& ids, absl::Time now);

  // ---- Dispatching
  // Takes up to `limit` notifications due at `now` (their attempt is due, or the
  // lease of the dispatcher holding them ran out), marks them SENDING under
  // `owner` until `lease_until`, counts the attempt, and records a LEASE_EXPIRED
  // attempt for each one taken from a dispatcher that did not finish. On MySQL the
  // rows are locked with SKIP LOCKED, so that concurrent claims never overlap.
  // One taken over after its `max_attempts`th attempt is not claimed but settled
  // PERMANENT_FAILURE ("a dispatcher stopped while sending it N times"): a message
  // that crashes its dispatcher comes back a bounded number of times.
  absl::StatusOr<std::vector<Notification>> Claim(Conn& c, absl::Time now,
                                                  absl::Time lease_until,
                                                  const std::string& owner, int limit,
                                                  int max_attempts);
  // Records outcomes; a notification whose lease `owner` no longer holds keeps its
  // state (another dispatcher has it), though the attempt is recorded.
  absl::Status RecordResults(Conn& c, const std::string& owner,
                             const std::vector<AttemptResult>& results, absl::Time now);
  // Returns how many of `ids` `owner` still held: fewer when another dispatcher
  // took some over after the lease ran out, and those must not be sent.
  absl::StatusOr<int64_t> ExtendLease(Conn& c, const std::string& owner,
                                      const std::vector<int64_t>& ids, absl::Time lease_until);
  // Hands back claimed notifications that were not attempted (shutdown).
  absl::Status Release(Conn& c, const std::string& owner, const std::vector<int64_t>& ids,
                       absl::Time now);

  // Settles a notification taken over after its last attempt: PERMANENT_FAILURE.
  absl::Status SettleAbandoned(Conn& c, const Notification& n, absl::Time now);

  // ---- Retention
  // Deletes, with their attempts, the DELIVERED and PERMANENT_FAILURE notifications
  // last changed before `cutoff`, among the `limit` rows after id `after`. Sets
  // *next_after to the last id looked at, and *done when no older rows remain.
  absl::StatusOr<int64_t> PurgeSettled(Conn& c, absl::Time cutoff, int64_t after, int limit,
                                       int64_t* next_after, bool* done);

  absl::Status InsertAudit(Conn& c, const storage::AuditRecord& a) {
    return storage::InsertAudit(c, a);
  }
};

}  // namespace penataan::notification

#endif  // PENATAAN_SERVICES_NOTIFICATION_NOTIFICATION_STORE_H_
