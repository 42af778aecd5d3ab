#include "common/server/service_main.h"

#include <cstdlib>
#include <memory>

#include "absl/flags/flag.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/auth/token_authenticator.h"
#include "common/server/listen_address.h"
#include "common/metrics/http_endpoint.h"
#include "common/metrics/rpc_metrics.h"
#include "common/status_macros.h"

ABSL_FLAG(std::string, listen, "", "address:port to serve gRPC on (default: the service's port)");
ABSL_FLAG(std::string, database, "",
          "sqlite:///path or mysql://user@host:port/db?password_file=/path (default: "
          "sqlite://var/<service>.db)");
ABSL_FLAG(int, db_pool_size, 32, "database connections at most");
ABSL_FLAG(std::string, tokens_file, "deploy/local/tokens.csv",
          "local mode: bearer tokens, CSV \"token,principal\"; empty: none (mTLS only)");
ABSL_FLAG(std::string, tls_cert_file, "", "PEM server certificate; set to serve mutual TLS only");
ABSL_FLAG(std::string, tls_key_file, "", "PEM key of the server certificate");
ABSL_FLAG(std::string, tls_client_ca_file, "", "PEM CA that signs the client certificates");
ABSL_FLAG(std::string, health_listen, "",
          "address:port of a plaintext listener serving only grpc.health.v1 (for probes)");
ABSL_FLAG(int, max_threads, 1000,
          "handler threads at most (started on demand); calls beyond it are refused with "
          "RESOURCE_EXHAUSTED, so it must exceed the calls a deadline-day burst holds open");
ABSL_FLAG(int, shutdown_grace_seconds, 20, "how long calls in flight may finish on SIGTERM");
ABSL_FLAG(bool, allow_insecure_listen, false,
          "serve plaintext gRPC on a non-loopback --listen (only behind a network layer that "
          "encrypts and authenticates, such as a service mesh)");
ABSL_FLAG(std::string, metrics_listen, "",
          "address:port of the plaintext HTTP listener serving Prometheus /metrics (default: "
          "--listen's host and port + 1000, port 0 for port 0); off: none");

ABSL_FLAG(std::string, demo_clock_start, "",
          "local and demo mode: start the service's clock at this RFC 3339 instant "
          "(2025-08-22T09:00:00+07:00); it then runs at real speed");
ABSL_FLAG(bool, migrate_only, false,
          "open the database, apply the migrations and exit 0 without serving (a Kubernetes "
          "init container runs it before the replicas start)");
ABSL_FLAG(bool, allow_demo_clock, false,
          "accept --demo_clock_start on a --listen other machines can reach");

namespace penataan {
namespace {

// Without --metrics_listen, a --listen given moves the metrics listener with it:
// the same host and the port + 1000, and port 0 (a test's free port) stays 0, so
// that two processes started on free ports never fight over a metrics port.
std::string MetricsAddressBeside(const std::string& listen) {
  const size_t colon = listen.rfind(':');
  int port = 0;
  if (colon == std::string::npos || !absl::SimpleAtoi(listen.substr(colon + 1), &port)) {
    return listen;  // not host:port; the gRPC listener will refuse it first
  }
  const int metrics_port = port == 0 || port + 1000 > 65535 ? 0 : port + 1000;
  return absl::StrCat(listen.substr(0, colon), ":", metrics_port);
}

// Deadlines are judged by this clock, so a demo clock in production would accept
// or refuse submissions by a time nobody lives in: refused beyond loopback unless
// asked for by name.
absl::StatusOr<std::shared_ptr<Clock>> ClockFromFlags(const std::string& listen) {
  const std::string start = absl::GetFlag(FLAGS_demo_clock_start);
  if (start.empty()) return std::make_shared<SystemClock>();
  absl::Time t;
  std::string error;
  if (!absl::ParseTime(absl::RFC3339_full, start, &t, &error)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--demo_clock_start: ", start, " is not an RFC 3339 instant such as "
        "2025-08-22T09:00:00+07:00 (", error, ")"));
  }
  if (!IsLoopbackListen(listen) && !absl::GetFlag(FLAGS_allow_demo_clock)) {
    return absl::FailedPreconditionError(absl::StrCat(
        "--demo_clock_start is for local and demo mode: --listen ", listen,
        " is reachable from other machines (pass --allow_demo_clock to insist)"));
  }
  LogEvent(LogLevel::kWarning, "demo_clock", {{"start", start}});
  return std::make_shared<DemoClock>(t);
}

}  // namespace

