// Delivery, on SQLite and on MariaDB, through real receivers on loopback: the log
// file, an HTTP server that can fail on purpose, and an SMTP server (aiosmtpd).

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <grpcpp/grpcpp.h>

#include <fstream>
#include <set>

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "common/proto_time.h"
#include "services/notification/channels/webhook_signature.h"
#include "tests/testing/http_receiver.h"
#include "tests/testing/notification_server.h"
#include "tests/testing/smtp_sink.h"

namespace penataan::notification {
namespace {

using ::penataan::testing::Ctx;
using ::penataan::testing::kKemenpanToken;
using ::penataan::testing::kScreeningToken;
using ::testing::HasSubstr;

v1::Template MakeTemplate(const std::string& id, v1::Channel channel) {
  v1::Template t;
  t.set_id(id);
  t.set_channel(channel);
  t.set_subject("Hasil seleksi ((seleksi)) — ((nama))");
  t.set_body("Yth. ((nama)),\nhasil seleksi administrasi Anda: ((hasil)).");
  return t;
}

class DispatcherTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (storage::testing::TestDatabase::ShouldSkip(GetParam())) GTEST_SKIP() << "no MariaDB";
    auto receiver = testing::HttpReceiver::Start();
    ASSERT_TRUE(receiver.ok()) << receiver.status();
    receiver_ = std::move(*receiver);
    auto smtp = testing::SmtpSink::Start();
    ASSERT_TRUE(smtp.ok()) << smtp.status();
    smtp_ = std::move(*smtp);
    testing::NotificationServerOptions options;
    options.smtp_url = smtp_->url();
    options.whatsapp_gateway_url = receiver_->url("/whatsapp");
    auto server = testing::NotificationServer::Start(GetParam(), options);
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server);
    stub_ = server_->NewStub();
    for (auto [id, channel] : {std::pair{"hasil-webhook", v1::WEBHOOK},
                               std::pair{"hasil-email", v1::EMAIL},
                               std::pair{"hasil-log", v1::LOG}}) {
      v1::CreateTemplateRequest req;
      *req.mutable_template_() = MakeTemplate(id, channel);
      v1::Template t;
      ASSERT_TRUE(stub_->CreateTemplate(Ctx(kKemenpanToken).get(), req, &t).ok());
    }
  }

  v1::Notification Send(const std::string& template_id, const std::string& recipient,
                        const std::string& reference) {
    v1::SendNotificationRequest req;
    req.set_template_id(template_id);
    req.set_recipient(recipient);
    req.set_reference(reference);
    (*req.mutable_personalisation())["nama"] = "Maria Goreti Bria";
    (*req.mutable_personalisation())["hasil"] = "MS";
    (*req.mutable_personalisation())["seleksi"] = "PPPK 2025";
    v1::Notification n;
    grpc::Status s = stub_->SendNotification(Ctx(kScreeningToken).get(), req, &n);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return n;
  }

  v1::Notification Get(const std::string& name) {
    v1::GetNotificationRequest req;
    req.set_name(name);
    v1::Notification n;
    EXPECT_TRUE(stub_->GetNotification(Ctx(kKemenpanToken).get(), req, &n).ok());
    return n;
  }

  // Waits until the notification is DELIVERED or PERMANENT_FAILURE.
  v1::Notification WaitFinal(const std::string& name) {
    const absl::Time deadline = absl::Now() + absl::Seconds(20);
    v1::Notification n;
    do {
      n = Get(name);
      if (n.status() == v1::DELIVERED || n.status() == v1::PERMANENT_FAILURE) return n;
      absl::SleepFor(absl::Milliseconds(20));
    } while (absl::Now() < deadline);
    ADD_FAILURE() << name << " still " << v1::Status_Name(n.status());
    return n;
  }

  std::unique_ptr<testing::HttpReceiver> receiver_;
  std::unique_ptr<testing::SmtpSink> smtp_;
  std::unique_ptr<testing::NotificationServer> server_;
  std::unique_ptr<testing::NotificationServer> other_;  // destroyed first
  std::unique_ptr<v1::NotificationService::Stub> stub_;
};

