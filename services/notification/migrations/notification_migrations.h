#ifndef PENATAAN_SERVICES_NOTIFICATION_MIGRATIONS_NOTIFICATION_MIGRATIONS_H_
#define PENATAAN_SERVICES_NOTIFICATION_MIGRATIONS_NOTIFICATION_MIGRATIONS_H_

#include <vector>

#include "common/storage/migrations.h"

namespace penataan::notification {

// The notification service's schema, oldest first. Append; never edit an applied one.
const std::vector<storage::Migration>& NotificationMigrations();

}  // namespace penataan::notification

#endif  // PENATAAN_SERVICES_NOTIFICATION_MIGRATIONS_NOTIFICATION_MIGRATIONS_H_
