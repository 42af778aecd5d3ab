#include "services/formasi/deadline_rules.h"

#include "absl/strings/match.h"
#include "gtest/gtest.h"

namespace penataan::formasi {
namespace {

absl::Time At(const char* zone, int y, int mo, int d, int h, int mi, int s) {
  absl::TimeZone tz;
  EXPECT_TRUE(absl::LoadTimeZone(zone, &tz));
  return absl::FromCivil(absl::CivilSecond(y, mo, d, h, mi, s), tz);
}

TEST(ResolveDeadline, ReadsCivilTimeInItsZone) {
  auto d = ResolveDeadline({std::nullopt, "2025-08-25 23:59:59", "Asia/Jakarta"}, "", "period.");
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_EQ(d->instant, At("UTC", 2025, 8, 25, 16, 59, 59));
  EXPECT_EQ(d->zone, "Asia/Jakarta");
  EXPECT_EQ(CivilTimeIn(d->instant, "Asia/Makassar"), "2025-08-26 00:59:59");
}

TEST(ResolveDeadline, RefusesWhatDoesNotNameOneInstant) {
  struct Case {
    const char* civil;
    const char* zone;
    const char* field;
  } cases[] = {
      {"2025-08-25 23:59:59", "Asia/Atlantis", "period.deadline_time_zone"},
      {"2025-08-25 23:59:59", "+07:00", "period.deadline_time_zone"},
      {"25-08-2025 23:59", "Asia/Jakarta", "period.deadline_civil_time"},
      {"2025-02-30 10:00:00", "Asia/Jakarta", "period.deadline_civil_time"},
      // Clocks changing: a skipped and a repeated civil time.
      {"2025-03-30 02:30:00", "Europe/Amsterdam", "period.deadline_civil_time"},
      {"2025-10-26 02:30:00", "Europe/Amsterdam", "period.deadline_civil_time"},
      {"", "Asia/Jakarta", "period.deadline"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(absl::StrCat(c.civil, " ", c.zone));
    auto d = ResolveDeadline({std::nullopt, c.civil, c.zone}, "", "period.");
    ASSERT_EQ(d.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_TRUE(absl::StartsWith(d.status().message(), c.field)) << d.status();
  }
}

TEST(DeadlineDisplay, AddsTheReadersZoneWhereItDiffers) {
  const absl::Time t = At("Asia/Jakarta", 2025, 8, 25, 23, 59, 59);
  EXPECT_EQ(DeadlineDisplay(t, "Asia/Jakarta", "Asia/Jakarta"), "25 Agustus 2025 pukul 23.59 WIB");
  EXPECT_EQ(DeadlineDisplay(t, "Asia/Jakarta", "Asia/Pontianak"),
            "25 Agustus 2025 pukul 23.59 WIB");
  EXPECT_EQ(DeadlineDisplay(t, "Asia/Jakarta", "Asia/Makassar"),
            "25 Agustus 2025 pukul 23.59 WIB (26 Agustus 2025 pukul 00.59 WITA)");
  EXPECT_EQ(DeadlineDisplay(t, "Asia/Jakarta", "Asia/Jayapura"),
            "25 Agustus 2025 pukul 23.59 WIB (26 Agustus 2025 pukul 01.59 WIT)");
}

TEST(EffectiveDeadlineOf, IsTheLaterOfTheExtensionAndThePeriodWithItsZone) {
  Period period;
  period.deadline = At("Asia/Jakarta", 2025, 8, 25, 23, 59, 59);
  period.deadline_zone = "Asia/Jakarta";
  auto ext = [](absl::Time t) {
    Extension e;
    e.deadline = t;
    e.deadline_zone = "Asia/Makassar";
    return e;
  };
  const Extension earlier = ext(At("Asia/Makassar", 2025, 8, 22, 23, 59, 59));
  const Extension same = ext(period.deadline);
  const Extension later = ext(At("Asia/Makassar", 2025, 8, 28, 23, 59, 59));
  struct Case {
    const char* what;
    const Extension* extension;
    absl::Time instant;
    const char* zone;
  } cases[] = {
      {"no extension", nullptr, period.deadline, "Asia/Jakarta"},
      // The national deadline was moved past the extension: the period's.
      {"extension earlier", &earlier, period.deadline, "Asia/Jakarta"},
      {"extension at the same instant", &same, period.deadline, "Asia/Makassar"},
      {"extension later", &later, later.deadline, "Asia/Makassar"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    const ResolvedDeadline d = EffectiveDeadlineOf(period, c.extension);
    EXPECT_EQ(d.instant, c.instant);
    EXPECT_EQ(d.zone, c.zone);
    EXPECT_EQ(EffectiveDeadline(period, c.extension), c.instant);
    const SubmissionWindow w = WindowFor(period, c.extension, "Asia/Jayapura");
    EXPECT_EQ(w.deadline, c.instant);
    EXPECT_EQ(w.stated_zone, c.zone);
  }
}

TEST(ClosesAt, OneRuleForTheCheckTheTimeLeftAndTheMissedFlag) {
  const absl::Time deadline = At("Asia/Jakarta", 2025, 8, 25, 23, 59, 59);
  const absl::Time closed = At("Asia/Jakarta", 2025, 8, 20, 10, 0, 0) + absl::Milliseconds(500);
  const SubmissionWindow open{absl::InfinitePast(), deadline, "Asia/Jakarta", "", std::nullopt};
  const SubmissionWindow early{absl::InfinitePast(), deadline, "Asia/Jakarta", "", closed};
  struct Case {
    const char* what;
    const SubmissionWindow* window;
    absl::Time now;
    bool shut;
    const char* time_left;
  } cases[] = {
      {"a day before", &open, deadline - absl::Hours(24), false, "1 hari"},
      {"at the deadline", &open, deadline, false, "kurang dari 1 menit"},
      // Its own second is in time: not yet "sudah lewat".
      {"within its second", &open, deadline + absl::Milliseconds(999), false,
       "kurang dari 1 menit"},
      {"the next second", &open, deadline + absl::Seconds(1), true, "sudah lewat"},
      {"an hour before an early close", &early, closed - absl::Hours(1), false, "1 jam"},
      {"at an early close", &early, closed, true, "sudah lewat"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    EXPECT_EQ(WindowShut(*c.window, c.now), c.shut);
    EXPECT_EQ(CheckSubmissionTime(*c.window, c.now).ok(), !c.shut);
    EXPECT_EQ(TimeLeft(*c.window, c.now), c.time_left);
  }
  EXPECT_EQ(ClosesAt(open), deadline + absl::Seconds(1));
  EXPECT_EQ(ClosesAt(early), closed);
}

TEST(CheckSubmissionTime, IsInTimeUpToAndAtTheDeadlineSecond) {
  const absl::Time deadline = At("Asia/Jakarta", 2025, 8, 25, 23, 59, 59);
  SubmissionWindow w{At("Asia/Jakarta", 2025, 8, 7, 0, 0, 0), deadline, "Asia/Jakarta",
                     "Asia/Makassar", std::nullopt};
  struct Case {
    const char* what;
    absl::Time now;
    bool ok;
  } cases[] = {
      {"one second before", deadline - absl::Seconds(1), true},
      {"at", deadline, true},
      // A deadline is stated to the second: its whole second is still in time.
      {"within its second", deadline + absl::Milliseconds(999), true},
      {"one second after", deadline + absl::Seconds(1), false},
      {"before it opens", w.open_time - absl::Seconds(1), false},
      {"as it opens", w.open_time, true},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    absl::Status s = CheckSubmissionTime(w, c.now);
    EXPECT_EQ(s.ok(), c.ok) << s;
    if (!c.ok) {
      EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
    }
  }
  EXPECT_EQ(CheckSubmissionTime(w, deadline + absl::Seconds(1)).message(),
            "Batas waktu pengiriman usulan ditutup 25 Agustus 2025 pukul 23.59 WIB "
            "(26 Agustus 2025 pukul 00.59 WITA)");
  w.close_time = deadline - absl::Hours(1);
  EXPECT_FALSE(CheckSubmissionTime(w, deadline - absl::Seconds(1)).ok());
}

TEST(PeriodStateAt, FollowsTheClockAndTheLastDeadline) {
  Period p;
  p.open_time = At("UTC", 2025, 8, 7, 0, 0, 0);
  p.deadline = At("UTC", 2025, 8, 20, 0, 0, 0);
  const absl::Time ext = p.deadline + absl::Hours(48);
  EXPECT_EQ(PeriodStateAt(p, ext, p.open_time - absl::Seconds(1)), v1::Period::SCHEDULED);
  EXPECT_EQ(PeriodStateAt(p, ext, p.open_time), v1::Period::OPEN);
  EXPECT_EQ(PeriodStateAt(p, ext, p.deadline + absl::Hours(1)), v1::Period::OPEN);
  EXPECT_EQ(PeriodStateAt(p, ext, ext), v1::Period::OPEN);
  EXPECT_EQ(PeriodStateAt(p, ext, ext + absl::Seconds(1)), v1::Period::CLOSED);
  p.close_time = p.open_time + absl::Hours(1);
  EXPECT_EQ(PeriodStateAt(p, ext, p.open_time + absl::Hours(2)), v1::Period::CLOSED);
}

TEST(NormalizeReminderOffsets, BoundsAndOrder) {
  std::vector<absl::Duration> ok = {absl::Hours(2), absl::Hours(24 * 7), absl::Hours(24)};
  ASSERT_TRUE(NormalizeReminderOffsets(ok, "o").ok());
  EXPECT_EQ(ok.front(), absl::Hours(24 * 7));
  EXPECT_EQ(ok.back(), absl::Hours(2));
  struct Case {
    const char* what;
    std::vector<absl::Duration> offsets;
  } bad[] = {
      {"under a minute", {absl::Seconds(59)}},
      {"over 60 days", {absl::Hours(24 * 60) + absl::Seconds(1)}},
      {"twice", {absl::Hours(1), absl::Minutes(60)}},
      {"eleven", std::vector<absl::Duration>(11, absl::Hours(1))},
  };
  for (Case& c : bad) {
    SCOPED_TRACE(c.what);
    EXPECT_EQ(NormalizeReminderOffsets(c.offsets, "o").code(), absl::StatusCode::kInvalidArgument);
  }
  std::vector<absl::Duration> edges = {absl::Minutes(1), absl::Hours(24 * 60)};
  EXPECT_TRUE(NormalizeReminderOffsets(edges, "o").ok());
}

}  // namespace
}  // namespace penataan::formasi
