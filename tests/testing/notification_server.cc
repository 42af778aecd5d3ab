#include "tests/testing/notification_server.h"

#include "common/storage/audit_log.h"
#include "services/notification/notification_access.h"

#include <cstdlib>
#include <filesystem>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "common/storage/migrations.h"
#include "services/notification/default_templates.h"
#include "services/notification/migrations/notification_migrations.h"

namespace penataan::testing {

absl::StatusOr<std::unique_ptr<NotificationServer>> NotificationServer::Start(
    const std::string& backend, NotificationServerOptions options) {
  auto s = std::unique_ptr<NotificationServer>(new NotificationServer());
  if (options.database_url.empty()) {
    ASSIGN_OR_RETURN(s->test_db_, storage::testing::TestDatabase::Create(backend));
    s->url_ = s->test_db_->url();
  } else {
    s->url_ = options.database_url;
  }
  storage::DatabaseOptions db_options{s->url_, 16, 10000};
  db_options.read_committed = true;  // as penataan-notification opens it
  ASSIGN_OR_RETURN(s->db_, storage::Database::Open(db_options));
  RETURN_IF_ERROR(storage::ApplyMigrations(*s->db_, notification::NotificationMigrations()));
  ASSIGN_OR_RETURN(TokenAuthenticator tokens, TestTokens());
  s->auth_ = std::make_unique<Authenticator>(std::move(tokens));

  char dir[] = "/tmp/penataan-notify-XXXXXX";
  if (mkdtemp(dir) == nullptr) return absl::InternalError("mkdtemp failed");
  s->dir_ = dir;
  s->log_path_ = absl::StrCat(s->dir_, "/var/notifications.jsonl");
  ASSIGN_OR_RETURN(s->log_, notification::LogChannel::Open(s->log_path_));
  ASSIGN_OR_RETURN(notification::WebhookHosts webhook_hosts,
                   notification::WebhookHosts::Parse(options.webhook_allowed_hosts));
  notification::WebhookOptions webhook_options{kWebhookSecret, options.webhook_timeout};
  webhook_options.allowed_hosts = webhook_hosts;
  s->webhook_ = std::make_unique<notification::WebhookChannel>(webhook_options);
  if (!options.whatsapp_gateway_url.empty()) {
    ASSIGN_OR_RETURN(s->whatsapp_, notification::WhatsAppGatewayChannel::Create(
                                       {options.whatsapp_gateway_url, kWhatsAppGatewayToken,
                                        kWebhookSecret, options.webhook_timeout}));
  }
  if (!options.smtp_url.empty()) {
    s->email_ = std::make_unique<notification::EmailChannel>(notification::EmailOptions{
        options.smtp_url, "noreply@penataan.go.id", "", "", "none", absl::Seconds(5)});
  }
  s->dispatcher_ = std::make_unique<notification::Dispatcher>(
      *s->db_, s->clock_,
      notification::Channels{s->email_.get(), s->webhook_.get(), s->log_.get(),
                             s->whatsapp_.get()},
      options.dispatcher);
  s->outbox_ = std::make_unique<notification::Outbox>(
      *s->db_, s->clock_, [d = s->dispatcher_.get()] { d->Wake(); }, webhook_hosts);
  RETURN_IF_ERROR(s->outbox_->EnsureTemplates(notification::DefaultTemplates(
      notification::v1::LOG)));
  ASSIGN_OR_RETURN(s->edge_,
                   ServiceEdge::Create(notification::NotificationAccess(), *s->auth_,
                                       storage::RefusalsTo(*s->db_), s->clock_));
  s->service_ = std::make_unique<notification::NotificationService>(*s->outbox_, *s->edge_,
                                                                    *s->db_);
  ASSIGN_OR_RETURN(s->server_, StartServer(ServerOptions{}, {s->service_.get()}));
  if (options.start_dispatcher) s->dispatcher_->Start();
  return s;
}

NotificationServer::~NotificationServer() {
  Stop();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

void NotificationServer::Stop() {
  if (server_) server_->Shutdown(absl::Seconds(5));
  if (dispatcher_) dispatcher_->Stop();
}

std::string NotificationServer::address() const {
  return absl::StrCat("127.0.0.1:", server_->port());
}

std::unique_ptr<notification::v1::NotificationService::Stub> NotificationServer::NewStub()
    const {
  return notification::v1::NotificationService::NewStub(
      grpc::CreateChannel(address(), grpc::InsecureChannelCredentials()));
}

}  // namespace penataan::testing
