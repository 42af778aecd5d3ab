#ifndef PENATAAN_SERVICES_REGISTRY_CONTRACT_PERIODS_H_
#define PENATAAN_SERVICES_REGISTRY_CONTRACT_PERIODS_H_

// What writing an honorer's contract dates (CreateHonorer, ImportHonorers) does to
// their SK periods. A period is keyed by (honorer, start date): the same start
// updates its end and the SK fields given; a new start adds a period. The
// honorer's current period is the one with the latest start, and it is what
// honorers.contract_start/contract_end show: an older period imported later is
// recorded without changing them, and a row without contract dates leaves them
// at the current period. No clock, no SQL.

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
};

// `period`: the one the write carries (its start, end and SK fields), if both
// dates were given. `stored`: the honorer's periods (empty for a new honorer).
PeriodPlan PlanPeriod(const std::optional<Contract>& period, const std::vector<Contract>& stored);

// A period not yet ended, without SK fields, made by `created_by` at `now`.
Contract NewPeriod(int64_t honorer_id, const std::string& instansi_code, absl::CivilDay start,
                   absl::CivilDay end, const std::string& created_by, absl::Time now);

// Why an honorer's current period may not start on `start` (UpdateHonorer of
// contract_start/contract_end), naming the field; none when it may. The current
// period is the latest: corrected, it must still start after every other period
// has ended. (Its end only has to follow its start: ValidateHonorer.)
std::optional<Violation> CheckCorrection(const std::vector<Contract>& periods,
                                         const Contract& current, absl::CivilDay start);

}  // namespace penataan::registry

#endif  // PENATAAN_SERVICES_REGISTRY_CONTRACT_PERIODS_H_
