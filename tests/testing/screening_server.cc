#include "tests/testing/screening_server.h"

#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "common/storage/audit_log.h"
#include "common/storage/migrations.h"
#include "gtest/gtest.h"
#include "services/screening/migrations/screening_migrations.h"
#include "services/screening/screening_access.h"

namespace penataan::testing {

ScreeningServer::ScreeningServer()
    : clock_(absl::FromCivil(absl::CivilSecond(2025, 2, 19, 1, 0, 0), absl::UTCTimeZone())) {}

absl::StatusOr<std::unique_ptr<ScreeningServer>> ScreeningServer::Start(
    const std::string& backend, ScreeningServerOptions options) {
  auto s = std::unique_ptr<ScreeningServer>(new ScreeningServer());
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
  std::string notification_address = options.notification_address;
  if (notification_address.empty()) {
    ASSIGN_OR_RETURN(s->notification_, NotificationServer::Start(backend));
    notification_address = s->notification_->address();
  }
  ASSIGN_OR_RETURN(s->test_db_, storage::testing::TestDatabase::Create(backend));
  storage::DatabaseOptions db_options{s->test_db_->url(), 16, 10000};
  db_options.read_committed = true;
  ASSIGN_OR_RETURN(s->db_, storage::Database::Open(db_options));
  RETURN_IF_ERROR(storage::ApplyMigrations(*s->db_, screening::ScreeningMigrations()));
  ASSIGN_OR_RETURN(TokenAuthenticator auth, TestTokens());
  s->auth_ = std::make_unique<Authenticator>(std::move(auth));

  static std::atomic<int> files{0};
  s->token_file_ = absl::StrCat(::testing::TempDir(), "/screening-peer-token-", getpid(), "-",
                                files.fetch_add(1));
  std::ofstream(s->token_file_) << kScreeningToken << "\n";
  auto peer_options = [&](const char* name, const std::string& address) {
    PeerOptions peer;
    peer.name = name;
    peer.address = address;
    peer.identity.token_file = s->token_file_;
    peer.default_deadline = absl::Seconds(5);
    peer.max_deadline = absl::Seconds(5);
    peer.max_attempts = 2;
    peer.initial_backoff = absl::Milliseconds(50);
    return peer;
  };
  ASSIGN_OR_RETURN(s->registry_peer_, PeerClient::Create(peer_options("registry", registry_address)));
  ASSIGN_OR_RETURN(s->notification_peer_,
                   PeerClient::Create(peer_options("notification", notification_address)));
  s->registry_client_ = std::make_unique<screening::RegistryClient>(*s->registry_peer_, s->clock_);
  s->runner_ = std::make_unique<screening::ScreeningRunner>(
      *s->db_, s->clock_, *s->registry_client_, *s->notification_peer_, options.runner);
  screening::ScreeningHooks hooks;
  screening::ScreeningRunner* runner = s->runner_.get();
  hooks.send_owed_for_result = [runner](const Caller& caller, int64_t round_id,
                                        int64_t honorer_id) {
    runner->SendOwedForResult(caller, round_id, honorer_id);
  };
  s->logic_ = std::make_unique<screening::Screening>(*s->db_, s->clock_, *s->registry_client_,
                                                     std::move(hooks));
  ASSIGN_OR_RETURN(s->edge_, ServiceEdge::Create(screening::ScreeningAccess(), *s->auth_,
                                                 storage::RefusalsTo(*s->db_), s->clock_));
  s->service_ = std::make_unique<screening::ScreeningService>(*s->logic_, *s->runner_, *s->edge_);
  ASSIGN_OR_RETURN(s->server_, StartServer(ServerOptions{}, {s->service_.get()}));
  return s;
}

ScreeningServer::~ScreeningServer() {
  if (server_) server_->Shutdown(absl::Seconds(5));
  if (runner_) runner_->Stop();
  if (!token_file_.empty()) std::remove(token_file_.c_str());
}

std::string ScreeningServer::address() const {
  return absl::StrCat("127.0.0.1:", server_->port());
}

absl::Status ScreeningServer::StoreTmsResult(int64_t round_id, int64_t honorer_id,
                                             const std::string& instansi,
                                             screening::v1::ReasonCode reason) {
  screening::Result result;
  result.round_id = round_id;
  result.honorer_id = honorer_id;
  result.instansi_code = instansi;
  result.outcome = screening::v1::TMS;
  result.reasons.emplace_back().set_code(reason);
  result.reason_mask = screening::ReasonMask(result.reasons);
  ASSIGN_OR_RETURN(auto conn, db_->Acquire());
  return logic_->store().InsertResults(*conn, {result});
}

std::unique_ptr<screening::v1::ScreeningService::Stub> ScreeningServer::NewStub() const {
  return screening::v1::ScreeningService::NewStub(
      grpc::CreateChannel(address(), grpc::InsecureChannelCredentials()));
}

}  // namespace penataan::testing
