#include "services/formasi/reminder_rules.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace penataan::formasi {
namespace {

using Action = ReminderVerdict::Action;

const absl::Time kDeadline = absl::FromUnixSeconds(1756141199);  // 25 Aug 2025 23:59:59 WIB

PeriodFacts Period() {
  PeriodFacts p;
  p.plan.id = 7;
  p.plan.offsets = {absl::Hours(72), absl::Hours(24), absl::Hours(2)};
  p.plan.deadline = kDeadline;
  p.plan.deadline_zone = "Asia/Jakarta";
  p.plan.open_time = kDeadline - absl::Hours(24 * 18);
  return p;
}

ReminderRow Row(ReminderKind kind, absl::Duration offset, absl::Time deadline = kDeadline) {
  ReminderRow r;
  r.period_id = 7;
  r.instansi_code = "5371";
  r.kind = kind;
  r.offset = offset;
  r.deadline = deadline;
  r.due_time = kind == v1::Reminder::DEADLINE_MISSED ? deadline + absl::Seconds(1)
                                                      : deadline - offset;
  return r;
}

TEST(JudgeReminder, Table) {
  const auto reminder = v1::Reminder::DEADLINE_REMINDER;
  const auto missed = v1::Reminder::DEADLINE_MISSED;
  PeriodFacts closed = Period();
  closed.close_time = kDeadline - absl::Hours(30);
  closed.plan.closed = true;
  PeriodFacts closed_after = Period();
  closed_after.close_time = kDeadline + absl::Hours(1);
  closed_after.plan.closed = true;
  PeriodFacts fewer_offsets = Period();
  fewer_offsets.plan.offsets = {absl::Hours(2)};
  ReminderRow failed_before = Row(reminder, absl::Hours(2));
  failed_before.last_error = "instansi 5371 has no contacts";
  ReminderRow decision;
  decision.kind = v1::Reminder::DECISION;
  decision.instansi_code = "5371";

  struct Case {
    std::string name;
    ReminderRow row;
    PeriodFacts period;
    ExtensionDeadlines extensions;
    std::optional<ProposalState> proposal;
    absl::Time now;
    Action action;
    std::string detail;
  };
  const absl::Time due3d = kDeadline - absl::Hours(72);
  const std::vector<Case> cases = {
      {"due, no proposal", Row(reminder, absl::Hours(72)), Period(), {}, std::nullopt, due3d,
       Action::kSend, ""},
      {"due, draft", Row(reminder, absl::Hours(72)), Period(), {}, v1::Proposal::DRAFT, due3d,
       Action::kSend, ""},
      {"returned proposals are reminded", Row(reminder, absl::Hours(72)), Period(), {},
       v1::Proposal::RETURNED, due3d, Action::kSend, ""},
      {"submitted", Row(reminder, absl::Hours(72)), Period(), {}, v1::Proposal::SUBMITTED, due3d,
       Action::kSkip, "proposal submitted"},
      {"approved", Row(reminder, absl::Hours(72)), Period(), {}, v1::Proposal::APPROVED, due3d,
       Action::kSkip, "proposal submitted"},
      {"rejected", Row(reminder, absl::Hours(72)), Period(), {}, v1::Proposal::REJECTED, due3d,
       Action::kSkip, "proposal submitted"},
      {"at the deadline still sent", Row(reminder, absl::Hours(2)), Period(), {}, std::nullopt,
       kDeadline, Action::kSend, ""},
      {"one second after the deadline", Row(reminder, absl::Hours(2)), Period(), {},
       std::nullopt, kDeadline + absl::Seconds(1), Action::kSkip, "deadline passed"},
      {"failed attempts until the deadline", failed_before, Period(), {}, std::nullopt,
       kDeadline + absl::Seconds(1), Action::kFail,
       "not sent by the deadline: instansi 5371 has no contacts"},
      {"down past a later due time: only the latest goes", Row(reminder, absl::Hours(72)),
       Period(), {}, std::nullopt, kDeadline - absl::Hours(23), Action::kSkip,
       "a later reminder (86400 s before the deadline) is due"},
      {"down, latest due one", Row(reminder, absl::Hours(24)), Period(), {}, std::nullopt,
       kDeadline - absl::Hours(23), Action::kSend, ""},
      {"deadline moved", Row(reminder, absl::Hours(72)), Period(),
       {{"5371", kDeadline + absl::Hours(48)}}, std::nullopt, due3d, Action::kSkip,
       "deadline moved"},
      {"extension's own rows", Row(reminder, absl::Hours(72), kDeadline + absl::Hours(48)),
       Period(), {{"5371", kDeadline + absl::Hours(48)}}, std::nullopt,
       kDeadline - absl::Hours(24), Action::kSend, ""},
      {"offset removed", Row(reminder, absl::Hours(72)), fewer_offsets, {}, std::nullopt, due3d,
       Action::kSkip, "offsets changed"},
      {"period closed", Row(reminder, absl::Hours(24)), closed, {}, std::nullopt,
       kDeadline - absl::Hours(24), Action::kSkip, "period closed"},
      {"missed: draft", Row(missed, absl::ZeroDuration()), Period(), {}, v1::Proposal::DRAFT,
       kDeadline + absl::Seconds(1), Action::kSend, ""},
      {"missed: no proposal", Row(missed, absl::ZeroDuration()), Period(), {}, std::nullopt,
       kDeadline + absl::Hours(5), Action::kSend, ""},
      {"missed: submitted", Row(missed, absl::ZeroDuration()), Period(), {},
       v1::Proposal::SUBMITTED, kDeadline + absl::Seconds(1), Action::kSkip,
       "proposal was submitted"},
      {"missed: returned and left at the deadline", Row(missed, absl::ZeroDuration()),
       Period(), {}, v1::Proposal::RETURNED, kDeadline + absl::Seconds(1), Action::kSend, ""},
      {"missed: approved", Row(missed, absl::ZeroDuration()), Period(), {},
       v1::Proposal::APPROVED, kDeadline + absl::Seconds(1), Action::kSkip,
       "proposal was submitted"},
      {"missed: rejected", Row(missed, absl::ZeroDuration()), Period(), {},
       v1::Proposal::REJECTED, kDeadline + absl::Seconds(1), Action::kSkip,
       "proposal was submitted"},
      {"missed: extension", Row(missed, absl::ZeroDuration()), Period(),
       {{"5371", kDeadline + absl::Hours(48)}}, std::nullopt, kDeadline + absl::Seconds(1),
       Action::kSkip, "deadline moved"},
      {"missed: closed early", Row(missed, absl::ZeroDuration()), closed, {}, std::nullopt,
       kDeadline + absl::Seconds(1), Action::kSkip, "period closed before the deadline"},
      {"missed: closed after the deadline", Row(missed, absl::ZeroDuration()), closed_after, {},
       std::nullopt, kDeadline + absl::Hours(2), Action::kSend, ""},
      {"decision", decision, closed, {}, v1::Proposal::APPROVED, kDeadline + absl::Hours(200),
       Action::kSend, ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const ReminderVerdict v = JudgeReminder(c.row, c.period, c.extensions, c.proposal, c.now);
    EXPECT_EQ(v.action, c.action);
    EXPECT_EQ(v.detail, c.detail);
  }
}

TEST(RetryDelay, DoublesToTheCapWithJitter) {
  struct Case {
    int attempts;
    double jitter;
    absl::Duration want;
  };
  const std::vector<Case> cases = {
      {1, 0.5, absl::Seconds(30)}, {2, 0.5, absl::Seconds(60)}, {3, 0.5, absl::Seconds(120)},
      {20, 0.5, absl::Hours(1)},   {1, 0.0, absl::Seconds(15)}, {1, 1.0, absl::Seconds(45)},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.attempts);
    EXPECT_EQ(RetryDelay(c.attempts, absl::Seconds(30), absl::Hours(1), c.jitter), c.want);
  }
}

}  // namespace
}  // namespace penataan::formasi