TEST_P(DispatcherTest, TheLogChannelWritesOneJsonLinePerMessage) {
  v1::Notification n = Send("hasil-log", "log", "log/1");
  EXPECT_EQ(WaitFinal(n.name()).status(), v1::DELIVERED);
  std::ifstream in(server_->log_file());
  std::string line;
  ASSERT_TRUE(std::getline(in, line));
  v1::DeliveredMessage m;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(line, &m).ok()) << line;
  EXPECT_EQ(m.notification(), n.name());
  EXPECT_EQ(m.subject(), "Hasil seleksi PPPK 2025 — Maria Goreti Bria");
  EXPECT_EQ(m.body(), "Yth. Maria Goreti Bria,\nhasil seleksi administrasi Anda: MS.");
  EXPECT_EQ(m.attempt(), 1);
  EXPECT_FALSE(std::getline(in, line)) << "one line per message";
}

TEST_P(DispatcherTest, AWebhookCarriesTheIdempotencyKeyAndAVerifiableSignature) {
  v1::Notification n = Send("hasil-webhook", receiver_->url("/wa"), "wa/1");
  v1::Notification done = WaitFinal(n.name());
  EXPECT_EQ(done.status(), v1::DELIVERED);
  EXPECT_EQ(done.attempts(), 1);
  EXPECT_TRUE(done.has_deliver_time());
  std::vector<testing::ReceivedRequest> got = receiver_->requests();
  ASSERT_EQ(got.size(), 1u);
  const testing::ReceivedRequest& r = got[0];
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(r.path, "/wa");
  EXPECT_EQ(r.headers.at("content-type"), "application/json");
  EXPECT_EQ(r.headers.at("idempotency-key"), n.name());
  int64_t ts = 0;
  ASSERT_TRUE(absl::SimpleAtoi(r.headers.at("x-penataan-timestamp"), &ts));
  // The receiver's check, as docs/notifications.md shows it.
  EXPECT_EQ(r.headers.at("x-penataan-signature"),
            "sha256=" + HmacSha256Hex(testing::kWebhookSecret, absl::StrCat(ts, ".", r.body)));
  v1::DeliveredMessage m;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(r.body, &m).ok());
  EXPECT_EQ(m.reference(), "wa/1");
  EXPECT_EQ(m.personalisation().at("nama"), "Maria Goreti Bria");
}

TEST_P(DispatcherTest, TemporaryFailuresAreRetriedUntilDelivered) {
  receiver_->FailNext(2, 503);
  v1::Notification n = WaitFinal(Send("hasil-webhook", receiver_->url(), "retry/1").name());
  EXPECT_EQ(n.status(), v1::DELIVERED);
  EXPECT_EQ(n.attempts(), 3);
  ASSERT_EQ(n.delivery_attempts_size(), 3);
  EXPECT_EQ(n.delivery_attempts(0).outcome(), v1::DeliveryAttempt::TEMPORARY_FAILURE);
  EXPECT_THAT(n.delivery_attempts(0).error(), HasSubstr("HTTP 503"));
  EXPECT_EQ(n.delivery_attempts(1).outcome(), v1::DeliveryAttempt::TEMPORARY_FAILURE);
  EXPECT_EQ(n.delivery_attempts(2).outcome(), v1::DeliveryAttempt::DELIVERED);
  // Every attempt carried the same key.
  std::set<std::string> keys;
  for (const auto& r : receiver_->requests()) keys.insert(r.headers.at("idempotency-key"));
  EXPECT_EQ(keys, std::set<std::string>{n.name()});
  // Backoff: the retries did not follow each other at once.
  EXPECT_GE(FromTimestamp(n.delivery_attempts(2).start_time()) -
                FromTimestamp(n.delivery_attempts(0).start_time()),
            absl::Milliseconds(20));
}

TEST_P(DispatcherTest, TooManyRequestsIsRetriedToo) {
  receiver_->FailNext(1, 429);
  v1::Notification n = WaitFinal(Send("hasil-webhook", receiver_->url(), "429/1").name());
  EXPECT_EQ(n.status(), v1::DELIVERED);
  EXPECT_EQ(n.attempts(), 2);
}

