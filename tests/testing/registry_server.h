#ifndef PENATAAN_TESTS_TESTING_REGISTRY_SERVER_H_
#define PENATAAN_TESTS_TESTING_REGISTRY_SERVER_H_

// The real registry server, in-process, on 127.0.0.1:0, over a fresh database of
// the chosen backend, with the local demo principals' tokens; optionally with its
// contract scheduler, and optionally as a second replica over another server's
// database. For tests only.

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>

#include "common/auth/authenticator.h"
#include "absl/time/time.h"
#include "common/clock.h"
#include "common/peer/peer_client.h"
#include "common/server/call.h"
#include "common/server/server_runner.h"
#include "common/storage/database.h"
#include "common/storage/testing/test_database.h"
#include "penataan/registry/v1/registry.grpc.pb.h"
#include "services/registry/contract_scheduler.h"
#include "services/registry/registry.h"
#include "services/registry/registry_service.h"
#include "tests/testing/test_tokens.h"

namespace penataan::testing {

struct RegistryServerOptions {
  int import_batch_size = 1000;
  int64_t max_import_rows = registry::kMaxImportRows;
  TlsFiles tls;
  // The contract scheduler (none by default). Made when `contract_scheduler` is
  // set; its threads run only with `start_contract_scheduler` (otherwise the test
  // drives SweepOnce/SendOnce). It calls notification as service:registry at
  // `notification_address` (empty: it sweeps and sends nothing). On MySQL it has
  // its own READ COMMITTED connections, as penataan-registry's.
  bool contract_scheduler = false;
  bool start_contract_scheduler = false;
  std::string notification_address;
  registry::ContractSchedulerOptions contract = [] {
    registry::ContractSchedulerOptions o;
    o.tick = absl::Milliseconds(20);
    o.lease = absl::Seconds(5);
    o.retry_initial = absl::Milliseconds(50);
    o.retry_max = absl::Milliseconds(500);
    return o;
  }();
  // A second replica: this database (another server's database_url(), migrated
  // and with its instansi), and the clock to read instead of its own (may be null).
  std::string database_url;
  FakeClock* shared_clock = nullptr;
};

class RegistryServer {
 public:
  // Also creates the instansi 5371 (Kota Kupang, WITA) and 3275 (Kota Bekasi, WIB).
  static absl::StatusOr<std::unique_ptr<RegistryServer>> Start(const std::string& backend,
                                                               int import_batch_size = 1000,
                                                               TlsFiles tls = {});
  // The same with a scheduler or as a replica; a replica creates no instansi.
  static absl::StatusOr<std::unique_ptr<RegistryServer>> Start(const std::string& backend,
                                                               RegistryServerOptions options);
  ~RegistryServer();

  int port() const { return server_->port(); }
  std::string address() const;
  storage::Database& db() { return *db_; }
  const std::string& database_url() const { return url_; }
  FakeClock& clock() { return *clock_in_use_; }
  // Null unless options.contract_scheduler.
  registry::ContractScheduler* scheduler() { return scheduler_.get(); }
  std::unique_ptr<registry::v1::RegistryService::Stub> NewStub() const;
  // Stops the scheduler (its threads finish their page or claim) and the server.
  void Stop();

 private:
  RegistryServer() : clock_(absl::FromCivil(absl::CivilSecond(2025, 8, 25, 9, 0, 0),
                                            absl::UTCTimeZone())) {}
  std::unique_ptr<storage::testing::TestDatabase> test_db_;
  std::string url_;
  std::unique_ptr<storage::Database> db_;
  FakeClock clock_;
  FakeClock* clock_in_use_ = &clock_;
  std::string token_file_;
  std::unique_ptr<storage::Database> scheduler_db_;
  std::unique_ptr<PeerClient> notification_;
  std::unique_ptr<registry::ContractScheduler> scheduler_;
  std::unique_ptr<Authenticator> auth_;
  std::unique_ptr<ServiceEdge> edge_;
  std::unique_ptr<registry::Registry> registry_;
  std::unique_ptr<registry::RegistryService> service_;
  std::unique_ptr<RunningServer> server_;
};

}  // namespace penataan::testing

#endif  // PENATAAN_TESTS_TESTING_REGISTRY_SERVER_H_
