// The reminder scheduler against the real registry and notification servers and
// a formasi database, on SQLite and MariaDB, with a FakeClock walking through a
// period: who is reminded, when, with which reference, and who is not.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "services/formasi/decision_notice.h"
#include "services/formasi/reminder_message.h"
#include "services/formasi/reminder_scheduler.h"
#include "tests/formasi/reminder_env.h"

namespace penataan::formasi {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;
using testing::kPaerDeadline;
using testing::ReminderEnv;

constexpr absl::Time D() { return absl::FromUnixSeconds(1756141199); }
const std::vector<absl::Duration> kOffsets = {absl::Hours(24 * 7), absl::Hours(72),
                                              absl::Hours(24), absl::Hours(2)};

std::string Ref(int64_t period, const std::string& code, absl::Duration offset,
                absl::Time deadline = D()) {
  return ReminderReference(period, code, v1::Reminder::DEADLINE_REMINDER, offset, deadline);
}
// The notification reference of a row's email or webhook to `address`.
std::string Email(const std::string& row, const std::string& address) {
  return RecipientReference(row, address, ContactChannel::kEmail);
}
std::string Webhook(const std::string& row, const std::string& address) {
  return RecipientReference(row, address, ContactChannel::kWebhook);
}
std::string Missed(int64_t period, const std::string& code, absl::Time deadline = D()) {
  return ReminderReference(period, code, v1::Reminder::DEADLINE_MISSED, absl::ZeroDuration(),
                           deadline);
}

class ReminderSchedulerTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (storage::testing::TestDatabase::ShouldSkip(GetParam())) GTEST_SKIP() << "no MySQL";
    auto env = ReminderEnv::Start(GetParam());
    ASSERT_TRUE(env.ok()) << env.status();
    env_ = std::move(*env);
    ReminderSchedulerOptions options;
    options.workers = 0;  // driven by hand: PlanOnce, SendOnce
    options.owner = "test/1/a";
    scheduler_ = env_->NewScheduler(options);
    auto period = env_->CreatePeriod("PPPK Paruh Waktu 2025", D() - absl::Hours(24 * 18), D(),
                                     kOffsets);
    ASSERT_TRUE(period.ok()) << period.status();
    period_ = *period;
  }

  // Sends until nothing is due; returns the rows claimed.
  int Drain() {
    int total = 0;
    for (;;) {
      absl::StatusOr<int> n = scheduler_->SendOnce();
      EXPECT_TRUE(n.ok()) << n.status();
      if (!n.ok() || *n == 0) return total;
      total += *n;
    }
  }

  std::map<std::string, ReminderRow> Rows() {
    auto rows = env_->Reminders(period_);
    EXPECT_TRUE(rows.ok()) << rows.status();
    return rows.ok() ? *rows : std::map<std::string, ReminderRow>{};
  }

  std::vector<std::string> Sent() {
    auto n = env_->Notifications();
    EXPECT_TRUE(n.ok()) << n.status();
    std::vector<std::string> refs;
    if (n.ok()) {
      for (const auto& [ref, template_id] : *n) refs.push_back(ref);
    }
    return refs;
  }

  std::unique_ptr<ReminderEnv> env_;
  std::unique_ptr<ReminderScheduler> scheduler_;
  int64_t period_ = 0;
};

