#ifndef PENATAAN_SERVICES_SCREENING_MIGRATIONS_SCREENING_MIGRATIONS_H_
#define PENATAAN_SERVICES_SCREENING_MIGRATIONS_SCREENING_MIGRATIONS_H_

#include <vector>

#include "common/storage/migrations.h"

namespace penataan::screening {

// Screening's schema, oldest first. Append; never edit an applied migration.
const std::vector<storage::Migration>& ScreeningMigrations();

}  // namespace penataan::screening

#endif  // PENATAAN_SERVICES_SCREENING_MIGRATIONS_SCREENING_MIGRATIONS_H_
