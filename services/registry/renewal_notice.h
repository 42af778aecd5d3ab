#ifndef PENATAAN_SERVICES_REGISTRY_RENEWAL_NOTICE_H_
#define PENATAAN_SERVICES_REGISTRY_RENEWAL_NOTICE_H_

// What a renewal tells each renewed honorer (contract_notices.h kRenewed), and how
// dates read in the registry's Indonesian messages. No clock, no SQL.

#include <cstdint>
#include <string>

#include "absl/time/civil_time.h"
#include "services/registry/contract.h"
#include "services/registry/contract_notices.h"
#include "services/registry/honorer.h"

namespace penataan::registry {

// "31 Desember 2020".
std::string FormatIndonesianDay(absl::CivilDay day);

// "registry/honorers/{h}/contracts/{c}/renewed": one message per honorer and SK.
std::string RenewedReference(int64_t honorer_id, int64_t contract_id);

// The kRenewed notice for `honorer` given `contract` (its id, SK number and
// dates) by `instansi`; `back_to_work` when the renewal ends their being sent home.
ContractNotice RenewedNotice(const Instansi& instansi, const Honorer& honorer,
                             const Contract& contract, bool back_to_work);

// The history's reason when a renewal returns a sent-home honorer to work:
// "SK 800/1/2021 berlaku 1 Januari 2021 s.d. 31 Desember 2021: kembali bekerja".
std::string BackToWorkReason(const Contract& contract);

}  // namespace penataan::registry

#endif  // PENATAAN_SERVICES_REGISTRY_RENEWAL_NOTICE_H_
