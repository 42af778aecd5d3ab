// penataan-notification: flags -> options, wiring, signals; nothing else.

#include <memory>

#include "absl/flags/flag.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/clock.h"
#include "common/config.h"
#include "common/server/service_main.h"
#include "common/storage/audit_log.h"
#include "services/notification/channels/email_channel.h"
#include "services/notification/channels/log_channel.h"
#include "services/notification/channels/webhook_channel.h"
#include "services/notification/channels/whatsapp_gateway_channel.h"
#include "services/notification/default_templates.h"
#include "services/notification/dispatcher.h"
#include "services/notification/migrations/notification_migrations.h"
#include "services/notification/notification_access.h"
#include "services/notification/notification_metrics.h"
#include "services/notification/notification_service.h"
#include "services/notification/outbox.h"


ABSL_FLAG(int, dispatcher_workers, 4,
          "delivery threads; 0 runs the API only (another replica delivers)");
ABSL_FLAG(int, claim_batch, 50, "notifications a worker claims at a time");
ABSL_FLAG(int, lease_seconds, 60,
          "how long a claim is held before another dispatcher may take it over");
ABSL_FLAG(int, max_attempts, 8, "delivery attempts before PERMANENT_FAILURE");
ABSL_FLAG(int, initial_backoff_ms, 30000, "wait after the first failed attempt; doubles");
ABSL_FLAG(int, max_backoff_seconds, 3600, "longest wait between attempts");
ABSL_FLAG(int, retention_days, 0,
          "delete DELIVERED and PERMANENT_FAILURE notifications (personal data) this many days "
          "after they settled; 0: keep them");
ABSL_FLAG(double, email_per_second, 20, "email messages a second at most; 0: unlimited");
ABSL_FLAG(double, webhook_per_second, 500, "webhook calls a second at most; 0: unlimited");
ABSL_FLAG(double, log_per_second, 0, "log lines a second at most; 0: unlimited");

ABSL_FLAG(std::string, log_channel_file, "var/notifications.jsonl",
          "the log channel's JSON-lines file; empty: no log channel");
ABSL_FLAG(std::string, webhook_secret_file, "",
          "file holding the HMAC-SHA256 key that signs webhook bodies; empty: unsigned");
ABSL_FLAG(int, webhook_timeout_ms, 10000, "a webhook call's time limit");
ABSL_FLAG(std::string, webhook_allowed_hosts, "",
          "comma-separated host names, addresses and CIDRs that webhooks may reach although "
          "internal (loopback, link-local, private); e.g. gateway.svc,10.20.0.0/16");
ABSL_FLAG(std::string, whatsapp_gateway_url, "",
          "the WhatsApp gateway that WEBHOOK notifications to \"whatsapp:+628…\" are posted "
          "to as {\"to\",\"text\",\"reference\"}; empty: such notifications fail");
ABSL_FLAG(std::string, whatsapp_gateway_token_file, "",
          "file holding the gateway's bearer token (Authorization: Bearer); empty: none");
ABSL_FLAG(std::string, smtp_url, "",
          "SMTP relay, e.g. smtp://relay.example.go.id:587; empty: no email channel");
ABSL_FLAG(std::string, smtp_from, "noreply@penataan.local", "envelope and header sender");
ABSL_FLAG(std::string, smtp_username, "", "SMTP AUTH user; empty: no AUTH");
ABSL_FLAG(std::string, smtp_password_file, "", "file holding the SMTP AUTH password");
ABSL_FLAG(std::string, smtp_starttls, "try", "STARTTLS on smtp://: none, try or required");
ABSL_FLAG(std::string, default_templates_channel, "LOG",
          "channel of the built-in Indonesian templates stored at start-up (LOG, EMAIL, "
          "WEBHOOK); NONE: store none");

namespace {

using namespace penataan;
using namespace penataan::notification;

std::string SecretFrom(const std::string& path) {
  if (path.empty()) return "";
  return std::string(absl::StripAsciiWhitespace(ReadFileOrDie(path)));
}

DispatcherOptions DispatcherOptionsFromFlags() {
  DispatcherOptions o;
  o.workers = absl::GetFlag(FLAGS_dispatcher_workers);
  o.claim_batch = absl::GetFlag(FLAGS_claim_batch);
  o.lease = absl::Seconds(absl::GetFlag(FLAGS_lease_seconds));
  o.retry.max_attempts = absl::GetFlag(FLAGS_max_attempts);
  o.retry.initial_backoff = absl::Milliseconds(absl::GetFlag(FLAGS_initial_backoff_ms));
  o.retry.max_backoff = absl::Seconds(absl::GetFlag(FLAGS_max_backoff_seconds));
  o.retention = absl::Hours(24) * absl::GetFlag(FLAGS_retention_days);
  // A burst of one second's worth (at least 1) smooths the start of a batch.
  auto limit = [](double per_second) {
    return RateLimit{per_second, std::max(1, static_cast<int>(per_second))};
  };
  o.rate_limits = {{v1::EMAIL, limit(absl::GetFlag(FLAGS_email_per_second))},
                   {v1::WEBHOOK, limit(absl::GetFlag(FLAGS_webhook_per_second))},
                   {v1::LOG, limit(absl::GetFlag(FLAGS_log_per_second))}};
  return o;
}

// The built-in Indonesian templates, on the channel the flag names.
absl::Status StoreDefaultTemplates(Outbox& outbox) {
  const std::string name = absl::AsciiStrToUpper(absl::GetFlag(FLAGS_default_templates_channel));
  if (name == "NONE") return absl::OkStatus();
  v1::Channel channel;
  if (!v1::Channel_Parse(name, &channel) || channel == v1::CHANNEL_UNSPECIFIED) {
    return absl::InvalidArgumentError("--default_templates_channel: LOG, EMAIL, WEBHOOK or NONE");
  }
  return outbox.EnsureTemplates(DefaultTemplates(channel));
}

}  // namespace

