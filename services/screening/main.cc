// penataan-screening: flags -> options, wiring, signals; nothing else.

#include <unistd.h>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "common/clock.h"
#include "common/config.h"
#include "common/peer/peer_client.h"
#include "common/peer/peer_flags.h"
#include "common/server/service_main.h"
#include "common/storage/audit_log.h"
#include "services/screening/migrations/screening_migrations.h"
#include "services/screening/registry_client.h"
#include "services/screening/screening.h"
#include "services/screening/screening_access.h"
#include "services/screening/screening_runner.h"
#include "services/screening/screening_service.h"

ABSL_FLAG(std::string, registry_address, "127.0.0.1:50051", "the registry's gRPC address");
ABSL_FLAG(std::string, notification_address, "127.0.0.1:50054",
          "the notification service's gRPC address (results and appeal decisions are sent "
          "through it)");
ABSL_FLAG(int, registry_max_inflight, 16,
          "calls to the registry open at once; more wait their turn");
ABSL_FLAG(int, instansi_cache_seconds, 300,
          "how long an instansi's zone and name read from the registry are reused");
ABSL_FLAG(int, run_page_size, 2000,
          "applicants evaluated per page of a run (one registry call, one transaction)");
ABSL_FLAG(int, sweep_seconds, 30,
          "how often owed statuses and notices are looked for (0: never; runs still send)");

namespace {

std::string ReplicaName() {
  char host[256] = {0};
  if (gethostname(host, sizeof(host) - 1) != 0) host[0] = '\0';
  return absl::StrCat(host[0] ? host : "screening", ":", getpid());
}

}  // namespace

int main(int argc, char** argv) {
  using namespace penataan;
  BlockTerminationSignals();
  ParseFlagsWithEnv(argc, argv, "PENATAAN_SCREENING_");

  ServiceSetup setup =
      ServiceSetupFromFlags("screening", "127.0.0.1:50053", "127.0.0.1:51053");
  // Runs hold a lease on their round's row and notices are claimed as a queue:
  // see DatabaseOptions.
  setup.database.read_committed = true;
  auto auth = AuthenticatorFor(setup);
  if (!auth.ok()) return FailStartup("no_identity", auth.status());
  auto db = OpenMigratedDatabase(setup.database, screening::ScreeningMigrations());
  if (!db.ok()) return FailStartup("database_unavailable", db.status());
  auto registry_peer =
      PeerClient::Create(PeerOptionsFromFlags("registry", absl::GetFlag(FLAGS_registry_address)));
  if (!registry_peer.ok()) return FailStartup("peer_identity", registry_peer.status());
  auto notification_peer = PeerClient::Create(
      PeerOptionsFromFlags("notification", absl::GetFlag(FLAGS_notification_address)));
  if (!notification_peer.ok()) return FailStartup("peer_identity", notification_peer.status());

  const Clock& clock = *setup.clock;  // the system clock, or the demo clock (--demo_clock_start)
  auto edge = ServiceEdge::Create(screening::ScreeningAccess(), **auth,
                                  storage::RefusalsTo(**db), clock);
  if (!edge.ok()) return FailStartup("access_table_incomplete", edge.status());
  screening::RegistryClient registry(**registry_peer, clock,
                                     absl::Seconds(absl::GetFlag(FLAGS_instansi_cache_seconds)),
                                     absl::GetFlag(FLAGS_registry_max_inflight));
  screening::RunnerOptions run_options;
  run_options.page_size = absl::GetFlag(FLAGS_run_page_size);
  run_options.sweep_every = absl::Seconds(absl::GetFlag(FLAGS_sweep_seconds));
  run_options.owner = ReplicaName();
  screening::ScreeningRunner runner(**db, clock, registry, **notification_peer, run_options);
  screening::ScreeningHooks hooks;
  hooks.send_owed_for_result = [&runner](const Caller& caller, int64_t round_id,
                                          int64_t honorer_id) {
    runner.SendOwedForResult(caller, round_id, honorer_id);
  };
  screening::Screening logic(**db, clock, registry, hooks);
  screening::ScreeningService service(logic, runner, **edge);
  return ServeUntilSignal(
      setup, {&service},
      {{"registry", absl::GetFlag(FLAGS_registry_address)},
       {"notification", absl::GetFlag(FLAGS_notification_address)},
       {"runner", run_options.owner}},
      [&] { runner.Start(); }, [&] { runner.Stop(); });
}
