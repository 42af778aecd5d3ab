#include "services/registry/registry_metrics.h"

#include "common/metrics/registry.h"

namespace penataan::registry {
namespace {

struct ImportRows {
  metrics::Family<metrics::Counter>& family = metrics::Default().AddCounter(
      "penataan_registry_import_rows_total",
      "Rows of ImportHonorers committed, by outcome (created, updated, unchanged, rejected)",
      {"outcome"});
  // Made at once: all four series exist, at 0, before the first import.
  metrics::Counter& created = family.WithLabels({"created"});
  metrics::Counter& updated = family.WithLabels({"updated"});
  metrics::Counter& unchanged = family.WithLabels({"unchanged"});
  metrics::Counter& rejected = family.WithLabels({"rejected"});
};

ImportRows& Rows() {
  static ImportRows* rows = new ImportRows();
  return *rows;
}

// Registered when the program starts, so that /metrics lists the rows before any import.
[[maybe_unused]] const bool kRegistered = (Rows(), true);

}  // namespace

void CountImportRows(int64_t created, int64_t updated, int64_t unchanged, int64_t rejected) {
  ImportRows& rows = Rows();
  rows.created.Increment(static_cast<double>(created));
  rows.updated.Increment(static_cast<double>(updated));
  rows.unchanged.Increment(static_cast<double>(unchanged));
  rows.rejected.Increment(static_cast<double>(rejected));
}

}  // namespace penataan::registry
