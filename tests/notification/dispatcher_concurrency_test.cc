// Several dispatchers on one database, on SQLite and on MariaDB: a batch is
// delivered exactly once when they share it, and the claim of a dispatcher that
// was killed (SIGKILL, the real binary) is delivered by another once its lease
// runs out.

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <map>
#include <thread>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/notification/notification_store.h"
#include "tests/testing/http_receiver.h"
#include "tests/testing/notification_server.h"

namespace penataan::notification {
namespace {

using ::penataan::testing::Ctx;
using ::penataan::testing::kKemenpanToken;
using ::penataan::testing::kScreeningToken;

class DispatcherConcurrencyTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (storage::testing::TestDatabase::ShouldSkip(GetParam())) GTEST_SKIP() << "no MariaDB";
    auto receiver = testing::HttpReceiver::Start();
    ASSERT_TRUE(receiver.ok()) << receiver.status();
    receiver_ = std::move(*receiver);
  }

  std::unique_ptr<testing::NotificationServer> StartServer(const std::string& url,
                                                           int workers,
                                                           absl::Duration lease) {
    testing::NotificationServerOptions options;
    options.start_dispatcher = false;
    options.database_url = url;
    options.dispatcher.workers = workers;
    options.dispatcher.claim_batch = 20;
    options.dispatcher.lease = lease;
    auto server = testing::NotificationServer::Start(GetParam(), options);
    EXPECT_TRUE(server.ok()) << server.status();
    return server.ok() ? std::move(*server) : nullptr;
  }

  // Creates the webhook template and sends `n` notifications in one batch.
  std::string SendBatch(testing::NotificationServer& server, int n) {
    auto stub = server.NewStub();
    v1::CreateTemplateRequest create;
    create.mutable_template_()->set_id("hasil-webhook");
    create.mutable_template_()->set_channel(v1::WEBHOOK);
    create.mutable_template_()->set_body("Yth. ((nama)), hasil: ((hasil)).");
    v1::Template t;
    EXPECT_TRUE(stub->CreateTemplate(Ctx(kKemenpanToken).get(), create, &t).ok());
    v1::SendBatchRequest req;
    req.set_template_id("hasil-webhook");
    for (int i = 0; i < n; ++i) {
      auto* r = req.add_recipients();
      r->set_recipient(receiver_->url());
      r->set_reference(absl::StrCat("hasil/", i));
      (*r->mutable_personalisation())["nama"] = absl::StrCat("Honorer ", i);
      (*r->mutable_personalisation())["hasil"] = "MS";
    }
    v1::SendBatchResponse resp;
    grpc::Status s = stub->SendBatch(Ctx(kScreeningToken).get(), req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    EXPECT_EQ(resp.queued(), n);
    return resp.batch();
  }

  // Status counts of a batch, from the API.
  std::map<v1::Status, int64_t> Counts(testing::NotificationServer& server,
                                       const std::string& batch) {
    v1::ListNotificationsRequest req;
    req.set_batch(batch);
    req.set_page_size(1);
    v1::ListNotificationsResponse resp;
    EXPECT_TRUE(server.NewStub()->ListNotifications(Ctx(kKemenpanToken).get(), req, &resp).ok());
    std::map<v1::Status, int64_t> counts;
    for (const auto& c : resp.status_counts()) counts[c.status()] = c.count();
    return counts;
  }

  bool WaitAllDelivered(testing::NotificationServer& server, const std::string& batch, int n,
                        absl::Duration timeout) {
    const absl::Time deadline = absl::Now() + timeout;
    while (absl::Now() < deadline) {
      if (Counts(server, batch)[v1::DELIVERED] == n) return true;
      absl::SleepFor(absl::Milliseconds(50));
    }
    return false;
  }

  std::map<std::string, int> KeysReceived() const {
    std::map<std::string, int> keys;
    for (const auto& r : receiver_->requests()) ++keys[r.headers.at("idempotency-key")];
    return keys;
  }

  std::unique_ptr<testing::HttpReceiver> receiver_;
};

TEST_P(DispatcherConcurrencyTest, TwoDispatchersDeliverABatchExactlyOnce) {
  constexpr int kCount = 2000;
  auto a = StartServer("", 2, absl::Seconds(30));
  ASSERT_NE(a, nullptr);
  auto b = StartServer(a->database_url(), 2, absl::Seconds(30));  // a second replica
  ASSERT_NE(b, nullptr);
  const std::string batch = SendBatch(*a, kCount);
  a->dispatcher().Start();
  b->dispatcher().Start();
  ASSERT_TRUE(WaitAllDelivered(*a, batch, kCount, absl::Seconds(120)));

  std::map<std::string, int> keys = KeysReceived();
  EXPECT_EQ(keys.size(), static_cast<size_t>(kCount));
  for (const auto& [key, times] : keys) ASSERT_EQ(times, 1) << key << " delivered twice";
  EXPECT_EQ(receiver_->count(), kCount);

  // Both replicas took part.
  auto conn = a->db().Acquire();
  ASSERT_TRUE(conn.ok());
  auto rows = (*conn)->Query(
      "SELECT dispatcher, COUNT(*) FROM delivery_attempts GROUP BY dispatcher");
  ASSERT_TRUE(rows.ok()) << rows.status();
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].Int(1) + (*rows)[1].Int(1), kCount);
}

