// NotificationService over real gRPC on localhost, on SQLite and on MariaDB:
// templates, idempotent sends, batches, listing. Delivery is dispatcher_test's.

#include <grpcpp/grpcpp.h>

#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "common/errors.h"
#include "common/proto_time.h"
#include "common/server/grpc_status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/notification_server.h"

namespace penataan::notification {
namespace {

using ::penataan::testing::Ctx;
using ::penataan::testing::kFormasiToken;
using ::penataan::testing::kKemenpanToken;
using ::penataan::testing::kKupangToken;
using ::penataan::testing::kScreeningToken;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

v1::Template EmailTemplate(const std::string& id, const std::string& body) {
  v1::Template t;
  t.set_id(id);
  t.set_channel(v1::EMAIL);
  t.set_subject("Pengumuman untuk ((nama))");
  t.set_body(body);
  return t;
}

// The violation's field a failed call names (from the ErrorDetail it carries).
std::string FieldOf(const grpc::Status& s) {
  std::vector<Violation> v = ViolationsOf(FromGrpcStatus(s));
  return v.empty() ? "" : v[0].field;
}

class NotificationServiceTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (storage::testing::TestDatabase::ShouldSkip(GetParam())) GTEST_SKIP() << "no MariaDB";
    testing::NotificationServerOptions options;
    options.start_dispatcher = false;  // what is stored, not what is delivered
    auto server = testing::NotificationServer::Start(GetParam(), options);
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server);
    stub_ = server_->NewStub();
    v1::CreateTemplateRequest req;
    *req.mutable_template_() =
        EmailTemplate("pengumuman", "Yth. ((nama)), hasil Anda: ((hasil)).");
    v1::Template t;
    ASSERT_TRUE(stub_->CreateTemplate(Ctx(kKemenpanToken).get(), req, &t).ok());
  }

  grpc::Status Send(const std::string& token, const std::string& reference,
                    std::map<std::string, std::string> values, v1::Notification* out,
                    const std::string& recipient = "admin@kupangkota.go.id", int version = 0) {
    v1::SendNotificationRequest req;
    req.set_template_id("pengumuman");
    req.set_template_version(version);
    req.set_recipient(recipient);
    req.set_reference(reference);
    req.mutable_personalisation()->insert(values.begin(), values.end());
    return stub_->SendNotification(Ctx(token).get(), req, out);
  }

  v1::SendBatchRequest Batch(int n, const std::string& prefix) {
    v1::SendBatchRequest req;
    req.set_template_id("pengumuman");
    for (int i = 0; i < n; ++i) {
      auto* r = req.add_recipients();
      r->set_recipient(absl::StrCat("honorer", i, "@mail.example.go.id"));
      r->set_reference(absl::StrCat(prefix, i));
      (*r->mutable_personalisation())["nama"] = absl::StrCat("Honorer ", i);
      (*r->mutable_personalisation())["hasil"] = "MS";
    }
    return req;
  }

  std::unique_ptr<testing::NotificationServer> server_;
  std::unique_ptr<v1::NotificationService::Stub> stub_;
};

