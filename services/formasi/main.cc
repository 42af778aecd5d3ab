// penataan-formasi: flags -> options, wiring, signals; nothing else.

#include "absl/flags/flag.h"
#include "common/clock.h"
#include "common/config.h"
#include "common/peer/peer_client.h"
#include "common/peer/peer_flags.h"
#include "common/server/service_main.h"
#include "common/storage/audit_log.h"
#include "services/formasi/formasi.h"
#include "services/formasi/formasi_access.h"
#include "services/formasi/formasi_service.h"
#include "services/formasi/migrations/formasi_migrations.h"
#include "services/formasi/registry_reader.h"

ABSL_FLAG(std::string, registry_address, "127.0.0.1:50051", "the registry's gRPC address");
ABSL_FLAG(int, instansi_cache_seconds, 300,
          "how long an instansi's zone and name read from the registry are reused");

int main(int argc, char** argv) {
  using namespace penataan;
  BlockTerminationSignals();
  ParseFlagsWithEnv(argc, argv, "PENATAAN_FORMASI_");

  ServiceSetup setup = ServiceSetupFromFlags("formasi", "127.0.0.1:50052", "127.0.0.1:51052");
  // The reminders table is a queue claimed with SKIP LOCKED: see DatabaseOptions.
  setup.database.read_committed = true;
  auto auth = AuthenticatorFor(setup);
  if (!auth.ok()) return FailStartup("no_identity", auth.status());
  auto db = OpenMigratedDatabase(setup.database, formasi::FormasiMigrations());
  if (!db.ok()) return FailStartup("database_unavailable", db.status());
  auto registry_peer =
      PeerClient::Create(PeerOptionsFromFlags("registry", absl::GetFlag(FLAGS_registry_address)));
  if (!registry_peer.ok()) return FailStartup("peer_identity", registry_peer.status());

  const Clock& clock = *setup.clock;  // the system clock, or the demo clock (--demo_clock_start)
  auto edge = ServiceEdge::Create(formasi::FormasiAccess(), **auth, storage::RefusalsTo(**db),
                                  clock);
  if (!edge.ok()) return FailStartup("access_table_incomplete", edge.status());
  formasi::RegistryReader registry(**registry_peer, clock,
                                   absl::Seconds(absl::GetFlag(FLAGS_instansi_cache_seconds)));
  formasi::Formasi logic(**db, clock, registry);
  formasi::FormasiService service(logic, **edge);
  return ServeUntilSignal(setup, {&service},
                          {{"registry", absl::GetFlag(FLAGS_registry_address)}});
}