int main(int argc, char** argv) {
  BlockTerminationSignals();
  ParseFlagsWithEnv(argc, argv, "PENATAAN_NOTIFICATION_");

  ServiceSetup setup = ServiceSetupFromFlags("notification", "127.0.0.1:50054",
                                             "127.0.0.1:51054");
  setup.database.read_committed = true;  // the outbox is a queue: see DatabaseOptions
  auto auth = AuthenticatorFor(setup);
  if (!auth.ok()) return FailStartup("no_identity", auth.status());
  auto db = OpenMigratedDatabase(setup.database, NotificationMigrations());
  if (!db.ok()) return FailStartup("database_unavailable", db.status());

  // Channels: each one that is configured.
  std::unique_ptr<LogChannel> log_channel;
  if (!absl::GetFlag(FLAGS_log_channel_file).empty()) {
    auto opened = LogChannel::Open(absl::GetFlag(FLAGS_log_channel_file));
    if (!opened.ok()) return FailStartup("log_channel_unavailable", opened.status());
    log_channel = std::move(*opened);
  }
  auto webhook_hosts = WebhookHosts::Parse(absl::GetFlag(FLAGS_webhook_allowed_hosts));
  if (!webhook_hosts.ok()) return FailStartup("bad_flag", webhook_hosts.status());
  WebhookOptions webhook_options;
  webhook_options.secret = SecretFrom(absl::GetFlag(FLAGS_webhook_secret_file));
  webhook_options.timeout = absl::Milliseconds(absl::GetFlag(FLAGS_webhook_timeout_ms));
  webhook_options.allowed_hosts = *webhook_hosts;
  WebhookChannel webhook(webhook_options);
  std::unique_ptr<WhatsAppGatewayChannel> whatsapp;
  if (!absl::GetFlag(FLAGS_whatsapp_gateway_url).empty()) {
    auto created = WhatsAppGatewayChannel::Create(
        {absl::GetFlag(FLAGS_whatsapp_gateway_url),
         SecretFrom(absl::GetFlag(FLAGS_whatsapp_gateway_token_file)), webhook_options.secret,
         webhook_options.timeout});
    if (!created.ok()) return FailStartup("bad_flag", created.status());
    whatsapp = std::move(*created);
  }
  std::unique_ptr<EmailChannel> email;
  if (!absl::GetFlag(FLAGS_smtp_url).empty()) {
    email = std::make_unique<EmailChannel>(EmailOptions{
        absl::GetFlag(FLAGS_smtp_url), absl::GetFlag(FLAGS_smtp_from),
        absl::GetFlag(FLAGS_smtp_username), SecretFrom(absl::GetFlag(FLAGS_smtp_password_file)),
        absl::GetFlag(FLAGS_smtp_starttls)});
  }

  const Clock& clock = *setup.clock;
  Dispatcher dispatcher(**db, clock, Channels{email.get(), &webhook, log_channel.get(), whatsapp.get()},
                        DispatcherOptionsFromFlags());
  Outbox outbox(**db, clock, [&dispatcher] { dispatcher.Wake(); }, *webhook_hosts);
  if (absl::Status s = StoreDefaultTemplates(outbox); !s.ok()) {
    return FailStartup("default_templates_failed", s);
  }
  auto edge = ServiceEdge::Create(NotificationAccess(),
                                  **auth, storage::RefusalsTo(**db), clock);
  if (!edge.ok()) return FailStartup("access_table_incomplete", edge.status());
  NotificationService service(outbox, **edge, **db);
  const metrics::CallbackHandle outbox_depth = ExportOutboxDepth(**db);
  const bool dispatching = absl::GetFlag(FLAGS_dispatcher_workers) > 0;
  return ServeUntilSignal(
      setup, {&service},
      {{"dispatcher", dispatching ? dispatcher.owner() : "off"},
       {"log_channel", absl::GetFlag(FLAGS_log_channel_file)},
       {"email", email ? absl::GetFlag(FLAGS_smtp_url) : "off"},
       // The URL only: the token stays out of the log.
       {"whatsapp_gateway", whatsapp ? absl::GetFlag(FLAGS_whatsapp_gateway_url) : "off"}},
      [&] {
        if (dispatching) dispatcher.Start();
      },
      [&] { dispatcher.Stop(); });
}
