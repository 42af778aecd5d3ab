#include "bench/contracts_demo.h"

#include <map>
#include <set>
#include <sstream>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_split.h"
#include "bench/screening_demo.h"
#include "bench/synthetic_honorers.h"
#include "gtest/gtest.h"
#include "services/registry/crucial_units.h"
#include "services/registry/honorer.h"

namespace penataan::bench {
namespace {

namespace v1 = registry::v1;

// The figures the quick start prints (scripts/demo_contracts.sh, README), and
// that the rows themselves make true.
TEST(ContractsDemo, KupangHasTheStoryFigures) {
  const auto ptt = KupangPtt2020(5371);
  const ContractsDemoFigures f = FiguresOf(ptt);
  EXPECT_EQ(f.total, 2180);
  EXPECT_EQ(f.crucial, 452);
  EXPECT_EQ(f.sent_home, 1728);
  EXPECT_EQ(f.baik, 1603);
  EXPECT_EQ(f.cukup, 490);
  EXPECT_EQ(f.kurang, 64);
  EXPECT_EQ(f.reviews_missing, 23);
  EXPECT_EQ(f.passed_cpns, 37);
  EXPECT_EQ(f.moved_away, 12);
  EXPECT_EQ(f.joined_bumn, 9);
  EXPECT_EQ(f.excluded, 122);
  EXPECT_EQ(f.renewed, 2058);
  EXPECT_EQ(f.reactivated, 1630);
  EXPECT_EQ(f.with_email, 1570);
  EXPECT_EQ(f.with_whatsapp, 965);
  EXPECT_EQ(f.without_contact, 250);
  EXPECT_EQ(f.expiry_messages, 1570 + 965);
  EXPECT_EQ(f.renewal_messages, 2393);
}

TEST(ContractsDemo, RowsAreValidOnTheFirstOfDecember2020) {
  const auto ptt = KupangPtt2020(5371);
  std::vector<registry::CrucialUnit> crucial;
  for (const DemoCrucialUnit& u : KupangCrucialUnits()) crucial.push_back({u.unit, u.prefix, u.reason});
  EXPECT_TRUE(registry::ValidateCrucialUnits(crucial, "").empty());
  absl::flat_hash_set<std::string> niks;
  std::map<std::string, std::string> sk_of_unit;
  std::set<std::string> puskesmas;
  for (const DemoPtt& p : ptt) {
    SCOPED_TRACE(p.row.row_number());
    auto parsed = registry::ParseImportRow(p.row, "5371", absl::CivilDay(2020, 12, 1));
    ASSERT_TRUE(parsed.ok()) << parsed.status();
    EXPECT_TRUE(niks.insert(p.row.nik()).second);
    EXPECT_EQ(p.row.nik().substr(0, 4), "5371");
    // What the crucial-unit rule says is what the story says.
    EXPECT_EQ(registry::IsCrucialUnit(crucial, p.row.unit_kerja()), p.crucial);
    // One SK per OPD, all of 2020, signed by the mayor.
    auto [it, fresh] = sk_of_unit.emplace(p.row.unit_kerja(), p.row.sk_number());
    EXPECT_EQ(it->second, p.row.sk_number());
    EXPECT_EQ(p.row.contract_start(), "2020-01-01");
    EXPECT_EQ(p.row.contract_end(), "2020-12-31");
    EXPECT_EQ(p.row.sk_signed_by(), "Wali Kota Kupang");
    if (p.row.unit_kerja().rfind("Puskesmas ", 0) == 0) puskesmas.insert(p.row.unit_kerja());
    // Those who left were reviewed (and not KURANG): one reason each.
    if (p.fact != PttFact::kNone) {
      EXPECT_TRUE(p.review == v1::BAIK || p.review == v1::CUKUP);
    }
    if (p.review == v1::KURANG) EXPECT_FALSE(p.review_note.empty());
  }
  EXPECT_EQ(puskesmas.size(), 11u);
  EXPECT_EQ(sk_of_unit.size(), 21u);
  absl::flat_hash_set<std::string> sks;
  for (const auto& [unit, sk] : sk_of_unit) EXPECT_TRUE(sks.insert(sk).second) << sk;

  // None of them is one of the quick start's other demo honorers.
  for (auto [seed, count] : {std::pair<uint64_t, int>{5371, 300}, {6471, 150}, {3275, 4000}}) {
    HonorerGenerator gen({seed});
    for (int i = 0; i < count; ++i) EXPECT_FALSE(niks.contains(gen.Next().nik()));
  }
  for (const DemoApplicant& a : KupangTahap2Applicants(5371)) {
    EXPECT_FALSE(niks.contains(a.row.nik()));
  }
}

TEST(ContractsDemo, FilesHoldEveryReviewAndFact) {
  const auto ptt = KupangPtt2020(5371);
  std::ostringstream reviews, facts, rows;
  WriteReviewsCsv(reviews, ptt);
  WriteFactsCsv(facts, ptt);
  WritePttCsv(rows, ptt);
  auto lines = [](const std::string& text) {
    std::vector<std::string> out = absl::StrSplit(text, '\n', absl::SkipEmpty());
    return out;
  };
  const auto review_lines = lines(reviews.str());
  ASSERT_EQ(review_lines.size(), 1u + 2180 - 23);
  EXPECT_EQ(review_lines[0], "nik,nama,unit_kerja,tahun,hasil,penilai,catatan");
  const auto fact_lines = lines(facts.str());
  ASSERT_EQ(fact_lines.size(), 1u + 37 + 12 + 9);
  int cpns = 0, resigned = 0;
  for (size_t i = 1; i < fact_lines.size(); ++i) {
    cpns += fact_lines[i].find(",MOVED_TO_CPNS,") != std::string::npos;
    resigned += fact_lines[i].find(",RESIGNED,") != std::string::npos;
  }
  EXPECT_EQ(cpns, 37);
  EXPECT_EQ(resigned, 21);
  const auto row_lines = lines(rows.str());
  ASSERT_EQ(row_lines.size(), 2181u);
  EXPECT_NE(row_lines[0].find(",nomor_sk,ditandatangani_oleh,tanggal_sk"), std::string::npos);
}

TEST(ContractsDemo, SameSeedSameFiles) {
  auto files = [](uint64_t seed) {
    const auto ptt = KupangPtt2020(seed);
    std::ostringstream out;
    WritePttCsv(out, ptt);
    WriteReviewsCsv(out, ptt);
    WriteFactsCsv(out, ptt);
    return out.str();
  };
  EXPECT_EQ(files(5371), files(5371));
  EXPECT_NE(files(5371), files(5372));
}

}  // namespace
}  // namespace penataan::bench
