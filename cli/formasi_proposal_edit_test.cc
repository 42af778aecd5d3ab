#include "cli/formasi_proposal_edit.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace penataan::cli {
namespace {

namespace v1 = formasi::v1;
using ::testing::ElementsAre;

v1::Proposal Proposal() {
  v1::Proposal p;
  auto* a = p.add_lines();
  a->set_unit_kerja("RSUD");
  a->set_count(3);
  for (const char* h : {"honorers/1", "honorers/2", "honorers/3"}) a->add_honorers(h);
  auto* b = p.add_lines();
  b->set_unit_kerja("BPBD");
  b->set_count(1);
  b->add_honorers("honorers/4");
  auto* posts = p.add_lines();  // a Penuh Waktu style line: posts without names
  posts->set_unit_kerja("Dinas Pendidikan");
  posts->set_count(10);
  auto* left = p.add_left_out();
  left->set_honorer("honorers/9");
  left->set_reason(v1::ANGGARAN_TIDAK_CUKUP);
  return p;
}

TEST(ApplyLeaveOuts, Cases) {
  struct Case {
    const char* name;
    std::vector<LeaveOut> entries;
    LeaveOutChange want;
    std::vector<std::string> units;  // the lines left, by unit
    std::vector<int> counts;
    int left_out;
  } cases[] = {
      {"one named honorer leaves its line",
       {{"honorers/2", v1::TIDAK_AKTIF_BEKERJA, ""}},
       {1, 0, 1, true},
       {"RSUD", "BPBD", "Dinas Pendidikan"},
       {2, 1, 10},
       2},
      {"the last of a line drops the line",
       {{"honorers/4", v1::MENINGGAL_DUNIA, ""}},
       {1, 0, 1, true},
       {"RSUD", "Dinas Pendidikan"},
       {3, 10},
       2},
      {"an honorer already left out gets the new reason",
       {{"honorers/9", v1::LAINNYA, "pindah"}},
       {0, 1, 0, false},
       {"RSUD", "BPBD", "Dinas Pendidikan"},
       {3, 1, 10},
       1},
      {"named twice in the input counts once",
       {{"honorers/5", v1::TIDAK_ADA_KEBUTUHAN, ""}, {"honorers/5", v1::ANGGARAN_TIDAK_CUKUP, ""}},
       {1, 0, 0, false},
       {"RSUD", "BPBD", "Dinas Pendidikan"},
       {3, 1, 10},
       2},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    v1::Proposal p = Proposal();
    LeaveOutChange got = ApplyLeaveOuts(p, c.entries);
    EXPECT_EQ(got.added, c.want.added);
    EXPECT_EQ(got.replaced, c.want.replaced);
    EXPECT_EQ(got.taken_from_lines, c.want.taken_from_lines);
    EXPECT_EQ(got.lines_changed, c.want.lines_changed);
    std::vector<std::string> units;
    std::vector<int> counts;
    for (const auto& l : p.lines()) {
      units.push_back(l.unit_kerja());
      counts.push_back(l.count());
    }
    EXPECT_EQ(units, c.units);
    EXPECT_EQ(counts, c.counts);
    EXPECT_EQ(p.left_out_size(), c.left_out);
    for (const auto& l : p.lines()) {
      EXPECT_EQ(l.count(), l.unit_kerja() == "Dinas Pendidikan" ? 10 : l.honorers_size());
      for (const std::string& h : l.honorers()) {
        EXPECT_EQ(h.rfind("honorers/", 0), 0u) << "every kept name intact: \"" << h << "\"";
      }
    }
  }
}

TEST(ApplyLeaveOuts, TheLastEntryForAnHonorerWins) {
  v1::Proposal p = Proposal();
  ApplyLeaveOuts(p, {{"honorers/1", v1::TIDAK_ADA_KEBUTUHAN, ""},
                     {"honorers/1", v1::LAINNYA, "mengundurkan diri"}});
  ASSERT_EQ(p.left_out_size(), 2);
  EXPECT_EQ(p.left_out(1).honorer(), "honorers/1");
  EXPECT_EQ(p.left_out(1).reason(), v1::LAINNYA);
  EXPECT_EQ(p.left_out(1).note(), "mengundurkan diri");
  EXPECT_THAT(p.lines(0).honorers(), ElementsAre("honorers/2", "honorers/3"));
}

}  // namespace
}  // namespace penataan::cli
