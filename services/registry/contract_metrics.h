#ifndef PENATAAN_SERVICES_REGISTRY_CONTRACT_METRICS_H_
#define PENATAAN_SERVICES_REGISTRY_CONTRACT_METRICS_H_

// The contract scheduler's figures, in metrics::Default():
//   penataan_registry_contract_expiry_total{outcome}  contracts the expiry step
//     decided, by outcome: sent_home, kept_at_work, not_applicable.
//   penataan_registry_contracts_overdue{instansi}     current contracts of working
//     honorers (ACTIVE, MS, TMS) that ended too long ago for the sweep to act on
//     (contract_expiry.h IsOverdue), as the last sweep of the instansi counted
//     them; an admin decides on them.

#include <cstdint>
#include <string>

namespace penataan::registry {

// After a page of the expiry committed.
void CountContractExpiry(int64_t sent_home, int64_t kept_at_work, int64_t not_applicable);
void SetContractsOverdue(const std::string& instansi_code, int64_t overdue);

}  // namespace penataan::registry

#endif  // PENATAAN_SERVICES_REGISTRY_CONTRACT_METRICS_H_
