#include "tests/testing/registry_server.h"

#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "common/storage/audit_log.h"
#include "common/storage/migrations.h"
#include "services/registry/registry_access.h"
#include "services/registry/migrations/registry_migrations.h"

namespace penataan::testing {
namespace {

// The scheduler's peer client: it calls notification as service:registry.
absl::StatusOr<std::unique_ptr<PeerClient>> NotificationPeer(const std::string& address,
                                                             std::string& token_file) {
  static std::atomic<int> files{0};
  token_file = absl::StrCat("/tmp/penataan-registry-peer-token-", getpid(), "-",
                            files.fetch_add(1));
  std::ofstream(token_file) << kRegistryServiceToken << "\n";
  PeerOptions peer;
  peer.name = "notification";
  peer.address = address;
  peer.identity.token_file = token_file;
  peer.default_deadline = absl::Seconds(5);
  peer.max_deadline = absl::Seconds(5);
  peer.max_attempts = 2;
  peer.initial_backoff = absl::Milliseconds(50);
  return PeerClient::Create(peer);
}

}  // namespace

absl::StatusOr<std::unique_ptr<RegistryServer>> RegistryServer::Start(const std::string& backend,
                                                                      int import_batch_size,
                                                                      TlsFiles tls) {
  RegistryServerOptions options;
  options.import_batch_size = import_batch_size;
  options.tls = std::move(tls);
  return Start(backend, std::move(options));
}

absl::StatusOr<std::unique_ptr<RegistryServer>> RegistryServer::Start(
    const std::string& backend, RegistryServerOptions options) {
  auto s = std::unique_ptr<RegistryServer>(new RegistryServer());
  const bool replica = !options.database_url.empty();
  if (options.shared_clock != nullptr) s->clock_in_use_ = options.shared_clock;
  if (replica) {
    s->url_ = options.database_url;
  } else {
    ASSIGN_OR_RETURN(s->test_db_, storage::testing::TestDatabase::Create(backend));
    s->url_ = s->test_db_->url();
  }
  ASSIGN_OR_RETURN(s->db_, storage::Database::Open({s->url_, 16, 10000}));
  if (!replica) RETURN_IF_ERROR(storage::ApplyMigrations(*s->db_, registry::RegistryMigrations()));
  ASSIGN_OR_RETURN(TokenAuthenticator auth, TestTokens());
  s->auth_ = std::make_unique<Authenticator>(std::move(auth));
  s->registry_ = std::make_unique<registry::Registry>(*s->db_, s->clock());
  ASSIGN_OR_RETURN(s->edge_, ServiceEdge::Create(registry::RegistryAccess(), *s->auth_,
                                                 storage::RefusalsTo(*s->db_), s->clock()));
  s->service_ = std::make_unique<registry::RegistryService>(
      *s->registry_, *s->edge_, registry::RegistryServiceOptions{options.import_batch_size, options.max_import_rows});
  ServerOptions server_options;
  server_options.tls = options.tls;
  ASSIGN_OR_RETURN(s->server_, StartServer(server_options, {s->service_.get()}));
  if (!replica) {
    const Caller national{*ParsePrincipal("national:kemenpanrb"), "setup"};
    RETURN_IF_ERROR(s->registry_
                        ->CreateInstansi(national, {"5371", "Pemerintah Kota Kupang",
                                                    registry::v1::Instansi::KOTA,
                                                    "Asia/Makassar", {}})
                        .status());
    RETURN_IF_ERROR(s->registry_
                        ->CreateInstansi(national, {"3275", "Pemerintah Kota Bekasi",
                                                    registry::v1::Instansi::KOTA,
                                                    "Asia/Jakarta", {}})
                        .status());
  }
  if (options.contract_scheduler) {
    storage::Database* scheduler_db = s->db_.get();
    if (s->db_->dialect() == storage::Dialect::kMysql) {
      storage::DatabaseOptions rc{s->url_, 8, 10000};
      rc.read_committed = true;
      ASSIGN_OR_RETURN(s->scheduler_db_, storage::Database::Open(rc));
      scheduler_db = s->scheduler_db_.get();
    }
    if (!options.notification_address.empty()) {
      ASSIGN_OR_RETURN(s->notification_,
                       NotificationPeer(options.notification_address, s->token_file_));
    }
    s->scheduler_ = std::make_unique<registry::ContractScheduler>(
        *scheduler_db, s->clock(), s->notification_.get(), options.contract);
    if (options.start_contract_scheduler) s->scheduler_->Start();
  }
  return s;
}

void RegistryServer::Stop() {
  if (scheduler_) scheduler_->Stop();
  server_->Shutdown(absl::Seconds(5));
}

RegistryServer::~RegistryServer() {
  if (scheduler_) scheduler_->Stop();
  if (server_) server_->Shutdown(absl::Seconds(5));
  if (!token_file_.empty()) std::remove(token_file_.c_str());
}

std::string RegistryServer::address() const { return absl::StrCat("127.0.0.1:", port()); }

std::unique_ptr<registry::v1::RegistryService::Stub> RegistryServer::NewStub() const {
  return registry::v1::RegistryService::NewStub(
      grpc::CreateChannel(address(), grpc::InsecureChannelCredentials()));
}

}  // namespace penataan::testing
