#ifndef PENATAAN_BENCH_SCREENING_DEMO_H_
#define PENATAAN_BENCH_SCREENING_DEMO_H_

// The quick start's screening demo data: Kota Kupang's applicants in "Seleksi PPPK
// 2024 Tahap II" (cut-off 31 December 2024), of whom exactly 330 are TMS, 146 of
// them education staff (GURU and TENAGA_KEPENDIDIKAN), for reasons the data makes
// visible:
//   - not in the BKN database (BKN's file says 0), many with decades of service;
//   - service under two years (TMT in 2023 or 2024, after 31 December 2022);
//   - a birth date that does not match BKN's record (BKN's file carries its own);
//   - some both not in BKN and with service under two years.
// The other 270 pass every rule of the demo round (ages 21 to 55, education at the
// minimum of their category, ACTIVE, in BKN with matching data, TMT by November
// 2022). Every TMS applicant has an email address or a WhatsApp number (some both),
// so each one's message can be seen; half of the MS ones have none. The same seed
// gives the same rows; rows are shuffled so that the file is not grouped by reason.

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "penataan/registry/v1/registry.pb.h"

namespace penataan::bench {

struct DemoApplicant {
  registry::v1::ImportRow row;  // with email and whatsapp (either may be empty)
  bool in_bkn = true;
  // BKN's record of the birth date: row.birth_date unless it does not match.
  std::string bkn_birth_date;
  // The reason codes the demo round finds (empty: MS).
  std::vector<std::string> reasons;
};

// The plan: how many TMS for which reasons, and how many of them education staff.
struct DemoGroup {
  std::vector<std::string> reasons;
  int count;
  int education;  // of `count`, GURU or TENAGA_KEPENDIDIKAN
};
const std::vector<DemoGroup>& KupangTahap2Plan();

std::vector<DemoApplicant> KupangTahap2Applicants(uint64_t seed);

// The files: the import CSV (docs/import-csv.md with email and whatsapp), BKN's
// verification CSV (nik,in_bkn_database,full_name,birth_date) and the applicants
// (nik,full_name).
void WriteImportCsv(std::ostream& out, const std::vector<DemoApplicant>& applicants);
void WriteBknCsv(std::ostream& out, const std::vector<DemoApplicant>& applicants);
void WriteApplicantsCsv(std::ostream& out, const std::vector<DemoApplicant>& applicants);

}  // namespace penataan::bench

#endif  // PENATAAN_BENCH_SCREENING_DEMO_H_
