#ifndef PENATAAN_SERVICES_NOTIFICATION_NOTIFICATION_METRICS_H_
#define PENATAAN_SERVICES_NOTIFICATION_NOTIFICATION_METRICS_H_

// The notification service's own figures, in metrics::Default():
//   penataan_notification_deliveries_total{channel,outcome}   delivery attempts
//     made by this process: DELIVERED, TEMPORARY_FAILURE, PERMANENT_FAILURE
//   penataan_notification_outbox_depth{status}   notifications in the database by
//     status (all replicas'), counted when scraped

#include "absl/time/time.h"
#include "common/metrics/registry.h"
#include "common/storage/database.h"
#include "services/notification/notification_model.h"

namespace penataan::notification {

void CountDelivery(Channel channel, AttemptOutcome outcome);

// Exports the outbox depth, one `SELECT status, COUNT(*) … GROUP BY status` (on the
// status index) at most every `cache_for`, so scrapes cannot hammer the database.
// Every status is listed, 0 when none. A failed query leaves the gauge out of that
// scrape (and logs). `db` must outlive the handle.
[[nodiscard]] metrics::CallbackHandle ExportOutboxDepth(
    storage::Database& db, absl::Duration cache_for = absl::Seconds(5));

}  // namespace penataan::notification

#endif  // PENATAAN_SERVICES_NOTIFICATION_NOTIFICATION_METRICS_H_
