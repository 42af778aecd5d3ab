#ifndef PENATAAN_SERVICES_FORMASI_MIGRATIONS_FORMASI_MIGRATIONS_H_
#define PENATAAN_SERVICES_FORMASI_MIGRATIONS_FORMASI_MIGRATIONS_H_

#include <vector>

#include "common/storage/migrations.h"

namespace penataan::formasi {

// Formasi's schema, oldest first. Append; never edit an applied migration.
const std::vector<storage::Migration>& FormasiMigrations();

}  // namespace penataan::formasi

#endif  // PENATAAN_SERVICES_FORMASI_MIGRATIONS_FORMASI_MIGRATIONS_H_
