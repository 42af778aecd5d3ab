#include "common/indonesian_time.h"

#include <gtest/gtest.h>

namespace penataan {
namespace {

// The national deadline of the seed stories: 25 August 2025 23:59:59 WIB.
const absl::Time kDeadline =
    absl::FromCivil(absl::CivilSecond(2025, 8, 25, 23, 59, 59), absl::FixedTimeZone(7 * 3600));

TEST(IndonesianTime, TheDeadlineInEachInstansisZone) {
  struct Case {
    const char* zone;
    const char* when;
    const char* abbreviation;
  } cases[] = {
      {"Asia/Jakarta", "25 Agustus 2025 pukul 23.59", "WIB"},     // Kota Bekasi
      {"Asia/Makassar", "26 Agustus 2025 pukul 00.59", "WITA"},   // Kota Kupang, Balikpapan
      {"Asia/Jayapura", "26 Agustus 2025 pukul 01.59", "WIT"},
      {"Asia/Pontianak", "25 Agustus 2025 pukul 23.59", "WIB"},
      {"UTC", "25 Agustus 2025 pukul 16.59", "UTC+0"},
      {"Australia/Darwin", "26 Agustus 2025 pukul 02.29", "UTC+9:30"},
      {"Not/AZone", "25 Agustus 2025 pukul 16.59", "UTC+0"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(FormatIndonesianDateTime(kDeadline, c.zone), c.when) << c.zone;
    EXPECT_EQ(ZoneAbbreviation(c.zone, kDeadline), c.abbreviation) << c.zone;
  }
  EXPECT_EQ(FormatIndonesianDateTime(absl::FromCivil(absl::CivilSecond(2026, 1, 3, 8, 5, 0),
                                                      absl::UTCTimeZone()),
                                     "UTC"),
            "3 Januari 2026 pukul 08.05");
}

TEST(IndonesianTime, TimeLeft) {
  struct Case {
    absl::Duration left;
    const char* text;
  } cases[] = {
      {absl::Hours(74) + absl::Minutes(30), "3 hari 2 jam"},
      {absl::Hours(48), "2 hari"},
      {absl::Hours(48) + absl::Minutes(5), "2 hari"},
      {absl::Hours(5) + absl::Minutes(10), "5 jam 10 menit"},
      {absl::Minutes(45) + absl::Seconds(59), "45 menit"},
      {absl::Seconds(59), "kurang dari 1 menit"},
      {absl::ZeroDuration(), "sudah lewat"},
      {-absl::Hours(1), "sudah lewat"},
  };
  for (const Case& c : cases) EXPECT_EQ(FormatTimeLeft(c.left), c.text) << c.left;
}

TEST(IndonesianTime, CivilDates) {
  EXPECT_EQ(FormatIndonesianDate(absl::CivilDay(2020, 12, 31)), "31 Desember 2020");
  EXPECT_EQ(FormatIndonesianDate(absl::CivilDay(2021, 1, 4)), "4 Januari 2021");
  EXPECT_EQ(FormatIndonesianDate(absl::CivilDay(2024, 2, 29)), "29 Februari 2024");
}

}  // namespace
}  // namespace penataan
