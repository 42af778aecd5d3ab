#ifndef PENATAAN_SERVICES_REGISTRY_CONTRACT_PERIODS_H_
#define PENATAAN_SERVICES_REGISTRY_CONTRACT_PERIODS_H_

// What writing an honorer's contract dates (CreateHonorer, ImportHonorers) does to
// their SK periods. A period is keyed by (honorer, start date): the same start
// updates its end and the SK fields given; a new start adds a period. The
// honorer's current period is the one with the latest start, and it is what
// honorers.contract_start/contract_end show: an older period imported later is
// recorded without changing them, and a row without contract dates leaves them
// at the current period. A period is NOT_ENDED only while it is the current one:
// one written behind a later period is RENEWED (a later one followed it). The
// dates of a period that has ended (expiry not NOT_ENDED) are not corrected: the
// expiry step acted on them (sent home, flagged), and a new SK is a new period
// (RenewContracts). No clock, no SQL.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/errors.h"
#include "services/registry/contract.h"

namespace penataan::registry {

struct PeriodPlan {
  // Upsert the period given (it is new, or its end or an SK field differs).
  bool write = false;
  // Older NOT_ENDED periods now followed by a later one: they become RENEWED.
  std::vector<int64_t> renewed;
  // What the honorer's contract_start/contract_end show: the current period.
  // Unset: what the write carries (no period stored, none given).
  std::optional<absl::CivilDay> mirror_start, mirror_end;
  // A later period became current: working_without_contract no longer holds.
  bool new_current = false;
  // The expiry the period given is written with when new: RENEWED when it starts
  // before the current period (it is followed by a newer one), else NOT_ENDED.
  ContractExpiry expiry = v1::Contract::NOT_ENDED;
  // Set when the write would change the end of an ended period (CheckEndedDates,
  // on `end_field`): the whole write is refused, nothing of it applied.
  std::optional<Violation> refused;
};

// `period`: the one the write carries (its start, end and SK fields), if both
// dates were given. `stored`: the honorer's periods (empty for a new honorer).
// `end_field` names the end date in a refusal.
PeriodPlan PlanPeriod(const std::optional<Contract>& period, const std::vector<Contract>& stored,
                      const std::string& end_field = "contract_end");

// The plan of a write that the honorer's row decides alone, without its stored
// periods: the row shows the current period (`shown_start`, `shown_end`; both set
// exactly when the honorer has periods). So the same dates again without SK
// fields change nothing, and no period given leaves the current one shown. Unset
// when the stored periods are needed (PlanPeriod): other dates, or SK fields.
std::optional<PeriodPlan> PlanFromShown(const std::optional<Contract>& period,
                                        const std::optional<absl::CivilDay>& shown_start,
                                        const std::optional<absl::CivilDay>& shown_end);

// An honorer's first period (they have none, so it is the current one: NOT_ENDED),
// without SK fields, made by `created_by` at `now`. A period written beside
// others takes PlanPeriod's expiry.
Contract NewPeriod(int64_t honorer_id, const std::string& instansi_code, absl::CivilDay start,
                   absl::CivilDay end, const std::string& created_by, absl::Time now);

// Why an honorer's current period may not start on `start` (UpdateHonorer of
// contract_start/contract_end), naming the field; none when it may. The current
// period is the latest: corrected, it must still start after every other period
// has ended. (Its end only has to follow its start: ValidateHonorer.)
std::optional<Violation> CheckCorrection(const std::vector<Contract>& periods,
                                         const Contract& current, absl::CivilDay start);

// Why `stored`'s dates may not become `start`..`end`: it has ended (its expiry is
// not NOT_ENDED), so the honorer's status or flag follows from them; naming
// `start_field` when the start changes, else `end_field`. None when the dates stay
// or the period has not ended. The caller answers FAILED_PRECONDITION (or rejects
// the import's row): a new SK is RenewContracts' new period, not a correction.
std::optional<Violation> CheckEndedDates(const Contract& stored, absl::CivilDay start,
                                         absl::CivilDay end, const std::string& start_field,
                                         const std::string& end_field);

}  // namespace penataan::registry

#endif  // PENATAAN_SERVICES_REGISTRY_CONTRACT_PERIODS_H_
