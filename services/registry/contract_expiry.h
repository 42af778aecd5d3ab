#ifndef PENATAAN_SERVICES_REGISTRY_CONTRACT_EXPIRY_H_
#define PENATAAN_SERVICES_REGISTRY_CONTRACT_EXPIRY_H_

// What the expiry step does with a current contract (SK) on its instansi's day,
// and when the instansi's admins hear that contracts are about to end. Pure
// functions of their arguments; the contract scheduler does the I/O. Dates are the
// instansi's civil dates (its time zone): an SK ending 31 December 2020 in Kupang
// has ended from 1 January 2021 00:00 WITA.

#include <array>
#include <string>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "services/registry/contract.h"
#include "services/registry/honorer.h"
#include "services/registry/status_rules.h"

namespace penataan::registry {

// A contract that ended longer ago than this when the sweep first sees it is left
// alone (see IsOverdue).
inline constexpr int kDefaultMaxOverdueDays = 31;

// The statuses of a worker on an SK, whom its end sends home: ACTIVE, MS and TMS,
// exactly those RenewContracts may renew back to work. Any other status is not
// working on the SK any more: already DIRUMAHKAN, CONTRACT_ENDED, RESIGNED,
// MOVED_TO_CPNS, and both PPPK kinds (a PPPK works on a PPPK contract, not an SK: a
// PPPK paruh waktu sent home could never be renewed back, the renewal excludes
// PPPK). The store's queries (contract_sweep_store.cc) read this same list.
inline constexpr std::array<HonorerStatus, 3> kWorkingStatuses = {v1::ACTIVE, v1::MS, v1::TMS};
bool WorksOnContract(HonorerStatus status);

// Who the expiry acts as when it sends a worker home: the instansi's own decision
// (neither national nor the screening), as if its admin had changed the status.
inline constexpr StatusActor kExpiryActor{};

// Whether the status rules let the expiry move `status` to DIRUMAHKAN
// (CheckStatusChange as kExpiryActor). The sweep asks before every move and leaves
// a refused one NOT_APPLICABLE, so that the expiry never moves a status the rules
// would refuse the instansi, whatever DecideExpiry says.
absl::Status CheckSendHome(HonorerStatus status);

// The expiry of a current contract on `today`:
//  - NOT_ENDED while today <= end_date (the end date is the last day worked);
//  - then SENT_HOME (the honorer becomes DIRUMAHKAN) when WorksOnContract(status),
//    or KEPT_AT_WORK instead when `crucial_unit` (status unchanged, flagged
//    working without a current SK);
//  - NOT_APPLICABLE for any other status (PPPK_PARUH_WAKTU included).
ContractExpiry DecideExpiry(absl::CivilDay end_date, absl::CivilDay today, HonorerStatus status,
                            bool crucial_unit);

// Whether the admins are told of contracts ending on `end_date` on `today`:
// end_date - notice_days <= today <= end_date.
bool InReminderWindow(absl::CivilDay end_date, absl::CivilDay today, int notice_days);

// A contract that ended more than `max_overdue_days` days before `today` (ended 31
// December: 31 days on 31 January, overdue from 1 February with the default). The
// sweep acts on no overdue contract: a registry restored from an old backup, or
// contracts imported with old dates, must not send thousands home at once. They
// stay NOT_ENDED (ListExpiringContracts with include_ended lists them) for an
// admin to decide; the sweep counts them.
bool IsOverdue(absl::CivilDay end_date, absl::CivilDay today, int max_overdue_days);

// The status history's reason when the end of an SK sends a worker home:
// "SK 800/1/2020 berakhir 31 Desember 2020: dirumahkan sampai SK baru terbit"
// ("SK berakhir …" for a period without an SK number).
std::string SentHomeReason(const std::string& sk_number, absl::CivilDay end_date);

}  // namespace penataan::registry

#endif  // PENATAAN_SERVICES_REGISTRY_CONTRACT_EXPIRY_H_
