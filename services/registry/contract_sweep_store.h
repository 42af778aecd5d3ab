#ifndef PENATAAN_SERVICES_REGISTRY_CONTRACT_SWEEP_STORE_H_
#define PENATAAN_SERVICES_REGISTRY_CONTRACT_SWEEP_STORE_H_

// The SQL of the contract scheduler's sweep (contract_scheduler.h), and nothing
// else: the per-instansi lease (`contract_sweeps`), the reads of an instansi's
// ending contracts, and the expiry step's writes to contracts and honorers. Status
// changes go through RegistryStore::ChangeStatuses, notices through
// contract_notices.h. Every method takes the connection to run on, so that the
// caller decides what is one transaction.
//
// Guarantees: the reads of NOT_ENDED contracts (Ending, EndingList, EndedPage,
// CountEndedBefore) see only *current* periods, those whose start is the honorer's
// contract_start; an older period some writer left NOT_ENDED is never reminded of,
// decided, or counted overdue. SetExpiries checks again, under the page's locks,
// that each contract is still NOT_ENDED and current.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/storage/database.h"
#include "services/registry/contract.h"
#include "services/registry/contract_messages.h"
#include "services/registry/honorer.h"

namespace penataan::registry {

// An instansi's `contract_sweeps` row.
struct SweepState {
  std::string owner;
  absl::Time lease_until = absl::UnixEpoch();
  std::string swept_day;  // ISO; "" before the first full sweep
  absl::Time update_time = absl::UnixEpoch();
};

// Current contracts ending on one date in one unit, of honorers in one status.
struct EndingGroup {
  absl::CivilDay end_date;
  std::string unit_kerja;
  HonorerStatus status = v1::HONORER_STATUS_UNSPECIFIED;
  int64_t contracts = 0;
  int64_t reviews_missing = 0;  // no review of the contract's start year
};

// A current contract that has ended, with what deciding its expiry needs.
struct EndedContract {
  int64_t contract_id = 0;
  int64_t honorer_id = 0;
  std::string sk_number;
  absl::CivilDay end_date;
  HonorerStatus status = v1::HONORER_STATUS_UNSPECIFIED;
  std::string unit_kerja;
  std::string full_name;
  bool has_contact = false;  // an email or a WhatsApp number (never read here)
};

// One contract's expiry as the sweep writes it.
struct ExpiryWrite {
  int64_t contract_id = 0;
  ContractExpiry expiry = v1::Contract::NOT_ENDED;
  HonorerStatus status_before = v1::HONORER_STATUS_UNSPECIFIED;  // SENT_HOME only
};

// What the contracts of one end date became, for the instansi's summary.
struct EndedCounts {
  int64_t sent_home = 0;
  int64_t kept_at_work = 0;
  int64_t without_contact = 0;  // of those two, honorers with no email nor WhatsApp
};

class ContractSweepStore {
 public:
  using Conn = storage::Connection;

  // ---- The per-instansi lease. Claim, Renew and Finish run in the caller's
  // transaction: the row is read locked (MySQL FOR UPDATE; SQLite's write
  // transaction locks everything) and judged as it is now.

  // Every instansi's row, without locks: who looks due (Claim decides).
  absl::StatusOr<std::map<std::string, SweepState>> List(Conn& c);
  // Whether `s` is due on `today` and free at `now` (what Claim checks under lock).
  static bool Due(const SweepState& s, absl::CivilDay today, absl::Time now,
                  absl::Time resweep_before);
  // Takes the instansi's sweep for `owner` until `lease_until` when no live lease
  // holds it and it is due: not swept on `today` (the instansi's day), or last
  // swept at or before `resweep_before`. Inserts the row on a first sweep.
  absl::StatusOr<bool> Claim(Conn& c, const std::string& instansi_code, const std::string& owner,
                             absl::CivilDay today, absl::Time now, absl::Time resweep_before,
                             absl::Time lease_until);
  // Extends `owner`'s lease to `lease_until`; false when it no longer holds it
  // (expired, or taken over).
  absl::StatusOr<bool> Renew(Conn& c, const std::string& instansi_code, const std::string& owner,
                             absl::Time now, absl::Time lease_until);
  // Marks `today` swept and lets the lease go (when `owner` still holds it).
  absl::Status Finish(Conn& c, const std::string& instansi_code, const std::string& owner,
                      absl::CivilDay today, absl::Time now);
  // Lets the lease go without marking the day (a sweep that failed).
  absl::Status Release(Conn& c, const std::string& instansi_code, const std::string& owner);

  // ---- Reads (the policy is ContractStore::GetPolicy's)
  // Current (NOT_ENDED) contracts ending from `from` to `to` inclusive, grouped.
  absl::StatusOr<std::vector<EndingGroup>> Ending(Conn& c, const std::string& instansi_code,
                                                  absl::CivilDay from, absl::CivilDay to);
  // The first `limit` current (NOT_ENDED) contracts of working honorers
  // (kWorkingStatuses) ending on `end_date`, by unit, name and id; with
  // `review_missing`, only those without a review of the contract's year.
  absl::StatusOr<std::vector<EndingContract>> EndingList(Conn& c,
                                                         const std::string& instansi_code,
                                                         absl::CivilDay end_date,
                                                         bool review_missing, int limit);
  // Up to `limit` current NOT_ENDED contracts that ended on or after `since` and
  // before `today`, oldest end first, locked with their honorers (MySQL FOR
  // UPDATE).
  absl::StatusOr<std::vector<EndedContract>> EndedPage(Conn& c, const std::string& instansi_code,
                                                       absl::CivilDay since,
                                                       absl::CivilDay today, int limit);
  // Current NOT_ENDED contracts of working honorers that ended before `before`
  // (the overdue ones the expiry will not act on; a RESIGNED honorer's old SK is
  // nobody's concern).
  absl::StatusOr<int64_t> CountEndedBefore(Conn& c, const std::string& instansi_code,
                                           absl::CivilDay before);
  // By end date, from `since` to before `today`: those SENT_HOME and KEPT_AT_WORK
  // (the sweep's own decisions, renewed since or not).
  absl::StatusOr<std::map<absl::CivilDay, EndedCounts>> CountEnded(
      Conn& c, const std::string& instansi_code, absl::CivilDay since, absl::CivilDay today);

  // ---- The expiry step's writes
  // Each NOT_ENDED contract's expiry (and status_before); RetryableAborted when one
  // is no longer NOT_ENDED or no longer its honorer's current period (someone
  // renewed it since it was read).
  absl::Status SetExpiries(Conn& c, const std::vector<ExpiryWrite>& writes, absl::Time now);
  // Honorer.working_without_contract set, version+1.
  absl::Status FlagWorkingWithoutContract(Conn& c, const std::vector<int64_t>& honorer_ids,
                                          absl::Time now);
};

}  // namespace penataan::registry

#endif  // PENATAAN_SERVICES_REGISTRY_CONTRACT_SWEEP_STORE_H_