// Claims scan the due-time index while batches insert into it and outcomes are
// written: the mix that deadlocked under REPEATABLE READ and sent messages twice.
TEST_P(DispatcherConcurrencyTest, BatchesArrivingWhileTwoDispatchersRunAreDeliveredOnce) {
  constexpr int kBatches = 6, kPerBatch = 2000;
  auto a = StartServer("", 2, absl::Seconds(30));
  ASSERT_NE(a, nullptr);
  auto b = StartServer(a->database_url(), 2, absl::Seconds(30));
  ASSERT_NE(b, nullptr);
  SendBatch(*a, 1);  // creates the template
  a->dispatcher().Start();
  b->dispatcher().Start();
  std::vector<std::thread> senders;
  for (int t = 0; t < 2; ++t) {
    senders.emplace_back([&, t] {
      auto stub = (t == 0 ? a : b)->NewStub();
      for (int i = t; i < kBatches; i += 2) {
        v1::SendBatchRequest req;
        req.set_template_id("hasil-webhook");
        for (int j = 0; j < kPerBatch; ++j) {
          auto* r = req.add_recipients();
          r->set_recipient(receiver_->url());
          r->set_reference(absl::StrCat("arriving/", i, "/", j));
          (*r->mutable_personalisation())["nama"] = "N";
          (*r->mutable_personalisation())["hasil"] = "MS";
        }
        v1::SendBatchResponse resp;
        grpc::Status s = stub->SendBatch(Ctx(kScreeningToken).get(), req, &resp);
        EXPECT_TRUE(s.ok()) << s.error_message();
      }
    });
  }
  for (std::thread& t : senders) t.join();
  constexpr int kTotal = kBatches * kPerBatch + 1;
  ASSERT_TRUE(receiver_->WaitForDelivered(kTotal, absl::Seconds(120)));
  // Every outcome recorded well within the 30 s lease: an unrecorded one would
  // stay SENDING until the lease ran out, then go out a second time.
  auto conn = a->db().Acquire();
  ASSERT_TRUE(conn.ok());
  int64_t unsettled = -1;
  for (const absl::Time deadline = absl::Now() + absl::Seconds(10); absl::Now() < deadline;) {
    auto rows = (*conn)->Query("SELECT COUNT(*) FROM notifications WHERE status <> ?",
                               {int64_t{v1::DELIVERED}});
    ASSERT_TRUE(rows.ok()) << rows.status();
    if ((unsettled = (*rows)[0].Int(0)) == 0) break;
    absl::SleepFor(absl::Milliseconds(50));
  }
  EXPECT_EQ(unsettled, 0);
  std::map<std::string, int> keys = KeysReceived();
  EXPECT_EQ(keys.size(), static_cast<size_t>(kTotal));
  for (const auto& [key, times] : keys) ASSERT_EQ(times, 1) << key << " delivered twice";
  EXPECT_EQ(receiver_->count(), kTotal);
}

