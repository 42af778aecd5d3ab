#ifndef PENATAAN_TESTS_TESTING_FORMASI_SERVER_H_
#define PENATAAN_TESTS_TESTING_FORMASI_SERVER_H_

// The real formasi server, in-process, on 127.0.0.1:0, over a fresh database of
// the chosen backend, calling a real registry (started here unless an address is
// given) as service:formasi, on a FakeClock the test moves. For tests only.

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
#include "penataan/formasi/v1/formasi.grpc.pb.h"
#include "services/formasi/formasi.h"
#include "services/formasi/formasi_service.h"
#include "services/formasi/registry_reader.h"
#include "tests/testing/registry_server.h"
#include "tests/testing/test_tokens.h"

namespace penataan::testing {

struct FormasiServerOptions {
  // The registry to call; empty: start one (with 5371 Kupang WITA, 3275 Bekasi
  // WIB and 9471 Jayapura WIT).
  std::string registry_address;
  formasi::FormasiHooks hooks;
};

class FormasiServer {
 public:
  // The clock starts at 22 August 2025 09:00 WIB.
  static absl::StatusOr<std::unique_ptr<FormasiServer>> Start(const std::string& backend,
                                                              FormasiServerOptions options = {});
  ~FormasiServer();

  std::string address() const;
  storage::Database& db() { return *db_; }
  FakeClock& clock() { return clock_; }
  // The registry started here; null when an address was given.
  RegistryServer* registry() { return registry_.get(); }
  formasi::Formasi& logic() { return *logic_; }
  std::unique_ptr<formasi::v1::FormasiService::Stub> NewStub() const;
  void Stop() { server_->Shutdown(absl::Seconds(5)); }

 private:
  FormasiServer();
  std::unique_ptr<RegistryServer> registry_;
  std::unique_ptr<storage::testing::TestDatabase> test_db_;
  std::unique_ptr<storage::Database> db_;
  FakeClock clock_;
  std::string token_file_;
  std::unique_ptr<Authenticator> auth_;
  std::unique_ptr<PeerClient> peer_;
  std::unique_ptr<formasi::RegistryReader> reader_;
  std::unique_ptr<ServiceEdge> edge_;
  std::unique_ptr<formasi::Formasi> logic_;
  std::unique_ptr<formasi::FormasiService> service_;
  std::unique_ptr<RunningServer> server_;
};

}  // namespace penataan::testing

#endif  // PENATAAN_TESTS_TESTING_FORMASI_SERVER_H_
