// Calls between services through common/peer, across real gRPC servers: a
// relay service (built on Call, as formasi and screening are) that acts for its
// caller towards the real registry with its own identity (service:screening);
// the registry's audit record names both and the request id. Deadlines are
// forwarded and capped; UNAVAILABLE is retried by the channel's service config.

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/peer/peer_client.h"
#include "common/server/call.h"
#include "common/server/server_runner.h"
#include "common/status_macros.h"
#include "common/storage/audit_log.h"
#include "gtest/gtest.h"
#include "services/registry/registry_access.h"
#include "tests/testing/registry_server.h"
#include "tests/testing/test_tokens.h"

namespace penataan {
namespace {

namespace rv1 = registry::v1;
using testing::Ctx;

std::string TokenFile(const std::string& token) {
  const std::string path = absl::StrCat(::testing::TempDir(), "/peer-token-", getpid(), "-",
                                        token.size());
  std::ofstream(path) << token << "\n";
  return path;
}

// Serves ChangeHonorerStatus by writing the outcome through the registry's
// RecordScreeningOutcomes, as the screening service does; every other method is
// the generated default (UNIMPLEMENTED).
class Relay final : public rv1::RegistryService::Service {
 public:
  Relay(const ServiceEdge& edge, const PeerClient& registry) : edge_(edge), registry_(registry) {}

  grpc::Status ChangeHonorerStatus(grpc::ServerContext* ctx,
                                   const rv1::ChangeHonorerStatusRequest* req,
                                   rv1::Honorer* resp) override {
    Call call(ctx, "ChangeHonorerStatus", edge_);
    return call.Finish([&]() -> absl::Status {
      absl::StatusOr<Caller> caller = call.caller();
      if (!caller.ok()) return caller.status();
      std::unique_ptr<grpc::ClientContext> peer = registry_.NewContext(*caller);
      forwarded_deadline_ = absl::FromChrono(peer->deadline());
      rv1::RegistryService::Stub stub(registry_.channel());
      rv1::RecordScreeningOutcomesRequest outcomes;
      auto* entry = outcomes.add_entries();
      entry->set_name(req->name());
      entry->set_status(req->status());
      entry->set_reason(req->reason());
      rv1::RecordScreeningOutcomesResponse recorded;
      RETURN_IF_ERROR(PeerStatus(registry_.name(),
                                 stub.RecordScreeningOutcomes(peer.get(), outcomes, &recorded)));
      resp->set_name(req->name());
      resp->set_status(req->status());
      return absl::OkStatus();
    }());
  }
  absl::Time forwarded_deadline_;

 private:
  const ServiceEdge& edge_;
  const PeerClient& registry_;
};

// Answers UNAVAILABLE `failures` times, then OK.
class Flaky final : public rv1::RegistryService::Service {
 public:
  explicit Flaky(int failures) : failures_(failures) {}
  grpc::Status GetInstansi(grpc::ServerContext*, const rv1::GetInstansiRequest*,
                           rv1::Instansi* out) override {
    if (calls_.fetch_add(1) < failures_) return {grpc::StatusCode::UNAVAILABLE, "restarting"};
    out->set_code("5371");
    return grpc::Status::OK;
  }
  std::atomic<int> calls_{0};