// The real binary, as a dispatcher only, on the test's database.
pid_t StartDispatcherProcess(const std::string& database_url, const std::string& tokens_file) {
  const pid_t pid = fork();
  if (pid == 0) {
    const std::string db = absl::StrCat("--database=", database_url);
    const std::string tokens = absl::StrCat("--tokens_file=", tokens_file);
    execl(PENATAAN_NOTIFICATION_BINARY, "penataan-notification", db.c_str(), tokens.c_str(),
          "--listen=127.0.0.1:0", "--dispatcher_workers=1", "--claim_batch=10",
          "--lease_seconds=3", "--webhook_timeout_ms=500", "--log_channel_file=",
          "--webhook_allowed_hosts=127.0.0.1",
          "--default_templates_channel=NONE",
          nullptr);
    _exit(127);
  }
  return pid;
}

TEST_P(DispatcherConcurrencyTest, AKilledDispatchersClaimIsDeliveredByAnotherAfterItsLease) {
  constexpr int kCount = 30;
  auto survivor = StartServer("", 1, absl::Seconds(3));
  ASSERT_NE(survivor, nullptr);
  const std::string batch = SendBatch(*survivor, kCount);
  const std::string tokens = absl::StrCat(::testing::TempDir(), "/tokens-", getpid(), ".csv");
  std::ofstream(tokens) << "token,principal\nunused-token-0000000000001,national:kemenpanrb\n";

  receiver_->SetDelay(absl::Milliseconds(200));  // a slow gateway: the kill lands mid-claim
  const pid_t victim = StartDispatcherProcess(survivor->database_url(), tokens);
  ASSERT_GT(victim, 0);
  ASSERT_TRUE(receiver_->WaitForDelivered(2, absl::Seconds(30)));
  kill(victim, SIGKILL);
  waitpid(victim, nullptr, 0);
  absl::SleepFor(absl::Milliseconds(300));  // the receiver finishes the call in flight
  const std::map<std::string, int> sent_by_victim = KeysReceived();
  ASSERT_GT(Counts(*survivor, batch)[v1::SENDING], 0) << "the victim held a claim when it died";
  receiver_->SetDelay(absl::ZeroDuration());

  const absl::Time takeover_start = absl::Now();
  survivor->dispatcher().Start();
  ASSERT_TRUE(WaitAllDelivered(*survivor, batch, kCount, absl::Seconds(60)));
  EXPECT_GE(absl::Now() - takeover_start, absl::Seconds(1))
      << "the victim's claim waited for its lease";

  // Every notification arrived; the only repeats are ones the victim may have sent
  // before it died, and they carry the same Idempotency-Key.
  std::map<std::string, int> keys = KeysReceived();
  EXPECT_EQ(keys.size(), static_cast<size_t>(kCount));
  for (const auto& [key, times] : keys) {
    if (times > 1) {
      EXPECT_EQ(times, 2) << key;
      EXPECT_TRUE(sent_by_victim.count(key)) << key << " repeated but the victim never sent it";
    }
  }

  // The takeover is on record as a LEASE_EXPIRED attempt of the dead dispatcher.
  auto conn = survivor->db().Acquire();
  ASSERT_TRUE(conn.ok());
  auto rows = (*conn)->Query(
      "SELECT COUNT(*) FROM delivery_attempts WHERE outcome = ? AND dispatcher <> ?",
      {int64_t{v1::DeliveryAttempt::LEASE_EXPIRED}, survivor->dispatcher().owner()});
  ASSERT_TRUE(rows.ok()) << rows.status();
  EXPECT_GT((*rows)[0].Int(0), 0);
  std::remove(tokens.c_str());
}

