// Instansi contact lists over real gRPC on SQLite and MariaDB: set by the instansi
// or a national principal, read by formasi, validated field by field, guarded by
// an etag, and never written to the audit log or an error in full.

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <thread>

#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/server/grpc_status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/registry_server.h"

namespace penataan::registry {
namespace {

using ::penataan::testing::Ctx;
using ::penataan::testing::kBekasiToken;
using ::penataan::testing::kFormasiToken;
using ::penataan::testing::kKemenpanToken;
using ::penataan::testing::kKupangToken;
using ::penataan::testing::kScreeningToken;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

v1::InstansiContact Contact(const std::string& name, const std::string& email,
                            const std::string& webhook = "") {
  v1::InstansiContact c;
  c.set_display_name(name);
  c.set_email(email);
  c.set_webhook_url(webhook);
  return c;
}

class RegistryContactsTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (storage::testing::TestDatabase::ShouldSkip(GetParam())) GTEST_SKIP() << "no MariaDB";
    auto server = testing::RegistryServer::Start(GetParam());
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server);
    stub_ = server_->NewStub();
  }

  grpc::Status Update(const std::string& code, const std::vector<v1::InstansiContact>& contacts,
                      const std::string& etag, const char* token, v1::InstansiContacts* out) {
    v1::UpdateInstansiContactsRequest req;
    req.mutable_contacts()->set_instansi_code(code);
    for (const auto& c : contacts) *req.mutable_contacts()->add_contacts() = c;
    req.set_etag(etag);
    return stub_->UpdateInstansiContacts(Ctx(token).get(), req, out);
  }

  grpc::Status Get(const std::string& code, const char* token, v1::InstansiContacts* out) {
    v1::GetInstansiContactsRequest req;
    req.set_instansi_code(code);
    return stub_->GetInstansiContacts(Ctx(token).get(), req, out);
  }

  int64_t CountRows(const std::string& sql) {
    auto conn = server_->db().Acquire();
    auto rows = (*conn)->Query(sql);
    return rows.ok() && !rows->empty() ? (*rows)[0].Int(0) : -1;
  }

  std::unique_ptr<testing::RegistryServer> server_;
  std::unique_ptr<v1::RegistryService::Stub> stub_;
};

const v1::InstansiContact kAdmin = Contact("Admin BKPSDM Kota Bekasi", "bkpsdm@bekasikota.go.id");
const v1::InstansiContact kGateway =
    Contact("Operator WA", "operator@bekasikota.go.id", "https://wa.bekasikota.go.id/hook");

TEST_P(RegistryContactsTest, RoundTripInOrderWithEtagAndAuthor) {
  v1::InstansiContacts got;
  ASSERT_TRUE(Get("3275", kBekasiToken, &got).ok());
  EXPECT_EQ(got.name(), "instansi/3275/contacts");
  EXPECT_EQ(got.contacts_size(), 0);
  EXPECT_EQ(got.etag(), "0");

  v1::InstansiContacts set;
  grpc::Status s = Update("3275", {kAdmin, kGateway}, got.etag(), kBekasiToken, &set);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(set.etag(), "1");
  EXPECT_EQ(set.updated_by(), "instansi:3275");
  EXPECT_TRUE(set.has_update_time());

  // An instansi reading its own may leave the code out.
  ASSERT_TRUE(Get("", kBekasiToken, &got).ok());
  ASSERT_EQ(got.contacts_size(), 2);
  EXPECT_EQ(got.contacts(0).email(), "bkpsdm@bekasikota.go.id");
  EXPECT_EQ(got.contacts(0).display_name(), "Admin BKPSDM Kota Bekasi");
  EXPECT_EQ(got.contacts(1).webhook_url(), "https://wa.bekasikota.go.id/hook");
  EXPECT_EQ(got.etag(), "1");

  // The whole list is replaced: the gateway first now, the admin gone.
  ASSERT_TRUE(Update("3275", {kGateway}, "1", kKemenpanToken, &set).ok());
  ASSERT_TRUE(Get("3275", kFormasiToken, &got).ok());
  ASSERT_EQ(got.contacts_size(), 1);
  EXPECT_EQ(got.contacts(0).email(), "operator@bekasikota.go.id");
  EXPECT_EQ(got.updated_by(), "national:kemenpanrb");
  EXPECT_EQ(got.etag(), "2");

  // Audited with counts, in the same transaction; no address anywhere in the log.
  EXPECT_EQ(CountRows("SELECT COUNT(*) FROM audit_log WHERE action = 'UpdateInstansiContacts'"
                      " AND outcome = 'OK' AND resource = 'instansi/3275/contacts'"),
            2);
  EXPECT_EQ(CountRows("SELECT COUNT(*) FROM audit_log WHERE detail LIKE '%@%'"
                      " OR detail LIKE '%https:%'"),
            0);
}

