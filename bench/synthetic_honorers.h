#ifndef PENATAAN_BENCH_SYNTHETIC_HONORERS_H_
#define PENATAAN_BENCH_SYNTHETIC_HONORERS_H_

// Synthetic honorers for the demo, the tests and the benchmarks: valid NIKs with a
// spread of province codes weighted towards Java, birth dates, both sexes, the four
// categories with fitting education, OPDs and service start dates. The same seed
// gives the same rows; NIKs are unique within one generator.

#include <cstdint>
#include <ostream>
#include <random>
#include <string>

#include "absl/container/flat_hash_set.h"
#include "absl/time/civil_time.h"
#include "penataan/registry/v1/registry.pb.h"

namespace penataan::bench {

struct SyntheticOptions {
  uint64_t seed = 1;
  absl::CivilDay today = absl::CivilDay(2025, 8, 25);
};

class HonorerGenerator {
 public:
  explicit HonorerGenerator(SyntheticOptions options);
  // The next row, numbered from 1.
  registry::v1::ImportRow Next();

 private:
  std::string MakeNik(absl::CivilDay birth, bool female);

  SyntheticOptions options_;
  std::mt19937_64 rng_;
  int64_t row_ = 0;
  absl::flat_hash_set<std::string> niks_;
};

// The import CSV of docs/import-csv.md.
extern const char kImportCsvHeader[];
void WriteCsvRow(std::ostream& out, const registry::v1::ImportRow& row);

}  // namespace penataan::bench

#endif  // PENATAAN_BENCH_SYNTHETIC_HONORERS_H_
