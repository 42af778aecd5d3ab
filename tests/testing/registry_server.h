#ifndef PENATAAN_TESTS_TESTING_REGISTRY_SERVER_H_
#define PENATAAN_TESTS_TESTING_REGISTRY_SERVER_H_

// The real registry server, in-process, on 127.0.0.1:0, over a fresh database of
// the chosen backend, with the local demo principals' tokens. For tests only.

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>

#include "common/auth/authenticator.h"
#include "common/clock.h"
#include "common/server/call.h"
#include "common/server/server_runner.h"
#include "common/storage/database.h"
#include "common/storage/testing/test_database.h"
#include "penataan/registry/v1/registry.grpc.pb.h"
#include "services/registry/registry.h"
#include "services/registry/registry_service.h"
#include "tests/testing/test_tokens.h"

namespace penataan::testing {

class RegistryServer {
 public:
  // Also creates the instansi 5371 (Kota Kupang, WITA) and 3275 (Kota Bekasi, WIB).
  static absl::StatusOr<std::unique_ptr<RegistryServer>> Start(const std::string& backend,
                                                               int import_batch_size = 1000,
                                                               TlsFiles tls = {});
  ~RegistryServer();

  int port() const { return server_->port(); }
  std::string address() const;
  storage::Database& db() { return *db_; }
  FakeClock& clock() { return clock_; }
  std::unique_ptr<registry::v1::RegistryService::Stub> NewStub() const;
  void Stop() { server_->Shutdown(absl::Seconds(5)); }

 private:
  RegistryServer() : clock_(absl::FromCivil(absl::CivilSecond(2025, 8, 25, 9, 0, 0),
                                            absl::UTCTimeZone())) {}
  std::unique_ptr<storage::testing::TestDatabase> test_db_;
  std::unique_ptr<storage::Database> db_;
  FakeClock clock_;
  std::unique_ptr<Authenticator> auth_;
  std::unique_ptr<ServiceEdge> edge_;
  std::unique_ptr<registry::Registry> registry_;
  std::unique_ptr<registry::RegistryService> service_;
  std::unique_ptr<RunningServer> server_;
};

}  // namespace penataan::testing

#endif  // PENATAAN_TESTS_TESTING_REGISTRY_SERVER_H_
