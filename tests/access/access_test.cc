// The access test (docs/security.md): every method of every running service,
// read from the service descriptors so that a new method cannot escape it, called
// by every kind of principal against the real servers. Allowed calls never fail
// with PERMISSION_DENIED or UNAUTHENTICATED; refused ones always do, and each
// refusal is in that service's audit log under the call's request id. Calls that
// name another instansi's (or another sender's) record are refused or answered as
// missing, and audited too.

#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>

#include <cstring>
#include <fstream>
#include <future>
#include <sstream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "common/server/access_table.h"
#include "common/server/call.h"
#include "common/server/server_runner.h"
#include "common/storage/database.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/dynamic_message.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "services/formasi/formasi_access.h"
#include "services/notification/notification_access.h"
#include "services/registry/registry_access.h"
#include "services/screening/screening_access.h"
#include "tests/testing/formasi_server.h"
#include "tests/testing/notification_server.h"
#include "tests/testing/registry_server.h"
#include "tests/testing/screening_server.h"
#include "tests/testing/test_tokens.h"

namespace penataan {
namespace {

using testing::Ctx;

struct Who {
  const char* principal;  // "" for no credentials
  const char* token;
};

const std::vector<Who>& Everyone() {
  static const std::vector<Who> everyone = {
      {"national:kemenpanrb", testing::kKemenpanToken},
      {"national:bkn", testing::kBknToken},
      {"instansi:5371", testing::kKupangToken},  // owns the samples' records
      {"instansi:3275", testing::kBekasiToken},
      {"service:formasi", testing::kFormasiToken},
      {"service:screening", testing::kScreeningToken},
      {"service:registry", testing::kRegistryServiceToken},
      {"service:notification", testing::kNotificationServiceToken},
      {"", ""},
  };
  return everyone;
}

// A request that touches a record, for methods whose table entry scopes callers
// to their own records: `owner` holds it, and a scoped caller other than the
// owner must be refused (or answered as missing) and audited. Methods not listed
// get an empty request: the table is checked before any field is read.
struct Sample {
  std::string text;   // the request in protobuf text format
  std::string owner;  // the principal whose record it is
  bool filtered = false;  // a list that scoped callers see filtered, not refused
};

struct ServiceUnderTest {
  const AccessTable* table;
  std::string address;
  storage::Database* db;
  std::map<std::string, Sample> samples;
};

class AccessTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (storage::testing::TestDatabase::ShouldSkip(GetParam())) GTEST_SKIP() << "no MariaDB";
    auto registry = testing::RegistryServer::Start(GetParam());
    ASSERT_TRUE(registry.ok()) << registry.status();
    registry_ = std::move(*registry);
    auto notification = testing::NotificationServer::Start(GetParam());
    ASSERT_TRUE(notification.ok()) << notification.status();
    notification_ = std::move(*notification);
    testing::FormasiServerOptions formasi_options;
    formasi_options.registry_address = registry_->address();
    auto formasi = testing::FormasiServer::Start(GetParam(), formasi_options);
    ASSERT_TRUE(formasi.ok()) << formasi.status();
    formasi_ = std::move(*formasi);
    testing::ScreeningServerOptions screening_options;
    screening_options.registry_address = registry_->address();
    screening_options.notification_address = notification_->address();
    auto screening = testing::ScreeningServer::Start(GetParam(), screening_options);
    ASSERT_TRUE(screening.ok()) << screening.status();
    screening_ = std::move(*screening);
    ASSERT_NO_FATAL_FAILURE(MakeRecords());
  }