ServiceSetup ServiceSetupFromFlags(const std::string& name, const std::string& default_listen,
                                   const std::string& default_metrics_listen) {
  ServiceSetup setup;
  setup.name = name;
  setup.tokens_file = absl::GetFlag(FLAGS_tokens_file);
  const std::string database = absl::GetFlag(FLAGS_database);
  setup.database = {database.empty() ? absl::StrCat("sqlite://var/", name, ".db") : database,
                    absl::GetFlag(FLAGS_db_pool_size), 10000};
  const std::string listen = absl::GetFlag(FLAGS_listen);
  setup.server.listen_address = listen.empty() ? default_listen : listen;
  setup.server.max_threads = absl::GetFlag(FLAGS_max_threads);
  setup.server.tls = {absl::GetFlag(FLAGS_tls_cert_file), absl::GetFlag(FLAGS_tls_key_file),
                      absl::GetFlag(FLAGS_tls_client_ca_file)};
  setup.server.health_listen_address = absl::GetFlag(FLAGS_health_listen);
  setup.shutdown_grace = absl::Seconds(absl::GetFlag(FLAGS_shutdown_grace_seconds));
  setup.allow_insecure_listen = absl::GetFlag(FLAGS_allow_insecure_listen);
  const std::string metrics = absl::GetFlag(FLAGS_metrics_listen);
  if (metrics == "off") {
    setup.metrics_listen = "";
  } else if (!metrics.empty()) {
    setup.metrics_listen = metrics;
  } else {
    setup.metrics_listen = listen.empty() ? default_metrics_listen : MetricsAddressBeside(listen);
  }
  auto clock = ClockFromFlags(setup.server.listen_address);
  if (!clock.ok()) std::exit(FailStartup("invalid_clock", clock.status()));
  setup.clock = *std::move(clock);
  return setup;
}

absl::StatusOr<std::unique_ptr<Authenticator>> AuthenticatorFor(const ServiceSetup& setup) {
  std::optional<TokenAuthenticator> tokens;
  if (!setup.tokens_file.empty()) {
    ASSIGN_OR_RETURN(TokenAuthenticator loaded, TokenAuthenticator::FromFile(setup.tokens_file));
    tokens = std::move(loaded);
  }
  if (!tokens && !setup.server.tls.enabled()) {
    return absl::FailedPreconditionError(
        "give --tokens_file or --tls_cert_file: callers must be identified");
  }
  const std::string& listen = setup.server.listen_address;
  if (!IsLoopbackListen(listen)) {
    if (tokens && tokens->local_only()) {
      return absl::FailedPreconditionError(absl::StrCat(
          "--tokens_file ", setup.tokens_file,
          " holds public local-development tokens: it is accepted on a loopback --listen "
          "only (production identifies callers by mutual TLS)"));
    }
    if (!setup.server.tls.enabled() && !setup.allow_insecure_listen) {
      return absl::FailedPreconditionError(absl::StrCat(
          "--listen ", listen, " is reachable from other machines: serve mutual TLS "
          "(--tls_cert_file, --tls_key_file, --tls_client_ca_file) or pass "
          "--allow_insecure_listen"));
    }
  }
  return std::make_unique<Authenticator>(std::move(tokens));
}

absl::StatusOr<std::unique_ptr<storage::Database>> OpenMigratedDatabase(
    const storage::DatabaseOptions& options, const std::vector<storage::Migration>& migrations) {
  ASSIGN_OR_RETURN(std::unique_ptr<storage::Database> db, storage::Database::Open(options));
  RETURN_IF_ERROR(storage::ApplyMigrations(*db, migrations));
  if (absl::GetFlag(FLAGS_migrate_only)) {
    LogEvent(LogLevel::kInfo, "migrated",
             {{"schema_version", absl::StrCat(migrations.empty() ? 0 : migrations.back().version)}});
    std::exit(0);
  }
  return db;
}

int ServeUntilSignal(const ServiceSetup& setup, const std::vector<grpc::Service*>& services,
                     std::initializer_list<LogField> fields,
                     const std::function<void()>& after_start,
                     const std::function<void()>& after_drain) {
  metrics::SetServiceName(setup.name);
  std::unique_ptr<metrics::HttpEndpoint> metrics_endpoint;
  if (!setup.metrics_listen.empty()) {
    auto started = metrics::HttpEndpoint::Start(setup.metrics_listen);
    if (!started.ok()) return FailStartup("metrics_listen_failed", started.status());
    metrics_endpoint = std::move(*started);
  }
  auto server = StartServer(setup.server, services);
  if (!server.ok()) return FailStartup("listen_failed", server.status());
  if (after_start) after_start();
  LogEvent(LogLevel::kInfo, "serving",
           {{"service", setup.name}, {"listen", setup.server.listen_address},
            {"port", absl::StrCat((*server)->port())},
            {"tls", setup.server.tls.enabled() ? "mutual" : "off"},
            {"health_port", absl::StrCat((*server)->health_port())},
            {"metrics_port", metrics_endpoint ? absl::StrCat(metrics_endpoint->port()) : "off"}});
  if (fields.size() > 0) LogEvent(LogLevel::kInfo, "configured", fields);

  const std::string signal = WaitForTerminationSignal();
  LogEvent(LogLevel::kInfo, "shutting_down", {{"signal", signal}});
  (*server)->Shutdown(setup.shutdown_grace);
  if (after_drain) after_drain();
  // Last: a scrape during the drain still sees the calls finishing.
  if (metrics_endpoint) metrics_endpoint->Stop();
  LogEvent(LogLevel::kInfo, "stopped", {{"service", setup.name}});
  return 0;
}

int FailStartup(const char* event, const absl::Status& status) {
  LogEvent(LogLevel::kError, event, {{"error", std::string(status.message())}});
  return 1;
}

}  // namespace penataan
