#ifndef PENATAAN_SERVICES_REGISTRY_RENEWAL_NOTICE_H_
#define PENATAAN_SERVICES_REGISTRY_RENEWAL_NOTICE_H_

// What a renewal tells each renewed honorer (contract_notices.h kRenewed). Dates
// read as a letter writes them (common/indonesian_time.h). No clock, no SQL.

#include <cstdint>
#include <string>

#include "absl/time/civil_time.h"
#include "services/registry/contract.h"
#include "services/registry/contract_notices.h"
#include "services/registry/honorer.h"

namespace penataan::registry {

// "registry/honorers/{h}/contracts/{c}/renewed": one message per honorer and SK.
std::string RenewedReference(int64_t honorer_id, int64_t contract_id);

// The kRenewed notice for `honorer` given `contract` (its id, SK number and
// dates) by `instansi` (its display name, else its code); `back_to_work` when the
// renewal ends their being sent home: then kembali_bekerja is a whole sentence
// ("Status dirumahkan Anda berakhir; Anda kembali bekerja mulai 1 Januari 2021."),
// otherwise empty, so that the template prints ((kembali_bekerja)) alone.
ContractNotice RenewedNotice(const Instansi& instansi, const Honorer& honorer,
                             const Contract& contract, bool back_to_work);

// The history's reason when a renewal returns a sent-home honorer to work:
// "SK 800/1/2021 berlaku 1 Januari 2021 s.d. 31 Desember 2021: kembali bekerja".
std::string BackToWorkReason(const Contract& contract);

}  // namespace penataan::registry

#endif  // PENATAAN_SERVICES_REGISTRY_RENEWAL_NOTICE_H_
