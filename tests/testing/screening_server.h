#ifndef PENATAAN_TESTS_TESTING_SCREENING_SERVER_H_
#define PENATAAN_TESTS_TESTING_SCREENING_SERVER_H_

// The real screening server, in-process, on 127.0.0.1:0, over a fresh database of
// the chosen backend, calling a real registry and a real notification service
// (started here unless addresses are given) as service:screening, on a FakeClock
// the test moves. For tests only.

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>

#include "common/auth/authenticator.h"
#include "common/clock.h"
#include "common/peer/peer_client.h"
#include "common/server/call.h"
#include "common/server/server_runner.h"
#include "common/storage/database.h"
#include "common/storage/testing/test_database.h"
#include "penataan/screening/v1/screening.grpc.pb.h"
#include "services/screening/registry_client.h"
#include "services/screening/screening.h"
#include "services/screening/screening_runner.h"
#include "services/screening/screening_service.h"
#include "tests/testing/notification_server.h"
#include "tests/testing/registry_server.h"
#include "tests/testing/test_tokens.h"

namespace penataan::testing {

struct ScreeningServerOptions {
  // The peers to call; empty: start them (the registry with 5371 Kupang WITA, 3275
  // Bekasi WIB and 9471 Jayapura WIT).
  std::string registry_address;
  std::string notification_address;
  screening::RunnerOptions runner = [] {
    screening::RunnerOptions o;
    o.page_size = 500;
    o.sweep_every = absl::ZeroDuration();  // tests drive sends themselves
    o.lease = absl::Seconds(5);
    o.owner = "test-screening";
    return o;
  }();
};

class ScreeningServer {
 public:
  // The clock starts at 19 February 2025 09:00 WITA.
  static absl::StatusOr<std::unique_ptr<ScreeningServer>> Start(
      const std::string& backend, ScreeningServerOptions options = {});
  ~ScreeningServer();

  std::string address() const;
  storage::Database& db() { return *db_; }
  FakeClock& clock() { return clock_; }
  // The peers started here; null when an address was given.
  RegistryServer* registry() { return registry_.get(); }
  NotificationServer* notification() { return notification_.get(); }
  screening::Screening& logic() { return *logic_; }
  screening::ScreeningRunner& runner() { return *runner_; }
  std::unique_ptr<screening::v1::ScreeningService::Stub> NewStub() const;
  // A TMS result of `honorer_id` (of `instansi`) in `round_id` for `reason`,
  // stored as a run would store it, for tests of appeals.
  absl::Status StoreTmsResult(int64_t round_id, int64_t honorer_id, const std::string& instansi,
                              screening::v1::ReasonCode reason);
  void Stop() { server_->Shutdown(absl::Seconds(5)); }

 private:
  ScreeningServer();
  std::unique_ptr<RegistryServer> registry_;
  std::unique_ptr<NotificationServer> notification_;
  std::unique_ptr<storage::testing::TestDatabase> test_db_;
  std::unique_ptr<storage::Database> db_;
  FakeClock clock_;
  std::string token_file_;
  std::unique_ptr<Authenticator> auth_;
  std::unique_ptr<PeerClient> registry_peer_, notification_peer_;
  std::unique_ptr<screening::RegistryClient> registry_client_;
  std::unique_ptr<screening::ScreeningRunner> runner_;
  std::unique_ptr<ServiceEdge> edge_;
  std::unique_ptr<screening::Screening> logic_;
  std::unique_ptr<screening::ScreeningService> service_;
  std::unique_ptr<RunningServer> server_;
};

}  // namespace penataan::testing

#endif  // PENATAAN_TESTS_TESTING_SCREENING_SERVER_H_
