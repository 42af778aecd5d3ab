#include "services/registry/bkn_record.h"

#include "gtest/gtest.h"

namespace penataan::registry {
namespace {

TEST(BknRecord, NamesCompareFoldedAndDatesExactly) {
  const absl::CivilDay born(1985, 5, 12);
  struct Case {
    const char* label;
    BknRecord bkn;
    std::vector<std::string> want;  // fields that differ, in order
  } cases[] = {
      {"nothing sent", {}, {}},
      {"same", {std::string("Maria Goreti Bria"), born}, {}},
      {"case and spaces", {std::string("  MARIA  goreti\tBRIA "), born}, {}},
      {"another name", {std::string("Maria Goretti Bria"), born}, {"full_name"}},
      {"a day apart", {std::string("Maria Goreti Bria"), absl::CivilDay(1985, 5, 13)},
       {"birth_date"}},
      {"both", {std::string("Maria Bria"), absl::CivilDay(1986, 5, 12)},
       {"full_name", "birth_date"}},
      {"name only sent", {std::string("Maria Bria"), std::nullopt}, {"full_name"}},
      {"date only sent", {std::nullopt, absl::CivilDay(1985, 12, 5)}, {"birth_date"}},
      // Non-ASCII letters are compared as they are (no locale folding).
      {"non-ASCII case", {std::string("MARÍA Goreti Bria"), born}, {"full_name"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.label);
    const std::string name = c.want.empty() || c.label != std::string("non-ASCII case")
                                 ? "Maria Goreti Bria"
                                 : "maría goreti bria";
    std::vector<BknDifference> got = CompareWithBkn(name, born, c.bkn);
    std::vector<std::string> fields;
    for (const BknDifference& d : got) fields.push_back(d.field);
    EXPECT_EQ(fields, c.want);
  }
  std::vector<BknDifference> d =
      CompareWithBkn("Maria Goreti Bria", born, {std::nullopt, absl::CivilDay(1985, 12, 5)});
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].registry_value, "1985-05-12");
  EXPECT_EQ(d[0].bkn_value, "1985-12-05");
}

TEST(BknRecord, FoldName) {
  EXPECT_EQ(FoldName("  Yohanes   NDUN "), "yohanes ndun");
  EXPECT_EQ(FoldName(""), "");
  EXPECT_EQ(FoldName("\t"), "");
}

}  // namespace
}  // namespace penataan::registry
