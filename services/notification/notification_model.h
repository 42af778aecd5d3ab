#ifndef PENATAAN_SERVICES_NOTIFICATION_NOTIFICATION_MODEL_H_
#define PENATAAN_SERVICES_NOTIFICATION_NOTIFICATION_MODEL_H_

// The notification service's plain types, shared by the outbox, the dispatcher
// and the store. Enums are the API's, so that no layer translates them twice.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "penataan/notification/v1/notification.pb.h"
#include "services/notification/template_rules.h"

namespace penataan::notification {

using Channel = v1::Channel;
using NotificationStatus = v1::Status;
using AttemptOutcome = v1::DeliveryAttempt::Outcome;

struct Template {
  std::string id;
  int version = 0;
  Channel channel = v1::CHANNEL_UNSPECIFIED;
  std::string subject;
  std::string body;
  std::vector<std::string> placeholders;  // of subject and body, sorted
  std::string created_by;
  absl::Time create_time;
};

struct DeliveryAttempt {
  int64_t notification_id = 0;
  int attempt = 0;
  absl::Time start_time;
  Channel channel = v1::CHANNEL_UNSPECIFIED;
  AttemptOutcome outcome = v1::DeliveryAttempt::OUTCOME_UNSPECIFIED;
  std::string error;
  std::string dispatcher;
  absl::Duration duration;
};

struct Notification {
  int64_t id = 0;
  std::string sender;
  std::string reference;
  std::string template_id;
  int template_version = 0;
  Channel channel = v1::CHANNEL_UNSPECIFIED;
  std::string recipient;
  Personalisation personalisation;
  int64_t batch_id = 0;  // 0: sent alone
  NotificationStatus status = v1::QUEUED;
  int attempts = 0;
  std::string last_error;
  std::optional<absl::Time> scheduled_time;
  // When the dispatcher next looks at it: the next attempt, or the end of the
  // lease while SENDING; none once DELIVERED or PERMANENT_FAILURE.
  std::optional<absl::Time> due_time;
  std::string lease_owner;
  absl::Time create_time;
  std::optional<absl::Time> deliver_time;
  std::vector<DeliveryAttempt> delivery_attempts;  // filled on request only
};

struct NotificationFilter {
  std::string sender;  // empty: every sender's
  std::string reference_prefix;
  NotificationStatus status = v1::STATUS_UNSPECIFIED;
  int64_t batch_id = 0;
};

struct Batch {
  int64_t id = 0;
  std::string sender;
  std::string request_id;
  std::string template_id;
  int template_version = 0;
  int64_t queued = 0;
  int64_t already_sent = 0;
  absl::Time create_time;
};

inline std::string NotificationName(int64_t id) {
  return "notifications/" + std::to_string(id);
}
inline std::string BatchName(int64_t id) { return "batches/" + std::to_string(id); }
inline std::string TemplateName(const std::string& id) { return "templates/" + id; }

}  // namespace penataan::notification

#endif  // PENATAAN_SERVICES_NOTIFICATION_NOTIFICATION_MODEL_H_
