#include "cli/formasi_grouping.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace penataan::cli {
namespace {

using ::testing::ElementsAre;
namespace c1 = common::v1;

registry::v1::Honorer H(int id, c1::JabatanCategory category, const std::string& unit,
                        const std::string& title = "", c1::Education education = c1::SMA) {
  registry::v1::Honorer h;
  h.set_name("honorers/" + std::to_string(id));
  h.set_jabatan_category(category);
  h.set_unit_kerja(unit);
  h.set_position_title(title);
  h.set_education(education);
  return h;
}

TEST(GroupEligible, OneLinePerCategoryAndUnitNamingEveryoneNotLeftOut) {
  const std::vector<registry::v1::Honorer> eligible = {
      H(1, c1::TENAGA_TEKNIS, "Sekretariat Daerah", "Pengelola Umum Operasional"),
      H(2, c1::GURU, "Dinas Pendidikan", "Guru Kelas", c1::S1),
      H(3, c1::TENAGA_KESEHATAN, "RSUD", "Perawat", c1::D3),
      H(4, c1::TENAGA_TEKNIS, "BPBD", "Pengelola Umum Operasional"),
      H(5, c1::GURU, "Dinas Pendidikan", "Guru Kelas", c1::S1),
      H(6, c1::TENAGA_KESEHATAN, "RSUD", "Perawat", c1::D3),
      H(7, c1::TENAGA_TEKNIS, "BPBD", "Operator"),
  };
  ProposeAll got = GroupEligible(eligible, {"honorers/6", "honorers/99"}, 2191232);
  EXPECT_EQ(got.named, 6);
  EXPECT_EQ(got.left_out, 1) << "honorers/99 is not eligible, so it is not counted";
  ASSERT_EQ(got.lines.size(), 4u);
  struct Want {
    c1::JabatanCategory category;
    const char* unit;
    std::vector<std::string> honorers;
  } want[] = {
      {c1::GURU, "Dinas Pendidikan", {"honorers/2", "honorers/5"}},
      {c1::TENAGA_KESEHATAN, "RSUD", {"honorers/3"}},
      {c1::TENAGA_TEKNIS, "BPBD", {"honorers/4", "honorers/7"}},
      {c1::TENAGA_TEKNIS, "Sekretariat Daerah", {"honorers/1"}},
  };
  for (size_t i = 0; i < got.lines.size(); ++i) {
    SCOPED_TRACE(i);
    const auto& l = got.lines[i];
    EXPECT_EQ(l.jabatan_category(), want[i].category);
    EXPECT_EQ(l.unit_kerja(), want[i].unit);
    EXPECT_EQ(std::vector<std::string>(l.honorers().begin(), l.honorers().end()),
              want[i].honorers);
    EXPECT_EQ(l.count(), l.honorers_size());
    EXPECT_EQ(l.monthly_pay_idr(), 2191232);
  }
}

TEST(GroupEligible, TitleAndEducationAreTheMostCommonWithStableTies) {
  struct Case {
    const char* name;
    std::vector<registry::v1::Honorer> honorers;
    std::string title;
    c1::Education education;
  } cases[] = {
      {"majority",
       {H(1, c1::TENAGA_KESEHATAN, "RSUD", "Perawat", c1::D3),
        H(2, c1::TENAGA_KESEHATAN, "RSUD", "Bidan", c1::D4),
        H(3, c1::TENAGA_KESEHATAN, "RSUD", "Perawat", c1::D3)},
       "Perawat", c1::D3},
      {"tie: first title alphabetically, lower education",
       {H(1, c1::TENAGA_KESEHATAN, "RSUD", "Perawat", c1::S1),
        H(2, c1::TENAGA_KESEHATAN, "RSUD", "Bidan", c1::D3)},
       "Bidan", c1::D3},
      {"no titles: the category's",
       {H(1, c1::TENAGA_KEPENDIDIKAN, "SDN 1", "", c1::SMA)},
       "Tenaga Kependidikan", c1::SMA},
      {"empty titles do not outvote",
       {H(1, c1::GURU, "SDN 1", "", c1::S1), H(2, c1::GURU, "SDN 1", "", c1::S1),
        H(3, c1::GURU, "SDN 1", "Guru Kelas", c1::S1)},
       "Guru Kelas", c1::S1},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    ProposeAll got = GroupEligible(c.honorers, {}, 1);
    ASSERT_EQ(got.lines.size(), 1u);
    EXPECT_EQ(got.lines[0].position_title(), c.title);
    EXPECT_EQ(got.lines[0].education_qualification(), c.education);
  }
}

TEST(GroupEligible, AnHonorerListedTwiceIsNamedOnce) {
  ProposeAll got = GroupEligible({H(1, c1::GURU, "SDN 1"), H(1, c1::GURU, "SDN 1")}, {}, 1);
  ASSERT_EQ(got.lines.size(), 1u);
  EXPECT_THAT(got.lines[0].honorers(), ElementsAre("honorers/1"));
  EXPECT_EQ(got.named, 1);
}

TEST(GroupEligible, EveryoneLeftOutGivesNoLines) {
  ProposeAll got = GroupEligible({H(1, c1::GURU, "SDN 1")}, {"honorers/1"}, 1);
  EXPECT_TRUE(got.lines.empty());
  EXPECT_EQ(got.named, 0);
  EXPECT_EQ(got.left_out, 1);
}

}  // namespace
}  // namespace penataan::cli
