// penataan-gen-screening-demo: the quick start's data for "Seleksi PPPK 2024 Tahap
// II" in Kota Kupang (bench/screening_demo.h): 600 applicants of whom 330 are TMS,
// 146 of them education staff.
//   penataan-gen-screening-demo --seed 5371 --out tahap2.csv --bkn_out bkn.csv
//       --applicants_out applicants.csv      (one command line)
// --out is the registry import CSV (with email and whatsapp), --bkn_out what BKN
// verifies (nik,in_bkn_database,full_name,birth_date: BKN's own record), and
// --applicants_out the NIKs to register as applicants.

#include <fstream>
#include <iostream>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "bench/screening_demo.h"

ABSL_FLAG(uint64_t, seed, 5371, "the same seed writes the same rows");
ABSL_FLAG(std::string, out, "", "the import CSV");
ABSL_FLAG(std::string, bkn_out, "", "the VerifyHonorers CSV with BKN's records");
ABSL_FLAG(std::string, applicants_out, "", "the applicants CSV (nik,full_name)");

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  const auto applicants = penataan::bench::KupangTahap2Applicants(absl::GetFlag(FLAGS_seed));
  struct File {
    std::string path;
    void (*write)(std::ostream&, const std::vector<penataan::bench::DemoApplicant>&);
  } files[] = {{absl::GetFlag(FLAGS_out), penataan::bench::WriteImportCsv},
               {absl::GetFlag(FLAGS_bkn_out), penataan::bench::WriteBknCsv},
               {absl::GetFlag(FLAGS_applicants_out), penataan::bench::WriteApplicantsCsv}};
  for (const File& f : files) {
    if (f.path.empty()) continue;
    std::ofstream out(f.path);
    f.write(out, applicants);
    if (!out.good()) {
      std::cerr << "cannot write " << f.path << "\n";
      return 1;
    }
  }
  return 0;
}
