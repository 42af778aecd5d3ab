// penataan-registry: flags -> options, wiring, signals; nothing else.

#include <cstdio>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "common/auth/authenticator.h"
#include "common/auth/token_authenticator.h"
#include "common/clock.h"
#include "common/config.h"
#include "common/log.h"
#include "common/server/server_runner.h"
#include "common/storage/database.h"
#include "common/storage/migrations.h"
#include "services/registry/migrations/registry_migrations.h"
#include "services/registry/registry.h"
#include "services/registry/import_session.h"
#include "services/registry/registry_service.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:50051", "address:port to serve gRPC on");
ABSL_FLAG(std::string, database, "sqlite://var/registry.db",
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
ABSL_FLAG(int, import_batch_size, 0,
          "rows per ImportHonorers transaction; 0: 20000 on SQLite, 4000 on MySQL");
ABSL_FLAG(int, shutdown_grace_seconds, 20, "how long calls in flight may finish on SIGTERM");

namespace {

int Fail(const char* what, const absl::Status& status) {
  penataan::LogEvent(penataan::LogLevel::kError, what, {{"error", std::string(status.message())}});
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace penataan;
  BlockTerminationSignals();
  ParseFlagsWithEnv(argc, argv, "PENATAAN_REGISTRY_");

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
  if (absl::Status s = storage::ApplyMigrations(**db, registry::RegistryMigrations()); !s.ok()) {
    return Fail("migration_failed", s);
  }

  SystemClock clock;
  registry::Registry logic(**db, clock);
  const int batch = absl::GetFlag(FLAGS_import_batch_size);
  registry::RegistryService service(
      logic, auth,
      {batch > 0 ? batch : registry::DefaultImportBatchSize((*db)->dialect())});
  ServerOptions options;
  options.listen_address = absl::GetFlag(FLAGS_listen);
  options.max_threads = absl::GetFlag(FLAGS_max_threads);
  options.tls = tls;
  options.health_listen_address = absl::GetFlag(FLAGS_health_listen);
  auto server = StartServer(options, {&service});
  if (!server.ok()) return Fail("listen_failed", server.status());
  LogEvent(LogLevel::kInfo, "serving",
           {{"service", "registry"}, {"listen", options.listen_address},
            {"port", absl::StrCat((*server)->port())},
            {"tls", tls.enabled() ? "mutual" : "off"},
            {"health_port", absl::StrCat((*server)->health_port())}});

  const std::string signal = WaitForTerminationSignal();
  LogEvent(LogLevel::kInfo, "shutting_down", {{"signal", signal}});
  (*server)->Shutdown(absl::Seconds(absl::GetFlag(FLAGS_shutdown_grace_seconds)));
  LogEvent(LogLevel::kInfo, "stopped", {{"service", "registry"}});
  return 0;
}
