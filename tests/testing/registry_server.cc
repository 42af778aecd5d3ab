#include "tests/testing/registry_server.h"

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "common/storage/audit_log.h"
#include "common/storage/migrations.h"
#include "services/registry/registry_access.h"
#include "services/registry/migrations/registry_migrations.h"

namespace penataan::testing {

absl::StatusOr<std::unique_ptr<RegistryServer>> RegistryServer::Start(const std::string& backend,
                                                                      int import_batch_size,
                                                                      TlsFiles tls) {
  auto s = std::unique_ptr<RegistryServer>(new RegistryServer());
  ASSIGN_OR_RETURN(s->test_db_, storage::testing::TestDatabase::Create(backend));
  ASSIGN_OR_RETURN(s->db_, storage::Database::Open({s->test_db_->url(), 16, 10000}));
  RETURN_IF_ERROR(storage::ApplyMigrations(*s->db_, registry::RegistryMigrations()));
  ASSIGN_OR_RETURN(TokenAuthenticator auth, TestTokens());
  s->auth_ = std::make_unique<Authenticator>(std::move(auth));
  s->registry_ = std::make_unique<registry::Registry>(*s->db_, s->clock_);
  ASSIGN_OR_RETURN(s->edge_, ServiceEdge::Create(registry::RegistryAccess(), *s->auth_,
                                                 storage::RefusalsTo(*s->db_), s->clock_));
  s->service_ = std::make_unique<registry::RegistryService>(
      *s->registry_, *s->edge_, registry::RegistryServiceOptions{import_batch_size});
  ServerOptions options;
  options.tls = tls;
  ASSIGN_OR_RETURN(s->server_, StartServer(options, {s->service_.get()}));
  const Caller national{*ParsePrincipal("national:kemenpanrb"), "setup"};
  RETURN_IF_ERROR(s->registry_
                      ->CreateInstansi(national, {"5371", "Pemerintah Kota Kupang",
                                                  registry::v1::Instansi::KOTA, "Asia/Makassar", {}})
                      .status());
  RETURN_IF_ERROR(s->registry_
                      ->CreateInstansi(national, {"3275", "Pemerintah Kota Bekasi",
                                                  registry::v1::Instansi::KOTA, "Asia/Jakarta", {}})
                      .status());
  return s;
}

RegistryServer::~RegistryServer() {
  if (server_) server_->Shutdown(absl::Seconds(5));
}

std::string RegistryServer::address() const { return absl::StrCat("127.0.0.1:", port()); }

std::unique_ptr<registry::v1::RegistryService::Stub> RegistryServer::NewStub() const {
  return registry::v1::RegistryService::NewStub(
      grpc::CreateChannel(address(), grpc::InsecureChannelCredentials()));
}

}  // namespace penataan::testing
