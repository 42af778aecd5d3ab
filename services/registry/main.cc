// penataan-registry: flags -> options, wiring, signals; nothing else.

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "common/clock.h"
#include "common/config.h"
#include "common/server/service_main.h"
#include "common/storage/audit_log.h"
#include "services/registry/migrations/registry_migrations.h"
#include "services/registry/registry.h"
#include "services/registry/registry_access.h"
#include "services/registry/import_session.h"
#include "services/registry/registry_service.h"

ABSL_FLAG(int, import_batch_size, 0,
          "rows per ImportHonorers transaction; 0: 20000 on SQLite, 4000 on MySQL");

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

  const Clock& clock = *setup.clock;
  auto edge = ServiceEdge::Create(registry::RegistryAccess(), **auth,
                                  storage::RefusalsTo(**db), clock);
  if (!edge.ok()) return FailStartup("access_table_incomplete", edge.status());
  registry::Registry logic(**db, clock);
  const int batch = absl::GetFlag(FLAGS_import_batch_size);
  registry::RegistryService service(
      logic, **edge,
      {batch > 0 ? batch : registry::DefaultImportBatchSize((*db)->dialect())});
  return ServeUntilSignal(setup, {&service}, {});
}
