#include "services/notification/notification_metrics.h"

#include <map>
#include <string>

#include "common/log.h"
#include "services/notification/notification_store.h"

namespace penataan::notification {
namespace {

metrics::Family<metrics::Counter>& Deliveries() {
  static auto& family = metrics::Default().AddCounter(
      "penataan_notification_deliveries_total",
      "Delivery attempts made by this dispatcher, by channel and outcome",
      {"channel", "outcome"});
  return family;
}

// Registered when the program starts: the family is listed before the first attempt.
[[maybe_unused]] const bool kRegistered = (Deliveries(), true);

std::vector<metrics::Sample> CountOutbox(storage::Database& db) {
  std::map<NotificationStatus, int64_t> counts;
  const google::protobuf::EnumDescriptor* statuses = v1::Status_descriptor();
  for (int i = 0; i < statuses->value_count(); ++i) {
    const auto status = static_cast<NotificationStatus>(statuses->value(i)->number());
    if (status != v1::STATUS_UNSPECIFIED) counts[status] = 0;
  }
  absl::StatusOr<storage::PooledConnection> conn = db.Acquire();
  absl::StatusOr<std::vector<std::pair<NotificationStatus, int64_t>>> rows =
      conn.ok() ? NotificationStore().CountByStatus(**conn, NotificationFilter{})
                : absl::StatusOr<std::vector<std::pair<NotificationStatus, int64_t>>>(
                      conn.status());
  if (!rows.ok()) {
    LogEvent(LogLevel::kWarning, "metrics_outbox_depth_failed",
             {{"error", std::string(rows.status().message())}});
    return {};
  }
  for (const auto& [status, count] : *rows) counts[status] = count;
  std::vector<metrics::Sample> samples;
  for (const auto& [status, count] : counts) {
    samples.push_back({{v1::Status_Name(status)}, static_cast<double>(count)});
  }
  return samples;
}

}  // namespace

void CountDelivery(Channel channel, AttemptOutcome outcome) {
  Deliveries()
      .WithLabels({v1::Channel_Name(channel), v1::DeliveryAttempt::Outcome_Name(outcome)})
      .Increment();
}

metrics::CallbackHandle ExportOutboxDepth(storage::Database& db, absl::Duration cache_for) {
  return metrics::Default().AddGaugeCallback(
      "penataan_notification_outbox_depth",
      "Notifications in the outbox by status (every replica's), counted at most every few "
      "seconds",
      {"status"}, metrics::CachedFor(cache_for, [&db] { return CountOutbox(db); }));
}

}  // namespace penataan::notification
