#ifndef PENATAAN_SERVICES_SCREENING_WHAT_IF_RUN_H_
#define PENATAAN_SERVICES_SCREENING_WHAT_IF_RUN_H_

// A dry run (RunScreening with dry_run): every applicant of the round judged on the
// registry's facts of today, twice — with the round's rules (the baseline) and with
// the request's overridden parameters (the what-if) — and tallied (what_if.h)
// with the stored results alongside. Writes nothing: no run, no result, no notice.
//
// Guarantees:
//   - An override names a top-level rule parameter ("rules." optional) and replaces
//     it whole; anything else, or rules that do not validate, is INVALID_ARGUMENT
//     naming it, before anything is read from the registry.
//   - `progress` is called after each page; the last message (phase DONE) carries
//     the report. The caller gone stops it (CANCELLED).

#include <cstdint>
#include <functional>

#include "absl/status/status.h"
#include "common/server/caller.h"
#include "common/storage/database.h"
#include "penataan/screening/v1/screening.pb.h"
#include "services/screening/registry_client.h"

namespace penataan::screening {

absl::Status RunWhatIf(storage::Database& db, RegistryClient& registry, int page_size,
                       const Caller& caller, int64_t round_id,
                       const v1::RunScreeningRequest& request,
                       const std::function<bool(const v1::RunScreeningProgress&)>& progress);

}  // namespace penataan::screening

#endif  // PENATAAN_SERVICES_SCREENING_WHAT_IF_RUN_H_
