#ifndef PENATAAN_SERVICES_SCREENING_SCREENING_RUNNER_H_
#define PENATAAN_SERVICES_SCREENING_SCREENING_RUNNER_H_

// RunScreening as a resumable job, and the sweeper that sends what is owed.
//
// A run goes through phases, each a drain of durable pending work, so a run cut off
// anywhere (registry or notification down, the process killed) completes when run
// again, and a run of a round already complete changes nothing:
//   EVALUATING        applicants without a result, page by page (at most
//                     RegistryClient::kBatchSize): their facts read from the registry
//                     (SCREENING view), the rules evaluated, each page's results and
//                     the notices they cause written in one transaction;
//   WRITING_STATUSES  results the registry has not been told: RecordScreeningOutcomes
//                     in batches, then marked;
//   NOTIFYING         owed notices sent to the notification service in batches
//                     (SendBatch, per template), then marked sent.
// Within a run the next page is read while the last is stored, and the notices are
// sent while the statuses are written (one helper thread each, for the run's
// length): both drains are durable pending work of their own. The phase reported
// is WRITING_STATUSES until the statuses are written, then NOTIFYING.
// One run of a round holds its lease at a time (runs.lease_owner/lease_until, the
// dispatcher's claim/lease pattern); a second caller gets ABORTED while it is live,
// and takes over once the lease has expired. Results, once stored, are final: a
// what-if (dry_run) evaluates every applicant with overridden rules and writes
// nothing.
//
// Guarantees:
//   - The same request_id answers the same run; a SUCCEEDED run replays its last
//     progress.
//   - No result is evaluated twice, no registry status written twice for one
//     outcome, no notice stored twice (unique references).
//   - A run that stops reports why (FAILED with `error`) and keeps what it stored.

#include <functional>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "common/clock.h"
#include "common/peer/peer_client.h"
#include "common/server/caller.h"
#include "common/storage/database.h"
#include "penataan/screening/v1/screening.pb.h"
#include "services/screening/registry_client.h"

namespace penataan::screening {

struct RunnerOptions {
  // Applicants evaluated per page (one registry call, one transaction).
  int page_size = 2000;
  // How often the sweeper looks for owed statuses and notices (appeal decisions,
  // runs that stopped); zero disables it.
  absl::Duration sweep_every = absl::Seconds(30);
  // A run's lease; renewed while it progresses.
  absl::Duration lease = absl::Seconds(60);
  std::string owner;  // this replica, for leases ("host:pid")
};

class ScreeningRunner {
 public:
  ScreeningRunner(storage::Database& db, const Clock& clock, RegistryClient& registry,
                  const PeerClient& notification, RunnerOptions options);
  ~ScreeningRunner();

  // Runs (or resumes, or replays) the run the request names; `progress` is called
  // after each page and at each phase change, from the calling thread, and returns
  // false when the client has gone (the run then stops, FAILED, resumable).
  absl::Status Run(const Caller& caller, const v1::RunScreeningRequest& request,
                   const std::function<bool(const v1::RunScreeningProgress&)>& progress);
  absl::StatusOr<v1::Run> GetRun(const Caller& caller, const std::string& name);

  // Sends what is owed for one round now (statuses, then notices). Errors are left
  // for the sweeper.
  void SendOwed(const Caller& caller, int64_t round_id);
  // Writes the one result's owed status and sends its appeal notices
  // (screening/rounds/{r}/results/{h}/appeal/…); DecideAppeal calls it after its
  // commit, under its caller's deadline, so it never takes on the round's backlog
  // (the sweeper's). Errors are left for the sweeper.
  void SendOwedForResult(const Caller& caller, int64_t round_id, int64_t honorer_id);

  // The sweeper thread.
  void Start();
  void Stop();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace penataan::screening

#endif  // PENATAAN_SERVICES_SCREENING_SCREENING_RUNNER_H_
