#include "services/notification/message_renderer.h"

#include <google/protobuf/util/json_util.h>

#include "common/proto_time.h"

namespace penataan::notification {
OutgoingMessage RenderMessage(const Template& t, const Notification& n, absl::Time send_time) {
  OutgoingMessage m;
  m.name = NotificationName(n.id);
  m.recipient = n.recipient;
  m.reference = n.reference;
  m.subject = Render(t.subject, n.personalisation);
  m.body = Render(t.body, n.personalisation);
  m.send_time = send_time;

  v1::DeliveredMessage d;
  d.set_notification(m.name);
  d.set_reference(n.reference);
  d.set_template_id(n.template_id);
  d.set_template_version(n.template_version);
  d.set_channel(n.channel);
  d.set_recipient(n.recipient);
  d.set_subject(m.subject);
  d.set_body(m.body);
  d.mutable_personalisation()->insert(n.personalisation.begin(), n.personalisation.end());
  if (n.batch_id != 0) d.set_batch(BatchName(n.batch_id));
  d.set_attempt(n.attempts);
  d.set_sender(n.sender);
  SetTimestamp(n.create_time, d.mutable_create_time());
  SetTimestamp(send_time, d.mutable_send_time());
  // Cannot fail for a message without Any fields.
  (void)google::protobuf::util::MessageToJsonString(d, &m.json);
  return m;
}

}  // namespace penataan::notification
