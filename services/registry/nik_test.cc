#include "services/registry/nik.h"

#include "gtest/gtest.h"

namespace penataan::registry {
namespace {

const absl::CivilDay kToday(2025, 8, 25);

TEST(Nik, AcceptsValidNiksOfBothSexesAndCenturies) {
  struct Case {
    const char* nik;
    absl::CivilDay birth;
    bool female;
  } cases[] = {
      {"5371011207850001", absl::CivilDay(1985, 7, 12), false},  // Kota Kupang, man
      {"3275015208900123", absl::CivilDay(1990, 8, 12), true},   // Kota Bekasi, woman: 12 + 40
      {"6471017101000002", absl::CivilDay(2000, 1, 31), true},   // Balikpapan, woman born on the 31st
      {"1101010101059999", absl::CivilDay(2005, 1, 1), false},   // 20 years old: 20xx century
      {"9601012912000001", absl::CivilDay(2000, 12, 29), false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.nik);
    auto d = DecodeNik(c.nik, kToday);
    ASSERT_TRUE(d.ok()) << d.status();
    EXPECT_EQ(d->birth_date, c.birth);
    EXPECT_EQ(d->female, c.female);
  }
}

TEST(Nik, RejectsWithTheReason) {
  struct Case {
    const char* nik;
    const char* reason;
  } cases[] = {
      {"537101120785000", "must be 16 digits, got 15"},
      {"53710112078500011", "must be 16 digits, got 17"},
      {"53710112078500a1", "digits only"},
      {"9971011207850001", "unknown province code 99"},
      {"2071011207850001", "unknown province code 20"},
      {"5300011207850001", "kabupaten/kota code 00"},
      {"5370011207850001", "kabupaten/kota code 70"},
      {"5371013207850001", "not a real date"},   // day 32
      {"5371017207850001", "not a real date"},   // day 72 (woman 32)
      {"5371011213850001", "not a real date"},   // month 13
      {"5371012902850001", "not a real date"},   // 29 Feb 1985 / 2085
      {"5371011207850000", "serial 0000"},
      {"5371011207150001", "younger than 15"},   // 2015: 10 years old; 1915: 110
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.nik);
    auto d = DecodeNik(c.nik, kToday);
    ASSERT_FALSE(d.ok());
    EXPECT_EQ(d.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_NE(std::string(d.status().message()).find(c.reason), std::string::npos)
        << d.status().message();
    EXPECT_EQ(std::string(d.status().message()).find(c.nik), std::string::npos);
  }
}

TEST(Nik, LeapDayIsRealInALeapYear) {
  EXPECT_TRUE(DecodeNik("5371012902840001", kToday).ok());  // 29 Feb 1984
}

TEST(Nik, AgeBoundsAreInclusive) {
  // 15 today exactly (born 25 Aug 2010) is accepted; one day younger is not.
  EXPECT_TRUE(DecodeNik("5371012508100001", kToday).ok());
  EXPECT_FALSE(DecodeNik("5371012608100001", kToday).ok());
}

TEST(Nik, BirthDateAndSexMustAgree) {
  auto ok = ValidateNik("3275015208900123", kToday, absl::CivilDay(1990, 8, 12), true);
  EXPECT_TRUE(ok.ok()) << ok.status();
  auto wrong_date = ValidateNik("3275015208900123", kToday, absl::CivilDay(1990, 8, 13), true);
  EXPECT_NE(std::string(wrong_date.status().message()).find("disagrees with birth_date"),
            std::string::npos);
  auto wrong_sex = ValidateNik("3275015208900123", kToday, absl::CivilDay(1990, 8, 12), false);
  EXPECT_NE(std::string(wrong_sex.status().message()).find("encodes a woman"), std::string::npos);
}

}  // namespace
}  // namespace penataan::registry