  void MakeRecords() {
    registry::v1::CreateHonorerRequest create;
    ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(
        R"(honorer { nik: "5371014101900001" full_name: "Maria Goreti Bria"
           birth_date { year: 1990 month: 1 day: 1 } gender: FEMALE education: S1
           instansi_code: "5371" unit_kerja: "Dinas Pendidikan" jabatan_category: GURU
           position_title: "Guru Kelas" service_start_date { year: 2010 month: 7 day: 1 } })",
        &create));
    registry::v1::Honorer h;
    grpc::Status s = registry_->NewStub()->CreateHonorer(Ctx(testing::kKupangToken).get(),
                                                         create, &h);
    ASSERT_TRUE(s.ok()) << s.error_message();
    honorer_ = h.name();

    notification::v1::SendNotificationRequest send;
    send.set_template_id("formasi-deadline-reminder");
    send.set_recipient("log");
    send.set_reference("access-test-national");
    notification::v1::Notification n;
    auto stub = notification_->NewStub();
    notification::v1::GetTemplateRequest get_template;
    get_template.set_name("templates/formasi-deadline-reminder");
    notification::v1::Template t;
    s = stub->GetTemplate(Ctx(testing::kKemenpanToken).get(), get_template, &t);
    ASSERT_TRUE(s.ok()) << s.error_message();
    for (const std::string& p : t.placeholders()) (*send.mutable_personalisation())[p] = "x";
    s = stub->SendNotification(Ctx(testing::kKemenpanToken).get(), send, &n);
    ASSERT_TRUE(s.ok()) << s.error_message();
    notification_name_ = n.name();

    // Screening: a round with a TMS result of the honorer (5371) and its appeal.
    screening::v1::CreateRoundRequest round;
    ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(
        R"(round { display_name: "Seleksi PPPK 2024 Tahap II"
           cutoff_date { year: 2024 month: 12 day: 31 }
           appeal_start_date { year: 2025 month: 2 day: 19 }
           appeal_end_date { year: 2025 month: 2 day: 21 } appeal_time_zone: "Asia/Jakarta" })",
        &round));
    screening::v1::Round r;
    s = screening_->NewStub()->CreateRound(Ctx(testing::kBknToken).get(), round, &r);
    ASSERT_TRUE(s.ok()) << s.error_message();
    ASSERT_EQ(r.name(), "rounds/1");
    const int64_t honorer_id = std::stoll(honorer_.substr(strlen("honorers/")));
    ASSERT_TRUE(
        screening_->StoreTmsResult(1, honorer_id, "5371", screening::v1::SERVICE_TOO_SHORT).ok());
    screening::v1::FileAppealRequest file;
    file.set_result(absl::StrCat("rounds/1/results/", honorer_id));
    auto* answer = file.add_answers();
    answer->set_code(screening::v1::SERVICE_TOO_SHORT);
    answer->set_statement("SK pertama 2010");
    screening::v1::Appeal appeal;
    s = screening_->NewStub()->FileAppeal(Ctx(testing::kKupangToken).get(), file, &appeal);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }

  std::vector<ServiceUnderTest> Services() {
    const std::string h = honorer_;
    const std::string id = honorer_.substr(strlen("honorers/"));
    const std::string kupang = "instansi:5371";
    return {
        {&registry::RegistryAccess(), registry_->address(), &registry_->db(),
         {
             {"CreateHonorer", {R"(honorer { instansi_code: "5371" })", kupang}},
             {"GetHonorer", {absl::StrCat(R"(name: ")", h, R"(")"), kupang}},
             {"BatchGetHonorers", {absl::StrCat(R"(names: ")", h, R"(")"), kupang}},
             {"GetInstansiContacts", {R"(instansi_code: "5371")", kupang}},
             {"UpdateInstansiContacts",
              {R"(contacts { instansi_code: "5371" contacts { email: "admin@kupangkota.go.id" } })",
               kupang}},
             {"BatchGetInstansiContacts", {R"(instansi_codes: "5371")", kupang}},
             {"ListHonorers", {R"(instansi_code: "5371")", kupang}},
             {"UpdateHonorer",
              {absl::StrCat(R"(honorer { name: ")", h,
                            R"(" unit_kerja: "Dinas Pendidikan" } update_mask { paths: "unit_kerja" })"),
               kupang}},
             {"ChangeHonorerStatus",
              {absl::StrCat(R"(name: ")", h, R"(" status: $STATUS reason: "uji akses")"), kupang}},
             {"ListStatusHistory", {absl::StrCat(R"(name: ")", h, R"(")"), kupang}},
             {"ImportHonorers",
              {R"(header { instansi_code: "5371" import_id: "access-test" })", kupang}},
             {"BulkChangeStatus",
              {R"(instansi_code: "5371" new_status: DIRUMAHKAN reason: "uji" dry_run: true)",
               kupang}},
             {"ListContracts", {absl::StrCat(R"(honorer: ")", h, R"(")"), kupang}},
             {"ListExpiringContracts", {R"(instansi_code: "5371")", kupang}},
             {"RenewContracts",
              {R"(instansi_code: "5371" sk_number: "800/1/2021"
                  start_date { year: 2021 month: 1 day: 1 } end_date { year: 2021 month: 12 day: 31 }
                  signed_by: "Wali Kota Kupang" dry_run: true)",
               kupang}},
             {"GetContractPolicy", {R"(instansi_code: "5371")", kupang}},
             {"UpdateContractPolicy",
              {R"(policy { instansi_code: "5371" expiry_notice_days: 30 }
                  update_mask { paths: "expiry_notice_days" })",
               kupang}},
             {"SetPerformanceReview",
              {absl::StrCat(R"(review { honorer: ")", h,
                            R"(" year: 2020 outcome: BAIK reviewer: "Kepala Dinas Pendidikan" })"),
               kupang}},
             {"ImportPerformanceReviews",
              {absl::StrCat(R"(instansi_code: "5371" rows { row_number: 2 honorer: ")", h,
                            R"(" year: 2020 outcome: "BAIK" reviewer: "Kepala Dinas Pendidikan" })"),
               kupang}},
             {"ListPerformanceReviews", {R"(instansi_code: "5371" year: 2020)", kupang}},
         }},
        {&notification::NotificationAccess(), notification_->address(), &notification_->db(),
         {
             {"GetNotification",
              {absl::StrCat(R"(name: ")", notification_name_, R"(")"), "national:kemenpanrb"}},
             {"ListNotifications", {"", "national:kemenpanrb", /*filtered=*/true}},
             {"RetryNotifications",
              {absl::StrCat(R"(names: ")", notification_name_, R"(")"), "national:kemenpanrb",
               /*filtered=*/true}},
         }},
        {&formasi::FormasiAccess(), formasi_->address(), &formasi_->db(),
         {
             {"ListExtensions", {R"(period: "periods/1" instansi_code: "5371")", kupang}},
             {"CreateProposal",
              {R"(proposal { period: "periods/1" instansi_code: "5371" })", kupang}},
             {"GetProposal", {R"(name: "periods/1/proposals/5371")", kupang}},
             {"ListProposals", {R"(period: "periods/1" instansi_code: "5371")", kupang}},
             {"UpdateProposal",
              {R"(proposal { name: "periods/1/proposals/5371" } update_mask { paths: "sptjm_reference" })",
               kupang}},
             {"SubmitProposal", {R"(name: "periods/1/proposals/5371" validate_only: true)", kupang}},
             {"GetPeriodSummary", {R"(period: "periods/1" instansi_code: "5371")", kupang}},
             {"ListReminders", {R"(period: "periods/1" instansi_code: "5371")", kupang}},
         }},
        {&screening::ScreeningAccess(), screening_->address(), &screening_->db(),
         {
             {"AddApplicants",
              {absl::StrCat(R"(round: "rounds/1" instansi_code: "5371" honorers: ")", h, R"(")"),
               kupang}},
             {"ListApplicants", {R"(round: "rounds/1" instansi_code: "5371")", kupang}},
             {"GetResult", {absl::StrCat(R"(name: "rounds/1/results/)", id, R"(")"), kupang}},
             {"ListResults", {R"(round: "rounds/1" instansi_code: "5371")", kupang}},
             {"SummarizeResults", {R"(round: "rounds/1" instansi_code: "5371")", kupang}},
             {"FileAppeal",
              {absl::StrCat(R"(result: "rounds/1/results/)", id,
                            R"(" answers { code: SERVICE_TOO_SHORT statement: "SK 2010" })"),
               kupang}},
             {"GetAppeal",
              {absl::StrCat(R"(name: "rounds/1/results/)", id, R"(/appeal")"), kupang}},
             {"ListAppeals", {R"(round: "rounds/1" instansi_code: "5371")", kupang}},
             {"RankCandidates", {R"(round: "rounds/1" instansi_code: "5371")", kupang}},
         }},
    };
  }

  // One unary call of `method` with `request` (client-streaming methods get it as
  // their only message); answers the status.
  static grpc::Status CallGeneric(const std::string& address, const std::string& path,
                                  const google::protobuf::Message& request, const Who& who,
                                  const std::string& request_id) {
    auto channel = grpc::CreateChannel(address, grpc::InsecureChannelCredentials());
    grpc::GenericStub stub(channel);
    std::unique_ptr<grpc::ClientContext> ctx = Ctx(who.token);
    ctx->AddMetadata("x-request-id", request_id);
    std::string bytes = request.SerializeAsString();
    grpc::Slice slice(bytes);
    grpc::ByteBuffer in(&slice, 1), out;
    std::promise<grpc::Status> done;
    stub.UnaryCall(ctx.get(), path, grpc::StubOptions(), &in, &out,
                   [&done](grpc::Status s) { done.set_value(std::move(s)); });
    return done.get_future().get();
  }

  static int64_t AuditedRefusals(storage::Database& db, const std::string& request_id) {
    auto conn = db.Acquire();
    EXPECT_TRUE(conn.ok());
    auto rows = (*conn)->Query(
        "SELECT COUNT(*) FROM audit_log WHERE request_id = ? AND outcome <> 'OK'", {request_id});
    EXPECT_TRUE(rows.ok()) << rows.status();
    return rows.ok() ? (*rows)[0].Int(0) : -1;
  }

  std::unique_ptr<testing::RegistryServer> registry_;
  std::unique_ptr<testing::NotificationServer> notification_;
  std::unique_ptr<testing::FormasiServer> formasi_;
  std::unique_ptr<testing::ScreeningServer> screening_;
  std::string honorer_, notification_name_;
};

