// penataan-gen-honorers: writes N synthetic honorers as an import CSV.
//   penataan-gen-honorers --count 1000000 --seed 7 --out honorers.csv

#include <fstream>
#include <iostream>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "bench/synthetic_honorers.h"

ABSL_FLAG(int64_t, count, 1000, "rows to write");
ABSL_FLAG(uint64_t, seed, 1, "the same seed writes the same rows");
ABSL_FLAG(std::string, out, "-", "output file, - for stdout");

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  std::ofstream file;
  std::ostream* out = &std::cout;
  if (absl::GetFlag(FLAGS_out) != "-") {
    file.open(absl::GetFlag(FLAGS_out));
    if (!file) {
      std::cerr << "cannot write " << absl::GetFlag(FLAGS_out) << "\n";
      return 1;
    }
    out = &file;
  }
  penataan::bench::HonorerGenerator gen({absl::GetFlag(FLAGS_seed)});
  *out << penataan::bench::kImportCsvHeader << '\n';
  for (int64_t i = 0; i < absl::GetFlag(FLAGS_count); ++i) {
    penataan::bench::WriteCsvRow(*out, gen.Next());
  }
  return out->good() ? 0 : 1;
}
