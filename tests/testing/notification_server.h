#ifndef PENATAAN_TESTS_TESTING_NOTIFICATION_SERVER_H_
#define PENATAAN_TESTS_TESTING_NOTIFICATION_SERVER_H_

// The real notification server, in-process, on 127.0.0.1:0, over a fresh
// database of the chosen backend, with the test principals' tokens and real
// channels: a log file in a temporary directory, webhooks over HTTP, and email to
// an SMTP server when given one. For tests only.

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>

#include "common/auth/authenticator.h"
#include "common/clock.h"
#include "common/server/call.h"
#include "common/server/server_runner.h"
#include "common/storage/database.h"
#include "common/storage/testing/test_database.h"
#include "penataan/notification/v1/notification.grpc.pb.h"
#include "services/notification/channels/email_channel.h"
#include "services/notification/channels/log_channel.h"
#include "services/notification/channels/webhook_channel.h"
#include "services/notification/channels/whatsapp_gateway_channel.h"
#include "services/notification/dispatcher.h"
#include "services/notification/notification_service.h"
#include "services/notification/outbox.h"
#include "tests/testing/test_tokens.h"

namespace penataan::testing {

inline constexpr char kWebhookSecret[] = "test-webhook-secret-5b1f";
inline constexpr char kWhatsAppGatewayToken[] = "test-wa-gateway-token-93c2";

struct NotificationServerOptions {
  // Retries quickly so that tests of backoff take milliseconds.
  notification::DispatcherOptions dispatcher = [] {
    notification::DispatcherOptions o;
    o.workers = 2;
    o.idle_poll = absl::Milliseconds(20);
    o.retry = {4, absl::Milliseconds(20), absl::Seconds(2)};
    o.lease = absl::Seconds(5);
    return o;
  }();
  bool start_dispatcher = true;
  std::string smtp_url;  // empty: no email channel
  // --whatsapp_gateway_url (its bearer token is kWhatsAppGatewayToken); empty: none.
  std::string whatsapp_gateway_url;
  absl::Duration webhook_timeout = absl::Seconds(2);
  // --webhook_allowed_hosts: the test receivers listen on 127.0.0.1.
  std::string webhook_allowed_hosts = "127.0.0.1";
  // Use this database instead of a fresh one (a second replica on the same data).
  std::string database_url;
};

class NotificationServer {
 public:
  static absl::StatusOr<std::unique_ptr<NotificationServer>> Start(
      const std::string& backend, NotificationServerOptions options = {});
  ~NotificationServer();

  std::string address() const;
  const std::string& database_url() const { return url_; }
  storage::Database& db() { return *db_; }
  notification::Dispatcher& dispatcher() { return *dispatcher_; }
  const std::string& log_file() const { return log_path_; }
  std::unique_ptr<notification::v1::NotificationService::Stub> NewStub() const;
  // Stops the dispatcher (gracefully) and the server.
  void Stop();

 private:
  NotificationServer() = default;
  std::unique_ptr<storage::testing::TestDatabase> test_db_;
  std::string url_;
  std::string dir_;
  std::string log_path_;
  std::unique_ptr<storage::Database> db_;
  SystemClock clock_;
  std::unique_ptr<Authenticator> auth_;
  std::unique_ptr<ServiceEdge> edge_;
  std::unique_ptr<notification::LogChannel> log_;
  std::unique_ptr<notification::WebhookChannel> webhook_;
  std::unique_ptr<notification::EmailChannel> email_;
  std::unique_ptr<notification::WhatsAppGatewayChannel> whatsapp_;
  std::unique_ptr<notification::Dispatcher> dispatcher_;
  std::unique_ptr<notification::Outbox> outbox_;
  std::unique_ptr<notification::NotificationService> service_;
  std::unique_ptr<RunningServer> server_;
};

}  // namespace penataan::testing

#endif  // PENATAAN_TESTS_TESTING_NOTIFICATION_SERVER_H_
