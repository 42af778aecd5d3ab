#ifndef PENATAAN_SERVICES_FORMASI_REMINDER_PLAN_H_
#define PENATAAN_SERVICES_FORMASI_REMINDER_PLAN_H_

// Which reminder rows a period owes its instansi, as a plain function of the
// period, the instansi and the extensions (issue 8 point 7). The scheduler inserts
// the plan idempotently and supersedes the PENDING rows that are not in it.
//
// Guarantees:
//  - one DEADLINE_REMINDER per instansi and offset, due at the instansi's
//    effective deadline (its extension's, else the period's) minus the offset,
//    and one DEADLINE_MISSED due one second after that deadline;
//  - a reminder that would fall before the period opens is not planned (before
//    the window opens there is nothing to send in yet);
//  - a closed period (ClosePeriod) owes nothing;
//  - the reference depends only on (period, instansi, kind, offset, deadline): the
//    same inputs always give the same references, and a moved deadline gives new
//    ones, so the notification service keeps the old and new reminders apart and
//    drops a repeated send of the same one.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "penataan/formasi/v1/formasi.pb.h"

namespace penataan::formasi {

using ReminderKind = v1::Reminder::Kind;

struct PlanPeriod {
  int64_t id = 0;
  std::string display_name;
  std::vector<absl::Duration> offsets;
  absl::Time deadline;
  std::string deadline_zone;
  absl::Time open_time;
  bool closed = false;  // ClosePeriod was called
};

struct PlanInstansi {
  std::string code;
  std::string time_zone;
};

// Instansi code -> its extended deadline.
using ExtensionDeadlines = std::map<std::string, absl::Time>;

struct PlannedReminder {
  int64_t period_id = 0;
  std::string instansi_code;
  ReminderKind kind = v1::Reminder::KIND_UNSPECIFIED;
  absl::Duration offset;  // zero for DEADLINE_MISSED
  absl::Time deadline;    // the effective deadline it was planned for
  absl::Time due_time;
  std::string reference;

  bool operator==(const PlannedReminder& o) const {
    return period_id == o.period_id && instansi_code == o.instansi_code && kind == o.kind &&
           offset == o.offset && deadline == o.deadline && due_time == o.due_time &&
           reference == o.reference;
  }
};

// The instansi's deadline by deadline_rules.h's EffectiveDeadline (its
// extension's, else the period's), for the planner's shapes.
absl::Time EffectiveDeadline(const PlanPeriod& period, const ExtensionDeadlines& extensions,
                             const std::string& instansi_code);

// "formasi/{period_id}/{instansi}/reminder/{offset_s}/{deadline_unix}" and
// "formasi/{period_id}/{instansi}/missed/{deadline_unix}" (Unix seconds).
std::string ReminderReference(int64_t period_id, const std::string& instansi_code,
                              ReminderKind kind, absl::Duration offset, absl::Time deadline);

// The rows that should exist, by instansi in the order given, then by offset
// largest first, then the missed notice.
std::vector<PlannedReminder> PlanReminders(const PlanPeriod& period,
                                           const std::vector<PlanInstansi>& instansi,
                                           const ExtensionDeadlines& extensions);

// "604800,259200" (the periods.reminder_offsets column) as durations; entries
// that are not whole positive seconds are ignored.
std::vector<absl::Duration> ParseOffsets(const std::string& column);

}  // namespace penataan::formasi

#endif  // PENATAAN_SERVICES_FORMASI_REMINDER_PLAN_H_
