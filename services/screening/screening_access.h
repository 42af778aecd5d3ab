#ifndef PENATAAN_SERVICES_SCREENING_SCREENING_ACCESS_H_
#define PENATAAN_SERVICES_SCREENING_SCREENING_ACCESS_H_

// Who may call each ScreeningService method: the one access table of screening.

#include "common/server/access_table.h"

namespace penataan::screening {

const AccessTable& ScreeningAccess();

}  // namespace penataan::screening

#endif  // PENATAAN_SERVICES_SCREENING_SCREENING_ACCESS_H_
