#include "bench/leave_out_plan.h"

#include <map>
#include <set>

#include "gtest/gtest.h"

namespace penataan::bench {
namespace {

TEST(ApportionLeaveOuts, SumsToNAndFollowsTheNationalShares) {
  struct Case {
    int64_t n;
    std::vector<int64_t> want;
  } cases[] = {
      {396, {165, 157, 68, 6}},  // Kota Bekasi in the demo: 3,883 eligible, 3,487 named
      {1000, {415, 397, 172, 16}},
      {1, {1, 0, 0, 0}},
      {0, {0, 0, 0, 0}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.n);
    EXPECT_EQ(ApportionLeaveOuts(c.n), c.want);
  }
}

TEST(PlanLeaveOuts, DistinctSpreadAndDeterministic) {
  std::vector<LeftOut> plan = PlanLeaveOuts(3883, 396, 3275);
  ASSERT_EQ(plan.size(), 396u);
  std::set<int64_t> indexes;
  std::map<std::string, int> reasons;
  for (const LeftOut& l : plan) {
    ASSERT_GE(l.index, 0);
    ASSERT_LT(l.index, 3883);
    indexes.insert(l.index);
    ++reasons[l.reason];
  }
  EXPECT_EQ(indexes.size(), 396u);
  EXPECT_EQ(reasons["tidak-aktif"], 165);
  EXPECT_EQ(reasons["meninggal"], 6);
  EXPECT_LT(*indexes.begin(), 3883 / 396) << "spread from the start";
  EXPECT_GT(*indexes.rbegin(), 3883 - 3883 / 396) << "to the end";
  std::vector<LeftOut> again = PlanLeaveOuts(3883, 396, 3275);
  for (size_t i = 0; i < plan.size(); ++i) {
    EXPECT_EQ(plan[i].index, again[i].index);
    EXPECT_EQ(plan[i].reason, again[i].reason);
  }
}

}  // namespace
}  // namespace penataan::bench