TEST_P(ReminderSchedulerTest, ASubmittedInstansiGetsNoMoreRemindersAndOnlyDraftsAreToldTheyMissed) {
  ASSERT_TRUE(env_->SetContacts("5371", {"bkpsdm@kupangkota.go.id"},
                                {"https://wa-gateway.kupangkota.go.id/hook"}).ok());
  ASSERT_TRUE(env_->SetContacts("3275", {"bkpsdm@bekasikota.go.id"}).ok());
  ASSERT_TRUE(scheduler_->PlanOnce(/*force=*/true).ok());
  EXPECT_EQ(Rows().size(), 10u);

  env_->clock().Set(D() - absl::Hours(24 * 7));
  EXPECT_EQ(Drain(), 2);
  const std::string week_5371 = Ref(period_, "5371", absl::Hours(24 * 7));
  const std::string week_3275 = Ref(period_, "3275", absl::Hours(24 * 7));
  EXPECT_THAT(Sent(), UnorderedElementsAre(
                          Email(week_5371, "bkpsdm@kupangkota.go.id"),
                          Webhook(week_5371, "https://wa-gateway.kupangkota.go.id/hook"),
                          Email(week_3275, "bkpsdm@bekasikota.go.id")));
  auto values = env_->PersonalisationOf(Email(week_5371, "bkpsdm@kupangkota.go.id"));
  ASSERT_TRUE(values.ok());
  EXPECT_THAT(*values, HasSubstr("25 Agustus 2025 pukul 23.59 WIB (26 Agustus 2025 pukul 00.59 WITA)"));
  EXPECT_THAT(*values, HasSubstr("7 hari"));
  EXPECT_EQ(Rows()[week_5371].state, v1::Reminder::SENT);

  ASSERT_TRUE(env_->SetProposalState(period_, "5371", v1::Proposal::SUBMITTED).ok());
  ASSERT_TRUE(env_->SetProposalState(period_, "3275", v1::Proposal::DRAFT).ok());
  env_->clock().Set(D() - absl::Hours(72));
  EXPECT_EQ(Drain(), 2);
  std::map<std::string, ReminderRow> rows = Rows();
  EXPECT_EQ(rows[Ref(period_, "5371", absl::Hours(72))].state, v1::Reminder::SKIPPED);
  EXPECT_EQ(rows[Ref(period_, "5371", absl::Hours(72))].detail, "proposal submitted");
  EXPECT_EQ(rows[Ref(period_, "3275", absl::Hours(72))].state, v1::Reminder::SENT);

  // Past the deadline: the reminders not yet sent are no longer owed; the missed
  // notice goes to the DRAFT only.
  env_->clock().Set(D() + absl::Seconds(1));
  EXPECT_EQ(Drain(), 6);
  rows = Rows();
  EXPECT_EQ(rows[Ref(period_, "3275", absl::Hours(2))].detail, "deadline passed");
  EXPECT_EQ(rows[Missed(period_, "3275")].state, v1::Reminder::SENT);
  EXPECT_EQ(rows[Missed(period_, "5371")].state, v1::Reminder::SKIPPED);
  EXPECT_EQ(rows[Missed(period_, "5371")].detail, "proposal was submitted");
  auto sent = env_->Notifications();
  ASSERT_TRUE(sent.ok());
  EXPECT_EQ(sent->size(), 5u);
  EXPECT_EQ((*sent)[Email(Missed(period_, "3275"), "bkpsdm@bekasikota.go.id")], "formasi-deadline-missed");
  EXPECT_EQ(Drain(), 0);
}

TEST_P(ReminderSchedulerTest, ARefusedRecipientIsDroppedAndTheOthersStillGetTheReminder) {
  ASSERT_TRUE(env_->SetContacts("5371", {"bkpsdm@kupangkota.go.id", "kepala@kupangkota.go.id"},
                                {"https://wa-gateway.kupangkota.go.id/hook"}).ok());
  ASSERT_TRUE(env_->SetContacts("3275", {"bkpsdm@bekasikota.go.id"},
                                {"https://wa-gateway.bekasikota.go.id/hook"}).ok());
  // A webhook notification refuses (say, an internal host its operator has not
  // allowed). The test server's templates are all LOG channel, which refuses a
  // control character: that stands for any address notification refuses.
  const std::string kRefused = "https://10.0.0.1/hook\x01";
  for (const std::string code : {"5371", "3275"}) {
    auto c = env_->registry().db().Acquire();
    ASSERT_TRUE(c.ok());
    ASSERT_TRUE((*c)->Execute("UPDATE instansi_contacts SET webhook_url = ?"
                              " WHERE instansi_code = ? AND ordinal = 0",
                              {std::string(kRefused), code})
                    .ok());
  }
  // 3275's only recipient besides the refused webhook is its email; 5371 has two.
  ASSERT_TRUE(scheduler_->PlanOnce(/*force=*/true).ok());
  env_->clock().Set(D() - absl::Hours(24 * 7));
  EXPECT_EQ(Drain(), 2);
  const std::string week_5371 = Ref(period_, "5371", absl::Hours(24 * 7));
  const std::string week_3275 = Ref(period_, "3275", absl::Hours(24 * 7));
  std::map<std::string, ReminderRow> rows = Rows();
  EXPECT_EQ(rows[week_5371].state, v1::Reminder::SENT);
  EXPECT_EQ(rows[week_5371].detail,
            "not sent to the webhook of contact 1: refused by notification (INVALID_ARGUMENT)");
  EXPECT_EQ(rows[week_3275].state, v1::Reminder::SENT);
  auto sent = env_->Notifications();
  ASSERT_TRUE(sent.ok());
  int to_5371 = 0, to_3275 = 0, webhooks = 0;
  for (const auto& [ref, template_id] : *sent) {
    to_5371 += ref.rfind(week_5371, 0) == 0;
    to_3275 += ref.rfind(week_3275, 0) == 0;
    webhooks += absl::StrContains(ref, "webhook");
  }
  EXPECT_EQ(to_5371, 2);  // both emails
  EXPECT_EQ(to_3275, 1);
  EXPECT_EQ(webhooks, 0);

  // Every recipient refused: FAILED, saying which.
  for (const std::string code : {"3275"}) {
    auto c = env_->registry().db().Acquire();
    ASSERT_TRUE(c.ok());
    ASSERT_TRUE((*c)->Execute("UPDATE instansi_contacts SET email = ?"
                              " WHERE instansi_code = ?",
                              {kRefused, code})
                    .ok());
  }
  env_->clock().Set(D() - absl::Hours(72));
  EXPECT_EQ(Drain(), 2);
  rows = Rows();
  EXPECT_EQ(rows[Ref(period_, "5371", absl::Hours(72))].state, v1::Reminder::SENT);
  EXPECT_EQ(rows[Ref(period_, "3275", absl::Hours(72))].state, v1::Reminder::FAILED);
  EXPECT_THAT(rows[Ref(period_, "3275", absl::Hours(72))].detail,
              HasSubstr("not sent to the email of contact 1: refused by notification"));
}

