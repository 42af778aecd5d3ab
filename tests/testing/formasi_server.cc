#include "tests/testing/formasi_server.h"

#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "common/storage/audit_log.h"
#include "common/storage/migrations.h"
#include "gtest/gtest.h"
#include "services/formasi/formasi_access.h"
#include "services/formasi/migrations/formasi_migrations.h"

namespace penataan::testing {

FormasiServer::FormasiServer()
    : clock_(absl::FromCivil(absl::CivilSecond(2025, 8, 22, 2, 0, 0), absl::UTCTimeZone())) {}

absl::StatusOr<std::unique_ptr<FormasiServer>> FormasiServer::Start(const std::string& backend,
                                                                    FormasiServerOptions options) {
  auto s = std::unique_ptr<FormasiServer>(new FormasiServer());
  std::string registry_address = options.registry_address;
  if (registry_address.empty()) {
    ASSIGN_OR_RETURN(s->registry_, RegistryServer::Start(backend));
    registry_address = s->registry_->address();
    registry::v1::CreateInstansiRequest req;
    req.mutable_instansi()->set_code("9471");
    req.mutable_instansi()->set_display_name("Pemerintah Kota Jayapura");
    req.mutable_instansi()->set_level(registry::v1::Instansi::KOTA);
    req.mutable_instansi()->set_time_zone("Asia/Jayapura");
    registry::v1::Instansi out;
    grpc::Status created =
        s->registry_->NewStub()->CreateInstansi(Ctx(kKemenpanToken).get(), req, &out);
    if (!created.ok()) return absl::InternalError(created.error_message());
  }
  ASSIGN_OR_RETURN(s->test_db_, storage::testing::TestDatabase::Create(backend));
  storage::DatabaseOptions db_options{s->test_db_->url(), 16, 10000};
  db_options.read_committed = true;
  ASSIGN_OR_RETURN(s->db_, storage::Database::Open(db_options));
  RETURN_IF_ERROR(storage::ApplyMigrations(*s->db_, formasi::FormasiMigrations()));
  ASSIGN_OR_RETURN(TokenAuthenticator auth, TestTokens());
  s->auth_ = std::make_unique<Authenticator>(std::move(auth));

  static std::atomic<int> files{0};
  s->token_file_ = absl::StrCat(::testing::TempDir(), "/formasi-peer-token-", getpid(), "-",
                                files.fetch_add(1));
  std::ofstream(s->token_file_) << kFormasiToken << "\n";
  PeerOptions peer;
  peer.name = "registry";
  peer.address = registry_address;
  peer.identity.token_file = s->token_file_;
  peer.default_deadline = absl::Seconds(5);
  peer.max_deadline = absl::Seconds(5);
  peer.max_attempts = 2;
  peer.initial_backoff = absl::Milliseconds(50);
  ASSIGN_OR_RETURN(s->peer_, PeerClient::Create(peer));
  s->reader_ = std::make_unique<formasi::RegistryReader>(*s->peer_, s->clock_);
  s->logic_ = std::make_unique<formasi::Formasi>(*s->db_, s->clock_, *s->reader_,
                                                 std::move(options.hooks));
  ASSIGN_OR_RETURN(s->edge_, ServiceEdge::Create(formasi::FormasiAccess(), *s->auth_,
                                                 storage::RefusalsTo(*s->db_), s->clock_));
  s->service_ = std::make_unique<formasi::FormasiService>(*s->logic_, *s->edge_);
  ASSIGN_OR_RETURN(s->server_, StartServer(ServerOptions{}, {s->service_.get()}));
  return s;
}

FormasiServer::~FormasiServer() {
  if (server_) server_->Shutdown(absl::Seconds(5));
  if (!token_file_.empty()) std::remove(token_file_.c_str());
}

std::string FormasiServer::address() const { return absl::StrCat("127.0.0.1:", server_->port()); }

std::unique_ptr<formasi::v1::FormasiService::Stub> FormasiServer::NewStub() const {
  return formasi::v1::FormasiService::NewStub(
      grpc::CreateChannel(address(), grpc::InsecureChannelCredentials()));
}

}  // namespace penataan::testing
