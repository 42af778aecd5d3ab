#ifndef PENATAAN_SERVICES_SCREENING_RUN_STORE_H_
#define PENATAAN_SERVICES_SCREENING_RUN_STORE_H_

// The `runs` table and the reads a run makes of rounds and applicants. Functions
// over one storage::Connection; the caller holds the transaction.
//
// Guarantees:
//   - One run of a round holds a live lease at a time: ClaimRun locks the round's
//     row first (FOR UPDATE on MySQL; SQLite's BEGIN IMMEDIATE already serialises),
//     so two claimers of one round are ordered and the second sees the first's
//     lease and gets ABORTED. A lease that has expired is taken over.
//   - Every write to a run (progress, finish) is conditional on holding its lease,
//     so a runner that lost its lease (paused past it) cannot overwrite the one
//     that took over: RenewLease answers ABORTED then.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/storage/database.h"
#include "penataan/common/v1/common.pb.h"
#include "penataan/screening/v1/screening.pb.h"
#include "services/screening/what_if.h"

namespace penataan::screening {

struct RoundForRun {
  int64_t id = 0;
  std::string display_name;
  common::v1::Date cutoff;
  v1::Rules rules;
  absl::Time appeal_end;  // exclusive
  std::string appeal_zone;  // IANA, the window's zone
  int64_t version = 0;      // rounds.version: UpdateRound bumps it
};

struct RunFigures {
  int64_t processed = 0, total = 0, ms = 0, tms = 0;
};

struct RunRow {
  int64_t id = 0;
  int64_t round_id = 0;
  std::string request_id;
  v1::Run::State state = v1::Run::STATE_UNSPECIFIED;
  v1::Run::Phase phase = v1::Run::PHASE_UNSPECIFIED;
  RunFigures figures;
  std::string error;
  std::string lease_owner;
  absl::Time lease_until;
  std::string created_by;
  absl::Time create_time, update_time;
};

struct ApplicantRow {
  int64_t honorer_id = 0;
  std::string instansi_code;
  v1::PostKind post_kind = v1::GENERAL;
  // Dry runs: the stored result (OUTCOME_UNSPECIFIED when there is none).
  v1::Outcome stored = v1::OUTCOME_UNSPECIFIED;
  ReasonBits stored_mask = 0;
};

// "rounds/{r}/runs/{id}" and back (INVALID_ARGUMENT naming `field`).
std::string RunName(int64_t round_id, int64_t run_id);
absl::StatusOr<std::pair<int64_t, int64_t>> ParseRunName(const std::string& name,
                                                         const std::string& field);
v1::Run RunToProto(const RunRow& r);

// The round as a run needs it; nullopt when there is none. DATA_LOSS when its
// stored rules do not parse.
absl::StatusOr<std::optional<RoundForRun>> ReadRoundForRun(storage::Connection& c,
                                                           int64_t round_id);

// Inside a page's transaction: FAILED_PRECONDITION when the round's version is no
// longer `version` (UpdateRound changed it since the run read the rules). Locks the
// round's row on MySQL, so an UpdateRound cannot commit between the check and the
// page's commit.
absl::Status CheckRoundVersion(storage::Connection& c, int64_t round_id, int64_t version);

absl::StatusOr<std::optional<RunRow>> FindRun(storage::Connection& c, int64_t round_id,
                                              const std::string& request_id);
absl::StatusOr<std::optional<RunRow>> GetRunRow(storage::Connection& c, int64_t run_id);

// The run (round, request_id), created when new, with its lease taken by `owner`
// until `lease_until`, RUNNING. A SUCCEEDED run is answered as it is, unclaimed.
// ABORTED when another run of the round (or this one, by another owner) holds a
// live lease. NOT_FOUND when the round does not exist.
absl::StatusOr<RunRow> ClaimRun(storage::Connection& c, int64_t round_id,
                                const std::string& request_id, const std::string& created_by,
                                const std::string& owner, absl::Time now, absl::Time lease_until);

// Results stored by earlier runs of the round that stopped while evaluating (their
// instansi summaries not yet written) become this run's, so that its summaries
// count them; returns how many moved.
absl::StatusOr<int64_t> AdoptUnsummarised(storage::Connection& c, int64_t round_id,
                                          int64_t run_id);

// Progress (and lease renewal); ABORTED when `owner` no longer holds the lease.
absl::Status SaveProgress(storage::Connection& c, int64_t run_id, const std::string& owner,
                          v1::Run::Phase phase, const RunFigures& figures, absl::Time now,
                          absl::Time lease_until);
// The end of a run: its state, phase, figures and error; the lease released.
// Nothing when `owner` no longer holds it.
absl::Status FinishRun(storage::Connection& c, int64_t run_id, const std::string& owner,
                       v1::Run::State state, v1::Run::Phase phase, const RunFigures& figures,
                       const std::string& error, absl::Time now);

// The round's applicants (total) and stored results (processed, ms, tms).
absl::StatusOr<RunFigures> CountRound(storage::Connection& c, int64_t round_id);

// Applicants of the round after `after_honorer`, in honorer order: without a result
// (evaluating), or all with their stored result (dry runs).
absl::StatusOr<std::vector<ApplicantRow>> ApplicantsWithoutResult(storage::Connection& c,
                                                                  int64_t round_id,
                                                                  int64_t after_honorer,
                                                                  int limit);
absl::StatusOr<std::vector<ApplicantRow>> ApplicantsWithStored(storage::Connection& c,
                                                               int64_t round_id,
                                                               int64_t after_honorer, int limit);

// Marks the round's results published (rounds.results_publish_us) unless they were.
absl::Status MarkPublished(storage::Connection& c, int64_t round_id, absl::Time now);

// Rounds with results the registry has not been told or notices owed, and no live
// run lease: the sweeper's work.
absl::StatusOr<std::vector<int64_t>> RoundsWithOwedWork(storage::Connection& c, absl::Time now);

}  // namespace penataan::screening

#endif  // PENATAAN_SERVICES_SCREENING_RUN_STORE_H_