TEST_P(DispatcherTest, AGatewaysRetryAfterIsHonoured) {
  receiver_->SetRetryAfter(1);
  receiver_->FailNext(1, 429);
  v1::Notification n = WaitFinal(Send("hasil-webhook", receiver_->url(), "429/after").name());
  ASSERT_EQ(n.status(), v1::DELIVERED);
  ASSERT_EQ(n.delivery_attempts_size(), 2);
  // The test server's backoff is 20 ms; the gateway asked for a second.
  EXPECT_GE(FromTimestamp(n.delivery_attempts(1).start_time()) -
                FromTimestamp(n.delivery_attempts(0).start_time()),
            absl::Seconds(1));
}

TEST_P(DispatcherTest, AfterMaxAttemptsItIsAPermanentFailure) {
  receiver_->FailNext(100, 503);
  v1::Notification n = WaitFinal(Send("hasil-webhook", receiver_->url(), "down/1").name());
  EXPECT_EQ(n.status(), v1::PERMANENT_FAILURE);
  EXPECT_EQ(n.attempts(), 4);  // the test server's max_attempts
  EXPECT_EQ(n.last_error(), "gave up after 4 attempts: HTTP 503: refused by the test receiver");
  EXPECT_EQ(receiver_->count(), 4);
}

// A gateway that answers in Latin-1 ("Pr\xE9fecture", "\xE0 r\xE9essayer"): its
// reply is stored with each attempt. MariaDB refuses bytes that are not UTF-8
// (error 1366); the outcome must still be recorded, or the notification would stay
// SENDING and go out again at every lease expiry, for ever.
TEST_P(DispatcherTest, AGatewayAnsweringInLatin1EndsPermanentAfterMaxAttempts) {
  receiver_->SetFailureBody("Erreur interne: service indisponible \xE0 la Pr\xE9" "fecture");
  receiver_->FailNext(100, 500);
  v1::Notification n = WaitFinal(Send("hasil-webhook", receiver_->url(), "latin1/1").name());
  EXPECT_EQ(n.status(), v1::PERMANENT_FAILURE);
  EXPECT_EQ(n.attempts(), 4);  // the test server's max_attempts
  const std::string fffd = "\xEF\xBF\xBD";
  EXPECT_EQ(n.last_error(), "gave up after 4 attempts: HTTP 500: Erreur interne: service "
                            "indisponible " + fffd + " la Pr" + fffd + "fecture");
  ASSERT_EQ(n.delivery_attempts_size(), 4);
  EXPECT_THAT(n.delivery_attempts(3).error(), HasSubstr("la Pr" + fffd + "fecture"));
  absl::SleepFor(absl::Milliseconds(300));  // well past several backoffs: no fifth call
  EXPECT_EQ(receiver_->count(), 4);
}

// Webhooks to internal addresses: the test server lists 127.0.0.1, as its
// receivers listen there. Without the list a literal 127.0.0.1 is refused at send,
// and a name that resolves to it (localhost) at delivery, before any request.
TEST_P(DispatcherTest, WebhooksToInternalAddressesNeedTheAllowList) {
  v1::Notification allowed = WaitFinal(Send("hasil-webhook", receiver_->url(), "ok/1").name());
  EXPECT_EQ(allowed.status(), v1::DELIVERED);

  testing::NotificationServerOptions options;
  options.webhook_allowed_hosts = "";
  auto strict = testing::NotificationServer::Start(GetParam(), options);
  ASSERT_TRUE(strict.ok()) << strict.status();
  auto stub = (*strict)->NewStub();
  v1::CreateTemplateRequest create;
  *create.mutable_template_() = MakeTemplate("hasil-webhook", v1::WEBHOOK);
  v1::Template t;
  ASSERT_TRUE(stub->CreateTemplate(Ctx(kKemenpanToken).get(), create, &t).ok());
  auto send = [&](const std::string& url, v1::Notification* n) {
    v1::SendNotificationRequest req;
    req.set_template_id("hasil-webhook");
    req.set_recipient(url);
    req.set_reference(url);
    (*req.mutable_personalisation())["nama"] = "Maria Goreti Bria";
    (*req.mutable_personalisation())["hasil"] = "MS";
    (*req.mutable_personalisation())["seleksi"] = "PPPK 2025";
    return stub->SendNotification(Ctx(kScreeningToken).get(), req, n);
  };
  v1::Notification n;
  grpc::Status refused = send(receiver_->url(), &n);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(refused.error_message(), HasSubstr("recipient"));

  const std::string by_name = absl::StrCat("http://localhost:", receiver_->port(), "/hook");
  ASSERT_TRUE(send(by_name, &n).ok());
  v1::Notification settled;
  for (const absl::Time deadline = absl::Now() + absl::Seconds(20); absl::Now() < deadline;) {
    v1::GetNotificationRequest get;
    get.set_name(n.name());
    ASSERT_TRUE(stub->GetNotification(Ctx(kKemenpanToken).get(), get, &settled).ok());
    if (settled.status() == v1::PERMANENT_FAILURE || settled.status() == v1::DELIVERED) break;
    absl::SleepFor(absl::Milliseconds(20));
  }
  EXPECT_EQ(settled.status(), v1::PERMANENT_FAILURE);
  EXPECT_EQ(settled.attempts(), 1);
  EXPECT_THAT(settled.last_error(), HasSubstr("address not allowed"));
  EXPECT_EQ(receiver_->count(), 1) << "only the allowed delivery reached the receiver";
}

