#include "bench/screening_demo.h"

#include <map>
#include <sstream>

#include "absl/container/flat_hash_set.h"
#include "absl/time/civil_time.h"
#include "bench/synthetic_honorers.h"
#include "gtest/gtest.h"
#include "services/registry/honorer.h"

namespace penataan::bench {
namespace {

absl::CivilDay Day(const std::string& iso) {
  absl::CivilDay d;
  EXPECT_TRUE(absl::ParseCivilTime(iso, &d)) << iso;
  return d;
}

// The figures the quick start promises (scripts/demo_screening.sh, README): 330
// TMS, 146 of them education staff, for reasons the rows themselves show.
TEST(ScreeningDemo, KupangTahap2HasTheStoryCounts) {
  const auto applicants = KupangTahap2Applicants(5371);
  ASSERT_EQ(applicants.size(), 600u);
  int tms = 0, education_tms = 0;
  std::map<std::string, int> by_reason;
  absl::flat_hash_set<std::string> niks;
  const absl::CivilDay cutoff(2024, 12, 31);
  for (const DemoApplicant& a : applicants) {
    SCOPED_TRACE(a.row.row_number());
    auto parsed = registry::ParseImportRow(a.row, "5371", absl::CivilDay(2025, 2, 19));
    ASSERT_TRUE(parsed.ok()) << parsed.status();
    ASSERT_TRUE(niks.insert(a.row.nik()).second);
    const bool education = a.row.jabatan_category() == "GURU" ||
                           a.row.jabatan_category() == "TENAGA_KEPENDIDIKAN";
    bool short_service = false, not_in_bkn = false, mismatch = false;
    for (const std::string& r : a.reasons) {
      ++by_reason[r];
      short_service |= r == "SERVICE_TOO_SHORT";
      not_in_bkn |= r == "NOT_IN_BKN_DATABASE";
      mismatch |= r == "BKN_DATA_MISMATCH";
    }
    // What the data shows is what the reasons say.
    EXPECT_EQ(Day(a.row.service_start_date()) > absl::CivilDay(2022, 12, 31), short_service);
    EXPECT_EQ(!a.in_bkn, not_in_bkn);
    EXPECT_EQ(a.bkn_birth_date != a.row.birth_date(), mismatch);
    // Far from the age limits of the demo round (20 and 57 at the cut-off).
    const absl::CivilDay birth = Day(a.row.birth_date());
    const int age = static_cast<int>(cutoff.year() - birth.year()) -
                    (absl::CivilDay(cutoff.year(), birth.month(), birth.day()) > cutoff ? 1 : 0);
    EXPECT_GE(age, 21);
    EXPECT_LE(age, 55);
    if (!a.reasons.empty()) {
      ++tms;
      education_tms += education;
      EXPECT_TRUE(!a.row.email().empty() || !a.row.whatsapp().empty());
    }
  }
  EXPECT_EQ(tms, 330);
  EXPECT_EQ(education_tms, 146);
  EXPECT_EQ(by_reason["NOT_IN_BKN_DATABASE"], 150);
  EXPECT_EQ(by_reason["SERVICE_TOO_SHORT"], 130);
  EXPECT_EQ(by_reason["BKN_DATA_MISMATCH"], 70);

  // None of them is one of the quick start's other demo honorers.
  for (auto [seed, count] : {std::pair<uint64_t, int>{5371, 300}, {6471, 150}}) {
    HonorerGenerator gen({seed});
    for (int i = 0; i < count; ++i) EXPECT_FALSE(niks.contains(gen.Next().nik()));
  }
}

TEST(ScreeningDemo, SameSeedSameFiles) {
  auto files = [](uint64_t seed) {
    const auto applicants = KupangTahap2Applicants(seed);
    std::ostringstream out;
    WriteImportCsv(out, applicants);
    WriteBknCsv(out, applicants);
    WriteApplicantsCsv(out, applicants);
    return out.str();
  };
  EXPECT_EQ(files(5371), files(5371));
  EXPECT_NE(files(5371), files(5372));
}

}  // namespace
}  // namespace penataan::bench