TEST_P(DispatcherConcurrencyTest, AStoppedDispatcherHandsBackWhatItHasNotSent) {
  constexpr int kCount = 20;
  auto server = StartServer("", 1, absl::Seconds(60));
  ASSERT_NE(server, nullptr);
  const std::string batch = SendBatch(*server, kCount);
  receiver_->SetDelay(absl::Milliseconds(100));
  server->dispatcher().Start();  // claims all 20 at once (claim_batch 20)
  ASSERT_TRUE(receiver_->WaitForDelivered(2, absl::Seconds(30)));
  server->dispatcher().Stop();  // a rolling update's SIGTERM

  // Nothing waits for the 60 s lease: what was not sent is queued again, its
  // attempt not counted, and a new dispatcher delivers it at once.
  std::map<v1::Status, int64_t> counts = Counts(*server, batch);
  EXPECT_EQ(counts[v1::SENDING], 0);
  EXPECT_EQ(counts[v1::DELIVERED] + counts[v1::QUEUED], kCount);
  EXPECT_GT(counts[v1::QUEUED], 0);
  receiver_->SetDelay(absl::ZeroDuration());
  auto next = StartServer(server->database_url(), 1, absl::Seconds(60));
  ASSERT_NE(next, nullptr);
  next->dispatcher().Start();
  ASSERT_TRUE(WaitAllDelivered(*next, batch, kCount, absl::Seconds(10)));
  for (const auto& [key, times] : KeysReceived()) EXPECT_EQ(times, 1) << key;
}

// Only a lower bound on the time taken: a slow machine cannot make it fail.
TEST_P(DispatcherConcurrencyTest, TheChannelRateLimitSpacesDeliveries) {
  constexpr int kCount = 60;
  testing::NotificationServerOptions options;
  options.start_dispatcher = false;
  options.dispatcher.workers = 4;
  options.dispatcher.rate_limits[v1::WEBHOOK] = {50, 5};
  auto server = testing::NotificationServer::Start(GetParam(), options);
  ASSERT_TRUE(server.ok()) << server.status();
  const std::string batch = SendBatch(**server, kCount);
  const absl::Time start = absl::Now();
  (*server)->dispatcher().Start();
  ASSERT_TRUE(WaitAllDelivered(**server, batch, kCount, absl::Seconds(30)));
  // 5 at once, then 55 at 50 a second.
  EXPECT_GE(absl::Now() - start, absl::Seconds(55.0 / 50));
}

// A message that kills its dispatcher (a crash, an OOM kill) comes back after each
// lease: it must not come back for ever and take a worker of every replica with
// it. Three dispatchers that died holding it are played by claims that are never
// finished; with max_attempts 3 the next dispatcher settles it unsent.
TEST_P(DispatcherConcurrencyTest, ANotificationWhoseLeaseExpiredMaxAttemptsTimesIsSettled) {
  testing::NotificationServerOptions options;
  options.start_dispatcher = false;
  options.dispatcher.retry.max_attempts = 3;
  auto server = testing::NotificationServer::Start(GetParam(), options);
  ASSERT_TRUE(server.ok()) << server.status();
  const std::string batch = SendBatch(**server, 1);
  NotificationStore store;
  for (int i = 0; i < 3; ++i) {
    const absl::Time now = absl::Now();
    std::vector<Notification> claimed;
    ASSERT_TRUE(storage::InTransaction((*server)->db(), [&](storage::Connection& c) {
                  auto got = store.Claim(c, now, now + absl::Milliseconds(1),
                                         absl::StrCat("crashed-", i), 10, 3);
                  if (got.ok()) claimed = *got;
                  return got.status();
                }).ok());
    ASSERT_EQ(claimed.size(), 1u) << "claim " << i;
    absl::SleepFor(absl::Milliseconds(5));  // its lease runs out
  }
  auto handled = (*server)->dispatcher().RunOnce();
  ASSERT_TRUE(handled.ok()) << handled.status();
  EXPECT_EQ(receiver_->count(), 0) << "sent a fourth time";
  std::map<v1::Status, int64_t> counts = Counts(**server, batch);
  EXPECT_EQ(counts[v1::PERMANENT_FAILURE], 1);

  v1::ListNotificationsRequest req;
  req.set_batch(batch);
  v1::ListNotificationsResponse resp;
  ASSERT_TRUE((*server)->NewStub()->ListNotifications(Ctx(kKemenpanToken).get(), req, &resp).ok());
  ASSERT_EQ(resp.notifications_size(), 1);
  EXPECT_EQ(resp.notifications(0).last_error(),
            "gave up after 3 attempts: a dispatcher stopped while sending it 3 times");
  // Nothing left to claim: a later dispatcher finds no work.
  handled = (*server)->dispatcher().RunOnce();
  ASSERT_TRUE(handled.ok());
  EXPECT_EQ(*handled, 0);
}