TEST_P(DispatcherTest, AClientErrorStopsAtOnce) {
  receiver_->FailNext(1, 400);
  v1::Notification n = WaitFinal(Send("hasil-webhook", receiver_->url(), "400/1").name());
  EXPECT_EQ(n.status(), v1::PERMANENT_FAILURE);
  EXPECT_EQ(n.attempts(), 1);
  EXPECT_THAT(n.last_error(), HasSubstr("HTTP 400"));
  // Well past several backoffs, still one call.
  absl::SleepFor(absl::Milliseconds(300));
  EXPECT_EQ(receiver_->count(), 1);
  EXPECT_EQ(Get(n.name()).attempts(), 1);
}

TEST_P(DispatcherTest, AFailedNotificationCanBeQueuedAgainOnceTheCauseIsFixed) {
  receiver_->FailNext(1, 404);  // e.g. the gateway's path was wrong, now fixed
  v1::Notification failed = WaitFinal(Send("hasil-webhook", receiver_->url(), "404/1").name());
  ASSERT_EQ(failed.status(), v1::PERMANENT_FAILURE);
  v1::Notification delivered = WaitFinal(Send("hasil-webhook", receiver_->url(), "ok/1").name());
  ASSERT_EQ(delivered.status(), v1::DELIVERED);

  v1::RetryNotificationsRequest req;
  req.add_names(failed.name());
  req.add_names(delivered.name());  // not failed: left alone
  v1::RetryNotificationsResponse resp;
  ASSERT_TRUE(stub_->RetryNotifications(Ctx(kKemenpanToken).get(), req, &resp).ok());
  EXPECT_EQ(resp.requeued(), 1);

  v1::Notification again = WaitFinal(failed.name());
  EXPECT_EQ(again.status(), v1::DELIVERED);
  EXPECT_EQ(again.attempts(), 1);  // a new round
  ASSERT_EQ(again.delivery_attempts_size(), 2);  // the history is kept
  EXPECT_EQ(again.delivery_attempts(0).outcome(), v1::DeliveryAttempt::PERMANENT_FAILURE);
  EXPECT_EQ(again.delivery_attempts(1).outcome(), v1::DeliveryAttempt::DELIVERED);
  EXPECT_EQ(receiver_->delivered_count(), 2);

  v1::RetryNotificationsRequest neither;
  EXPECT_EQ(stub_->RetryNotifications(Ctx(kKemenpanToken).get(), neither, &resp).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(stub_->RetryNotifications(Ctx(penataan::testing::kKupangToken).get(), req, &resp)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST_P(DispatcherTest, AReceiverThatIsDownIsATemporaryFailure) {
  const std::string url = receiver_->url();
  receiver_.reset();  // nothing listens on the port now
  v1::Notification n = WaitFinal(Send("hasil-webhook", url, "refused/1").name());
  EXPECT_EQ(n.status(), v1::PERMANENT_FAILURE);
  EXPECT_EQ(n.attempts(), 4);
  EXPECT_EQ(n.delivery_attempts(0).outcome(), v1::DeliveryAttempt::TEMPORARY_FAILURE);
  EXPECT_THAT(n.delivery_attempts(0).error(), HasSubstr("onnect"));
}

TEST_P(DispatcherTest, EmailGoesThroughSmtpAsPlainText) {
  v1::Notification n =
      WaitFinal(Send("hasil-email", "maria.bria@mail.example.go.id", "email/1").name());
  ASSERT_EQ(n.status(), v1::DELIVERED) << n.last_error();
  ASSERT_TRUE(smtp_->WaitForMessages(1, absl::Seconds(5)));
  const std::string message = smtp_->messages()[0];
  EXPECT_THAT(message, HasSubstr("To: maria.bria@mail.example.go.id"));
  EXPECT_THAT(message, HasSubstr("Content-Type: text/plain; charset=UTF-8"));
  EXPECT_THAT(message, HasSubstr("Message-ID: <notification-"));
  std::string body64 = message.substr(message.find("\r\n\r\n") + 4);
  body64.erase(std::remove_if(body64.begin(), body64.end(),
                              [](char c) { return c == '\r' || c == '\n'; }),
               body64.end());
  std::string body;
  ASSERT_TRUE(absl::Base64Unescape(body64, &body));
  EXPECT_EQ(body, "Yth. Maria Goreti Bria,\nhasil seleksi administrasi Anda: MS.");
}

TEST_P(DispatcherTest, AMailboxTheRelayRefusesIsPermanentAndABusyOneIsRetried) {
  v1::Notification refused =
      WaitFinal(Send("hasil-email", "reject.me@mail.example.go.id", "email/550").name());
  EXPECT_EQ(refused.status(), v1::PERMANENT_FAILURE);
  EXPECT_EQ(refused.attempts(), 1);
  EXPECT_THAT(refused.last_error(), HasSubstr("SMTP 550"));

  v1::Notification busy =
      WaitFinal(Send("hasil-email", "busy.box@mail.example.go.id", "email/451").name());
  EXPECT_EQ(busy.status(), v1::PERMANENT_FAILURE);
  EXPECT_EQ(busy.attempts(), 4);
  EXPECT_THAT(busy.delivery_attempts(0).error(), HasSubstr("SMTP 451"));
}

TEST_P(DispatcherTest, RetentionDeletesSettledNotificationsAndKeepsTheRest) {
  receiver_->FailNext(1, 400);
  const std::string failed =
      WaitFinal(Send("hasil-webhook", receiver_->url(), "old/1").name()).name();
  const std::string delivered = WaitFinal(Send("hasil-log", "log", "old/2").name()).name();
  v1::SendNotificationRequest later;
  later.set_template_id("hasil-log");
  later.set_recipient("log");
  later.set_reference("later/1");
  (*later.mutable_personalisation())["nama"] = "A";
  (*later.mutable_personalisation())["hasil"] = "MS";
  (*later.mutable_personalisation())["seleksi"] = "S";
  SetTimestamp(absl::Now() + absl::Hours(24), later.mutable_scheduled_time());
  v1::Notification waiting;
  ASSERT_TRUE(stub_->SendNotification(Ctx(kScreeningToken).get(), later, &waiting).ok());

  // Settled before a cutoff an hour from now: both settled ones go, the scheduled one stays.
  auto purged = server_->dispatcher().PurgeSettledBefore(absl::Now() + absl::Hours(1));
  ASSERT_TRUE(purged.ok()) << purged.status();
  EXPECT_EQ(*purged, 2);
  v1::GetNotificationRequest get;
  v1::Notification n;
  get.set_name(failed);
  EXPECT_EQ(stub_->GetNotification(Ctx(kKemenpanToken).get(), get, &n).error_code(),
            grpc::StatusCode::NOT_FOUND);
  get.set_name(delivered);
  EXPECT_EQ(stub_->GetNotification(Ctx(kKemenpanToken).get(), get, &n).error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Get(waiting.name()).status(), v1::QUEUED);
  auto conn = server_->db().Acquire();
  ASSERT_TRUE(conn.ok());
  auto rows = (*conn)->Query("SELECT COUNT(*) FROM delivery_attempts");
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ((*rows)[0].Int(0), 0);

  // A cutoff in the past deletes nothing.
  auto none = server_->dispatcher().PurgeSettledBefore(absl::Now() - absl::Hours(1));
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(*none, 0);
}

TEST_P(DispatcherTest, AWhatsAppNumberIsPostedToTheGatewayWithItsToken) {
  const std::string reference = "screening/rounds/1/results/7/ms/whatsapp";
  v1::Notification n = Send("hasil-webhook", "whatsapp:+6281234567890", reference);
  EXPECT_EQ(WaitFinal(n.name()).status(), v1::DELIVERED);
  std::vector<testing::ReceivedRequest> got = receiver_->requests();
  ASSERT_EQ(got.size(), 1u);
  const testing::ReceivedRequest& r = got[0];
  EXPECT_EQ(r.path, "/whatsapp");
  EXPECT_EQ(r.headers.at("authorization"),
            absl::StrCat("Bearer ", testing::kWhatsAppGatewayToken));
  EXPECT_EQ(r.headers.at("idempotency-key"), n.name());
  int64_t ts = 0;
  ASSERT_TRUE(absl::SimpleAtoi(r.headers.at("x-penataan-timestamp"), &ts));
  EXPECT_EQ(r.headers.at("x-penataan-signature"),
            "sha256=" + HmacSha256Hex(testing::kWebhookSecret, absl::StrCat(ts, ".", r.body)));
  google::protobuf::Struct body;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(r.body, &body).ok()) << r.body;
  ASSERT_EQ(body.fields_size(), 3) << r.body;
  EXPECT_EQ(body.fields().at("to").string_value(), "+6281234567890");
  EXPECT_EQ(body.fields().at("text").string_value(),
            "Yth. Maria Goreti Bria,\nhasil seleksi administrasi Anda: MS.");
  EXPECT_EQ(body.fields().at("reference").string_value(), reference);
}

TEST_P(DispatcherTest, AMalformedWhatsAppNumberIsRefusedAtSend) {
  v1::SendNotificationRequest req;
  req.set_template_id("hasil-webhook");
  req.set_recipient("whatsapp:081234567890");
  req.set_reference("wa/bad");
  (*req.mutable_personalisation())["nama"] = "Maria";
  (*req.mutable_personalisation())["hasil"] = "MS";
  (*req.mutable_personalisation())["seleksi"] = "PPPK 2025";
  v1::Notification n;
  grpc::Status s = stub_->SendNotification(Ctx(kScreeningToken).get(), req, &n);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("recipient"));
}

// A gateway that tells which number it refused: the stored error has it masked.
TEST_P(DispatcherTest, AGatewayEchoingTheNumberHasItMaskedInTheError) {
  receiver_->SetFailureBody("{\"error\":\"6281234567890 is not on WhatsApp\"}");
  receiver_->FailNext(1, 400);
  v1::Notification n = WaitFinal(Send("hasil-webhook", "whatsapp:+6281234567890", "wa/2").name());
  EXPECT_EQ(n.status(), v1::PERMANENT_FAILURE);
  EXPECT_THAT(n.last_error(), HasSubstr("62812*****890 is not on WhatsApp"));
  EXPECT_THAT(n.last_error(), ::testing::Not(HasSubstr("6281234567890")));
}

TEST_P(DispatcherTest, WithoutAGatewayAWhatsAppMessageFailsPermanentlyAtOnce) {
  testing::NotificationServerOptions options;
  options.database_url = server_->database_url();  // a second replica, no gateway
  server_->Stop();  // its database (and the templates) stay
  auto other = testing::NotificationServer::Start(GetParam(), options);
  ASSERT_TRUE(other.ok()) << other.status();
  other_ = std::move(*other);
  stub_ = other_->NewStub();
  v1::Notification n = WaitFinal(Send("hasil-webhook", "whatsapp:+6281234567890", "wa/3").name());
  EXPECT_EQ(n.status(), v1::PERMANENT_FAILURE);
  EXPECT_EQ(n.attempts(), 1);
  EXPECT_EQ(n.last_error(), "no WhatsApp gateway configured (--whatsapp_gateway_url)");
  EXPECT_EQ(receiver_->count(), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, DispatcherTest, ::testing::Values("sqlite", "mysql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace penataan::notification
