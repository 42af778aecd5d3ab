#ifndef PENATAAN_SERVICES_REGISTRY_MIGRATIONS_REGISTRY_MIGRATIONS_H_
#define PENATAAN_SERVICES_REGISTRY_MIGRATIONS_REGISTRY_MIGRATIONS_H_

#include <vector>

#include "common/storage/migrations.h"

namespace penataan::registry {

// The registry's schema, oldest first. Append; never edit an applied migration.
const std::vector<storage::Migration>& RegistryMigrations();

}  // namespace penataan::registry

#endif  // PENATAAN_SERVICES_REGISTRY_MIGRATIONS_REGISTRY_MIGRATIONS_H_