// Waiting for the channel's rate limit is time under the lease. Six workers share
// a limit of 2 a second, so a worker waits up to 3 s for its token, longer than
// the 2 s lease and than the send's 0.2 s time limit plus the 2 s margin: a lease
// that did not count the wait would run out while its holder waits, and the
// other replica would send the same message (it did, with a 1 s lease, before the
// wait was counted).
TEST_P(DispatcherConcurrencyTest, WaitingForTheRateLimitKeepsTheLease) {
  constexpr int kCount = 16;
  std::vector<std::unique_ptr<testing::NotificationServer>> servers;
  for (int i = 0; i < 2; ++i) {
    testing::NotificationServerOptions options;
    options.start_dispatcher = false;
    options.database_url = i == 0 ? "" : servers[0]->database_url();
    options.webhook_timeout = absl::Milliseconds(200);
    options.dispatcher.workers = 6;
    options.dispatcher.claim_batch = 2;
    options.dispatcher.lease = absl::Seconds(2);
    options.dispatcher.rate_limits[v1::WEBHOOK] = {2, 1};
    auto server = testing::NotificationServer::Start(GetParam(), options);
    ASSERT_TRUE(server.ok()) << server.status();
    servers.push_back(std::move(*server));
  }
  const std::string batch = SendBatch(*servers[0], kCount);
  for (auto& s : servers) s->dispatcher().Start();
  ASSERT_TRUE(WaitAllDelivered(*servers[0], batch, kCount, absl::Seconds(60)));
  for (auto& s : servers) s->dispatcher().Stop();
  // No claim was taken over (a takeover of a message sent but not yet recorded is
  // a second send too), and every call the receiver got is an attempt its sender
  // recorded. (A call over the 0.2 s limit on a loaded machine is a recorded
  // temporary failure and is sent again: a retry, not a takeover.)
  auto conn = servers[0]->db().Acquire();
  ASSERT_TRUE(conn.ok());
  auto Attempts = [&](int64_t id) {  // for the failure message
    std::string out;
    auto all = (*conn)->Query("SELECT attempt, outcome, dispatcher, error FROM delivery_attempts"
                              " WHERE notification_id = ? ORDER BY id",
                              {id});
    for (const storage::Row& x : all.value()) {
      out += absl::StrCat("\n  #", x.Int(0), " outcome ", x.Int(1), " ", x.Str(2), " ", x.Str(3));
    }
    return out;
  };
  auto rows = (*conn)->Query(
      "SELECT notification_id, outcome, COUNT(*) FROM delivery_attempts"
      " GROUP BY notification_id, outcome");
  ASSERT_TRUE(rows.ok()) << rows.status();
  std::map<std::string, int> attempts;
  for (const storage::Row& r : *rows) {
    const std::string key = absl::StrCat("notifications/", r.Int(0));
    EXPECT_NE(r.Int(1), int64_t{v1::DeliveryAttempt::LEASE_EXPIRED})
        << key << ": a lease ran out while its dispatcher waited to send" << Attempts(r.Int(0));
    if (r.Int(1) != v1::DeliveryAttempt::LEASE_EXPIRED) attempts[key] += r.Int(2);
  }
  std::map<std::string, int> keys = KeysReceived();
  EXPECT_EQ(keys.size(), static_cast<size_t>(kCount));
  for (const auto& [key, times] : keys) {
    EXPECT_EQ(times, attempts[key]) << key << " sent by two dispatchers";
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, DispatcherConcurrencyTest,
                         ::testing::Values("sqlite", "mysql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace penataan::notification