 private:
  const int failures_;
};

Caller CallerFor(const char* principal, absl::Time deadline) {
  Caller c;
  c.principal = *ParsePrincipal(principal);
  c.request_id = "peer-test";
  c.origin = principal;
  c.deadline = deadline;
  return c;
}

TEST(PeerClient, ACallActsForItsCallerAndTheCalleeAuditsBoth) {
  auto registry = testing::RegistryServer::Start("sqlite");
  ASSERT_TRUE(registry.ok()) << registry.status();
  // An honorer of Kupang to give a result to.
  rv1::CreateHonorerRequest create;
  rv1::Honorer* h = create.mutable_honorer();
  h->set_nik("5371014101900001");
  h->set_full_name("Maria Goreti Bria");
  *h->mutable_birth_date() = [] { common::v1::Date d; d.set_year(1990); d.set_month(1); d.set_day(1); return d; }();
  h->set_gender(rv1::FEMALE);
  h->set_education(penataan::common::v1::S1);
  h->set_instansi_code("5371");
  h->set_unit_kerja("Dinas Pendidikan");
  h->set_jabatan_category(common::v1::GURU);
  h->set_position_title("Guru Kelas");
  *h->mutable_service_start_date() = [] { common::v1::Date d; d.set_year(2010); d.set_month(7); d.set_day(1); return d; }();
  rv1::Honorer created;
  ASSERT_TRUE((*registry)->NewStub()->CreateHonorer(Ctx(testing::kKupangToken).get(), create,
                                                    &created).ok());

  PeerOptions options;
  options.name = "registry";
  options.address = (*registry)->address();
  options.identity.token_file = TokenFile(testing::kScreeningToken);
  auto peer = PeerClient::Create(options);
  ASSERT_TRUE(peer.ok()) << peer.status();

  // The relay is a real server with an edge of its own.
  auto tokens = testing::TestTokens();
  ASSERT_TRUE(tokens.ok());
  Authenticator auth(std::move(*tokens));
  SystemClock clock;
  std::vector<AuditRecord> relay_refusals;
  auto edge = ServiceEdge::Create(registry::RegistryAccess(), auth,
                                  [&](const AuditRecord& a) { relay_refusals.push_back(a); },
                                  clock);
  ASSERT_TRUE(edge.ok());
  Relay relay(**edge, **peer);
  auto relay_server = StartServer(ServerOptions{}, {&relay});
  ASSERT_TRUE(relay_server.ok());

  auto stub = rv1::RegistryService::NewStub(grpc::CreateChannel(
      absl::StrCat("127.0.0.1:", (*relay_server)->port()), grpc::InsecureChannelCredentials()));
  rv1::ChangeHonorerStatusRequest req;
  req.set_name(created.name());
  req.set_status(rv1::TMS);
  req.set_reason("Masa kerja kurang dari 2 tahun");
  grpc::ClientContext ctx;
  const absl::Time deadline = absl::Now() + absl::Seconds(5);
  ctx.set_deadline(absl::ToChronoTime(deadline));
  ctx.AddMetadata("authorization", absl::StrCat("Bearer ", testing::kBknToken));
  ctx.AddMetadata("x-request-id", "trace-5371-0001");
  rv1::Honorer out;
  grpc::Status s = stub->ChangeHonorerStatus(&ctx, req, &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(out.status(), rv1::TMS);
  // The deadline went on, no later than the caller's (grpc-timeout travels in
  // relative units, rounded up by a fraction of a millisecond).
  EXPECT_LE(relay.forwarded_deadline_, deadline + absl::Milliseconds(50));
  EXPECT_GT(relay.forwarded_deadline_, deadline - absl::Seconds(2));

  // The registry's record: the screening service did it, for BKN, in that request.
  auto conn = (*registry)->db().Acquire();
  ASSERT_TRUE(conn.ok());
  auto rows = (*conn)->Query(
      "SELECT principal, origin, request_id FROM audit_log"
      " WHERE action = 'RecordScreeningOutcomes'");
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].Str(0), "service:screening");
  EXPECT_EQ((*rows)[0].Str(1), "national:bkn");
  EXPECT_EQ((*rows)[0].Str(2), "trace-5371-0001");

  // Only a service may name an origin: an instansi claiming to act for BKN is
  // recorded as itself, in the relay and in the registry.
  grpc::ClientContext claim;
  claim.AddMetadata("authorization", absl::StrCat("Bearer ", testing::kBekasiToken));
  claim.AddMetadata("x-penataan-origin", "national:bkn");
  claim.AddMetadata("x-request-id", "trace-claim");
  req.set_status(rv1::MS);
  stub->ChangeHonorerStatus(&claim, req, &out);
  rows = (*conn)->Query("SELECT origin FROM audit_log WHERE request_id = 'trace-claim'");
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].Str(0), "instansi:3275");
}