bool IsRefusal(grpc::StatusCode code) {
  return code == grpc::StatusCode::PERMISSION_DENIED ||
         code == grpc::StatusCode::UNAUTHENTICATED;
}

TEST_P(AccessTest, EveryMethodOfEveryServiceKeepsToItsTable) {
  google::protobuf::DynamicMessageFactory factory;
  int calls = 0, refusals = 0, foreign = 0;
  for (const ServiceUnderTest& service : Services()) {
    const google::protobuf::ServiceDescriptor* descriptor =
        google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(
            service.table->service());
    ASSERT_NE(descriptor, nullptr) << service.table->service();
    ASSERT_TRUE(service.table->CheckCovers(*descriptor).ok());
    for (int m = 0; m < descriptor->method_count(); ++m) {
      const google::protobuf::MethodDescriptor* method = descriptor->method(m);
      const std::string path = absl::StrCat("/", descriptor->full_name(), "/", method->name());
      auto sample = service.samples.find(method->name());
      const bool scoped = service.table->methods().at(method->name()).scope != Scope::kAll;
      // A scoped method without a sample would test nothing of its scope.
      if (scoped && method->name().rfind("Send", 0) != 0) {
        EXPECT_NE(sample, service.samples.end()) << path << " is scoped: give it a sample";
      }
      for (const Who& who : Everyone()) {
        std::unique_ptr<google::protobuf::Message> request(
            factory.GetPrototype(method->input_type())->New());
        if (sample != service.samples.end()) {
          // MS/TMS are BKN's and the screening's to set; anyone else asks for another.
          const std::string status =
              absl::string_view(who.principal) == "national:bkn" ||
                      absl::string_view(who.principal) == "service:screening"
                  ? "TMS"
                  : "DIRUMAHKAN";
          ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(
              absl::StrReplaceAll(sample->second.text, {{"$STATUS", status}}), request.get()))
              << path;
        }
        const std::string request_id =
            absl::StrCat("acc-", method->name(), "-", ++calls);
        SCOPED_TRACE(absl::StrCat(path, " as ", who.principal[0] ? who.principal : "nobody"));
        grpc::Status status = CallGeneric(service.address, path, *request, who, request_id);
        absl::StatusOr<Principal> principal = ParsePrincipal(who.principal);
        const bool allowed =
            principal.ok() && service.table->Check(*principal, method->name()).ok();
        if (!allowed) {
          ++refusals;
          EXPECT_TRUE(IsRefusal(status.error_code()))
              << "got " << status.error_code() << " " << status.error_message();
          EXPECT_EQ(AuditedRefusals(*service.db, request_id), 1);
          continue;
        }
        // The sample's record belongs to `owner`: a caller scoped to its own
        // records who is not the owner must not get it, and the try is audited.
        const bool foreign_caller = sample != service.samples.end() &&
                                    !sample->second.filtered &&
                                    service.table->OwnRecordsOnly(*principal, method->name()) &&
                                    sample->second.owner != who.principal;
        if (!foreign_caller) {
          EXPECT_FALSE(IsRefusal(status.error_code())) << status.error_message();
          continue;
        }
        ++foreign;
        EXPECT_TRUE(status.error_code() == grpc::StatusCode::PERMISSION_DENIED ||
                    status.error_code() == grpc::StatusCode::NOT_FOUND)
            << "another's record answered " << status.error_code();
        EXPECT_EQ(status.error_message().find("5371"), std::string::npos)
            << status.error_message();
        EXPECT_EQ(AuditedRefusals(*service.db, request_id), 1);
      }
    }
  }
  // The walk reached every principal kind and both kinds of refusal.
  EXPECT_GT(refusals, 50);
  EXPECT_GT(foreign, 10);
}

