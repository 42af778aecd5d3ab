#ifndef PENATAAN_SERVICES_REGISTRY_REGISTRY_ACCESS_H_
#define PENATAAN_SERVICES_REGISTRY_REGISTRY_ACCESS_H_

// Who may call each RegistryService method: the one access table of the registry.

#include "common/server/access_table.h"

namespace penataan::registry {

const AccessTable& RegistryAccess();

}  // namespace penataan::registry

#endif  // PENATAAN_SERVICES_REGISTRY_REGISTRY_ACCESS_H_
