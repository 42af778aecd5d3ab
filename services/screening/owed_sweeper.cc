#include "services/screening/owed_sweeper.h"

#include <optional>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/log.h"
#include "common/status_macros.h"
#include "services/screening/result_writer.h"
#include "services/screening/run_store.h"

namespace penataan::screening {

using storage::Connection;

OwedSweeper::OwedSweeper(storage::Database& db, const Clock& clock, RegistryClient& registry,
                         const PeerClient& notification, absl::Duration sweep_every)
    : db_(db),
      clock_(clock),
      registry_(registry),
      sender_(db, clock, notification),
      sweep_every_(sweep_every) {}

OwedSweeper::~OwedSweeper() { Stop(); }

absl::Status OwedSweeper::Write(const Caller& caller, int64_t round_id,
                                const std::string& display_name,
                                const std::vector<PendingOutcome>& page,
                                OutcomeWriteResult* total) {
  std::vector<HonorerOutcome> outcomes;
  outcomes.reserve(page.size());
  for (const PendingOutcome& p : page) {
    outcomes.push_back({p.honorer_id, p.outcome == v1::MS ? registry::v1::MS : registry::v1::TMS,
                        OutcomeHistoryReason(display_name, p.outcome, p.reason_mask)});
  }
  absl::StatusOr<OutcomeWriteResult> call = registry_.RecordOutcomes(caller, outcomes);
  if (!call.ok()) {
    // The call may have reached the registry before it failed (a lost answer): an
    // appeal decided meanwhile must not be left behind the older outcome.
    absl::Status reowed = storage::InTransaction(
        db_, [&](Connection& c) { return ReoweChanged(c, round_id, page); });
    if (!reowed.ok()) {
      LogEvent(LogLevel::kWarning, "screening_reowe_failed", {{"error", reowed.ToString()}});
    }
    return call.status();
  }
  const OutcomeWriteResult& written = *call;
  // Not found and refused are kept as refused: asking again would get the same
  // answer for ever. They are counted (and logged as counts, never names).
  std::vector<int64_t> refused = written.not_found;
  refused.insert(refused.end(), written.refused.begin(), written.refused.end());
  RETURN_IF_ERROR(storage::InTransaction(
      db_, [&](Connection& c) { return MarkWritten(c, round_id, page, refused); }));
  total->changed += written.changed;
  total->unchanged += written.unchanged;
  total->not_found.insert(total->not_found.end(), written.not_found.begin(),
                          written.not_found.end());
  total->refused.insert(total->refused.end(), written.refused.begin(), written.refused.end());
  return absl::OkStatus();
}

absl::StatusOr<OutcomeWriteResult> OwedSweeper::WriteStatuses(
    const Caller& caller, int64_t round_id, const std::string& display_name,
    const std::function<absl::Status()>& after_batch) {
  int64_t after = 0;
  OutcomeWriteResult total;
  for (;;) {
    std::vector<PendingOutcome> page;
    {
      ASSIGN_OR_RETURN(storage::PooledConnection conn, db_.Acquire());
      ASSIGN_OR_RETURN(page, PendingRegistryPage(*conn, round_id, after,
                                                 static_cast<int>(RegistryClient::kBatchSize)));
    }
    if (page.empty()) break;
    after = page.back().honorer_id;
    RETURN_IF_ERROR(Write(caller, round_id, display_name, page, &total));
    if (after_batch) RETURN_IF_ERROR(after_batch());
  }
  if (total.changed + total.unchanged > 0 || !total.not_found.empty() || !total.refused.empty()) {
    LogEvent(total.not_found.empty() && total.refused.empty() ? LogLevel::kInfo
                                                              : LogLevel::kWarning,
             "screening_statuses_written",
             {{"round", absl::StrCat("rounds/", round_id)},
              {"changed", absl::StrCat(total.changed)},
              {"unchanged", absl::StrCat(total.unchanged)},
              {"not_found", absl::StrCat(total.not_found.size())},
              {"refused", absl::StrCat(total.refused.size())}});
  }
  return total;
}

void OwedSweeper::SendOwed(const Caller& caller, int64_t round_id) {
  absl::Status status = [&]() -> absl::Status {
    std::optional<RoundForRun> round;
    {
      ASSIGN_OR_RETURN(storage::PooledConnection conn, db_.Acquire());
      ASSIGN_OR_RETURN(round, ReadRoundForRun(*conn, round_id));
    }
    if (!round) return absl::OkStatus();
    RETURN_IF_ERROR(WriteStatuses(caller, round_id, round->display_name, {}).status());
    return sender_.Drain(caller, round_id).status();
  }();
  if (!status.ok()) {
    LogEvent(LogLevel::kWarning, "screening_owed_not_sent",
             {{"round", absl::StrCat("rounds/", round_id)},
              {"error", std::string(status.message())}});
  }
}

void OwedSweeper::SendOwedForResult(const Caller& caller, int64_t round_id, int64_t honorer_id) {
  absl::Status status = [&]() -> absl::Status {
    std::optional<RoundForRun> round;
    std::optional<PendingOutcome> owed;
    {
      ASSIGN_OR_RETURN(storage::PooledConnection conn, db_.Acquire());
      ASSIGN_OR_RETURN(round, ReadRoundForRun(*conn, round_id));
      ASSIGN_OR_RETURN(owed, PendingRegistryOf(*conn, round_id, honorer_id));
    }
    if (!round) return absl::OkStatus();
    if (owed) {
      OutcomeWriteResult ignored;
      RETURN_IF_ERROR(Write(caller, round_id, round->display_name, {*owed}, &ignored));
    }
    return sender_
        .Drain(caller, round_id, {},
               absl::StrCat("screening/rounds/", round_id, "/results/", honorer_id, "/appeal/"))
        .status();
  }();
  if (!status.ok()) {
    LogEvent(LogLevel::kWarning, "screening_owed_not_sent",
             {{"round", absl::StrCat("rounds/", round_id)},
              {"result", absl::StrCat("rounds/", round_id, "/results/", honorer_id)},
              {"error", std::string(status.message())}});
  }
}

void OwedSweeper::Start() {
  if (sweep_every_ <= absl::ZeroDuration() || thread_.joinable()) return;
  {
    absl::MutexLock lock(&mu_);
    stopping_ = false;
  }
  thread_ = std::thread([this] { Loop(); });
}

void OwedSweeper::Stop() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  if (thread_.joinable()) thread_.join();
}

void OwedSweeper::Loop() {
  const Caller self = ServiceSelf("screening", "screening-sweeper");
  for (;;) {
    {
      absl::MutexLock lock(&mu_);
      auto stopping = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return stopping_; };
      mu_.AwaitWithTimeout(absl::Condition(&stopping), sweep_every_);
      if (stopping_) return;
    }
    absl::StatusOr<std::vector<int64_t>> rounds = [&]() -> absl::StatusOr<std::vector<int64_t>> {
      ASSIGN_OR_RETURN(storage::PooledConnection conn, db_.Acquire());
      return RoundsWithOwedWork(*conn, clock_.Now());
    }();
    if (!rounds.ok()) {
      LogEvent(LogLevel::kWarning, "screening_sweep_failed",
               {{"error", std::string(rounds.status().message())}});
      continue;
    }
    for (int64_t round_id : *rounds) {
      {
        absl::MutexLock lock(&mu_);
        if (stopping_) return;
      }
      SendOwed(self, round_id);
    }
  }
}

}  // namespace penataan::screening
