#include "services/registry/contract_periods.h"

#include "gtest/gtest.h"

namespace penataan::registry {
namespace {

Contract Period(int64_t id, absl::CivilDay start, absl::CivilDay end, const std::string& sk = "",
                ContractExpiry expiry = v1::Contract::NOT_ENDED) {
  Contract c;
  c.id = id;
  c.start_date = start;
  c.end_date = end;
  c.sk_number = sk;
  c.expiry = expiry;
  return c;
}

const absl::CivilDay k2020Start(2020, 1, 1), k2020End(2020, 12, 31);
const absl::CivilDay k2021Start(2021, 1, 1), k2021End(2021, 12, 31);

TEST(ContractPeriodsTest, PlanPeriod) {
  const std::vector<Contract> stored2020 = {Period(7, k2020Start, k2020End, "800/2020")};
  const std::vector<Contract> stored2020and2021 = {
      Period(7, k2020Start, k2020End, "800/2020", v1::Contract::RENEWED),
      Period(8, k2021Start, k2021End, "800/2021")};
  struct Case {
    const char* name;
    std::optional<Contract> period;
    std::vector<Contract> stored;
    bool write;
    std::vector<int64_t> renewed;
    std::optional<absl::CivilDay> mirror_start, mirror_end;
    bool new_current;
  } cases[] = {
      {"a new honorer's period", Period(0, k2020Start, k2020End), {}, true, {}, k2020Start,
       k2020End, false},
      {"no period, nothing stored", std::nullopt, {}, false, {}, std::nullopt, std::nullopt,
       false},
      {"no period: the stored current shows", std::nullopt, stored2020and2021, false, {},
       k2021Start, k2021End, false},
      {"the same period again", Period(0, k2020Start, k2020End), stored2020, false, {},
       k2020Start, k2020End, false},
      {"the same period without its SK number keeps it",
       Period(0, k2020Start, k2020End, ""), stored2020, false, {}, k2020Start, k2020End, false},
      {"the same start, a new SK number", Period(0, k2020Start, k2020End, "800/2020/rev"),
       stored2020, true, {}, k2020Start, k2020End, false},
      {"the same start, a corrected end", Period(0, k2020Start, absl::CivilDay(2020, 6, 30)),
       stored2020, true, {}, k2020Start, absl::CivilDay(2020, 6, 30), false},
      {"a later period becomes current", Period(0, k2021Start, k2021End), stored2020, true, {7},
       k2021Start, k2021End, true},
      {"an older period imported late", Period(0, absl::CivilDay(2019, 1, 1),
                                               absl::CivilDay(2019, 12, 31)),
       stored2020and2021, true, {}, k2021Start, k2021End, false},
      {"a later one: only NOT_ENDED periods become RENEWED",
       Period(0, absl::CivilDay(2022, 1, 1), absl::CivilDay(2022, 12, 31)), stored2020and2021,
       true, {8}, absl::CivilDay(2022, 1, 1), absl::CivilDay(2022, 12, 31), true},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    PeriodPlan plan = PlanPeriod(c.period, c.stored);
    EXPECT_EQ(plan.write, c.write);
    EXPECT_EQ(plan.renewed, c.renewed);
    EXPECT_EQ(plan.mirror_start, c.mirror_start);
    EXPECT_EQ(plan.mirror_end, c.mirror_end);
    EXPECT_EQ(plan.new_current, c.new_current);
  }
}

TEST(ContractPeriodsTest, CheckCorrection) {
  const std::vector<Contract> periods = {Period(7, k2020Start, k2020End),
                                         Period(8, k2021Start, k2021End)};
  const Contract& current = periods[1];
  EXPECT_FALSE(CheckCorrection(periods, current, absl::CivilDay(2021, 1, 4)));
  EXPECT_FALSE(CheckCorrection(periods, current, k2021Start));
  std::optional<Violation> overlap = CheckCorrection(periods, current, absl::CivilDay(2020, 12, 31));
  ASSERT_TRUE(overlap);
  EXPECT_EQ(overlap->field, "honorer.contract_start");
  EXPECT_NE(overlap->description.find("2020-01-01 to 2020-12-31"), std::string::npos);
  EXPECT_TRUE(CheckCorrection(periods, current, absl::CivilDay(2019, 1, 1)));
  EXPECT_FALSE(CheckCorrection({periods[1]}, current, absl::CivilDay(2019, 1, 1)));
}

}  // namespace
}  // namespace penataan::registry
