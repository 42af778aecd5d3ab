#ifndef PENATAAN_SERVICES_REGISTRY_REGISTRY_METRICS_H_
#define PENATAAN_SERVICES_REGISTRY_REGISTRY_METRICS_H_

// The registry's own figures, in metrics::Default():
//   penataan_registry_import_rows_total{outcome}   rows of imports committed, by
//     what became of them: created, updated, unchanged, rejected.

#include <cstdint>

namespace penataan::registry {

// One batch of an import, after its transaction committed (a batch rolled back and
// run again is counted once).
void CountImportRows(int64_t created, int64_t updated, int64_t unchanged, int64_t rejected);

}  // namespace penataan::registry

#endif  // PENATAAN_SERVICES_REGISTRY_REGISTRY_METRICS_H_
