#include "services/registry/contract_expiry.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "services/registry/status_rules.h"

namespace penataan::registry {
namespace {

using absl::CivilDay;

const CivilDay kEnd(2020, 12, 31);  // Kota Kupang's one-year SKs

TEST(DecideExpiry, EndsTheDayAfterTheEndDate) {
  struct Case {
    const char* name;
    CivilDay today;
    HonorerStatus status;
    bool crucial;
    ContractExpiry want;
  };
  const std::vector<Case> cases = {
      {"a month before", CivilDay(2020, 12, 1), v1::ACTIVE, false, v1::Contract::NOT_ENDED},
      {"the last day worked", kEnd, v1::ACTIVE, false, v1::Contract::NOT_ENDED},
      {"the last day, crucial", kEnd, v1::ACTIVE, true, v1::Contract::NOT_ENDED},
      {"the last day, resigned", kEnd, v1::RESIGNED, false, v1::Contract::NOT_ENDED},
      {"the day after", CivilDay(2021, 1, 1), v1::ACTIVE, false, v1::Contract::SENT_HOME},
      {"4 January", CivilDay(2021, 1, 4), v1::ACTIVE, false, v1::Contract::SENT_HOME},
      {"MS", CivilDay(2021, 1, 1), v1::MS, false, v1::Contract::SENT_HOME},
      {"TMS", CivilDay(2021, 1, 1), v1::TMS, false, v1::Contract::SENT_HOME},
      // On a PPPK contract, not an SK: the renewal excludes them, so the expiry
      // must not send them home (they could never come back).
      {"PPPK paruh waktu", CivilDay(2021, 1, 1), v1::PPPK_PARUH_WAKTU, false,
       v1::Contract::NOT_APPLICABLE},
      {"PPPK paruh waktu, crucial unit", CivilDay(2021, 1, 1), v1::PPPK_PARUH_WAKTU, true,
       v1::Contract::NOT_APPLICABLE},
      {"crucial unit", CivilDay(2021, 1, 1), v1::ACTIVE, true, v1::Contract::KEPT_AT_WORK},
      {"crucial unit, TMS", CivilDay(2021, 1, 1), v1::TMS, true, v1::Contract::KEPT_AT_WORK},
      {"already dirumahkan", CivilDay(2021, 1, 1), v1::DIRUMAHKAN, false,
       v1::Contract::NOT_APPLICABLE},
      {"contract ended", CivilDay(2021, 1, 1), v1::CONTRACT_ENDED, false,
       v1::Contract::NOT_APPLICABLE},
      {"resigned, crucial unit", CivilDay(2021, 1, 1), v1::RESIGNED, true,
       v1::Contract::NOT_APPLICABLE},
      {"moved to CPNS", CivilDay(2021, 1, 1), v1::MOVED_TO_CPNS, false,
       v1::Contract::NOT_APPLICABLE},
      {"PPPK penuh waktu", CivilDay(2021, 1, 1), v1::PPPK_PENUH_WAKTU, true,
       v1::Contract::NOT_APPLICABLE},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(DecideExpiry(kEnd, c.today, c.status, c.crucial), c.want);
  }
}

// The expiry changes statuses as an instansi-level decision (neither national nor
// the screening): every status it sends home must be one the status rules let such
// an actor move to DIRUMAHKAN (the sweep checks again before each move, and would
// leave a refused one NOT_APPLICABLE).
TEST(DecideExpiry, SendsHomeOnlyWhomTheStatusRulesAllow) {
  const StatusActor instansi{/*national=*/false, /*screening_authority=*/false};
  int sent_home_statuses = 0;
  for (int s = v1::HonorerStatus_MIN; s <= v1::HonorerStatus_MAX; ++s) {
    const auto status = static_cast<HonorerStatus>(s);
    if (status == v1::HONORER_STATUS_UNSPECIFIED) continue;
    SCOPED_TRACE(v1::HonorerStatus_Name(status));
    const bool sent_home =
        DecideExpiry(kEnd, CivilDay(2021, 1, 1), status, false) == v1::Contract::SENT_HOME;
    EXPECT_EQ(sent_home, WorksOnContract(status));
    if (sent_home) {
      ++sent_home_statuses;
      EXPECT_TRUE(CheckStatusChange(status, v1::DIRUMAHKAN, instansi).ok());
      EXPECT_TRUE(CheckSendHome(status).ok());
    }
  }
  EXPECT_EQ(sent_home_statuses, 3);  // ACTIVE, MS, TMS
}

TEST(CheckSendHome, RefusesWhatTheStatusRulesRefuseTheInstansi) {
  EXPECT_FALSE(CheckSendHome(v1::DIRUMAHKAN).ok());  // already
  EXPECT_FALSE(CheckSendHome(v1::RESIGNED).ok());    // final: national only
  EXPECT_FALSE(CheckSendHome(v1::PPPK_PENUH_WAKTU).ok());
  EXPECT_TRUE(CheckSendHome(v1::ACTIVE).ok());
}

TEST(InReminderWindow, FromNDaysBeforeToTheEndDate) {
  struct Case {
    CivilDay today;
    int days;
    bool want;
  };
  const std::vector<Case> cases = {
      {CivilDay(2020, 11, 30), 30, false},  // 31 days before
      {CivilDay(2020, 12, 1), 30, true},    // 30 days before
      {CivilDay(2020, 12, 31), 30, true},   // the last day
      {CivilDay(2021, 1, 1), 30, false},    // ended
      {CivilDay(2020, 12, 24), 7, true},
      {CivilDay(2020, 12, 23), 7, false},
      {CivilDay(2020, 12, 31), 0, true},
      {CivilDay(2020, 12, 30), 0, false},
      {CivilDay(2020, 1, 1), 366, true},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(absl::FormatCivilTime(c.today));
    EXPECT_EQ(InReminderWindow(kEnd, c.today, c.days), c.want) << c.days;
  }
}

TEST(IsOverdue, AfterMoreThanMaxDays) {
  struct Case {
    CivilDay today;
    int max_days;
    bool want;
  };
  const std::vector<Case> cases = {
      {CivilDay(2021, 1, 1), 31, false},
      {CivilDay(2021, 1, 31), 31, false},  // 31 days after: still acted on
      {CivilDay(2021, 2, 1), 31, true},    // 32 days after
      {CivilDay(2023, 6, 1), 31, true},    // a backup of 2021 restored in 2023
      {CivilDay(2021, 1, 1), 0, true},     // 0: the expiry never acts on its own
      {CivilDay(2020, 12, 31), 0, false},
      {CivilDay(2021, 1, 2), 1, true},
      {CivilDay(2021, 1, 1), 1, false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(absl::FormatCivilTime(c.today));
    EXPECT_EQ(IsOverdue(kEnd, c.today, c.max_days), c.want) << c.max_days;
  }
}

TEST(SentHomeReason, NamesTheSkAndItsEndInIndonesian) {
  EXPECT_EQ(SentHomeReason("800/1/2020", kEnd),
            "SK 800/1/2020 berakhir 31 Desember 2020: dirumahkan sampai SK baru terbit");
  EXPECT_EQ(SentHomeReason("", CivilDay(2021, 6, 30)),
            "SK berakhir 30 Juni 2021: dirumahkan sampai SK baru terbit");
}

}  // namespace
}  // namespace penataan::registry
