#include "services/formasi/reminder_rules.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "services/formasi/deadline_rules.h"

namespace penataan::formasi {
namespace {

ReminderVerdict Send() { return {ReminderVerdict::Action::kSend, ""}; }
ReminderVerdict Skip(std::string detail) {
  return {ReminderVerdict::Action::kSkip, std::move(detail)};
}

// One predicate for reminders and missed notices, matching the summary's
// deadline_missed (FormasiStore counts SUBMITTED, APPROVED and REJECTED as in):
// a RETURNED proposal, like a DRAFT or none, still owes a submission.
bool Submitted(std::optional<ProposalState> s) {
  return s && (*s == v1::Proposal::SUBMITTED || *s == v1::Proposal::APPROVED ||
               *s == v1::Proposal::REJECTED);
}

}  // namespace

ReminderVerdict JudgeReminder(const ReminderRow& row, const PeriodFacts& period,
                              const ExtensionDeadlines& extensions,
                              std::optional<ProposalState> proposal, absl::Time now) {
  if (row.kind == v1::Reminder::DECISION) return Send();
  const absl::Time deadline = EffectiveDeadline(period.plan, extensions, row.instansi_code);
  if (row.kind == v1::Reminder::DEADLINE_MISSED) {
    if (period.close_time && *period.close_time < row.deadline) {
      return Skip("period closed before the deadline");
    }
    if (row.deadline != deadline) return Skip("deadline moved");
    if (Submitted(proposal)) return Skip("proposal was submitted");
    return Send();
  }
  if (period.close_time) return Skip("period closed");
  if (row.deadline != deadline) return Skip("deadline moved");
  const auto& offsets = period.plan.offsets;
  if (std::find(offsets.begin(), offsets.end(), row.offset) == offsets.end()) {
    return Skip("offsets changed");
  }
  if (Submitted(proposal)) return Skip("proposal submitted");
  if (PastDeadline(deadline, now)) {
    if (!row.last_error.empty()) {
      return {ReminderVerdict::Action::kFail,
              absl::StrCat("not sent by the deadline: ", row.last_error)};
    }
    return Skip("deadline passed");
  }
  for (absl::Duration later : offsets) {
    if (later < row.offset && deadline - later <= now) {
      return Skip(absl::StrCat("a later reminder (", absl::ToInt64Seconds(later),
                               " s before the deadline) is due"));
    }
  }
  return Send();
}

absl::Duration RetryDelay(int attempts, absl::Duration initial, absl::Duration max,
                          double jitter) {
  absl::Duration d = initial;
  for (int i = 1; i < attempts && d < max; ++i) d *= 2;
  d = std::min(d, max);
  return d * (0.5 + std::clamp(jitter, 0.0, 1.0));
}

}  // namespace penataan::formasi
