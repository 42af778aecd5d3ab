#ifndef PENATAAN_TESTS_FORMASI_REMINDER_ENV_H_
#define PENATAAN_TESTS_FORMASI_REMINDER_ENV_H_

// What the reminder tests and benchmark stand on: the real registry and
// notification servers on 127.0.0.1:0, a migrated formasi database of the same
// backend, formasi's peer clients to both (as service:formasi), a FakeClock, and
// helpers to write periods, extensions and proposals the way the formasi service
// stores them. For tests and benchmarks only.

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/clock.h"
#include "common/peer/peer_client.h"
#include "common/storage/database.h"
#include "common/storage/testing/test_database.h"
#include "services/formasi/reminder_scheduler.h"
#include "services/formasi/reminder_store.h"
#include "tests/testing/notification_server.h"
#include "tests/testing/registry_server.h"

namespace penataan::testing {

// 25 August 2025 23:59:59 WIB.
inline const absl::Time kPaerDeadline = absl::FromUnixSeconds(1756141199);

class ReminderEnv {
 public:
  static absl::StatusOr<std::unique_ptr<ReminderEnv>> Start(const std::string& backend);

  storage::Database& db() { return *db_; }
  FakeClock& clock() { return clock_; }
  RegistryServer& registry() { return *registry_; }
  NotificationServer& notification() { return *notification_; }
  const PeerClient& registry_peer() const { return *registry_peer_; }
  const PeerClient& notification_peer() const { return *notification_peer_; }

  // A scheduler on this environment (not started).
  std::unique_ptr<formasi::ReminderScheduler> NewScheduler(
      formasi::ReminderSchedulerOptions options = {});

  // An instansi in the registry (national principal).
  absl::Status CreateInstansi(const std::string& code, const std::string& name,
                              const std::string& zone);
  // Replaces the instansi's contacts: emails, and webhooks where not empty.
  absl::Status SetContacts(const std::string& code, const std::vector<std::string>& emails,
                           const std::vector<std::string>& webhooks = {});

  // A period as the formasi service stores it; returns its id.
  absl::StatusOr<int64_t> CreatePeriod(const std::string& name, absl::Time open,
                                       absl::Time deadline,
                                       const std::vector<absl::Duration>& offsets);
  // UpdatePeriod's write of a moved deadline (the version goes up).
  absl::Status MoveDeadline(int64_t period_id, absl::Time deadline);
  absl::Status ClosePeriod(int64_t period_id, absl::Time at);
  absl::Status GrantExtension(int64_t period_id, const std::string& code, absl::Time deadline,
                              const std::string& zone = "Asia/Jakarta");
  // Creates or changes the instansi's proposal state.
  absl::Status SetProposalState(int64_t period_id, const std::string& code,
                                formasi::ProposalState state);

  // formasi's rows of the period by reference.
  absl::StatusOr<std::map<std::string, formasi::ReminderRow>> Reminders(int64_t period_id);
  // The notification service's stored notifications: reference -> template id.
  absl::StatusOr<std::map<std::string, std::string>> Notifications();
  // The personalisation JSON of the notification with this reference.
  absl::StatusOr<std::string> PersonalisationOf(const std::string& reference);
  // How many recipients SendBatch answered already_sent, over every batch.
  absl::StatusOr<int64_t> AlreadySent();

 private:
  ReminderEnv() : clock_(kPaerDeadline - absl::Hours(24 * 20)) {}
  FakeClock clock_;
  std::unique_ptr<RegistryServer> registry_;
  std::unique_ptr<NotificationServer> notification_;
  std::unique_ptr<storage::testing::TestDatabase> test_db_;
  std::unique_ptr<storage::Database> db_;
  std::string token_file_;
  std::unique_ptr<PeerClient> registry_peer_;
  std::unique_ptr<PeerClient> notification_peer_;
};

}  // namespace penataan::testing

#endif  // PENATAAN_TESTS_FORMASI_REMINDER_ENV_H_