// A service sees, lists and retries only what it sent; national principals all.
TEST_P(NotificationServiceTest, AServiceSeesListsAndRetriesOnlyWhatItSent) {
  const std::map<std::string, std::string> values = {{"nama", "Maria"}, {"hasil", "TMS"}};
  v1::Notification mine, theirs, national;
  ASSERT_TRUE(Send(kScreeningToken, "hasil/1", values, &mine).ok());
  ASSERT_TRUE(Send(kFormasiToken, "hasil/1", values, &theirs).ok());
  ASSERT_TRUE(Send(kKemenpanToken, "hasil/1", values, &national).ok());
  // All three failed for good (a relay that refused them), to be retried.
  {
    auto conn = server_->db().Acquire();
    ASSERT_TRUE(conn.ok());
    ASSERT_TRUE((*conn)->Execute("UPDATE notifications SET status = ?",
                                 {int64_t{v1::PERMANENT_FAILURE}}).ok());
  }

  v1::ListNotificationsRequest list;
  v1::ListNotificationsResponse listed;
  ASSERT_TRUE(stub_->ListNotifications(Ctx(kScreeningToken).get(), list, &listed).ok());
  ASSERT_EQ(listed.notifications_size(), 1);
  EXPECT_EQ(listed.notifications(0).name(), mine.name());
  ASSERT_EQ(listed.status_counts_size(), 1);
  EXPECT_EQ(listed.status_counts(0).count(), 1);
  v1::ListNotificationsResponse all;
  ASSERT_TRUE(stub_->ListNotifications(Ctx(kKemenpanToken).get(), list, &all).ok());
  EXPECT_EQ(all.notifications_size(), 3);

  // Another sender's notification is answered as a missing one.
  v1::GetNotificationRequest get;
  get.set_name(theirs.name());
  v1::Notification got;
  grpc::Status foreign = stub_->GetNotification(Ctx(kScreeningToken).get(), get, &got);
  get.set_name("notifications/999999");
  grpc::Status absent = stub_->GetNotification(Ctx(kScreeningToken).get(), get, &got);
  EXPECT_EQ(foreign.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(absent.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(absl::StrReplaceAll(foreign.error_message(), {{theirs.name(), "X"}}),
            absl::StrReplaceAll(absent.error_message(), {{"notifications/999999", "X"}}));

  v1::RetryNotificationsRequest retry;
  retry.add_names(mine.name());
  retry.add_names(theirs.name());
  retry.add_names(national.name());
  v1::RetryNotificationsResponse retried;
  ASSERT_TRUE(stub_->RetryNotifications(Ctx(kScreeningToken).get(), retry, &retried).ok());
  EXPECT_EQ(retried.requeued(), 1);
  ASSERT_TRUE(stub_->RetryNotifications(Ctx(kKemenpanToken).get(), retry, &retried).ok());
  EXPECT_EQ(retried.requeued(), 2);
}

TEST_P(NotificationServiceTest, TemplatesAreVersionedAndARetriedCreateMakesNothingNew) {
  v1::CreateTemplateRequest req;
  *req.mutable_template_() = EmailTemplate("pengumuman", "Yth. ((nama)), hasil Anda: ((hasil)).");
  v1::Template same;
  ASSERT_TRUE(stub_->CreateTemplate(Ctx(kKemenpanToken).get(), req, &same).ok());
  EXPECT_EQ(same.version(), 1);
  EXPECT_THAT(same.placeholders(), ElementsAre("hasil", "nama"));
  EXPECT_EQ(same.created_by(), "national:kemenpanrb");

  req.mutable_template_()->set_body("Yth. ((nama)), hasil seleksi Anda: ((hasil)).");
  v1::Template v2;
  ASSERT_TRUE(stub_->CreateTemplate(Ctx(testing::kBknToken).get(), req, &v2).ok());
  EXPECT_EQ(v2.version(), 2);

  v1::GetTemplateRequest get;
  get.set_name("templates/pengumuman");
  v1::Template latest, first;
  ASSERT_TRUE(stub_->GetTemplate(Ctx(kFormasiToken).get(), get, &latest).ok());
  EXPECT_EQ(latest.version(), 2);
  get.set_version(1);
  ASSERT_TRUE(stub_->GetTemplate(Ctx(kFormasiToken).get(), get, &first).ok());
  EXPECT_THAT(first.body(), HasSubstr("hasil Anda"));
  get.set_version(3);
  EXPECT_EQ(stub_->GetTemplate(Ctx(kFormasiToken).get(), get, &first).error_code(),
            grpc::StatusCode::NOT_FOUND);

  // The channel is fixed once a template exists.
  req.mutable_template_()->set_channel(v1::WEBHOOK);
  v1::Template refused;
  grpc::Status s = stub_->CreateTemplate(Ctx(kKemenpanToken).get(), req, &refused);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(FieldOf(s), "template.channel");
}

TEST_P(NotificationServiceTest, AMalformedTemplateIsRefusedNamingTheField) {
  v1::CreateTemplateRequest req;
  *req.mutable_template_() = EmailTemplate("rusak", "Yth. ((nama), hasil");
  v1::Template t;
  grpc::Status s = stub_->CreateTemplate(Ctx(kKemenpanToken).get(), req, &t);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(FieldOf(s), "template.body");
  *req.mutable_template_() = EmailTemplate("Bukan Id", "x");
  EXPECT_EQ(FieldOf(stub_->CreateTemplate(Ctx(kKemenpanToken).get(), req, &t)), "template.id");
}

TEST_P(NotificationServiceTest, DefaultIndonesianTemplatesAreListed) {
  v1::ListTemplatesRequest req;
  req.set_page_size(2);
  std::vector<std::string> ids;
  for (;;) {
    v1::ListTemplatesResponse resp;
    ASSERT_TRUE(stub_->ListTemplates(Ctx(kFormasiToken).get(), req, &resp).ok());
    for (const auto& t : resp.templates()) ids.push_back(t.id());
    if (resp.next_page_token().empty()) break;
    req.set_page_token(resp.next_page_token());
  }
  EXPECT_THAT(ids, ElementsAre("appeal-decision", "appeal-decision-instansi",
                               "appeal-decision-instansi-webhook", "appeal-decision-whatsapp",
                               "contract-expiring", "contract-expiring-webhook",
                               "contract-expiry-summary", "contract-expiry-summary-webhook",
                               "contract-kept-at-work", "contract-kept-at-work-whatsapp",
                               "contract-renewed", "contract-renewed-whatsapp",
                               "contract-sent-home", "contract-sent-home-whatsapp",
                               "formasi-deadline-missed", "formasi-deadline-missed-webhook",
                               "formasi-deadline-reminder", "formasi-deadline-reminder-webhook",
                               "formasi-proposal-decision", "formasi-proposal-decision-webhook",
                               "pengumuman", "screening-instansi-summary",
                               "screening-instansi-summary-webhook", "screening-result-ms",
                               "screening-result-ms-whatsapp", "screening-result-tms",
                               "screening-result-tms-whatsapp"));
}

TEST_P(NotificationServiceTest, TheSameReferenceTwiceStoresOneNotification) {
  v1::Notification first, again;
  ASSERT_TRUE(Send(kScreeningToken, "seleksi/2025/hasil/1", {{"nama", "Maria"}, {"hasil", "MS"}},
                   &first)
                  .ok());
  EXPECT_EQ(first.status(), v1::QUEUED);
  EXPECT_EQ(first.template_version(), 1);
  EXPECT_EQ(first.sender(), "service:screening");
  ASSERT_TRUE(Send(kScreeningToken, "seleksi/2025/hasil/1", {{"nama", "Maria"}, {"hasil", "MS"}},
                   &again)
                  .ok());
  EXPECT_EQ(again.name(), first.name());

  // A reference belongs to its sender: another service's same key is its own.
  v1::Notification other;
  ASSERT_TRUE(Send(kFormasiToken, "seleksi/2025/hasil/1", {{"nama", "Maria"}, {"hasil", "MS"}},
                   &other)
                  .ok());
  EXPECT_NE(other.name(), first.name());

  v1::ListNotificationsRequest list;
  list.set_reference_prefix("seleksi/2025/");
  v1::ListNotificationsResponse resp;
  ASSERT_TRUE(stub_->ListNotifications(Ctx(kKemenpanToken).get(), list, &resp).ok());
  EXPECT_EQ(resp.notifications_size(), 2);
}

TEST_P(NotificationServiceTest, ConcurrentSendsOfOneReferenceStoreOne) {
  constexpr int kCallers = 8;
  std::vector<std::string> names(kCallers);
  std::vector<std::thread> callers;
  for (int i = 0; i < kCallers; ++i) {
    callers.emplace_back([&, i] {
      v1::Notification n;
      grpc::Status s = Send(kScreeningToken, "retry-storm/1", {{"nama", "A"}, {"hasil", "MS"}}, &n);
      EXPECT_TRUE(s.ok()) << s.error_message();
      names[i] = n.name();
    });
  }
  for (std::thread& t : callers) t.join();
  for (const std::string& name : names) EXPECT_EQ(name, names[0]);
  v1::ListNotificationsResponse resp;
  ASSERT_TRUE(stub_->ListNotifications(Ctx(kKemenpanToken).get(), {}, &resp).ok());
  EXPECT_EQ(resp.notifications_size(), 1);
}

TEST_P(NotificationServiceTest, AMissingOrUnknownPlaceholderValueIsRefusedNamingIt) {
  v1::Notification n;
  grpc::Status missing = Send(kScreeningToken, "r1", {{"nama", "Maria"}}, &n);
  EXPECT_EQ(missing.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(FieldOf(missing), "personalisation.hasil");
  EXPECT_THAT(missing.error_message(), HasSubstr("personalisation.hasil"));

  grpc::Status unknown =
      Send(kScreeningToken, "r1", {{"nama", "Maria"}, {"hasil", "MS"}, {"nik", "5371"}}, &n);
  EXPECT_EQ(unknown.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(FieldOf(unknown), "personalisation.nik");

  grpc::Status bad_address =
      Send(kScreeningToken, "r1", {{"nama", "Maria"}, {"hasil", "MS"}}, &n, "maria-at-kupang");
  EXPECT_EQ(FieldOf(bad_address), "recipient");
  EXPECT_EQ(FieldOf(Send(kScreeningToken, "", {{"nama", "M"}, {"hasil", "MS"}}, &n)),
            "reference");

  // Nothing was stored by the refused calls.
  v1::ListNotificationsResponse resp;
  ASSERT_TRUE(stub_->ListNotifications(Ctx(kKemenpanToken).get(), {}, &resp).ok());
  EXPECT_EQ(resp.notifications_size(), 0);
}

TEST_P(NotificationServiceTest, ASenderMayPinATemplateVersion) {
  v1::CreateTemplateRequest req;
  *req.mutable_template_() = EmailTemplate("pengumuman", "Versi dua: ((nama)) ((hasil))");
  v1::Template v2;
  ASSERT_TRUE(stub_->CreateTemplate(Ctx(kKemenpanToken).get(), req, &v2).ok());
  v1::Notification pinned, latest;
  ASSERT_TRUE(Send(kScreeningToken, "p1", {{"nama", "A"}, {"hasil", "MS"}}, &pinned,
                   "a@mail.example.go.id", 1)
                  .ok());
  EXPECT_EQ(pinned.template_version(), 1);
  ASSERT_TRUE(Send(kScreeningToken, "p2", {{"nama", "A"}, {"hasil", "MS"}}, &latest).ok());
  EXPECT_EQ(latest.template_version(), 2);
  EXPECT_EQ(Send(kScreeningToken, "p3", {{"nama", "A"}, {"hasil", "MS"}}, &latest,
                 "a@mail.example.go.id", 9)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_P(NotificationServiceTest, AnInstansiMayNotSendOrRead) {
  v1::Notification n;
  EXPECT_EQ(Send(kKupangToken, "r1", {{"nama", "A"}, {"hasil", "MS"}}, &n).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  v1::ListNotificationsResponse resp;
  EXPECT_EQ(stub_->ListNotifications(Ctx(kKupangToken).get(), {}, &resp).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(stub_->ListNotifications(Ctx("").get(), {}, &resp).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  // The refusal is on record.
  auto conn = server_->db().Acquire();
  ASSERT_TRUE(conn.ok());
  auto rows = (*conn)->Query(
      "SELECT COUNT(*) FROM audit_log WHERE principal = ? AND outcome = 'PERMISSION_DENIED'",
      {std::string("instansi:5371")});
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ((*rows)[0].Int(0), 2);
}

TEST_P(NotificationServiceTest, ABatchIsOneTransactionWithAListableBatchId) {
  v1::Notification earlier;
  ASSERT_TRUE(Send(kScreeningToken, "hasil/2", {{"nama", "B"}, {"hasil", "MS"}}, &earlier).ok());

  v1::SendBatchRequest req = Batch(5, "hasil/");
  req.set_request_id("screening-run-7");
  v1::SendBatchResponse resp;
  ASSERT_TRUE(stub_->SendBatch(Ctx(kScreeningToken).get(), req, &resp).ok());
  EXPECT_THAT(resp.batch(), ::testing::StartsWith("batches/"));
  EXPECT_EQ(resp.queued(), 4);
  EXPECT_EQ(resp.already_sent(), 1);  // hasil/2 went out alone before

  // A retried call answers the same batch and stores nothing.
  v1::SendBatchResponse retried;
  ASSERT_TRUE(stub_->SendBatch(Ctx(kScreeningToken).get(), req, &retried).ok());
  EXPECT_EQ(retried.batch(), resp.batch());
  EXPECT_EQ(retried.queued(), 4);

  v1::ListNotificationsRequest list;
  list.set_batch(resp.batch());
  list.set_page_size(3);
  v1::ListNotificationsResponse page1, page2;
  ASSERT_TRUE(stub_->ListNotifications(Ctx(kKemenpanToken).get(), list, &page1).ok());
  EXPECT_EQ(page1.notifications_size(), 3);
  ASSERT_EQ(page1.status_counts_size(), 1);
  EXPECT_EQ(page1.status_counts(0).status(), v1::QUEUED);
  EXPECT_EQ(page1.status_counts(0).count(), 4);
  list.set_page_token(page1.next_page_token());
  ASSERT_TRUE(stub_->ListNotifications(Ctx(kKemenpanToken).get(), list, &page2).ok());
  EXPECT_EQ(page2.notifications_size(), 1);
  EXPECT_TRUE(page2.next_page_token().empty());
  EXPECT_EQ(page2.notifications(0).batch(), resp.batch());
}

TEST_P(NotificationServiceTest, ABatchWithOneBadRecipientStoresNothingAndNamesTheRow) {
  v1::SendBatchRequest req = Batch(50, "bad/");
  req.mutable_recipients(36)->set_recipient("bukan-alamat");
  req.mutable_recipients(41)->mutable_personalisation()->erase("hasil");
  v1::SendBatchResponse resp;
  grpc::Status s = stub_->SendBatch(Ctx(kScreeningToken).get(), req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  std::vector<Violation> v = ViolationsOf(FromGrpcStatus(s));
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].field, "recipients[36].recipient");
  EXPECT_EQ(v[0].row, 37);
  EXPECT_EQ(v[1].field, "recipients[41].personalisation.hasil");

  v1::ListNotificationsResponse all;
  ASSERT_TRUE(stub_->ListNotifications(Ctx(kKemenpanToken).get(), {}, &all).ok());
  EXPECT_EQ(all.notifications_size(), 0);
}

TEST_P(NotificationServiceTest, ABatchHoldsAtMostTenThousand) {
  v1::SendBatchResponse resp;
  grpc::Status s =
      stub_->SendBatch(Ctx(kScreeningToken).get(), Batch(kMaxBatchRecipients + 1, "x/"), &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(FieldOf(s), "recipients");
  EXPECT_THAT(s.error_message(), HasSubstr("10000"));
  v1::ListNotificationsResponse none;
  ASSERT_TRUE(stub_->ListNotifications(Ctx(kKemenpanToken).get(), {}, &none).ok());
  EXPECT_EQ(none.notifications_size(), 0);
  ASSERT_EQ(kMaxBatchRecipients, 10000);  // as documented
  ASSERT_TRUE(
      stub_->SendBatch(Ctx(kScreeningToken).get(), Batch(kMaxBatchRecipients, "x/"), &resp).ok());
  EXPECT_EQ(resp.queued(), kMaxBatchRecipients);

  // RetryNotifications names as many: 10,000 are looked at (none had failed), one
  // more is refused naming `names`.
  v1::RetryNotificationsRequest retry;
  for (int i = 1; i <= kMaxBatchRecipients + 1; ++i) retry.add_names(absl::StrCat("notifications/", i));
  v1::RetryNotificationsResponse retried;
  s = stub_->RetryNotifications(Ctx(kScreeningToken).get(), retry, &retried);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(FieldOf(s), "names");
  retry.mutable_names()->RemoveLast();
  s = stub_->RetryNotifications(Ctx(kScreeningToken).get(), retry, &retried);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(retried.requeued(), 0);
}

TEST_P(NotificationServiceTest, ListFiltersByStatusAndReferencePrefix) {
  v1::SendBatchResponse resp;
  ASSERT_TRUE(stub_->SendBatch(Ctx(kScreeningToken).get(), Batch(3, "kupang/"), &resp).ok());
  ASSERT_TRUE(stub_->SendBatch(Ctx(kScreeningToken).get(), Batch(2, "bekasi/"), &resp).ok());
  v1::ListNotificationsRequest list;
  list.set_reference_prefix("kupang/");
  v1::ListNotificationsResponse kupang;
  ASSERT_TRUE(stub_->ListNotifications(Ctx(kKemenpanToken).get(), list, &kupang).ok());
  EXPECT_EQ(kupang.notifications_size(), 3);
  list.set_status(v1::DELIVERED);
  v1::ListNotificationsResponse delivered;
  ASSERT_TRUE(stub_->ListNotifications(Ctx(kKemenpanToken).get(), list, &delivered).ok());
  EXPECT_EQ(delivered.notifications_size(), 0);
  ASSERT_EQ(delivered.status_counts_size(), 1);  // counts ignore the status filter
  EXPECT_EQ(delivered.status_counts(0).count(), 3);

  list.set_batch("kupang");
  EXPECT_EQ(stub_->ListNotifications(Ctx(kKemenpanToken).get(), list, &delivered).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_P(NotificationServiceTest, AScheduledNotificationWaitsForItsTime) {
  v1::SendNotificationRequest req;
  req.set_template_id("pengumuman");
  req.set_recipient("a@mail.example.go.id");
  req.set_reference("later");
  (*req.mutable_personalisation())["nama"] = "A";
  (*req.mutable_personalisation())["hasil"] = "MS";
  const absl::Time at = absl::Now() + absl::Hours(1);
  SetTimestamp(at, req.mutable_scheduled_time());
  v1::Notification n;
  ASSERT_TRUE(stub_->SendNotification(Ctx(kFormasiToken).get(), req, &n).ok());
  EXPECT_EQ(FromTimestamp(n.scheduled_time()), absl::FromUnixMicros(absl::ToUnixMicros(at)));
  EXPECT_EQ(FromTimestamp(n.next_attempt_time()), FromTimestamp(n.scheduled_time()));
  // A dispatcher finds nothing due.
  auto handled = server_->dispatcher().RunOnce();
  ASSERT_TRUE(handled.ok()) << handled.status();
  EXPECT_EQ(*handled, 0);

  SetTimestamp(absl::Now() + absl::Hours(24 * 500), req.mutable_scheduled_time());
  req.set_reference("far");
  EXPECT_EQ(FieldOf(stub_->SendNotification(Ctx(kFormasiToken).get(), req, &n)),
            "scheduled_time");
}

INSTANTIATE_TEST_SUITE_P(Backends, NotificationServiceTest, ::testing::Values("sqlite", "mysql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace penataan::notification
