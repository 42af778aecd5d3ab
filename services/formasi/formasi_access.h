#ifndef PENATAAN_SERVICES_FORMASI_FORMASI_ACCESS_H_
#define PENATAAN_SERVICES_FORMASI_FORMASI_ACCESS_H_

// Who may call each FormasiService method: the one access table of formasi.

#include "common/server/access_table.h"

namespace penataan::formasi {

const AccessTable& FormasiAccess();

}  // namespace penataan::formasi

#endif  // PENATAAN_SERVICES_FORMASI_FORMASI_ACCESS_H_
