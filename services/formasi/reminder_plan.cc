#include "services/formasi/reminder_plan.h"

#include <algorithm>
#include <functional>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/formasi/deadline_rules.h"
#include "services/formasi/formasi_model.h"

namespace penataan::formasi {

absl::Time EffectiveDeadline(const PlanPeriod& period, const ExtensionDeadlines& extensions,
                             const std::string& instansi_code) {
  // The rule is deadline_rules.h's, the one submission and the summary judge by;
  // this only adapts the planner's shapes to it.
  Period p;
  p.deadline = period.deadline;
  auto it = extensions.find(instansi_code);
  if (it == extensions.end()) return formasi::EffectiveDeadline(p, nullptr);
  Extension e;
  e.deadline = it->second;
  return formasi::EffectiveDeadline(p, &e);
}

std::string ReminderReference(int64_t period_id, const std::string& instansi_code,
                              ReminderKind kind, absl::Duration offset, absl::Time deadline) {
  const int64_t deadline_s = absl::ToUnixSeconds(deadline);
  if (kind == v1::Reminder::DEADLINE_MISSED) {
    return absl::StrCat("formasi/", period_id, "/", instansi_code, "/missed/", deadline_s);
  }
  return absl::StrCat("formasi/", period_id, "/", instansi_code, "/reminder/",
                      absl::ToInt64Seconds(offset), "/", deadline_s);
}

std::vector<PlannedReminder> PlanReminders(const PlanPeriod& period,
                                           const std::vector<PlanInstansi>& instansi,
                                           const ExtensionDeadlines& extensions) {
  std::vector<PlannedReminder> plan;
  if (period.closed) return plan;
  std::vector<absl::Duration> offsets = period.offsets;
  std::sort(offsets.begin(), offsets.end(), std::greater<>());
  offsets.erase(std::unique(offsets.begin(), offsets.end()), offsets.end());
  plan.reserve(instansi.size() * (offsets.size() + 1));
  for (const PlanInstansi& i : instansi) {
    const absl::Time deadline = EffectiveDeadline(period, extensions, i.code);
    for (absl::Duration offset : offsets) {
      const absl::Time due = deadline - offset;
      if (due < period.open_time) continue;
      plan.push_back({period.id, i.code, v1::Reminder::DEADLINE_REMINDER, offset, deadline, due,
                      ReminderReference(period.id, i.code, v1::Reminder::DEADLINE_REMINDER,
                                        offset, deadline)});
    }
    plan.push_back({period.id, i.code, v1::Reminder::DEADLINE_MISSED, absl::ZeroDuration(),
                    deadline, deadline + absl::Seconds(1),
                    ReminderReference(period.id, i.code, v1::Reminder::DEADLINE_MISSED,
                                      absl::ZeroDuration(), deadline)});
  }
  return plan;
}

std::vector<absl::Duration> ParseOffsets(const std::string& column) {
  std::vector<absl::Duration> offsets;
  for (absl::string_view part : absl::StrSplit(column, ',', absl::SkipWhitespace())) {
    int64_t seconds = 0;
    if (absl::SimpleAtoi(part, &seconds) && seconds > 0) offsets.push_back(absl::Seconds(seconds));
  }
  return offsets;
}

}  // namespace penataan::formasi