// The least-privilege rules of issue 7, stated here independently of the tables
// they are checked against above.
TEST(AccessTables, LeastPrivilege) {
  const AccessTable& registry = registry::RegistryAccess();
  const AccessTable& notification = notification::NotificationAccess();
  auto may = [](const AccessTable& t, const char* who, const char* method) {
    return t.Check(*ParsePrincipal(who), method).ok();
  };
  for (const auto& [method, access] : registry.methods()) {
    SCOPED_TRACE(method);
    EXPECT_FALSE(may(registry, "service:notification", method.c_str()));
    EXPECT_FALSE(may(registry, "service:registry", method.c_str()));
  }
  for (const char* reader : {"service:formasi", "service:screening"}) {
    EXPECT_TRUE(may(registry, reader, "GetHonorer"));
    EXPECT_TRUE(may(registry, reader, "ListHonorers"));
    EXPECT_TRUE(may(registry, reader, "GetInstansi"));
    EXPECT_FALSE(may(registry, reader, "UpdateHonorer"));
    EXPECT_FALSE(may(registry, reader, "ListAuditEvents"));
  }
  for (const char* reader : {"service:formasi", "service:screening"}) {
    EXPECT_TRUE(may(registry, reader, "BatchGetHonorers"));
  }
  // Contact details: formasi reads them to send reminders; no service changes them.
  EXPECT_TRUE(may(registry, "service:formasi", "GetInstansiContacts"));
  EXPECT_TRUE(may(registry, "service:formasi", "BatchGetInstansiContacts"));
  EXPECT_FALSE(may(registry, "service:formasi", "UpdateInstansiContacts"));
  // The screening sends results and appeal decisions to the instansi's admins.
  EXPECT_TRUE(may(registry, "service:screening", "GetInstansiContacts"));
  EXPECT_TRUE(may(registry, "service:screening", "BatchGetInstansiContacts"));
  EXPECT_FALSE(may(registry, "service:screening", "UpdateInstansiContacts"));
  // A round's MS/TMS write-back: the screening only.
  EXPECT_TRUE(may(registry, "service:screening", "RecordScreeningOutcomes"));
  for (const char* other : {"national:bkn", "national:kemenpanrb", "instansi:5371",
                            "service:formasi"}) {
    EXPECT_FALSE(may(registry, other, "RecordScreeningOutcomes")) << other;
  }
  // ...and not one by one, to any status.
  EXPECT_FALSE(may(registry, "service:screening", "ChangeHonorerStatus"));
  EXPECT_FALSE(may(registry, "service:formasi", "ChangeHonorerStatus"));
  EXPECT_TRUE(may(registry, "national:bkn", "VerifyHonorers"));
  EXPECT_FALSE(may(registry, "national:kemenpanrb", "VerifyHonorers"));
  for (const auto& [method, access] : notification.methods()) {
    SCOPED_TRACE(method);
    EXPECT_FALSE(may(notification, "instansi:5371", method.c_str()));
    EXPECT_FALSE(may(notification, "service:notification", method.c_str()));
  }
  EXPECT_TRUE(notification.OwnRecordsOnly(*ParsePrincipal("service:formasi"),
                                          "ListNotifications"));
  EXPECT_FALSE(notification.OwnRecordsOnly(*ParsePrincipal("national:bkn"),
                                           "ListNotifications"));
}

