#ifndef PENATAAN_SERVICES_NOTIFICATION_NOTIFICATION_SERVICE_H_
#define PENATAAN_SERVICES_NOTIFICATION_NOTIFICATION_SERVICE_H_

// The gRPC edge of the notification service: request -> caller admitted by the
// access table (notification_access.cc) -> Outbox -> response, with the status
// mapping and log line of Call.

#include "common/server/call.h"
#include "common/storage/database.h"
#include "penataan/notification/v1/notification.grpc.pb.h"
#include "services/notification/outbox.h"

namespace penataan::notification {

class NotificationService final : public v1::NotificationService::Service {
 public:
  // `edge` is made with NotificationAccess(); `db` holds the audit log.
  NotificationService(Outbox& outbox, const ServiceEdge& edge, storage::Database& db)
      : outbox_(outbox), edge_(edge), db_(db) {}

  grpc::Status CreateTemplate(grpc::ServerContext* ctx, const v1::CreateTemplateRequest* req,
                              v1::Template* resp) override;
  grpc::Status GetTemplate(grpc::ServerContext* ctx, const v1::GetTemplateRequest* req,
                           v1::Template* resp) override;
  grpc::Status ListTemplates(grpc::ServerContext* ctx, const v1::ListTemplatesRequest* req,
                             v1::ListTemplatesResponse* resp) override;
  grpc::Status SendNotification(grpc::ServerContext* ctx, const v1::SendNotificationRequest* req,
                                v1::Notification* resp) override;
  grpc::Status SendBatch(grpc::ServerContext* ctx, const v1::SendBatchRequest* req,
                         v1::SendBatchResponse* resp) override;
  grpc::Status GetNotification(grpc::ServerContext* ctx, const v1::GetNotificationRequest* req,
                               v1::Notification* resp) override;
  grpc::Status ListNotifications(grpc::ServerContext* ctx,
                                 const v1::ListNotificationsRequest* req,
                                 v1::ListNotificationsResponse* resp) override;
  grpc::Status RetryNotifications(grpc::ServerContext* ctx,
                                  const v1::RetryNotificationsRequest* req,
                                  v1::RetryNotificationsResponse* resp) override;
  grpc::Status ListAuditEvents(grpc::ServerContext* ctx,
                               const common::v1::ListAuditEventsRequest* req,
                               common::v1::ListAuditEventsResponse* resp) override;

 private:
  Outbox& outbox_;
  const ServiceEdge& edge_;
  storage::Database& db_;
};

}  // namespace penataan::notification

#endif  // PENATAAN_SERVICES_NOTIFICATION_NOTIFICATION_SERVICE_H_