TEST_P(ReminderSchedulerTest, AReminderDueWhileDownIsSentOnceUnlessItsDeadlinePassed) {
  ASSERT_TRUE(env_->SetContacts("5371", {"bkpsdm@kupangkota.go.id"}).ok());
  ASSERT_TRUE(env_->SetContacts("3275", {"bkpsdm@bekasikota.go.id"}).ok());
  ASSERT_TRUE(scheduler_->PlanOnce(true).ok());
  // Down from before the 7-day reminder until after the 3-day one was due: the
  // 3-day one goes, once; the 7-day one is not sent late on top of it.
  env_->clock().Set(D() - absl::Hours(70));
  EXPECT_EQ(Drain(), 4);
  EXPECT_EQ(Drain(), 0);
  std::map<std::string, ReminderRow> rows = Rows();
  EXPECT_EQ(rows[Ref(period_, "3275", absl::Hours(72))].state, v1::Reminder::SENT);
  EXPECT_EQ(rows[Ref(period_, "3275", absl::Hours(24 * 7))].state, v1::Reminder::SKIPPED);
  EXPECT_THAT(rows[Ref(period_, "3275", absl::Hours(24 * 7))].detail, HasSubstr("later reminder"));
  EXPECT_EQ(Sent().size(), 2u);

  // Down again over the deadline: nothing more before it goes out late.
  env_->clock().Set(D() + absl::Hours(3));
  EXPECT_EQ(Drain(), 6);
  rows = Rows();
  for (absl::Duration o : {absl::Hours(24), absl::Hours(2)}) {
    EXPECT_EQ(rows[Ref(period_, "5371", o)].state, v1::Reminder::SKIPPED);
    EXPECT_EQ(rows[Ref(period_, "5371", o)].detail, "deadline passed");
  }
  EXPECT_EQ(Sent().size(), 4u);  // + the two missed notices (no proposals at all)
}

