#ifndef PENATAAN_SERVICES_REGISTRY_CONTRACT_SCHEDULER_H_
#define PENATAAN_SERVICES_REGISTRY_CONTRACT_SCHEDULER_H_

// The registry's contract scheduler (issue 10 point 5): tells an instansi's admins
// before its SKs end, carries out the end of an SK, and hands the contract outbox
// (contract_notices.h) to the notification service. Two jobs on a fixed set of
// threads:
//  - sweeping (one thread): every tick, each instansi not yet swept on its own
//    day (or not for `resweep_every`) is claimed under a lease in
//    `contract_sweeps` and swept in its time zone's today:
//    (a) reminders: for each end date in the policy's window (end - N <= today <=
//        end) with current contracts of working honorers, one kExpiringSoon notice
//        with the counts per unit, the list of the contracts and the list of the
//        missing reviews (the first kMaxListedContracts of each);
//    (b) expiry: current contracts (the honorer's current period only) that ended
//        (end_date < today) in pages of at most `page_size`, each page one
//        transaction with its audit record: rows locked, each decided by
//        contract_expiry.h, every move home checked against the status rules as
//        the instansi (CheckSendHome; refused: NOT_APPLICABLE), statuses changed
//        through RegistryStore::ChangeStatuses (history reason SentHomeReason),
//        kept ones flagged working_without_contract (no history event: their
//        status does not change), each contract's expiry written, and a
//        kSentHome/kKeptAtWork notice for every honorer with a contact; then one
//        kExpirySummary per end date to the instansi's admins;
//  - sending (`workers` threads): claim due notices under a lease, read their
//    recipients as they are now (the honorer's email and WhatsApp, the instansi's
//    contacts' emails and webhooks), hand them to notification in one SendBatch per
//    template, and mark the notices.
//
// Guarantees:
//  - one replica sweeps an instansi at a time (its `contract_sweeps` lease, renewed
//    inside each page's transaction: a sweep that lost its lease commits nothing
//    more); a page committed by anyone is never redone (the expiry is written with
//    the status change, and only NOT_ENDED contracts are read, under lock);
//  - an SK ends on the instansi's day: a Kupang SK ending 31 December 2020 is
//    acted on from 1 January 2021 00:00 WITA, not at 00:00 WIB or UTC;
//  - a contract that ended more than `max_overdue_days` before the sweep sees it is
//    never acted on (IsOverdue): it stays NOT_ENDED and listed, and is counted in
//    the log line "contracts_overdue" and the metric
//    penataan_registry_contracts_overdue{instansi} (current periods of working
//    honorers only);
//  - each notice is owed once (unique references) and each recipient gets it once:
//    its notification reference is the notice's reference + channel + a key of
//    the address (common/recipient_reference.h), and notification stores one
//    notification per reference. A scheduler that dies between the send and the
//    mark leaves the notice to be claimed again after its lease; the repeated send
//    is answered already_sent, which counts as sent;
//  - several schedulers (threads, replicas) on one database claim disjoint notices
//    (SKIP LOCKED on MySQL);
//  - notification unreachable or refusing the call as a whole: the notice stays
//    owed and is retried with backoff, until `give_up_after` (then FAILED); an
//    instansi without contacts likewise; an honorer with no contact left: FAILED;
//  - a recipient notification refuses is dropped and named in the notice's detail
//    ("the honorer's WhatsApp", "the webhook of contact 2"); the notice's other
//    recipients still get it;
//  - no contact address is written to a log.
// Thread-safe; Stop() is called by the destructor.

#include <functional>
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
#include "services/registry/contract_expiry.h"
#include "services/registry/contract_notices.h"
#include "services/registry/contract_store.h"
#include "services/registry/contract_sweep_store.h"
#include "services/registry/honorer.h"
#include "services/registry/registry_store.h"

namespace penataan::registry {

struct ContractSchedulerOptions {
  int workers = 2;
  // How often the sweeper looks for instansi to sweep and an idle sender for due
  // notices.
  absl::Duration tick = absl::Seconds(1);
  // The lease of an instansi's sweep and of a claim of notices.
  absl::Duration lease = absl::Seconds(60);
  // An instansi swept today is swept again after this (contracts registered during
  // the day with a past or near end date).
  absl::Duration resweep_every = absl::Hours(1);
  int max_overdue_days = kDefaultMaxOverdueDays;
  int page_size = 500;
  int claim_batch = 100;
  absl::Duration retry_initial = absl::Seconds(30);
  absl::Duration retry_max = absl::Hours(1);
  // Notices not sent for this long after they were written: FAILED.
  absl::Duration give_up_after = absl::Hours(24 * 7);
  // Whether this scheduler sweeps (and sends, with workers > 0).
  bool sweep = true;
  // Names this scheduler in leases; default "<host>/<pid>/<random>".
  std::string owner;
  // Tests: called after the sends of a claim and before its notices are marked;
  // a non-OK status skips the marking, as a crash there would.
  std::function<absl::Status()> before_mark_for_test;
};

// What one sweep of one instansi did.
struct SweepResult {
  bool swept = false;  // false: not due, or another replica holds it
  int64_t reminders = 0;  // kExpiringSoon notices written
  int64_t sent_home = 0, kept_at_work = 0, not_applicable = 0;
  int64_t overdue = 0;
  int64_t notices = 0;  // kSentHome/kKeptAtWork/kExpirySummary written
};

class ContractScheduler {
 public:
  // `notification` may be null: the scheduler sweeps but sends nothing (the
  // notices wait in the outbox for a replica that can). `db` should be opened
  // READ COMMITTED on MySQL (contract_notices.h). Referenced objects must outlive
  // the scheduler.
  ContractScheduler(storage::Database& db, const Clock& clock, const PeerClient* notification,
                    ContractSchedulerOptions options);
  ~ContractScheduler();

  void Start();
  // Lets the threads finish what they are doing (a page, a claim), and joins.
  void Stop();

  // One pass over every instansi, on the calling thread. Returns the sums.
  absl::StatusOr<SweepResult> SweepOnce();
  // One instansi, when due and not held by another replica.
  absl::StatusOr<SweepResult> SweepInstansi(const Instansi& instansi);
  // One claim, sent and marked, on the calling thread. Returns the notices claimed.
  absl::StatusOr<int> SendOnce();

  const std::string& owner() const { return options_.owner; }

 private:
  struct Recipients;

  void SweeperLoop();
  void WorkerLoop();
  bool stopping() const;
  void Idle(absl::Duration d);
  absl::Status Reminders(const Instansi& instansi, absl::CivilDay today, SweepResult& result);
  // One page of the expiry; returns how many contracts it decided (0: done).
  absl::StatusOr<int> ExpiryPage(const Instansi& instansi, absl::CivilDay today,
                                 SweepResult& result);
  absl::Status Summaries(const Instansi& instansi, absl::CivilDay today, SweepResult& result);
  absl::Time NextAttempt(int attempts, absl::Time now);

  storage::Database& db_;
  const Clock& clock_;
  const PeerClient* notification_;
  ContractSchedulerOptions options_;
  ContractSweepStore sweeps_;
  ContractStore contracts_;
  RegistryStore registry_;

  mutable absl::Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::vector<std::thread> threads_;

  absl::Mutex random_mu_;
  std::mt19937_64 random_ ABSL_GUARDED_BY(random_mu_);
};

// "<host>/<pid>/<8 random hex digits>".
std::string DefaultContractSchedulerOwner();

}  // namespace penataan::registry

#endif  // PENATAAN_SERVICES_REGISTRY_CONTRACT_SCHEDULER_H_
