#ifndef PENATAAN_SERVICES_NOTIFICATION_MESSAGE_RENDERER_H_
#define PENATAAN_SERVICES_NOTIFICATION_MESSAGE_RENDERER_H_

// A stored notification and its template version become the message a channel
// sends: subject and body rendered, and the DeliveredMessage JSON that webhook
// receivers and the log file get (the shape is in notification.proto).

#include "absl/time/time.h"
#include "services/notification/channels/channel.h"
#include "services/notification/notification_model.h"

namespace penataan::notification {

// `n.attempts` is the attempt being made.
OutgoingMessage RenderMessage(const Template& t, const Notification& n, absl::Time send_time);

}  // namespace penataan::notification

#endif  // PENATAAN_SERVICES_NOTIFICATION_MESSAGE_RENDERER_H_
