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

// What PlanFromShown decides alone must be what PlanPeriod decides with the stored
// periods whose current one the honorer's row shows.
TEST(ContractPeriodsTest, PlanFromShownAgreesWithThePeriodsStored) {
  const std::vector<Contract> stored2020and2021 = {
      Period(7, k2020Start, k2020End, "800/2020", v1::Contract::RENEWED),
      Period(8, k2021Start, k2021End, "800/2021")};
  Contract with_sk = Period(0, k2021Start, k2021End, "800/2021");
  Contract signed_only = Period(0, k2021Start, k2021End);
  signed_only.signed_by = "Wali Kota Kupang";
  Contract dated_only = Period(0, k2021Start, k2021End);
  dated_only.signed_date = absl::CivilDay(2021, 1, 6);
  struct Case {
    const char* name;
    std::optional<Contract> period;
    std::vector<Contract> stored;
    bool decided;  // PlanFromShown answers without the stored periods
  } cases[] = {
      {"the current period again, no SK cells", Period(0, k2021Start, k2021End),
       stored2020and2021, true},
      {"no period: the current one stays shown", std::nullopt, stored2020and2021, true},
      {"no period, none stored", std::nullopt, {}, true},
      {"the current period with its SK number", with_sk, stored2020and2021, false},
      {"the current period with a signer", signed_only, stored2020and2021, false},
      {"the current period with a signing date", dated_only, stored2020and2021, false},
      {"a corrected end", Period(0, k2021Start, absl::CivilDay(2021, 6, 30)), stored2020and2021,
       false},
      {"an older period", Period(0, k2020Start, k2020End), stored2020and2021, false},
      {"a later period", Period(0, absl::CivilDay(2022, 1, 1), absl::CivilDay(2022, 12, 31)),
       stored2020and2021, false},
      {"a first period", Period(0, k2021Start, k2021End), {}, false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    std::optional<absl::CivilDay> shown_start, shown_end;
    if (!c.stored.empty()) {
      shown_start = c.stored.back().start_date;
      shown_end = c.stored.back().end_date;
    }
    std::optional<PeriodPlan> shown = PlanFromShown(c.period, shown_start, shown_end);
    ASSERT_EQ(shown.has_value(), c.decided);
    if (!shown) continue;
    PeriodPlan read = PlanPeriod(c.period, c.stored);
    EXPECT_EQ(shown->write, read.write);
    EXPECT_EQ(shown->renewed, read.renewed);
    EXPECT_EQ(shown->mirror_start, read.mirror_start);
    EXPECT_EQ(shown->mirror_end, read.mirror_end);
    EXPECT_EQ(shown->new_current, read.new_current);
  }
}

// NOT_ENDED is the current period's alone; an ended period's dates stay as the
// expiry step acted on them.
TEST(ContractPeriodsTest, AnOlderPeriodIsRenewedAndAnEndedOneKeepsItsDates) {
  const absl::CivilDay k2019Start(2019, 1, 1), k2019End(2019, 12, 31);
  const std::vector<Contract> sent_home = {
      Period(7, k2020Start, k2020End, "800/2020", v1::Contract::SENT_HOME)};
  const std::vector<Contract> with2021 = {
      Period(7, k2020Start, k2020End, "800/2020", v1::Contract::RENEWED),
      Period(8, k2021Start, k2021End, "800/2021")};
  struct Case {
    const char* name;
    Contract period;
    std::vector<Contract> stored;
    ContractExpiry expiry;
    bool refused;
  } cases[] = {
      {"a first period", Period(0, k2020Start, k2020End), {}, v1::Contract::NOT_ENDED, false},
      {"a later period", Period(0, k2021Start, k2021End), sent_home, v1::Contract::NOT_ENDED,
       false},
      {"an older period", Period(0, k2019Start, k2019End), with2021, v1::Contract::RENEWED,
       false},
      {"the 2020 period behind 2021", Period(0, k2020Start, k2020End, "800/2020/rev"), with2021,
       v1::Contract::RENEWED, false},
      {"a sent-home period, its SK number only",
       Period(0, k2020Start, k2020End, "800/2020/rev"), sent_home, v1::Contract::NOT_ENDED,
       false},
      {"a sent-home period's end moved", Period(0, k2020Start, absl::CivilDay(2021, 3, 31)),
       sent_home, v1::Contract::NOT_ENDED, true},
      {"a renewed period's end moved", Period(0, k2020Start, absl::CivilDay(2020, 6, 30)),
       with2021, v1::Contract::RENEWED, true},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    PeriodPlan plan = PlanPeriod(c.period, c.stored);
    EXPECT_EQ(plan.refused.has_value(), c.refused);
    if (c.refused) {
      EXPECT_EQ(plan.refused->field, "contract_end");
      EXPECT_FALSE(plan.write);
      EXPECT_TRUE(plan.renewed.empty());
      continue;
    }
    EXPECT_EQ(plan.expiry, c.expiry);
  }
}

TEST(ContractPeriodsTest, CheckEndedDates) {
  const Contract kept = Period(7, k2020Start, k2020End, "", v1::Contract::KEPT_AT_WORK);
  EXPECT_FALSE(CheckEndedDates(kept, k2020Start, k2020End, "s", "e"));
  std::optional<Violation> end = CheckEndedDates(kept, k2020Start, k2021End, "s", "e");
  ASSERT_TRUE(end);
  EXPECT_EQ(end->field, "e");
  EXPECT_NE(end->description.find("KEPT_AT_WORK"), std::string::npos);
  EXPECT_NE(end->description.find("RenewContracts"), std::string::npos);
  std::optional<Violation> start =
      CheckEndedDates(kept, absl::CivilDay(2020, 2, 1), k2021End, "s", "e");
  ASSERT_TRUE(start);
  EXPECT_EQ(start->field, "s");
  EXPECT_FALSE(CheckEndedDates(Period(7, k2020Start, k2020End), k2020Start, k2021End, "s", "e"));
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
