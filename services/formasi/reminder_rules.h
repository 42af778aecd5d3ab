#ifndef PENATAAN_SERVICES_FORMASI_REMINDER_RULES_H_
#define PENATAAN_SERVICES_FORMASI_REMINDER_RULES_H_

// Whether a claimed reminder row is still owed, judged at send time against the
// period, the instansi's extension and proposal as they are now (issue 8 point 7).
// Planning supersedes rows eagerly, but a plan may race an UpdatePeriod or a
// grant; this check is what makes a stale row never go out.
//
//  DEADLINE_REMINDER: skipped when the period was closed, the row's deadline is no
//    longer the instansi's, its offset was removed, the proposal is SUBMITTED,
//    APPROVED or REJECTED (RETURNED must be sent again: it is reminded), the
//    deadline has passed (FAILED instead when earlier attempts failed: it was owed
//    and never went out), or a later reminder of the same deadline is also due
//    (after downtime only the latest one goes out).
//  DEADLINE_MISSED: only to an instansi whose proposal is not in at the deadline
//    (a DRAFT, a RETURNED one or none: what the summary shows as missed); skipped
//    when the deadline moved or the period was closed before it.
//  DECISION: always sent.

#include <optional>
#include <string>

#include "absl/time/time.h"
#include "services/formasi/reminder_store.h"

namespace penataan::formasi {

struct ReminderVerdict {
  enum class Action { kSend, kSkip, kFail };
  Action action = Action::kSend;
  std::string detail;  // why skipped or failed
};

ReminderVerdict JudgeReminder(const ReminderRow& row, const PeriodFacts& period,
                              const ExtensionDeadlines& extensions,
                              std::optional<ProposalState> proposal, absl::Time now);

// When to try again after the `attempts`th attempt failed for a passing reason:
// `initial` doubling up to `max`, scaled by `jitter` in [0.5, 1.5) so that
// replicas that failed together do not retry together.
absl::Duration RetryDelay(int attempts, absl::Duration initial, absl::Duration max,
                          double jitter);

}  // namespace penataan::formasi

#endif  // PENATAAN_SERVICES_FORMASI_REMINDER_RULES_H_
