#ifndef PENATAAN_COMMON_SERVER_SERVICE_MAIN_H_
#define PENATAAN_COMMON_SERVER_SERVICE_MAIN_H_

// What every service's main() does besides its own wiring: the common flags,
// identifying callers, opening and migrating its database, serving until SIGTERM
// and draining. A main() defines only the flags of its own service.

#include <functional>
#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/auth/authenticator.h"
#include "common/clock.h"
#include "common/log.h"
#include "common/server/server_runner.h"
#include "common/storage/database.h"
#include "common/storage/migrations.h"

namespace penataan {

struct ServiceSetup {
  std::string name;         // "registry", "notification"
  std::string tokens_file;  // local bearer tokens; empty: none
  storage::DatabaseOptions database;
  ServerOptions server;     // its tls is also the identity of callers
  std::string metrics_listen;  // host:port of the Prometheus /metrics listener; empty: none
  absl::Duration shutdown_grace = absl::Seconds(20);
  // Serve plaintext gRPC beyond loopback (behind a mesh that encrypts, say).
  bool allow_insecure_listen = false;
  // The clock every part of the service reads: the system's, or with
  // --demo_clock_start a DemoClock (loopback --listen only, unless --allow_demo_clock).
  std::shared_ptr<Clock> clock;
};

// The flags every service has, read after ParseFlagsWithEnv:
//   --listen (default `default_listen`), --database (default sqlite://var/<name>.db),
//   --db_pool_size, --tokens_file, --tls_cert_file, --tls_key_file,
//   --tls_client_ca_file, --health_listen, --max_threads, --shutdown_grace_seconds,
//   --metrics_listen (default: with --listen given, its host and port + 1000, or
//   port 0 for port 0; else `default_metrics_listen`; "off": none),
//   --demo_clock_start, --allow_demo_clock, --migrate_only (see OpenMigratedDatabase).
// A --demo_clock_start that does not parse, or one on a listen address other
// machines can reach without --allow_demo_clock, ends the process (exit code 1):
// a production service must never judge deadlines by a made-up time.
ServiceSetup ServiceSetupFromFlags(const std::string& name, const std::string& default_listen,
                                   const std::string& default_metrics_listen = "");

// Tokens, mutual TLS, or both; FAILED_PRECONDITION when neither is configured,
// and when the transport would expose the service: plaintext on a non-loopback
// address without --allow_insecure_listen, or the local-only tokens file on a
// non-loopback address at all.
absl::StatusOr<std::unique_ptr<Authenticator>> AuthenticatorFor(const ServiceSetup& setup);

// Opens the database and applies the service's migrations. With --migrate_only it
// then logs "migrated" and ends the process with exit code 0 instead of returning:
// the migration step of a rollout (k8s/base), where replicas starting together
// queue on the migrations' named lock and the later ones find nothing to do.
absl::StatusOr<std::unique_ptr<storage::Database>> OpenMigratedDatabase(
    const storage::DatabaseOptions& options, const std::vector<storage::Migration>& migrations);

// Starts the metrics listener (setup.metrics_listen) and serving `services`, runs
// `after_start`, logs "serving" (with `fields`; metrics_port= the port taken),
// waits for SIGTERM or SIGINT, drains calls in flight, runs `after_drain`, stops
// the metrics listener, and returns the process's exit code.
// BlockTerminationSignals() must have run first.
int ServeUntilSignal(const ServiceSetup& setup, const std::vector<grpc::Service*>& services,
                     std::initializer_list<LogField> fields,
                     const std::function<void()>& after_start = {},
                     const std::function<void()>& after_drain = {});

// Logs a start-up failure as one line and returns the exit code 1.
int FailStartup(const char* event, const absl::Status& status);

}  // namespace penataan

#endif  // PENATAAN_COMMON_SERVER_SERVICE_MAIN_H_
