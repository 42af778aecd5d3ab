#include "services/notification/notification_proto.h"

#include "common/proto_time.h"

namespace penataan::notification {
namespace {

Personalisation FromMap(const google::protobuf::Map<std::string, std::string>& in) {
  return Personalisation(in.begin(), in.end());
}

std::optional<absl::Time> OptionalTime(bool has, const google::protobuf::Timestamp& ts) {
  if (!has) return std::nullopt;
  return FromTimestamp(ts);
}

}  // namespace

Template FromProto(const v1::Template& in) {
  Template t;
  t.id = in.id();
  t.channel = in.channel();
  t.subject = in.subject();
  t.body = in.body();
  return t;
}

void ToProto(const Template& in, v1::Template* out) {
  out->set_name(TemplateName(in.id));
  out->set_id(in.id);
  out->set_channel(in.channel);
  out->set_subject(in.subject);
  out->set_body(in.body);
  out->set_version(in.version);
  SetTimestamp(in.create_time, out->mutable_create_time());
  for (const std::string& p : in.placeholders) out->add_placeholders(p);
  out->set_created_by(in.created_by);
}

void ToProto(const Notification& in, v1::Notification* out) {
  out->set_name(NotificationName(in.id));
  out->set_template_id(in.template_id);
  out->set_template_version(in.template_version);
  out->set_recipient(in.recipient);
  out->mutable_personalisation()->insert(in.personalisation.begin(), in.personalisation.end());
  out->set_reference(in.reference);
  if (in.scheduled_time) SetTimestamp(*in.scheduled_time, out->mutable_scheduled_time());
  out->set_status(in.status);
  out->set_attempts(in.attempts);
  out->set_last_error(in.last_error);
  if (in.batch_id != 0) out->set_batch(BatchName(in.batch_id));
  SetTimestamp(in.create_time, out->mutable_create_time());
  if (in.deliver_time) SetTimestamp(*in.deliver_time, out->mutable_deliver_time());
  out->set_channel(in.channel);
  out->set_sender(in.sender);
  if (in.due_time && in.status != v1::SENDING) {
    SetTimestamp(*in.due_time, out->mutable_next_attempt_time());
  }
  for (const DeliveryAttempt& a : in.delivery_attempts) {
    v1::DeliveryAttempt* p = out->add_delivery_attempts();
    p->set_attempt(a.attempt);
    SetTimestamp(a.start_time, p->mutable_start_time());
    p->set_channel(a.channel);
    p->set_outcome(a.outcome);
    p->set_error(a.error);
    p->set_dispatcher(a.dispatcher);
    p->set_duration_ms(absl::ToInt64Milliseconds(a.duration));
  }
}

SendRequest FromProto(const v1::SendNotificationRequest& in) {
  return SendRequest{in.template_id(), in.template_version(), in.recipient(),
                     FromMap(in.personalisation()), in.reference(),
                     OptionalTime(in.has_scheduled_time(), in.scheduled_time())};
}

BatchRequest FromProto(const v1::SendBatchRequest& in) {
  BatchRequest r;
  r.template_id = in.template_id();
  r.template_version = in.template_version();
  r.scheduled_time = OptionalTime(in.has_scheduled_time(), in.scheduled_time());
  r.request_id = in.request_id();
  r.recipients.reserve(in.recipients_size());
  for (const auto& b : in.recipients()) {
    r.recipients.push_back({b.recipient(), FromMap(b.personalisation()), b.reference()});
  }
  return r;
}

}  // namespace penataan::notification
