#ifndef PENATAAN_SERVICES_SCREENING_RESULT_WRITER_H_
#define PENATAAN_SERVICES_SCREENING_RESULT_WRITER_H_

// How a run turns findings into results (stored by ScreeningStore::InsertResults in
// multi-row INSERTs, the one writer of results rows), marks honorers it cannot tell,
// tallies a run's results per instansi, and reads back what the registry has yet to
// be told. Functions over one storage::Connection; the caller holds the transaction.
//
// Guarantees:
//   - MarkWritten marks only results still holding the outcome that was written,
//     and sets the batch's results whose outcome changed since they were read (an
//     appeal decided meanwhile) back to owed, whatever their state: the registry
//     was just sent the older outcome, so the newer one must be written after it,
//     by the next drain or sweep, even if the appeal's own write was marked told.
//   - A result the registry refused (the honorer not found, or in a status a
//     screening outcome may not replace: RESIGNED, PPPK) is kept as refused
//     (registry_state 2), visible and counted, and not sent again unless its
//     outcome changes (an accepted appeal sets it owed).

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/storage/database.h"
#include "penataan/screening/v1/screening.pb.h"
#include "services/screening/rules/screening_rules.h"
#include "services/screening/run_notices.h"
#include "services/screening/what_if.h"

namespace penataan::screening {

// The stored reasons of a result: one v1.Reason per finding, in order.
std::vector<v1::Reason> ReasonsOf(const std::vector<Finding>& findings);
ReasonBits MaskOf(const std::vector<Finding>& findings);

// An honorer of the page without email or WhatsApp: a row in `notices` that is never
// sent (state dropped, no template, last_error "tanpa kontak"), so that the
// instansi's summary for the run counts them however often the run was resumed.
struct NoContact {
  int64_t honorer_id = 0;
  std::string instansi_code;
  v1::Outcome outcome = v1::OUTCOME_UNSPECIFIED;
};
absl::Status InsertNoContactMarkers(storage::Connection& c, int64_t round_id,
                                    const std::vector<NoContact>& rows, absl::Time now);

// A run's results per instansi (outcomes, TMS reasons, honorers without contact).
absl::StatusOr<std::map<std::string, InstansiTally>> TallyRun(storage::Connection& c,
                                                              int64_t round_id, int64_t run_id);

struct PendingOutcome {
  int64_t honorer_id = 0;
  v1::Outcome outcome = v1::OUTCOME_UNSPECIFIED;
  ReasonBits reason_mask = 0;
};
// Results of the round the registry has not been told, after `after_honorer`.
absl::StatusOr<std::vector<PendingOutcome>> PendingRegistryPage(storage::Connection& c,
                                                                int64_t round_id,
                                                                int64_t after_honorer, int limit);
// The one result's owed outcome, if it is owed.
absl::StatusOr<std::optional<PendingOutcome>> PendingRegistryOf(storage::Connection& c,
                                                                int64_t round_id,
                                                                int64_t honorer_id);
// After `sent` was written to the registry, which refused `refused` (honorer ids,
// not found or refused): see the guarantees.
absl::Status MarkWritten(storage::Connection& c, int64_t round_id,
                         const std::vector<PendingOutcome>& sent,
                         const std::vector<int64_t>& refused);
// After a write of `sent` that failed (it may still have reached the registry): the
// results of `sent` that hold another outcome now are owed again, so the newer
// outcome is written last.
absl::Status ReoweChanged(storage::Connection& c, int64_t round_id,
                          const std::vector<PendingOutcome>& sent);
// How many of the round's results the registry refused.
absl::StatusOr<int64_t> CountRefused(storage::Connection& c, int64_t round_id);

// "Seleksi PPPK 2024 Tahap II: TMS (Masa kerja kurang; Data tidak sesuai dengan BKN)":
// the registry history's reason.
std::string OutcomeHistoryReason(const std::string& round_display_name, v1::Outcome outcome,
                                 ReasonBits mask);

}  // namespace penataan::screening

#endif  // PENATAAN_SERVICES_SCREENING_RESULT_WRITER_H_
