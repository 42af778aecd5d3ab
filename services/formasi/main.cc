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
#include "services/formasi/reminder_scheduler.h"

ABSL_FLAG(std::string, registry_address, "127.0.0.1:50051", "the registry's gRPC address");
ABSL_FLAG(int, instansi_cache_seconds, 300,
          "how long an instansi's zone and name read from the registry are reused");
ABSL_FLAG(std::string, notification_address, "127.0.0.1:50054",
          "the notification service's gRPC address (reminders are sent through it)");
ABSL_FLAG(std::string, reminders, "on", "on: this replica plans and sends reminders; off: not");
ABSL_FLAG(int, reminder_workers, 2, "reminder sending threads");
ABSL_FLAG(int, reminder_tick_ms, 1000, "how often idle reminder threads look for work");
ABSL_FLAG(int, reminder_lease_seconds, 60, "how long a claim of reminders is held");

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
  // ---- reminders (formasi-reminders branch)
  const std::string reminders = absl::GetFlag(FLAGS_reminders);
  if (reminders != "on" && reminders != "off") {
    return FailStartup("bad_flag", absl::InvalidArgumentError("--reminders: on or off"));
  }
  auto notification_peer = PeerClient::Create(
      PeerOptionsFromFlags("notification", absl::GetFlag(FLAGS_notification_address)));
  if (!notification_peer.ok()) return FailStartup("peer_identity", notification_peer.status());
  formasi::ReminderSchedulerOptions reminder_options;
  reminder_options.workers = absl::GetFlag(FLAGS_reminder_workers);
  reminder_options.tick = absl::Milliseconds(absl::GetFlag(FLAGS_reminder_tick_ms));
  reminder_options.lease = absl::Seconds(absl::GetFlag(FLAGS_reminder_lease_seconds));
  formasi::ReminderScheduler scheduler(**db, clock, **registry_peer, **notification_peer,
                                       reminder_options);
  formasi::FormasiHooks hooks;
  hooks.deadlines_changed = [&scheduler](storage::Connection& c, const formasi::Period& p) {
    return scheduler.DeadlinesChanged(c, p.id);
  };

  formasi::Formasi logic(**db, clock, registry, hooks);
  formasi::FormasiService service(logic, **edge);
  return ServeUntilSignal(
      setup, {&service},
      {{"registry", absl::GetFlag(FLAGS_registry_address)},
       {"notification", absl::GetFlag(FLAGS_notification_address)},
       {"reminders", reminders == "on" ? scheduler.owner() : "off"}},
      [&] {
        if (reminders == "on") scheduler.Start();
      },
      [&] { scheduler.Stop(); });
}