TEST_P(ReminderSchedulerTest, AMovedDeadlineOrAnExtensionReplacesTheUnsentReminders) {
  ASSERT_TRUE(env_->SetContacts("5371", {"bkpsdm@kupangkota.go.id"}).ok());
  ASSERT_TRUE(env_->SetContacts("3275", {"bkpsdm@bekasikota.go.id"}).ok());
  ASSERT_TRUE(scheduler_->PlanOnce(true).ok());
  env_->clock().Set(D() - absl::Hours(24 * 7));
  EXPECT_EQ(Drain(), 2);  // the 7-day reminders went for the first deadline

  const absl::Time moved = D() + absl::Hours(24 * 5);  // 20 -> 25 August, as in 2025
  ASSERT_TRUE(env_->MoveDeadline(period_, moved).ok());
  // UpdatePeriod's transaction tells the scheduler: the stale rows go at once.
  ASSERT_TRUE(storage::InTransaction(env_->db(), [&](storage::Connection& c) {
                return scheduler_->DeadlinesChanged(c, period_);
              }).ok());
  std::map<std::string, ReminderRow> rows = Rows();
  EXPECT_EQ(rows[Ref(period_, "3275", absl::Hours(72))].detail, "deadline moved");
  EXPECT_EQ(rows.size(), 10u);
  ASSERT_TRUE(scheduler_->PlanOnce().ok());  // the period's version changed: new rows
  rows = Rows();
  EXPECT_EQ(rows[Ref(period_, "3275", absl::Hours(24 * 7))].state, v1::Reminder::SENT);
  EXPECT_EQ(rows[Ref(period_, "3275", absl::Hours(72))].state, v1::Reminder::SKIPPED);
  EXPECT_EQ(rows[Ref(period_, "3275", absl::Hours(72))].detail, "deadline moved");
  EXPECT_EQ(rows[Missed(period_, "3275")].detail, "deadline moved");
  EXPECT_EQ(rows[Ref(period_, "3275", absl::Hours(72), moved)].state, v1::Reminder::PENDING);

  const absl::Time extended = moved + absl::Hours(48);
  // Granted in Kupang's own zone: its reminders read the deadline as stated.
  ASSERT_TRUE(env_->GrantExtension(period_, "5371", extended, "Asia/Makassar").ok());
  ASSERT_TRUE(scheduler_->PlanOnce().ok());  // a grant changed the extensions
  rows = Rows();
  EXPECT_EQ(rows[Ref(period_, "5371", absl::Hours(72), moved)].detail, "deadline moved");
  EXPECT_EQ(rows[Ref(period_, "5371", absl::Hours(72), extended)].state, v1::Reminder::PENDING);
  EXPECT_EQ(rows[Ref(period_, "3275", absl::Hours(72), moved)].state, v1::Reminder::PENDING);
  EXPECT_EQ(rows.size(), 20u + 5u);

  // The new 7-day reminder for the moved deadline is a new reference, sent too.
  env_->clock().Set(moved - absl::Hours(72));
  Drain();
  EXPECT_THAT(Sent(), ::testing::Contains(Email(Ref(period_, "3275", absl::Hours(72), moved),
                                                     "bkpsdm@bekasikota.go.id")));
  EXPECT_THAT(Sent(), ::testing::Not(::testing::Contains(
                          Email(Ref(period_, "5371", absl::Hours(72), moved), "bkpsdm@kupangkota.go.id"))));
  env_->clock().Set(extended - absl::Hours(72));
  Drain();
  EXPECT_THAT(Sent(), ::testing::Contains(Email(
                          Ref(period_, "5371", absl::Hours(72), extended), "bkpsdm@kupangkota.go.id")));
  auto values = env_->PersonalisationOf(
      Email(Ref(period_, "5371", absl::Hours(72), extended), "bkpsdm@kupangkota.go.id"));
  ASSERT_TRUE(values.ok());
  EXPECT_THAT(*values, HasSubstr("2 September 2025 pukul 00.59 WITA"));
  EXPECT_THAT(*values, ::testing::Not(HasSubstr("WIB")));
}

TEST_P(ReminderSchedulerTest, ADeadlineMovedAwayAndBackOwesItsRemindersAgain) {
  ASSERT_TRUE(env_->SetContacts("5371", {"bkpsdm@kupangkota.go.id"}).ok());
  ASSERT_TRUE(env_->SetContacts("3275", {"bkpsdm@bekasikota.go.id"}).ok());
  ASSERT_TRUE(scheduler_->PlanOnce(true).ok());
  env_->clock().Set(D() - absl::Hours(24 * 7));
  EXPECT_EQ(Drain(), 2);  // the 7-day reminders of A

  const absl::Time b = D() + absl::Hours(24 * 5);
  ASSERT_TRUE(env_->MoveDeadline(period_, b).ok());
  ASSERT_TRUE(scheduler_->PlanOnce().ok());
  EXPECT_EQ(Rows()[Ref(period_, "5371", absl::Hours(72))].detail, "deadline moved");
  ASSERT_TRUE(env_->MoveDeadline(period_, D()).ok());
  ASSERT_TRUE(scheduler_->PlanOnce().ok());
  std::map<std::string, ReminderRow> rows = Rows();
  for (const std::string code : {"5371", "3275"}) {
    SCOPED_TRACE(code);
    EXPECT_EQ(rows[Ref(period_, code, absl::Hours(24 * 7))].state, v1::Reminder::SENT);
    for (absl::Duration o : {absl::Hours(72), absl::Hours(24), absl::Hours(2)}) {
      EXPECT_EQ(rows[Ref(period_, code, o)].state, v1::Reminder::PENDING);
      EXPECT_EQ(rows[Ref(period_, code, o)].detail, "");
      EXPECT_EQ(rows[Ref(period_, code, o)].next_attempt, D() - o);
    }
    EXPECT_EQ(rows[Missed(period_, code)].state, v1::Reminder::PENDING);
    EXPECT_EQ(rows[Ref(period_, code, absl::Hours(72), b)].detail, "deadline moved");
  }

  env_->clock().Set(D() - absl::Hours(72));
  EXPECT_EQ(Drain(), 2);
  rows = Rows();
  EXPECT_EQ(rows[Ref(period_, "5371", absl::Hours(72))].state, v1::Reminder::SENT);
  EXPECT_EQ(rows[Ref(period_, "3275", absl::Hours(72))].state, v1::Reminder::SENT);
}

