#include "services/notification/notification_service.h"

#include "absl/strings/str_cat.h"
#include "common/server/audit_events.h"
#include "common/server/call.h"
#include "common/status_macros.h"
#include "services/notification/notification_proto.h"

namespace penataan::notification {

grpc::Status NotificationService::CreateTemplate(grpc::ServerContext* ctx,
                                                 const v1::CreateTemplateRequest* req,
                                                 v1::Template* resp) {
  Call call(ctx, "CreateTemplate", edge_);
  return call.Finish([&]() -> absl::Status {
    ASSIGN_OR_RETURN(Caller caller, call.caller());
    ASSIGN_OR_RETURN(Template t, outbox_.CreateTemplate(caller, FromProto(req->template_())));
    ToProto(t, resp);
    call.Note("template", absl::StrCat(t.id, "/v", t.version));
    return absl::OkStatus();
  }());
}

grpc::Status NotificationService::GetTemplate(grpc::ServerContext* ctx,
                                              const v1::GetTemplateRequest* req,
                                              v1::Template* resp) {
  Call call(ctx, "GetTemplate", edge_);
  return call.Finish([&]() -> absl::Status {
    ASSIGN_OR_RETURN(Caller caller, call.caller());
    ASSIGN_OR_RETURN(Template t, outbox_.GetTemplate(caller, req->name(), req->version()));
    ToProto(t, resp);
    return absl::OkStatus();
  }());
}

grpc::Status NotificationService::ListTemplates(grpc::ServerContext* ctx,
                                                const v1::ListTemplatesRequest* req,
                                                v1::ListTemplatesResponse* resp) {
  Call call(ctx, "ListTemplates", edge_);
  return call.Finish([&]() -> absl::Status {
    ASSIGN_OR_RETURN(Caller caller, call.caller());
    ASSIGN_OR_RETURN(Page<Template> page,
                     outbox_.ListTemplates(caller, req->page_size(), req->page_token()));
    for (const Template& t : page.items) ToProto(t, resp->add_templates());
    resp->set_next_page_token(page.next_page_token);
    return absl::OkStatus();
  }());
}

grpc::Status NotificationService::SendNotification(grpc::ServerContext* ctx,
                                                   const v1::SendNotificationRequest* req,
                                                   v1::Notification* resp) {
  Call call(ctx, "SendNotification", edge_);
  return call.Finish([&]() -> absl::Status {
    ASSIGN_OR_RETURN(Caller caller, call.caller());
    ASSIGN_OR_RETURN(Notification n, outbox_.Send(caller, FromProto(*req)));
    ToProto(n, resp);
    call.Note("notification", resp->name());
    return absl::OkStatus();
  }());
}

grpc::Status NotificationService::SendBatch(grpc::ServerContext* ctx,
                                            const v1::SendBatchRequest* req,
                                            v1::SendBatchResponse* resp) {
  Call call(ctx, "SendBatch", edge_);
  return call.Finish([&]() -> absl::Status {
    ASSIGN_OR_RETURN(Caller caller, call.caller());
    ASSIGN_OR_RETURN(Batch b, outbox_.SendBatch(caller, FromProto(*req)));
    resp->set_batch(BatchName(b.id));
    resp->set_queued(b.queued);
    resp->set_already_sent(b.already_sent);
    call.Note("batch", resp->batch());
    call.Note("queued", absl::StrCat(b.queued));
    return absl::OkStatus();
  }());
}

grpc::Status NotificationService::GetNotification(grpc::ServerContext* ctx,
                                                  const v1::GetNotificationRequest* req,
                                                  v1::Notification* resp) {
  Call call(ctx, "GetNotification", edge_);
  return call.Finish([&]() -> absl::Status {
    ASSIGN_OR_RETURN(Caller caller, call.caller());
    ASSIGN_OR_RETURN(Notification n, outbox_.GetNotification(caller, req->name()));
    ToProto(n, resp);
    return absl::OkStatus();
  }());
}

grpc::Status NotificationService::ListNotifications(grpc::ServerContext* ctx,
                                                    const v1::ListNotificationsRequest* req,
                                                    v1::ListNotificationsResponse* resp) {
  Call call(ctx, "ListNotifications", edge_);
  return call.Finish([&]() -> absl::Status {
    ASSIGN_OR_RETURN(Caller caller, call.caller());
    ASSIGN_OR_RETURN(NotificationPage page,
                     outbox_.ListNotifications(caller, req->reference_prefix(), req->status(),
                                               req->batch(), req->page_size(),
                                               req->page_token()));
    for (const Notification& n : page.items) ToProto(n, resp->add_notifications());
    resp->set_next_page_token(page.next_page_token);
    for (const auto& [status, count] : page.status_counts) {
      v1::StatusCount* c = resp->add_status_counts();
      c->set_status(status);
      c->set_count(count);
    }
    return absl::OkStatus();
  }());
}

grpc::Status NotificationService::RetryNotifications(grpc::ServerContext* ctx,
                                                     const v1::RetryNotificationsRequest* req,
                                                     v1::RetryNotificationsResponse* resp) {
  Call call(ctx, "RetryNotifications", edge_);
  return call.Finish([&]() -> absl::Status {
    ASSIGN_OR_RETURN(Caller caller, call.caller());
    ASSIGN_OR_RETURN(int64_t requeued,
                     outbox_.Retry(caller, req->batch(),
                                   {req->names().begin(), req->names().end()}));
    resp->set_requeued(requeued);
    call.Note("requeued", absl::StrCat(requeued));
    return absl::OkStatus();
  }());
}

grpc::Status NotificationService::ListAuditEvents(grpc::ServerContext* ctx,
                                                  const common::v1::ListAuditEventsRequest* req,
                                                  common::v1::ListAuditEventsResponse* resp) {
  Call call(ctx, "ListAuditEvents", edge_);
  return call.Finish([&]() -> absl::Status {
    RETURN_IF_ERROR(call.caller().status());
    return penataan::ListAuditEvents(db_, "notification", *req, resp);
  }());
}

}  // namespace penataan::notification
