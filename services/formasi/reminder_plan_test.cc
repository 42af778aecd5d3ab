#include "services/formasi/reminder_plan.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"

namespace penataan::formasi {
namespace {

const absl::TimeZone kJakarta = [] {
  absl::TimeZone tz;
  absl::LoadTimeZone("Asia/Jakarta", &tz);
  return tz;
}();

// 25 August 2025 23:59:59 WIB, the PPPK Paruh Waktu deadline after its move.
const absl::Time kDeadline = absl::FromCivil(absl::CivilSecond(2025, 8, 25, 23, 59, 59), kJakarta);
const absl::Time kOpen = absl::FromCivil(absl::CivilSecond(2025, 8, 7, 0, 0, 0), kJakarta);

PlanPeriod Period() {
  PlanPeriod p;
  p.id = 7;
  p.display_name = "PPPK Paruh Waktu 2025";
  p.offsets = {absl::Hours(72), absl::Hours(24 * 7), absl::Hours(2), absl::Hours(24)};
  p.deadline = kDeadline;
  p.deadline_zone = "Asia/Jakarta";
  p.open_time = kOpen;
  return p;
}

const std::vector<PlanInstansi> kInstansi = {{"3275", "Asia/Jakarta"}, {"5371", "Asia/Makassar"}};

std::vector<std::string> ReferencesOf(const std::vector<PlannedReminder>& plan,
                                      const std::string& code) {
  std::vector<std::string> out;
  for (const PlannedReminder& r : plan) {
    if (r.instansi_code == code) out.push_back(r.reference);
  }
  return out;
}

TEST(ReminderReference, NamesPeriodInstansiKindOffsetAndDeadline) {
  const int64_t unix = absl::ToUnixSeconds(kDeadline);
  EXPECT_EQ(unix, 1756141199);
  EXPECT_EQ(ReminderReference(7, "3275", v1::Reminder::DEADLINE_REMINDER, absl::Hours(72),
                              kDeadline),
            "formasi/7/3275/reminder/259200/1756141199");
  EXPECT_EQ(ReminderReference(7, "3275", v1::Reminder::DEADLINE_MISSED, absl::ZeroDuration(),
                              kDeadline),
            "formasi/7/3275/missed/1756141199");
}

TEST(PlanReminders, OneRowPerInstansiAndOffsetAndOneMissedNotice) {
  const std::vector<PlannedReminder> plan = PlanReminders(Period(), kInstansi, {});
  ASSERT_EQ(plan.size(), 10u);
  struct Case {
    size_t index;
    std::string code;
    ReminderKind kind;
    absl::Duration offset;
    absl::Time due;
    std::string reference;
  };
  const std::vector<Case> cases = {
      {0, "3275", v1::Reminder::DEADLINE_REMINDER, absl::Hours(168), kDeadline - absl::Hours(168),
       "formasi/7/3275/reminder/604800/1756141199"},
      {1, "3275", v1::Reminder::DEADLINE_REMINDER, absl::Hours(72), kDeadline - absl::Hours(72),
       "formasi/7/3275/reminder/259200/1756141199"},
      {2, "3275", v1::Reminder::DEADLINE_REMINDER, absl::Hours(24), kDeadline - absl::Hours(24),
       "formasi/7/3275/reminder/86400/1756141199"},
      {3, "3275", v1::Reminder::DEADLINE_REMINDER, absl::Hours(2), kDeadline - absl::Hours(2),
       "formasi/7/3275/reminder/7200/1756141199"},
      {4, "3275", v1::Reminder::DEADLINE_MISSED, absl::ZeroDuration(),
       kDeadline + absl::Seconds(1), "formasi/7/3275/missed/1756141199"},
      {9, "5371", v1::Reminder::DEADLINE_MISSED, absl::ZeroDuration(),
       kDeadline + absl::Seconds(1), "formasi/7/5371/missed/1756141199"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.reference);
    const PlannedReminder& r = plan[c.index];
    EXPECT_EQ(r.period_id, 7);
    EXPECT_EQ(r.instansi_code, c.code);
    EXPECT_EQ(r.kind, c.kind);
    EXPECT_EQ(r.offset, c.offset);
    EXPECT_EQ(r.deadline, kDeadline);
    EXPECT_EQ(r.due_time, c.due);
    EXPECT_EQ(r.reference, c.reference);
  }
}

TEST(PlanReminders, EdgesOfThePeriod) {
  struct Case {
    std::string name;
    PlanPeriod period;
    size_t rows_per_instansi;
  };
  PlanPeriod closed = Period();
  closed.closed = true;
  PlanPeriod late_open = Period();  // opens 4 days before the deadline: 7d is not planned
  late_open.open_time = kDeadline - absl::Hours(96);
  PlanPeriod open_at_due = Period();  // a reminder due exactly at the opening is planned
  open_at_due.open_time = kDeadline - absl::Hours(72);
  PlanPeriod repeated = Period();
  repeated.offsets = {absl::Hours(2), absl::Hours(2)};
  PlanPeriod none = Period();
  none.offsets = {};
  const std::vector<Case> cases = {
      {"every offset", Period(), 5}, {"closed", closed, 0},
      {"opens late", late_open, 4},  {"opens at a due time", open_at_due, 4},
      {"repeated offset", repeated, 2}, {"no offsets: the missed notice only", none, 1},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(PlanReminders(c.period, kInstansi, {}).size(), 2 * c.rows_per_instansi);
  }
}

TEST(PlanReminders, AnExtensionMovesOnlyItsInstansi) {
  const absl::Time extended = kDeadline + absl::Hours(48);
  const std::vector<PlannedReminder> plan =
      PlanReminders(Period(), kInstansi, {{"5371", extended}});
  for (const PlannedReminder& r : plan) {
    SCOPED_TRACE(r.reference);
    const absl::Time expected = r.instansi_code == "5371" ? extended : kDeadline;
    EXPECT_EQ(r.deadline, expected);
    EXPECT_EQ(r.due_time, r.kind == v1::Reminder::DEADLINE_MISSED ? expected + absl::Seconds(1)
                                                                  : expected - r.offset);
  }
  EXPECT_EQ(ReferencesOf(plan, "5371").back(),
            absl::StrCat("formasi/7/5371/missed/", absl::ToUnixSeconds(extended)));
  EXPECT_EQ(ReferencesOf(plan, "3275").back(), "formasi/7/3275/missed/1756141199");
}

TEST(PlanReminders, AMovedDeadlineGivesNewReferencesAndTheSameInputsTheSameOnes) {
  const std::vector<PlannedReminder> before = PlanReminders(Period(), kInstansi, {});
  EXPECT_EQ(PlanReminders(Period(), kInstansi, {}), before);
  PlanPeriod moved = Period();
  moved.deadline = kDeadline - absl::Hours(24 * 5);  // 20 -> 25 August, backwards
  const std::vector<PlannedReminder> after = PlanReminders(moved, kInstansi, {});
  ASSERT_EQ(after.size(), before.size());
  for (size_t i = 0; i < before.size(); ++i) {
    SCOPED_TRACE(before[i].reference);
    EXPECT_NE(after[i].reference, before[i].reference);
    EXPECT_EQ(after[i].offset, before[i].offset);
  }
}

TEST(ParseOffsets, ReadsTheColumn) {
  struct Case {
    std::string column;
    std::vector<absl::Duration> offsets;
  };
  const std::vector<Case> cases = {
      {"604800,259200", {absl::Seconds(604800), absl::Seconds(259200)}},
      {"", {}},
      {"7200, 60", {absl::Seconds(7200), absl::Seconds(60)}},
      {"x,0,-5,60", {absl::Seconds(60)}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.column);
    EXPECT_EQ(ParseOffsets(c.column), c.offsets);
  }
}

}  // namespace
}  // namespace penataan::formasi