// The committed local tokens work from this machine, over IPv4 and IPv6 loopback
// alike (gRPC writes an IPv6 peer as "ipv6:%5B::1%5D:port").
class EchoInstansi final : public registry::v1::RegistryService::Service {
 public:
  explicit EchoInstansi(const ServiceEdge& edge) : edge_(edge) {}
  grpc::Status GetInstansi(grpc::ServerContext* ctx, const registry::v1::GetInstansiRequest*,
                           registry::v1::Instansi* out) override {
    Call call(ctx, "GetInstansi", edge_);
    return call.Finish([&]() -> absl::Status {
      if (!call.caller().ok()) return call.caller().status();
      out->set_code(call.caller()->principal.id);
      return absl::OkStatus();
    }());
  }

 private:
  const ServiceEdge& edge_;
};

TEST(LocalTokens, AreAcceptedFromLoopbackOverIpv4AndIpv6) {
  auto tokens = TokenAuthenticator::FromCsvText(
      "# LOCAL DEVELOPMENT ONLY\ntoken,principal\nlocal-instansi-5371-0123456789ab,instansi:5371\n");
  ASSERT_TRUE(tokens.ok());
  ASSERT_TRUE(tokens->local_only());
  Authenticator auth(std::move(*tokens));
  SystemClock clock;
  auto edge = ServiceEdge::Create(registry::RegistryAccess(), auth, [](const AuditRecord&) {},
                                  clock);
  ASSERT_TRUE(edge.ok());
  EchoInstansi service(**edge);
  for (const char* listen : {"127.0.0.1:0", "[::1]:0"}) {
    SCOPED_TRACE(listen);
    ServerOptions options;
    options.listen_address = listen;
    auto server = StartServer(options, {&service});
    if (!server.ok() && std::string(listen) == "[::1]:0") {
      GTEST_SKIP() << "no IPv6 loopback on this machine";
    }
    ASSERT_TRUE(server.ok()) << server.status();
    const std::string host = std::string(listen) == "[::1]:0" ? "[::1]" : "127.0.0.1";
    auto stub = registry::v1::RegistryService::NewStub(grpc::CreateChannel(
        absl::StrCat(host, ":", (*server)->port()), grpc::InsecureChannelCredentials()));
    registry::v1::Instansi out;
    grpc::Status s = stub->GetInstansi(Ctx("local-instansi-5371-0123456789ab").get(), {}, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    EXPECT_EQ(out.code(), "5371");
  }
}

// docs/security.md holds every service's table exactly as the code declares it.
TEST(AccessTables, AreTheOnesInTheSecurityDoc) {
  std::ifstream in(std::string(PENATAAN_SOURCE_DIR) + "/docs/security.md");
  ASSERT_TRUE(in) << "docs/security.md is missing";
  std::stringstream text;
  text << in.rdbuf();
  for (const AccessTable* table :
       {&registry::RegistryAccess(), &notification::NotificationAccess(),
        &formasi::FormasiAccess(), &screening::ScreeningAccess()}) {
    EXPECT_NE(text.str().find(table->Markdown()), std::string::npos)
        << "docs/security.md does not hold this table of " << table->service()
        << "; replace it with:\n"
        << table->Markdown();
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, AccessTest, ::testing::Values("sqlite", "mysql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace penataan
