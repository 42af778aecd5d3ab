#ifndef PENATAAN_SERVICES_FORMASI_REMINDER_SCHEDULER_H_
#define PENATAAN_SERVICES_FORMASI_REMINDER_SCHEDULER_H_

// Makes sure no instansi misses a deadline for lack of a reminder (issue 8 point
// 7). Two jobs on a fixed set of threads:
//  - planning (one thread): for every period not closed, the rows PlanReminders
//    says should exist, against the registry's instansi and the extensions,
//    inserted idempotently, with the PENDING rows that no longer belong superseded;
//    again whenever a period's version or its extensions change, and every
//    `replan_every` (new instansi);
//  - sending (`workers` threads): claim due rows under a lease (ReminderStore::
//    Claim), judge each against the period and proposal as they are now
//    (JudgeReminder), fetch the contacts of the whole claim in one registry call,
//    hand the messages to the notification service in one SendBatch per template,
//    and mark the rows.
//
// Guarantees:
//  - each recipient of a reminder gets it once: its notification reference is
//    the row's reference + channel + a hash of the address (RecipientReference:
//    a reordered contact list keeps each recipient's key), and notification stores one
//    notification per reference; a scheduler that dies between the send and the
//    mark leaves the row to be claimed again after its lease, and the repeated send
//    is answered already_sent, which counts as sent;
//  - several schedulers (threads, replicas) on one database claim disjoint rows;
//  - registry or notification unreachable, or an instansi without contacts: the
//    row stays PENDING and is retried with backoff (a reminder until its deadline,
//    then FAILED; missed and decision notices for `give_up_after`);
//  - a recipient refused by notification is dropped and named in its row's detail;
//    the row's other recipients still get it (SENT when one did, FAILED when all
//    were refused); other rows are untouched;
//  - no contact address is written to a log.
// Thread-safe; Stop() is called by the destructor.

#include <functional>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/clock.h"
#include "common/peer/peer_client.h"
#include "common/storage/database.h"
#include "services/formasi/reminder_plan.h"
#include "services/formasi/reminder_store.h"

namespace penataan::formasi {

struct ReminderSchedulerOptions {
  int workers = 2;
  // How often an idle sender looks for due rows and the planner for changed periods.
  absl::Duration tick = absl::Seconds(1);
  absl::Duration lease = absl::Seconds(60);
  int claim_batch = 100;
  // Plans every open period again this often even when it did not change, so
  // that an instansi added to the registry gets its reminders.
  absl::Duration replan_every = absl::Minutes(5);
  absl::Duration retry_initial = absl::Seconds(30);
  absl::Duration retry_max = absl::Hours(1);
  // Missed and decision notices that could not be sent for this long: FAILED.
  absl::Duration give_up_after = absl::Hours(72);
  // Whether this scheduler plans (every replica may; planning is idempotent).
  bool plan = true;
  // Names this scheduler in leases; default "<host>/<pid>/<random>".
  std::string owner;
  // Tests: called after the sends of a claim and before its rows are marked;
  // a non-OK status skips the marking, as a crash there would.
  std::function<absl::Status()> before_mark_for_test;
};

class ReminderScheduler {
 public:
  // `registry` and `notification` are the process's peer clients; all referenced
  // objects must outlive the scheduler.
  ReminderScheduler(storage::Database& db, const Clock& clock, const PeerClient& registry,
                    const PeerClient& notification, ReminderSchedulerOptions options);
  ~ReminderScheduler();

  void Start();
  // Lets each worker finish the claim it is sending, marks it, and joins.
  void Stop();
  // Something changed (a period, an extension, a decision): look now.
  void Wake();

  // For the writer of a period or an extension, inside its transaction on `c`
  // (FormasiHooks::deadlines_changed): the PENDING rows that no longer match the
  // stored deadlines are superseded at once, and the planner is woken to add the
  // new ones. No peer call is made here.
  absl::Status DeadlinesChanged(storage::Connection& c, int64_t period_id);

  // One planning pass over the periods that need it (all of them with `force`).
  // Returns the rows inserted.
  absl::StatusOr<int64_t> PlanOnce(bool force = false);
  // One claim, sent and marked, on the calling thread. Returns the rows claimed.
  absl::StatusOr<int> SendOnce();

  const std::string& owner() const { return options_.owner; }

 private:
  struct InstansiInfo {
    std::string display_name;
    std::string time_zone;
  };
  struct Claimed;

  void PlannerLoop();
  void WorkerLoop(int index);
  bool stopping() const;
  // Waits for `d`, a Wake() or Stop(); `seen` is the wake count before the work.
  void Idle(absl::Duration d, int seen);
  absl::Status RefreshInstansi();
  absl::StatusOr<int64_t> PlanPeriod(int64_t period_id, const std::vector<PlanInstansi>& list);
  std::map<std::string, InstansiInfo> InstansiSnapshot();

  storage::Database& db_;
  const Clock& clock_;
  const PeerClient& registry_;
  const PeerClient& notification_;
  ReminderSchedulerOptions options_;
  ReminderStore store_;

  mutable absl::Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  int wakeups_ ABSL_GUARDED_BY(mu_) = 0;
  std::vector<std::thread> threads_;

  absl::Mutex plan_mu_;  // one planning pass at a time
  std::map<int64_t, std::string> planned_fingerprint_ ABSL_GUARDED_BY(plan_mu_);
  absl::Time last_full_plan_ ABSL_GUARDED_BY(plan_mu_) = absl::InfinitePast();

  absl::Mutex instansi_mu_;
  std::vector<PlanInstansi> instansi_ ABSL_GUARDED_BY(instansi_mu_);
  std::map<std::string, InstansiInfo> instansi_info_ ABSL_GUARDED_BY(instansi_mu_);
  absl::Time instansi_time_ ABSL_GUARDED_BY(instansi_mu_) = absl::InfinitePast();

  absl::Mutex random_mu_;
  std::mt19937_64 random_ ABSL_GUARDED_BY(random_mu_);
};

// "<host>/<pid>/<8 random hex digits>".
std::string DefaultSchedulerOwner();

}  // namespace penataan::formasi

#endif  // PENATAAN_SERVICES_FORMASI_REMINDER_SCHEDULER_H_