TEST_P(RegistryContactsTest, AStaleEtagIsAbortedAndChangesNothing) {
  v1::InstansiContacts set;
  ASSERT_TRUE(Update("3275", {kAdmin}, "", kBekasiToken, &set).ok());
  ASSERT_TRUE(Update("3275", {kGateway}, "1", kBekasiToken, &set).ok());
  grpc::Status stale = Update("3275", {kAdmin}, "1", kBekasiToken, &set);
  EXPECT_EQ(stale.error_code(), grpc::StatusCode::ABORTED);
  // Never set is etag "0": a second first-time writer is stale too.
  EXPECT_EQ(Update("3275", {kAdmin}, "0", kBekasiToken, &set).error_code(),
            grpc::StatusCode::ABORTED);
  v1::InstansiContacts got;
  ASSERT_TRUE(Get("3275", kBekasiToken, &got).ok());
  EXPECT_EQ(got.etag(), "2");
  ASSERT_EQ(got.contacts_size(), 1);
  EXPECT_EQ(got.contacts(0).email(), "operator@bekasikota.go.id");
}

// Several admins saving at once from the same read: exactly one wins.
TEST_P(RegistryContactsTest, ConcurrentUpdatesFromOneReadLetOneWin) {
  v1::InstansiContacts set;
  ASSERT_TRUE(Update("3275", {kAdmin}, "", kBekasiToken, &set).ok());
  std::atomic<int> ok{0}, aborted{0}, other{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&, i] {
      v1::InstansiContacts out;
      grpc::Status s =
          Update("3275", {Contact("", absl::StrCat("admin", i, "@bekasikota.go.id"))}, "1",
                 kBekasiToken, &out);
      if (s.ok()) {
        ++ok;
      } else if (s.error_code() == grpc::StatusCode::ABORTED) {
        ++aborted;
      } else {
        ++other;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok, 1);
  EXPECT_EQ(aborted, 3);
  EXPECT_EQ(other, 0);
  EXPECT_EQ(CountRows("SELECT COUNT(*) FROM instansi_contacts WHERE instansi_code = '3275'"), 1);
}

TEST_P(RegistryContactsTest, ValidationNamesEachFieldAndNeverQuotesTheAddress) {
  struct Case {
    const char* name;
    std::vector<v1::InstansiContact> contacts;
    std::vector<std::string> fields;
  } cases[] = {
      {"no contacts", {}, {"contacts.contacts"}},
      {"eleven", std::vector<v1::InstansiContact>(11, kAdmin), {"contacts.contacts"}},
      {"second without email", {kAdmin, Contact("Operator", "")}, {"contacts.contacts[1].email"}},
      {"not an address", {Contact("", "bkpsdm(at)bekasikota.go.id")},
       {"contacts.contacts[0].email"}},
      {"plain http webhook", {Contact("", "a@bekasikota.go.id", "http://wa.bekasikota.go.id/h")},
       {"contacts.contacts[0].webhook_url"}},
      {"credentials in the webhook",
       {kAdmin, Contact("", "b@bekasikota.go.id", "https://u:rahasia@wa.bekasikota.go.id/h")},
       {"contacts.contacts[1].webhook_url"}},
      {"long display name", {Contact(std::string(201, 'x'), "a@bekasikota.go.id")},
       {"contacts.contacts[0].display_name"}},
      {"the same address twice", {kAdmin, Contact("", "BKPSDM@bekasikota.go.id")},
       {"contacts.contacts[1].email"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    v1::InstansiContacts out;
    grpc::Status s = Update("3275", c.contacts, "", kBekasiToken, &out);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    std::vector<std::string> fields;
    for (const Violation& v : ViolationsOf(FromGrpcStatus(s))) fields.push_back(v.field);
    EXPECT_EQ(fields, c.fields);
    EXPECT_EQ(s.error_message().find("bekasikota.go.id"), std::string::npos)
        << s.error_message();
    EXPECT_EQ(s.error_message().find("rahasia"), std::string::npos);
  }
  EXPECT_EQ(CountRows("SELECT COUNT(*) FROM instansi_contacts"), 0);

  // The name may stand for the code; the two must agree when both are given.
  v1::UpdateInstansiContactsRequest req;
  req.mutable_contacts()->set_name("instansi/3275/contacts");
  *req.mutable_contacts()->add_contacts() = kAdmin;
  v1::InstansiContacts out;
  ASSERT_TRUE(stub_->UpdateInstansiContacts(Ctx(kKemenpanToken).get(), req, &out).ok());
  EXPECT_EQ(out.instansi_code(), "3275");
  req.mutable_contacts()->set_instansi_code("5371");
  grpc::Status s = stub_->UpdateInstansiContacts(Ctx(kKemenpanToken).get(), req, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolationsOf(FromGrpcStatus(s))[0].field, "contacts.name");
  // National callers name the instansi.
  s = Update("", {kAdmin}, "", kKemenpanToken, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolationsOf(FromGrpcStatus(s))[0].field, "contacts.instansi_code");
}

// An instansi keeps 1 to 10 contacts (docs/security.md "Limits"): ten are stored
// and read back in order; eleven are refused (ValidationNamesEachField...) and
// leave the ten as they were.
TEST_P(RegistryContactsTest, TenContactsAreKeptAndAnEleventhIsRefused) {
  std::vector<v1::InstansiContact> ten;
  for (int i = 1; i <= 10; ++i) {
    ten.push_back(
        Contact(absl::StrCat("Operator ", i), absl::StrCat("op", i, "@bekasikota.go.id")));
  }
  v1::InstansiContacts stored;
  ASSERT_TRUE(Update("3275", ten, "", kBekasiToken, &stored).ok());
  std::vector<v1::InstansiContact> eleven = ten;
  eleven.push_back(Contact("Operator 11", "op11@bekasikota.go.id"));
  v1::InstansiContacts out;
  grpc::Status s = Update("3275", eleven, stored.etag(), kBekasiToken, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  std::vector<std::string> fields;
  for (const Violation& v : ViolationsOf(FromGrpcStatus(s))) fields.push_back(v.field);
  EXPECT_THAT(fields, ElementsAre("contacts.contacts"));
  ASSERT_TRUE(Get("3275", kBekasiToken, &out).ok());
  ASSERT_EQ(out.contacts_size(), 10);
  EXPECT_EQ(out.contacts(9).email(), "op10@bekasikota.go.id");
  EXPECT_EQ(out.etag(), stored.etag());
}

TEST_P(RegistryContactsTest, AnUnknownInstansiIsNotFoundToNationalCallers) {
  v1::InstansiContacts out;
  grpc::Status s = Update("9999", {kAdmin}, "", kKemenpanToken, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(ViolationsOf(FromGrpcStatus(s))[0].field, "contacts.instansi_code");
  EXPECT_EQ(Get("9999", kFormasiToken, &out).error_code(), grpc::StatusCode::NOT_FOUND);
  // To an instansi, another code is refused before anything is looked up.
  EXPECT_EQ(Update("9999", {kAdmin}, "", kBekasiToken, &out).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(CountRows("SELECT COUNT(*) FROM instansi_contact_lists"), 0);
}

TEST_P(RegistryContactsTest, AnotherInstansiIsRefusedAndAudited) {
  v1::InstansiContacts out;
  ASSERT_TRUE(Update("5371", {Contact("", "bkpsdm@kupangkota.go.id")}, "", kKupangToken, &out)
                  .ok());
  grpc::Status get = Get("5371", kBekasiToken, &out);
  grpc::Status update = Update("5371", {kAdmin}, "", kBekasiToken, &out);
  v1::BatchGetInstansiContactsRequest batch;
  batch.add_instansi_codes("3275");
  batch.add_instansi_codes("5371");
  v1::BatchGetInstansiContactsResponse listed;
  grpc::Status batch_get =
      stub_->BatchGetInstansiContacts(Ctx(kBekasiToken).get(), batch, &listed);
  for (const grpc::Status& s : {get, update, batch_get}) {
    EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
    EXPECT_EQ(s.error_message().find("5371"), std::string::npos) << s.error_message();
  }
  EXPECT_EQ(CountRows("SELECT COUNT(*) FROM audit_log WHERE outcome = 'PERMISSION_DENIED'"
                      " AND principal = 'instansi:3275' AND resource = 'instansi/5371/contacts'"),
            3);
  ASSERT_TRUE(Get("5371", kKupangToken, &out).ok());
  EXPECT_EQ(out.contacts(0).email(), "bkpsdm@kupangkota.go.id");
}

TEST_P(RegistryContactsTest, FormasiAndTheScreeningReadButDoNotUpdate) {
  v1::InstansiContacts out;
  ASSERT_TRUE(Update("3275", {kAdmin}, "", kBekasiToken, &out).ok());
  for (const char* token : {kFormasiToken, kScreeningToken}) {
    SCOPED_TRACE(token);
    ASSERT_TRUE(Get("3275", token, &out).ok());
    EXPECT_EQ(out.contacts_size(), 1);
    EXPECT_EQ(Update("3275", {kGateway}, "", token, &out).error_code(),
              grpc::StatusCode::PERMISSION_DENIED);
  }
}

TEST_P(RegistryContactsTest, BatchGetAnswersInOrderWithEmptyListsAndWithoutUnknownCodes) {
  v1::InstansiContacts out;
  ASSERT_TRUE(Update("3275", {kAdmin, kGateway}, "", kBekasiToken, &out).ok());
  v1::BatchGetInstansiContactsRequest req;
  for (const char* code : {"5371", "9999", "3275", "5371"}) req.add_instansi_codes(code);
  v1::BatchGetInstansiContactsResponse got;
  grpc::Status s = stub_->BatchGetInstansiContacts(Ctx(kFormasiToken).get(), req, &got);
  ASSERT_TRUE(s.ok()) << s.error_message();
  std::vector<std::string> codes;
  for (const auto& c : got.contacts()) codes.push_back(c.instansi_code());
  EXPECT_THAT(codes, ElementsAre("5371", "3275", "5371"));
  EXPECT_EQ(got.contacts(0).contacts_size(), 0);
  EXPECT_EQ(got.contacts(0).etag(), "0");
  ASSERT_EQ(got.contacts(1).contacts_size(), 2);
  EXPECT_EQ(got.contacts(1).contacts(1).webhook_url(), "https://wa.bekasikota.go.id/hook");

  // An instansi may batch-read its own.
  v1::BatchGetInstansiContactsRequest own;
  own.add_instansi_codes("3275");
  ASSERT_TRUE(stub_->BatchGetInstansiContacts(Ctx(kBekasiToken).get(), own, &got).ok());
  EXPECT_EQ(got.contacts_size(), 1);

  v1::BatchGetInstansiContactsRequest too_many;
  for (int i = 0; i <= 1000; ++i) too_many.add_instansi_codes(absl::StrCat(1000 + i));
  s = stub_->BatchGetInstansiContacts(Ctx(kFormasiToken).get(), too_many, &got);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolationsOf(FromGrpcStatus(s))[0].field, "instansi_codes");
  too_many.mutable_instansi_codes()->RemoveLast();
  too_many.mutable_instansi_codes()->RemoveLast();
  too_many.add_instansi_codes("3275");  // 1000 codes: the limit, in one call
  ASSERT_TRUE(stub_->BatchGetInstansiContacts(Ctx(kFormasiToken).get(), too_many, &got).ok());
  ASSERT_EQ(got.contacts_size(), 1);
  EXPECT_EQ(got.contacts(0).instansi_code(), "3275");
}

INSTANTIATE_TEST_SUITE_P(Backends, RegistryContactsTest, ::testing::Values("sqlite", "mysql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace penataan::registry