TEST_P(ReminderSchedulerTest, NoContactsIsRetriedUntilTheDeadlineThenFailed) {
  ASSERT_TRUE(env_->SetContacts("5371", {"bkpsdm@kupangkota.go.id"}).ok());
  ASSERT_TRUE(scheduler_->PlanOnce(true).ok());
  env_->clock().Set(D() - absl::Hours(2));
  Drain();
  ReminderRow row = Rows()[Ref(period_, "3275", absl::Hours(2))];
  EXPECT_EQ(row.state, v1::Reminder::PENDING);
  EXPECT_EQ(row.last_error, "instansi 3275 has no contacts");
  EXPECT_GT(row.next_attempt, env_->clock().Now());
  EXPECT_LE(row.next_attempt, D() + absl::Seconds(1));

  env_->clock().Set(D() + absl::Seconds(2));
  Drain();
  row = Rows()[Ref(period_, "3275", absl::Hours(2))];
  EXPECT_EQ(row.state, v1::Reminder::FAILED);
  EXPECT_EQ(row.detail, "not sent by the deadline: instansi 3275 has no contacts");
  EXPECT_EQ(Rows()[Missed(period_, "3275")].state, v1::Reminder::PENDING);  // retried later
  EXPECT_EQ(Rows()[Missed(period_, "5371")].state, v1::Reminder::SENT);
}

TEST_P(ReminderSchedulerTest, DecisionNoticesAreSentAndAClosedPeriodOwesNothingMore) {
  ASSERT_TRUE(env_->SetContacts("3275", {"bkpsdm@bekasikota.go.id"}).ok());
  ASSERT_TRUE(scheduler_->PlanOnce(true).ok());
  // As DecideProposal writes it (APPROVE of 3487 posts, version 3).
  DecisionNotice notice;
  notice.period_id = period_;
  notice.instansi_code = "3275";
  notice.proposal_version = 3;
  notice.decision = v1::DecideProposalRequest::APPROVE;
  notice.posts_approved = 3487;
  notice.deadline = D();
  ReminderRow decision;
  decision.reference = DecisionReference(notice);
  {
    auto c = env_->db().Acquire();
    ASSERT_TRUE(c.ok());
    ASSERT_TRUE(InsertDecisionNotice(**c, notice, env_->clock().Now()).ok());
  }
  ASSERT_TRUE(env_->ClosePeriod(period_, env_->clock().Now()).ok());
  ASSERT_TRUE(scheduler_->PlanOnce().ok());
  EXPECT_EQ(Drain(), 1);
  EXPECT_THAT(Sent(), UnorderedElementsAre(Email(decision.reference, "bkpsdm@bekasikota.go.id")));
  auto values = env_->PersonalisationOf(Email(decision.reference, "bkpsdm@bekasikota.go.id"));
  ASSERT_TRUE(values.ok());
  EXPECT_THAT(*values, HasSubstr("DISETUJUI"));
  for (const auto& [ref, row] : Rows()) {
    if (row.kind == v1::Reminder::DECISION) continue;
    EXPECT_EQ(row.state, v1::Reminder::SKIPPED) << ref;
    EXPECT_EQ(row.detail, "period closed") << ref;
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, ReminderSchedulerTest, ::testing::Values("sqlite", "mysql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace penataan::formasi
