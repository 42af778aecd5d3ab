// penataan-notification: flags -> options, wiring, signals; nothing else.

#include <memory>

#include "absl/flags/flag.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/auth/authenticator.h"
#include "common/auth/token_authenticator.h"
#include "common/clock.h"
#include "common/config.h"
#include "common/log.h"
#include "common/server/server_runner.h"
#include "common/storage/database.h"
#include "common/storage/migrations.h"
#include "services/notification/channels/email_channel.h"
#include "services/notification/channels/log_channel.h"
#include "services/notification/channels/webhook_channel.h"
#include "services/notification/default_templates.h"
#include "services/notification/dispatcher.h"
#include "services/notification/migrations/notification_migrations.h"
#include "services/notification/notification_service.h"
#include "services/notification/outbox.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:50054", "address:port to serve gRPC on");
ABSL_FLAG(std::string, database, "sqlite://var/notification.db",
          "sqlite:///path or mysql://user[:pass]@host:port/db (prefer ?password_file=)");
ABSL_FLAG(int, db_pool_size, 32, "database connections at most");
ABSL_FLAG(std::string, tokens_file, "deploy/local/tokens.csv",
          "local mode: bearer tokens, CSV \"token,principal\"; empty: none (mTLS only)");
ABSL_FLAG(std::string, tls_cert_file, "", "PEM server certificate; set to serve mutual TLS only");
ABSL_FLAG(std::string, tls_key_file, "", "PEM key of the server certificate");
ABSL_FLAG(std::string, tls_client_ca_file, "", "PEM CA that signs the client certificates");
ABSL_FLAG(std::string, health_listen, "",
          "address:port of a plaintext listener serving only grpc.health.v1 (for probes)");
ABSL_FLAG(int, max_threads, 64, "handler threads at most");
ABSL_FLAG(int, shutdown_grace_seconds, 20, "how long calls in flight may finish on SIGTERM");

ABSL_FLAG(int, dispatcher_workers, 4,
          "delivery threads; 0 runs the API only (another replica delivers)");
ABSL_FLAG(int, claim_batch, 50, "notifications a worker claims at a time");
ABSL_FLAG(int, lease_seconds, 60,
          "how long a claim is held before another dispatcher may take it over");
ABSL_FLAG(int, max_attempts, 8, "delivery attempts before PERMANENT_FAILURE");
ABSL_FLAG(int, initial_backoff_ms, 30000, "wait after the first failed attempt; doubles");
ABSL_FLAG(int, max_backoff_seconds, 3600, "longest wait between attempts");
ABSL_FLAG(double, email_per_second, 20, "email messages a second at most; 0: unlimited");
ABSL_FLAG(double, webhook_per_second, 500, "webhook calls a second at most; 0: unlimited");
ABSL_FLAG(double, log_per_second, 0, "log lines a second at most; 0: unlimited");

ABSL_FLAG(std::string, log_channel_file, "var/notifications.jsonl",
          "the log channel's JSON-lines file; empty: no log channel");
ABSL_FLAG(std::string, webhook_secret_file, "",
          "file holding the HMAC-SHA256 key that signs webhook bodies; empty: unsigned");
ABSL_FLAG(int, webhook_timeout_ms, 10000, "a webhook call's time limit");
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

int Fail(const char* what, const absl::Status& status) {
  LogEvent(LogLevel::kError, what, {{"error", std::string(status.message())}});
  return 1;
}

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
  // A burst of one second's worth (at least 1) smooths the start of a batch.
  auto limit = [](double per_second) {
    return RateLimit{per_second, std::max(1, static_cast<int>(per_second))};
  };
  o.rate_limits = {{v1::EMAIL, limit(absl::GetFlag(FLAGS_email_per_second))},
                   {v1::WEBHOOK, limit(absl::GetFlag(FLAGS_webhook_per_second))},
                   {v1::LOG, limit(absl::GetFlag(FLAGS_log_per_second))}};
  return o;
}

}  // namespace

