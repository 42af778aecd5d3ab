#ifndef PENATAAN_SERVICES_NOTIFICATION_NOTIFICATION_PROTO_H_
#define PENATAAN_SERVICES_NOTIFICATION_NOTIFICATION_PROTO_H_

// Plain types <-> the API's messages. No rules here: those are the Outbox's.

#include "penataan/notification/v1/notification.pb.h"
#include "services/notification/notification_model.h"
#include "services/notification/outbox.h"

namespace penataan::notification {

Template FromProto(const v1::Template& in);
void ToProto(const Template& in, v1::Template* out);
void ToProto(const Notification& in, v1::Notification* out);
SendRequest FromProto(const v1::SendNotificationRequest& in);
BatchRequest FromProto(const v1::SendBatchRequest& in);

}  // namespace penataan::notification

#endif  // PENATAAN_SERVICES_NOTIFICATION_NOTIFICATION_PROTO_H_
