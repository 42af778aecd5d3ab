#ifndef PENATAAN_SERVICES_REGISTRY_REGISTRY_ACCESS_H_
#define PENATAAN_SERVICES_REGISTRY_REGISTRY_ACCESS_H_

// Who may call each RegistryService method: the one access table of the registry.

#include "common/server/access_table.h"

namespace penataan::registry {

const AccessTable& RegistryAccess();

// Whether `p`, a service, may read honorers in the SCREENING view (the honorer's
// email and WhatsApp, BKN's values, the birth date). The table above says which
// services read honorers at all; this says which of them read personal details
// beyond BASIC: only the one that tells honorers their results. Kept here so that
// every service name the registry trusts is in this one file.
bool MayReadScreeningView(const Principal& p);

}  // namespace penataan::registry

#endif  // PENATAAN_SERVICES_REGISTRY_REGISTRY_ACCESS_H_
