// penataan-gen-honorers: writes N synthetic honorers as an import CSV.
//   penataan-gen-honorers --count 1000000 --seed 7 --out honorers.csv
// For the formasi demo it also writes what BKN verifies and what the instansi
// leaves out of its Paruh Waktu proposal:
//   --bkn_out bkn.csv --bkn_count 3883       nik,in_bkn_database: the first 3,883 rows
//                                            are in the BKN database, the rest not
//   --leave_out_out leave.csv --leave_out 396  nik,alasan,catatan: 396 of those 3,883,
//                                            reasons in the national proportions

#include <fstream>
#include <iostream>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "bench/leave_out_plan.h"
#include "bench/synthetic_honorers.h"

ABSL_FLAG(int64_t, count, 1000, "rows to write");
ABSL_FLAG(uint64_t, seed, 1, "the same seed writes the same rows");
ABSL_FLAG(std::string, out, "-", "output file, - for stdout");
ABSL_FLAG(std::string, bkn_out, "", "also write a VerifyHonorers CSV (nik,in_bkn_database)");
ABSL_FLAG(int64_t, bkn_count, -1, "rows marked as in the BKN database (default: all)");
ABSL_FLAG(std::string, leave_out_out, "", "also write a leave-out CSV (nik,alasan,catatan)");
ABSL_FLAG(int64_t, leave_out, 0, "rows of the BKN-verified ones to leave out");

namespace {

bool Open(std::ofstream& file, const std::string& path) {
  file.open(path);
  if (!file) std::cerr << "cannot write " << path << "\n";
  return static_cast<bool>(file);
}

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  const int64_t count = absl::GetFlag(FLAGS_count);
  std::ofstream file, bkn, leave;
  std::ostream* out = &std::cout;
  if (absl::GetFlag(FLAGS_out) != "-") {
    if (!Open(file, absl::GetFlag(FLAGS_out))) return 1;
    out = &file;
  }
  const bool want_bkn = !absl::GetFlag(FLAGS_bkn_out).empty();
  const bool want_leave = !absl::GetFlag(FLAGS_leave_out_out).empty();
  if (want_bkn && !Open(bkn, absl::GetFlag(FLAGS_bkn_out))) return 1;
  if (want_leave && !Open(leave, absl::GetFlag(FLAGS_leave_out_out))) return 1;
  const int64_t verified =
      absl::GetFlag(FLAGS_bkn_count) < 0 ? count : std::min(count, absl::GetFlag(FLAGS_bkn_count));
  const std::vector<penataan::bench::LeftOut> plan = penataan::bench::PlanLeaveOuts(
      verified, absl::GetFlag(FLAGS_leave_out), absl::GetFlag(FLAGS_seed));
  size_t next_leave = 0;

  penataan::bench::HonorerGenerator gen({absl::GetFlag(FLAGS_seed)});
  *out << penataan::bench::kImportCsvHeader << '\n';
  if (want_bkn) bkn << "nik,in_bkn_database\n";
  if (want_leave) leave << "nik,alasan,catatan\n";
  for (int64_t i = 0; i < count; ++i) {
    const penataan::registry::v1::ImportRow row = gen.Next();
    penataan::bench::WriteCsvRow(*out, row);
    if (want_bkn) bkn << row.nik() << ',' << (i < verified ? 1 : 0) << '\n';
    if (next_leave < plan.size() && plan[next_leave].index == i) {
      if (want_leave) leave << row.nik() << ',' << plan[next_leave].reason << ",\n";
      ++next_leave;
    }
  }
  return out->good() && (!want_bkn || bkn.good()) && (!want_leave || leave.good()) ? 0 : 1;
}