TEST(PeerClient, DeadlinesAreTheCallersCappedOrTheDefault) {
  PeerOptions options;
  options.name = "registry";
  options.address = "127.0.0.1:1";
  options.identity.token_file = TokenFile(testing::kFormasiToken);
  options.default_deadline = absl::Seconds(10);
  options.max_deadline = absl::Seconds(30);
  auto peer = PeerClient::Create(options);
  ASSERT_TRUE(peer.ok());
  const absl::Time now = absl::Now();
  auto deadline_of = [&](absl::Time incoming) {
    return absl::FromChrono((*peer)->NewContext(CallerFor("service:formasi", incoming))->deadline());
  };
  EXPECT_NEAR(absl::ToDoubleSeconds(deadline_of(now + absl::Seconds(2)) - now), 2, 0.5);
  EXPECT_NEAR(absl::ToDoubleSeconds(deadline_of(now + absl::Hours(1)) - now), 30, 1);
  EXPECT_NEAR(absl::ToDoubleSeconds(deadline_of(absl::InfiniteFuture()) - now), 10, 1);
}

TEST(PeerClient, UnavailableIsRetriedWithBackoffThenReportedNamingThePeer) {
  Flaky flaky(2);
  auto server = StartServer(ServerOptions{}, {&flaky});
  ASSERT_TRUE(server.ok());
  PeerOptions options;
  options.name = "registry";
  options.address = absl::StrCat("127.0.0.1:", (*server)->port());
  options.identity.token_file = TokenFile(testing::kFormasiToken);
  options.initial_backoff = absl::Milliseconds(10);
  auto peer = PeerClient::Create(options);
  ASSERT_TRUE(peer.ok());
  rv1::RegistryService::Stub stub((*peer)->channel());
  rv1::GetInstansiRequest req;
  rv1::Instansi out;
  const Caller caller = CallerFor("service:formasi", absl::InfiniteFuture());
  grpc::Status s = stub.GetInstansi((*peer)->NewContext(caller).get(), req, &out);
  EXPECT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(flaky.calls_.load(), 3);

  Flaky down(100);
  auto down_server = StartServer(ServerOptions{}, {&down});
  ASSERT_TRUE(down_server.ok());
  options.address = absl::StrCat("127.0.0.1:", (*down_server)->port());
  options.max_attempts = 3;
  auto gives_up = PeerClient::Create(options);
  ASSERT_TRUE(gives_up.ok());
  rv1::RegistryService::Stub down_stub((*gives_up)->channel());
  absl::Status status = PeerStatus(
      "registry", down_stub.GetInstansi((*gives_up)->NewContext(caller).get(), req, &out));
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable);
  EXPECT_NE(status.message().find("registry is unavailable"), std::string::npos);
  EXPECT_EQ(down.calls_.load(), 3);
}

TEST(PeerClient, NeedsAnIdentityAndATokenStaysOnLoopback) {
  PeerOptions options;
  options.name = "registry";
  options.address = "127.0.0.1:1";
  EXPECT_EQ(PeerClient::Create(options).status().code(), absl::StatusCode::kInvalidArgument);
  options.identity.token_file = "/nonexistent/token";
  EXPECT_EQ(PeerClient::Create(options).status().code(), absl::StatusCode::kInvalidArgument);
  // A token is never sent in plaintext off this machine.
  options.identity.token_file = TokenFile(testing::kFormasiToken);
  options.address = "dns:///registry.penataan.svc:50051";
  absl::StatusOr<std::unique_ptr<PeerClient>> remote = PeerClient::Create(options);
  EXPECT_EQ(remote.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(remote.status().message().find("mutual TLS"), std::string::npos);
}

}  // namespace
}  // namespace penataan
