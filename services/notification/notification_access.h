#ifndef PENATAAN_SERVICES_NOTIFICATION_NOTIFICATION_ACCESS_H_
#define PENATAAN_SERVICES_NOTIFICATION_NOTIFICATION_ACCESS_H_

// Who may call each NotificationService method: the one access table of the
// notification service.

#include "common/server/access_table.h"

namespace penataan::notification {

const AccessTable& NotificationAccess();

}  // namespace penataan::notification

#endif  // PENATAAN_SERVICES_NOTIFICATION_NOTIFICATION_ACCESS_H_