int main(int argc, char** argv) {
  BlockTerminationSignals();
  ParseFlagsWithEnv(argc, argv, "PENATAAN_NOTIFICATION_");

  std::optional<TokenAuthenticator> tokens;
  if (!absl::GetFlag(FLAGS_tokens_file).empty()) {
    auto loaded = TokenAuthenticator::FromFile(absl::GetFlag(FLAGS_tokens_file));
    if (!loaded.ok()) return Fail("tokens_file_unreadable", loaded.status());
    tokens = std::move(*loaded);
  }
  const TlsFiles tls{absl::GetFlag(FLAGS_tls_cert_file), absl::GetFlag(FLAGS_tls_key_file),
                     absl::GetFlag(FLAGS_tls_client_ca_file)};
  if (!tokens && !tls.enabled()) {
    return Fail("no_identity", absl::FailedPreconditionError(
                                   "give --tokens_file or --tls_cert_file: callers must be identified"));
  }
  Authenticator auth(std::move(tokens));
  auto db = storage::Database::Open(
      {absl::GetFlag(FLAGS_database), absl::GetFlag(FLAGS_db_pool_size), 10000});
  if (!db.ok()) return Fail("database_unavailable", db.status());
  if (absl::Status s = storage::ApplyMigrations(**db, NotificationMigrations()); !s.ok()) {
    return Fail("migration_failed", s);
  }

  // Channels: each one that is configured.
  std::unique_ptr<LogChannel> log_channel;
  if (!absl::GetFlag(FLAGS_log_channel_file).empty()) {
    auto opened = LogChannel::Open(absl::GetFlag(FLAGS_log_channel_file));
    if (!opened.ok()) return Fail("log_channel_unavailable", opened.status());
    log_channel = std::move(*opened);
  }
  WebhookChannel webhook({SecretFrom(absl::GetFlag(FLAGS_webhook_secret_file)),
                          absl::Milliseconds(absl::GetFlag(FLAGS_webhook_timeout_ms))});
  std::unique_ptr<EmailChannel> email;
  if (!absl::GetFlag(FLAGS_smtp_url).empty()) {
    email = std::make_unique<EmailChannel>(EmailOptions{
        absl::GetFlag(FLAGS_smtp_url), absl::GetFlag(FLAGS_smtp_from),
        absl::GetFlag(FLAGS_smtp_username), SecretFrom(absl::GetFlag(FLAGS_smtp_password_file)),
        absl::GetFlag(FLAGS_smtp_starttls)});
  }

  SystemClock clock;
  Dispatcher dispatcher(**db, clock, Channels{email.get(), &webhook, log_channel.get()},
                        DispatcherOptionsFromFlags());
  Outbox outbox(**db, clock, [&dispatcher] { dispatcher.Wake(); });
  const std::string defaults = absl::AsciiStrToUpper(absl::GetFlag(FLAGS_default_templates_channel));
  if (defaults != "NONE") {
    v1::Channel channel;
    if (!v1::Channel_Parse(defaults, &channel) || channel == v1::CHANNEL_UNSPECIFIED) {
      return Fail("bad_flag", absl::InvalidArgumentError(
                                  "--default_templates_channel: LOG, EMAIL, WEBHOOK or NONE"));
    }
    if (absl::Status s = outbox.EnsureTemplates(DefaultTemplates(channel)); !s.ok()) {
      return Fail("default_templates_failed", s);
    }
  }
  NotificationService service(outbox, auth);
  ServerOptions options;
  options.listen_address = absl::GetFlag(FLAGS_listen);
  options.max_threads = absl::GetFlag(FLAGS_max_threads);
  options.tls = tls;
  options.health_listen_address = absl::GetFlag(FLAGS_health_listen);
  auto server = StartServer(options, {&service});
  if (!server.ok()) return Fail("listen_failed", server.status());
  if (absl::GetFlag(FLAGS_dispatcher_workers) > 0) dispatcher.Start();
  LogEvent(LogLevel::kInfo, "serving",
           {{"service", "notification"}, {"listen", options.listen_address},
            {"port", absl::StrCat((*server)->port())},
            {"tls", tls.enabled() ? "mutual" : "off"},
            {"health_port", absl::StrCat((*server)->health_port())},
            {"dispatcher", dispatcher.owner()},
            {"log_channel", absl::GetFlag(FLAGS_log_channel_file)},
            {"email", email ? "on" : "off"}});

  const std::string signal = WaitForTerminationSignal();
  LogEvent(LogLevel::kInfo, "shutting_down", {{"signal", signal}});
  (*server)->Shutdown(absl::Seconds(absl::GetFlag(FLAGS_shutdown_grace_seconds)));
  dispatcher.Stop();
  LogEvent(LogLevel::kInfo, "stopped", {{"service", "notification"}});
  return 0;
}
