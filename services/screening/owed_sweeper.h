#ifndef PENATAAN_SERVICES_SCREENING_OWED_SWEEPER_H_
#define PENATAAN_SERVICES_SCREENING_OWED_SWEEPER_H_

// What screening owes others after a run or an appeal decision: MS/TMS written to
// the registry (results with registry_state owed) and notices to the notification
// service (the outbox), sent by a run's phases, by DecideAppeal for its one result,
// and by a sweeper thread that looks every `sweep_every` for rounds with owed work
// and no live run lease (appeal decisions whose send failed, runs that stopped).
//
// Guarantees:
//   - After each registry batch, results are marked by result_writer's MarkWritten:
//     the latest outcome is always the last one written, eventually.
//   - SendOwedForResult writes only that result's status and sends only its appeal
//     notices (screening/rounds/{r}/results/{h}/appeal/…): an appeal decision costs
//     a call or two under its caller's deadline, whatever the round's backlog.
//   - Errors of the best-effort sends are logged (counts, never names) and left to
//     the sweeper.

#include <cstdint>
#include <functional>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/clock.h"
#include "common/peer/peer_client.h"
#include "common/server/caller.h"
#include "common/storage/database.h"
#include "services/screening/notice_sender.h"
#include "services/screening/registry_client.h"
#include "services/screening/result_writer.h"

namespace penataan::screening {

class OwedSweeper {
 public:
  OwedSweeper(storage::Database& db, const Clock& clock, RegistryClient& registry,
              const PeerClient& notification, absl::Duration sweep_every);
  ~OwedSweeper();

  // Results of the round the registry has not been told, in batches; `after_batch`
  // (may be empty) is called after each (a run renews its lease there).
  absl::StatusOr<OutcomeWriteResult> WriteStatuses(
      const Caller& caller, int64_t round_id, const std::string& display_name,
      const std::function<absl::Status()>& after_batch);
  NoticeSender& sender() { return sender_; }

  // Statuses, then notices, owed for the round (best effort).
  void SendOwed(const Caller& caller, int64_t round_id);
  // The one result's status and its appeal notices (best effort).
  void SendOwedForResult(const Caller& caller, int64_t round_id, int64_t honorer_id);

  void Start();
  void Stop();

 private:
  absl::Status Write(const Caller& caller, int64_t round_id, const std::string& display_name,
                     const std::vector<PendingOutcome>& page, OutcomeWriteResult* total);
  void Loop();

  storage::Database& db_;
  const Clock& clock_;
  RegistryClient& registry_;
  NoticeSender sender_;
  const absl::Duration sweep_every_;
  absl::Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace penataan::screening

#endif  // PENATAAN_SERVICES_SCREENING_OWED_SWEEPER_H_
