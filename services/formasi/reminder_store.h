#ifndef PENATAAN_SERVICES_FORMASI_REMINDER_STORE_H_
#define PENATAAN_SERVICES_FORMASI_REMINDER_STORE_H_

// The SQL of formasi's reminders (the `reminders` table) and the reads of
// periods, extensions and proposals that planning and sending need, and nothing
// else. Every method takes the connection to run on, so that the caller decides
// what is one transaction.
//
// A reminder row is a small queue entry with the notification dispatcher's lease:
// PENDING rows are due when next_attempt_us has passed; a claim sets
// next_attempt_us to the end of the lease, so a claimed row is not due again
// until its claimer has had the lease's time to send and mark it. On MySQL the
// claim locks with FOR UPDATE SKIP LOCKED, so that concurrent claims (threads,
// replicas) never overlap; the database must be opened READ COMMITTED
// (DatabaseOptions::read_committed), as notification's is.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/storage/database.h"
#include "penataan/formasi/v1/formasi.pb.h"
#include "services/formasi/reminder_plan.h"

namespace penataan::formasi {

using ReminderState = v1::Reminder::State;
using ProposalState = v1::Proposal::State;

struct ReminderRow {
  int64_t id = 0;
  int64_t period_id = 0;
  std::string instansi_code;
  ReminderKind kind = v1::Reminder::KIND_UNSPECIFIED;
  absl::Duration offset;
  absl::Time deadline;
  absl::Time due_time;
  ReminderState state = v1::Reminder::PENDING;
  std::string reference;
  std::string payload;  // JSON object of strings (a decision's values); "" or "{}" if none
  int attempts = 0;
  absl::Time next_attempt;
  std::string lease_owner;
  absl::Time lease_until = absl::UnixEpoch();
  std::string last_error;
  std::string detail;
  std::optional<absl::Time> sent_time;
  absl::Time create_time;
};

// What planning and sending read of a period.
struct PeriodFacts {
  PlanPeriod plan;  // closed: close_time is set
  std::optional<absl::Time> close_time;
  int64_t version = 0;
};

// How a claimed row ends this attempt.
struct ReminderOutcome {
  int64_t id = 0;
  ReminderState state = v1::Reminder::PENDING;  // PENDING: retry at next_attempt
  std::string detail;  // SKIPPED, FAILED: why; SENT: the recipients refused, if any
  std::string last_error;
  absl::Time next_attempt;  // PENDING only
};

struct ReminderFilter {
  int64_t period_id = 0;
  std::string instansi_code;  // empty: every instansi
  ReminderState state = v1::Reminder::STATE_UNSPECIFIED;  // unspecified: every state
};

class ReminderStore {
 public:
  using Conn = storage::Connection;

  // ---- Planning
  // Periods that may still owe reminders: not closed by ClosePeriod, and whose
  // latest deadline (the period's or an extension's) is after `since`.
  absl::StatusOr<std::vector<PeriodFacts>> ListPlannablePeriods(Conn& c, absl::Time since);
  // The period; with `for_update`, locked against a concurrent UpdatePeriod or
  // ClosePeriod until the transaction ends (MySQL: FOR UPDATE; SQLite's write
  // transaction locks everything).
  absl::StatusOr<std::optional<PeriodFacts>> ReadPeriod(Conn& c, int64_t period_id,
                                                        bool for_update);
  absl::StatusOr<ExtensionDeadlines> Extensions(Conn& c, int64_t period_id);
  // instansi code -> the zone its extension's deadline was stated in.
  absl::StatusOr<std::map<std::string, std::string>> ExtensionZones(Conn& c, int64_t period_id);
  // Per period: "<count>/<latest grant time>" of its extensions, so that a grant
  // is noticed without reading every extension.
  absl::StatusOr<std::map<int64_t, std::string>> ExtensionFingerprints(Conn& c);
  // Inserts the rows whose reference is new (PENDING, due at their due time);
  // returns how many were new.
  absl::StatusOr<int64_t> InsertPlanned(Conn& c, const std::vector<PlannedReminder>& plan,
                                        absl::Time now);
  // Sets back to PENDING (due at their due time, attempts kept) the rows of `plan`
  // that were SKIPPED by superseding ("deadline moved", "offsets changed"): a
  // deadline moved A -> B -> A owes A's reminders again, and InsertPlanned leaves
  // existing references alone. SENT rows stay SENT. Returns how many came back.
  absl::StatusOr<int64_t> Revive(Conn& c, int64_t period_id,
                                 const std::vector<PlannedReminder>& plan, absl::Time now);
  // Marks SKIPPED the PENDING reminders and missed notices of the period that are
  // not in `plan`, of the instansi the plan covers (all of them when `closed`):
  // "deadline moved" when the row's deadline differs from the plan's for its
  // instansi, "offsets changed" otherwise, "period closed" when closed. Rows under
  // a live lease are left to their claimer, which checks the same at send time.
  // Returns how many were superseded.
  absl::StatusOr<int64_t> Supersede(Conn& c, int64_t period_id,
                                    const std::vector<PlannedReminder>& plan, bool closed,
                                    absl::Time now);

  // Marks SKIPPED the PENDING reminders and missed notices of the period whose
  // deadline is no longer their instansi's effective one ("deadline moved"), and
  // when the period is closed its reminders ("period closed") and the missed
  // notices of deadlines after the close. For a writer that just changed the
  // deadlines, inside its transaction; the planner adds the new rows after.
  absl::StatusOr<int64_t> SupersedeStale(Conn& c, const PeriodFacts& period,
                                         const ExtensionDeadlines& extensions, absl::Time now);

  // ---- Sending
  // Takes up to `limit` PENDING rows due at `now`, oldest due first, under
  // `owner`'s lease until `lease_until`, and counts the attempt.
  absl::StatusOr<std::vector<ReminderRow>> Claim(Conn& c, absl::Time now, absl::Time lease_until,
                                                 const std::string& owner, int limit);
  // The proposal state of each of `codes` that has a proposal in the period.
  absl::StatusOr<std::map<std::string, ProposalState>> ProposalStates(
      Conn& c, int64_t period_id, const std::vector<std::string>& codes);
  // Writes outcomes of rows `owner` still holds (a row another claimer took over
  // after the lease ran out keeps its state); returns how many were written.
  absl::StatusOr<int64_t> RecordOutcomes(Conn& c, const std::string& owner,
                                         const std::vector<ReminderOutcome>& outcomes,
                                         absl::Time now);

  // ---- Reading
  // By id ascending, after `after_id`.
  absl::StatusOr<std::vector<ReminderRow>> List(Conn& c, const ReminderFilter& filter,
                                                int64_t after_id, int limit);
  absl::StatusOr<bool> PeriodExists(Conn& c, int64_t period_id);
};

}  // namespace penataan::formasi

#endif  // PENATAAN_SERVICES_FORMASI_REMINDER_STORE_H_
