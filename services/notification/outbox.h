#ifndef PENATAAN_SERVICES_NOTIFICATION_OUTBOX_H_
#define PENATAAN_SERVICES_NOTIFICATION_OUTBOX_H_

// The notification service's behaviour on plain types: what a valid template and
// send are, what is one transaction, what is audited, and that a service sees only
// what it sent. Who may call a method at all is the access table's
// (notification_access.cc), checked before this runs.
// Sending only stores; the Dispatcher delivers. No gRPC, no SQL. Thread-safe.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/auth/principal.h"
#include "common/clock.h"
#include "common/server/caller.h"
#include "common/storage/database.h"
#include "services/notification/notification_model.h"
#include "services/notification/notification_store.h"
#include "services/notification/webhook_hosts.h"

namespace penataan::notification {

inline constexpr int kMaxBatchRecipients = 10000;

using ::penataan::Caller;

struct SendRequest {
  std::string template_id;
  int template_version = 0;  // 0: the latest
  std::string recipient;
  Personalisation personalisation;
  std::string reference;
  std::optional<absl::Time> scheduled_time;
};

struct BatchRecipient {
  std::string recipient;
  Personalisation personalisation;
  std::string reference;
};

struct BatchRequest {
  std::string template_id;
  int template_version = 0;
  std::vector<BatchRecipient> recipients;
  std::optional<absl::Time> scheduled_time;
  std::string request_id;  // optional: a retried call answers the first one's batch
};

template <typename T>
struct Page {
  std::vector<T> items;
  std::string next_page_token;
};

struct NotificationPage {
  std::vector<Notification> items;
  std::string next_page_token;
  std::vector<std::pair<NotificationStatus, int64_t>> status_counts;  // first page only
};

class Outbox {
 public:
  // `on_enqueued` runs after a send commits (wakes the local dispatcher).
  // `webhook_hosts`: a webhook to an internal address they do not allow is refused.
  Outbox(storage::Database& db, const Clock& clock, std::function<void()> on_enqueued = {},
         WebhookHosts webhook_hosts = {})
      : db_(db),
        clock_(clock),
        on_enqueued_(std::move(on_enqueued)),
        webhook_hosts_(std::move(webhook_hosts)) {}

  // A new template, or a new version of an existing id (same channel). Identical
  // content to the latest version answers that version: a retried create makes
  // nothing new.
  absl::StatusOr<Template> CreateTemplate(const Caller& caller, Template t);
  absl::StatusOr<Template> GetTemplate(const Caller& caller, const std::string& name,
                                       int version);
  absl::StatusOr<Page<Template>> ListTemplates(const Caller& caller, int page_size,
                                               const std::string& page_token);

  // Stores one notification as QUEUED; a reference the sender used before answers
  // the notification stored then.
  absl::StatusOr<Notification> Send(const Caller& caller, const SendRequest& request);
  // Up to kMaxBatchRecipients, in one transaction: all stored or none.
  absl::StatusOr<Batch> SendBatch(const Caller& caller, const BatchRequest& request);

  // By name "notifications/{id}", with its delivery attempts.
  absl::StatusOr<Notification> GetNotification(const Caller& caller, const std::string& name);
  // `batch` is a name "batches/{id}" or empty.
  absl::StatusOr<NotificationPage> ListNotifications(const Caller& caller,
                                                     const std::string& reference_prefix,
                                                     NotificationStatus status,
                                                     const std::string& batch, int page_size,
                                                     const std::string& page_token);

  // Queues the PERMANENT_FAILURE notifications of `batch` ("batches/{id}"), or
  // of `names`, again; returns how many.
  absl::StatusOr<int64_t> Retry(const Caller& caller, const std::string& batch,
                                const std::vector<std::string>& names);

  // Stores each of `templates` whose id does not exist yet (start-up; an admin's
  // later versions are kept).
  absl::Status EnsureTemplates(const std::vector<Template>& templates);

 private:
  // The sender whose notifications `caller` may see: itself when the table scopes
  // it to its own records, else "" (all).
  static std::string VisibleSender(const Caller& caller);
  absl::Status Audit(storage::Connection& c, const Caller& caller, const char* action,
                     const std::string& resource, const std::string& detail);
  absl::StatusOr<Template> ResolveTemplate(const std::string& id, int version,
                                           const char* field);
  void Enqueued() {
    if (on_enqueued_) on_enqueued_();
  }

  storage::Database& db_;
  const Clock& clock_;
  std::function<void()> on_enqueued_;
  const WebhookHosts webhook_hosts_;
  NotificationStore store_;
};

// Checks a template's own fields and fills its placeholders (exposed for tests).
absl::Status ValidateTemplate(Template& t);

}  // namespace penataan::notification

#endif  // PENATAAN_SERVICES_NOTIFICATION_OUTBOX_H_
