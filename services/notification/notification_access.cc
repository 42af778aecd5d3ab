#include "services/notification/notification_access.h"

namespace penataan::notification {

// The services that send (registry for contracts, formasi for reminders and
// decisions, screening for results) use the ministry's templates and see only
// the notifications they sent themselves; templates are the national principals'.
// Instansi do not call this service, and the notification service calls nobody.
const AccessTable& NotificationAccess() {
  static const AccessTable* const table = [] {
    const std::vector<std::string> senders = {"national:*", "service:registry",
                                              "service:formasi", "service:screening"};
    return new AccessTable("penataan.notification.v1.NotificationService",
                           {
                               {"CreateTemplate", {{"national:*"}}},
                               {"GetTemplate", {senders}},
                               {"ListTemplates", {senders}},
                               {"SendNotification", {senders, Scope::kOwnRecords}},
                               {"SendBatch", {senders, Scope::kOwnRecords}},
                               {"GetNotification", {senders, Scope::kOwnRecords}},
                               {"ListNotifications", {senders, Scope::kOwnRecords}},
                               {"RetryNotifications", {senders, Scope::kOwnRecords}},
                               {"ListAuditEvents", {{"national:*"}}},
                           });
  }();
  return *table;
}

}  // namespace penataan::notification
