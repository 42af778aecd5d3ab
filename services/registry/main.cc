// penataan-registry: flags -> options, wiring, signals; nothing else.

#include <algorithm>
#include <memory>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "common/clock.h"
#include "common/config.h"
#include "common/peer/peer_client.h"
#include "common/peer/peer_flags.h"
#include "common/server/service_main.h"
#include "common/storage/audit_log.h"
#include "services/registry/contract_scheduler.h"
#include "services/registry/migrations/registry_migrations.h"
#include "services/registry/registry.h"
#include "services/registry/registry_access.h"
#include "services/registry/import_session.h"
#include "services/registry/registry_service.h"

ABSL_FLAG(int, import_batch_size, 0,
          "rows per ImportHonorers transaction; 0: 20000 on SQLite, 4000 on MySQL");
ABSL_FLAG(std::string, notification_address, "127.0.0.1:50054",
          "the notification service's gRPC address (contract notices are sent through it)");
ABSL_FLAG(std::string, contract_scheduler, "on",
          "on: this replica sweeps contracts (reminders, expiry) and sends their notices; off: "
          "not");
ABSL_FLAG(int, contract_scheduler_workers, 2, "contract notice sending threads");
ABSL_FLAG(int, contract_tick_ms, 1000,
          "how often the contract sweeper and idle notice senders look for work");
ABSL_FLAG(int, contract_lease_seconds, 60,
          "how long an instansi's sweep or a claim of contract notices is held");
ABSL_FLAG(int, contract_max_overdue_days, 31,
          "a contract that ended more days ago than this when first seen is left to an admin "
          "(a restored backup or old imported dates must not send thousands home at once)");

int main(int argc, char** argv) {
  using namespace penataan;
  BlockTerminationSignals();
  ParseFlagsWithEnv(argc, argv, "PENATAAN_REGISTRY_");

  const ServiceSetup setup = ServiceSetupFromFlags("registry", "127.0.0.1:50051",
                                                   "127.0.0.1:51051");
  auto auth = AuthenticatorFor(setup);
  if (!auth.ok()) return FailStartup("no_identity", auth.status());
  auto db = OpenMigratedDatabase(setup.database, registry::RegistryMigrations());
  if (!db.ok()) return FailStartup("database_unavailable", db.status());

  const Clock& clock = *setup.clock;  // the system clock, or the demo clock (--demo_clock_start)
  auto edge = ServiceEdge::Create(registry::RegistryAccess(), **auth,
                                  storage::RefusalsTo(**db), clock);
  if (!edge.ok()) return FailStartup("access_table_incomplete", edge.status());
  registry::Registry logic(**db, clock);
  const int batch = absl::GetFlag(FLAGS_import_batch_size);
  registry::RegistryService service(
      logic, **edge,
      {batch > 0 ? batch : registry::DefaultImportBatchSize((*db)->dialect())});

  // ---- the contract scheduler (contracts-expiry branch)
  const std::string scheduler_flag = absl::GetFlag(FLAGS_contract_scheduler);
  if (scheduler_flag != "on" && scheduler_flag != "off") {
    return FailStartup("bad_flag", absl::InvalidArgumentError("--contract_scheduler: on or off"));
  }
  const bool scheduling = scheduler_flag == "on";
  // The outbox is a queue claimed with SKIP LOCKED: on MySQL the scheduler has its own
  // READ COMMITTED connections (see DatabaseOptions); the handlers keep theirs.
  std::unique_ptr<storage::Database> scheduler_db;
  if (scheduling && (*db)->dialect() == storage::Dialect::kMysql) {
    storage::DatabaseOptions options = setup.database;
    options.read_committed = true;
    options.pool_size =
        std::min(options.pool_size, 4 + absl::GetFlag(FLAGS_contract_scheduler_workers));
    auto opened = storage::Database::Open(options);
    if (!opened.ok()) return FailStartup("database_unavailable", opened.status());
    scheduler_db = std::move(*opened);
  }
  // Without an identity towards notification the replica still sweeps; its notices
  // wait in the outbox for a replica that can send (and a warning says so).
  const PeerOptions peer = PeerOptionsFromFlags("notification",
                                                absl::GetFlag(FLAGS_notification_address));
  std::unique_ptr<PeerClient> notification;
  if (scheduling && (!peer.identity.token_file.empty() || !peer.identity.tls_cert_file.empty())) {
    auto created = PeerClient::Create(peer);
    if (!created.ok()) return FailStartup("peer_identity", created.status());
    notification = std::move(*created);
  }
  registry::ContractSchedulerOptions contract_options;
  contract_options.workers = absl::GetFlag(FLAGS_contract_scheduler_workers);
  contract_options.tick = absl::Milliseconds(absl::GetFlag(FLAGS_contract_tick_ms));
  contract_options.lease = absl::Seconds(absl::GetFlag(FLAGS_contract_lease_seconds));
  contract_options.max_overdue_days = absl::GetFlag(FLAGS_contract_max_overdue_days);
  registry::ContractScheduler scheduler(scheduler_db ? *scheduler_db : **db, clock,
                                        notification.get(), contract_options);

  return ServeUntilSignal(
      setup, {&service},
      {{"notification", absl::GetFlag(FLAGS_notification_address)},
       {"contract_scheduler", scheduling ? scheduler.owner() : "off"}},
      [&] {
        if (scheduling) scheduler.Start();
      },
      [&] { scheduler.Stop(); });
}
