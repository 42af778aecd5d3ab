#include "services/registry/crucial_units.h"

#include "gtest/gtest.h"

namespace penataan::registry {
namespace {

std::vector<CrucialUnit> Kupang() {
  return {{"BPBD Kota Kupang", false, "Penanggulangan bencana"},
          {"Dinas Lingkungan Hidup dan Kebersihan", false, "Sampah kota"},
          {"Dinas Pemadam Kebakaran", false, "Pemadam kebakaran"},
          {"RSUD S. K. Lerik", false, "Pelayanan kesehatan"},
          {"Puskesmas", true, "Pelayanan kesehatan"}};
}

TEST(CrucialUnitsTest, MatchesAsPeopleTypeUnitNames) {
  struct Case {
    const char* unit;
    bool crucial;
  } cases[] = {
      {"BPBD Kota Kupang", true},
      {"bpbd  kota kupang ", true},         // case and spaces
      {"RSUD S. K. Lerik", true},
      {"RSUD S.K. Lerik", false},           // not the same name: no guessing
      {"Puskesmas Oesapa", true},           // prefix entry
      {"puskesmas\tbakunase", true},
      {"Puskesmas", true},
      {"Puskesmasku", false},               // a prefix ends at a word
      {"Dinas Pendidikan", false},
      {"Dinas Lingkungan Hidup", false},    // an exact entry is not a prefix
      {"", false},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(IsCrucialUnit(Kupang(), c.unit), c.crucial) << c.unit;
  }
  EXPECT_FALSE(IsCrucialUnit({}, "BPBD Kota Kupang"));
}

TEST(CrucialUnitsTest, CanonicalUnit) {
  EXPECT_EQ(CanonicalUnit("  RSUD   S. K.\nLerik  "), "rsud s. k. lerik");
  EXPECT_EQ(CanonicalUnit(""), "");
  EXPECT_EQ(CanonicalUnit("   "), "");
}

TEST(CrucialUnitsTest, ValidationNamesEveryBadEntry) {
  std::vector<CrucialUnit> units = {{"Damkar", false, "Kebakaran"},
                                    {" damkar ", true, "Lagi"},
                                    {"", false, ""},
                                    {std::string("Dinas\xff", 6), false, "x"},
                                    {std::string(201, 'a'), false, "x"}};
  const auto v = ValidateCrucialUnits(units, "policy.crucial_units");
  ASSERT_EQ(v.size(), 5u);
  EXPECT_EQ(v[0].field, "policy.crucial_units[1].unit_kerja");
  EXPECT_EQ(v[1].field, "policy.crucial_units[2].unit_kerja");
  EXPECT_EQ(v[2].field, "policy.crucial_units[2].reason");
  EXPECT_EQ(v[3].field, "policy.crucial_units[3].unit_kerja");
  EXPECT_EQ(v[4].field, "policy.crucial_units[4].unit_kerja");
  EXPECT_TRUE(ValidateCrucialUnits(Kupang(), "p").empty());
  EXPECT_EQ(ValidateCrucialUnits(std::vector<CrucialUnit>(501, {"a", false, "b"}), "p").size(), 1u);
}

}  // namespace
}  // namespace penataan::registry
