#include "cli/formasi_values.h"

#include "gtest/gtest.h"

namespace penataan::cli {
namespace {

namespace v1 = formasi::v1;

TEST(FormasiValues, ParseRupiahTakesGroupedAndPlainAmounts) {
  struct Case {
    const char* text;
    std::optional<int64_t> want;
  } cases[] = {
      {"2500000", 2500000},       {"2.500.000", 2500000},   {"2,500,000", 2500000},
      {"Rp 2.500.000", 2500000},  {"Rp2.191.232", 2191232}, {"rp. 5.396.760", 5396760},
      {" 750000 ", 750000},       {"2,5", std::nullopt},    {"2.500,00", std::nullopt},
      {"25.00.000", std::nullopt}, {"0", std::nullopt},     {"-100", std::nullopt},
      {"", std::nullopt},         {"Rp", std::nullopt},     {"2jt", std::nullopt},
      {"1234.567", std::nullopt}, {"9999999999999999", std::nullopt},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_EQ(ParseRupiah(c.text), c.want);
  }
}

TEST(FormasiValues, FormatRupiahGroupsByThousands) {
  EXPECT_EQ(FormatRupiah(2191232), "Rp 2.191.232");
  EXPECT_EQ(FormatRupiah(500), "Rp 500");
  EXPECT_EQ(FormatRupiah(0), "Rp 0");
  EXPECT_EQ(FormatRupiah(-1500), "-Rp 1.500");
}

TEST(FormasiValues, ParseOffsets) {
  struct Case {
    const char* text;
    std::vector<absl::Duration> want;
    bool ok;
  } cases[] = {
      {"7d,3d,1d,2h", {absl::Hours(168), absl::Hours(72), absl::Hours(24), absl::Hours(2)}, true},
      {"90m", {absl::Minutes(90)}, true},
      {"1d12h, 30m", {absl::Hours(36), absl::Minutes(30)}, true},
      {"none", {}, true},
      {"", {}, false},
      {"7d,,1d", {}, false},
      {"7w", {}, false},
      {"d", {}, false},
      {"7", {}, false},
      {"0m", {}, false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    auto got = ParseOffsets(c.text);
    ASSERT_EQ(got.ok(), c.ok) << got.status();
    if (c.ok) {
      EXPECT_EQ(*got, c.want);
    }
  }
}

TEST(FormasiValues, FormatOffsetIsTheInverseOfParse) {
  for (const char* text : {"7d", "3d", "1d", "2h", "90m", "1d12h", "1h30m"}) {
    SCOPED_TRACE(text);
    auto parsed = ParseOffsets(text);
    ASSERT_TRUE(parsed.ok());
    std::string want = text;
    if (want == "90m") want = "1h30m";
    EXPECT_EQ(FormatOffset((*parsed)[0]), want);
  }
}

TEST(FormasiValues, CivilTimes) {
  struct Case {
    const char* text;
    std::optional<std::string> want;
  } cases[] = {
      {"2025-08-25 23:59:59", "2025-08-25 23:59:59"},
      {"2025-08-25T23:59:59", "2025-08-25 23:59:59"},
      {"2025-08-25 23:59", "2025-08-25 23:59:00"},
      {" 2025-08-07 00:00:00 ", "2025-08-07 00:00:00"},
      {"2025-02-30 10:00:00", std::nullopt},
      {"2025-08-25 24:00:00", std::nullopt},
      {"25-08-2025 23:59", std::nullopt},
      {"2025-08-25", std::nullopt},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_EQ(NormalizeCivilTime(c.text), c.want);
  }
  auto wib = CivilTimeIn("2025-08-25 23:59:59", "Asia/Jakarta");
  ASSERT_TRUE(wib.ok());
  EXPECT_EQ(absl::FormatTime(absl::RFC3339_full, *wib, absl::UTCTimeZone()),
            "2025-08-25T16:59:59+00:00");
  EXPECT_FALSE(CivilTimeIn("2025-08-25 23:59:59", "Asia/Atlantis").ok());
}

TEST(FormasiValues, ResourceNames) {
  EXPECT_EQ(ParseHonorerName("honorers/123"), "honorers/123");
  EXPECT_EQ(ParseHonorerName(" 123 "), "honorers/123");
  EXPECT_EQ(ParseHonorerName("honorers/0"), std::nullopt);
  EXPECT_EQ(ParseHonorerName("honorers/1x"), std::nullopt);
  EXPECT_EQ(ParseHonorerName("3275010101900001"), "honorers/3275010101900001")
      << "a bare number is an id; NIKs go in a nik column";
  EXPECT_EQ(ParsePeriodName("7"), "periods/7");
  EXPECT_EQ(ParsePeriodName("periods/7"), "periods/7");
  EXPECT_EQ(ParsePeriodName("periods/"), std::nullopt);
  EXPECT_EQ(ParseProposalName("periods/7/proposals/3275"), "periods/7/proposals/3275");
  EXPECT_EQ(ParseProposalName("7/3275"), "periods/7/proposals/3275");
  EXPECT_EQ(ParseProposalName("periods/7/3275"), "periods/7/proposals/3275");
  EXPECT_EQ(ParseProposalName("7"), std::nullopt);
  EXPECT_EQ(ParseProposalName("7/proposals/x"), std::nullopt);
}

TEST(FormasiValues, KindsReasonsAndDecisions) {
  EXPECT_EQ(ParseKind("paruh-waktu"), v1::PPPK_PARUH_WAKTU);
  EXPECT_EQ(ParseKind("PPPK_PENUH_WAKTU"), v1::PPPK_PENUH_WAKTU);
  EXPECT_EQ(ParseKind("pppk paruh waktu"), v1::PPPK_PARUH_WAKTU);
  EXPECT_EQ(ParseKind("cpns"), std::nullopt);

  struct Case {
    const char* text;
    std::optional<v1::LeaveOutReason> want;
  } reasons[] = {
      {"tidak-aktif", v1::TIDAK_AKTIF_BEKERJA},
      {"TIDAK_AKTIF_BEKERJA", v1::TIDAK_AKTIF_BEKERJA},
      {"Tidak Aktif", v1::TIDAK_AKTIF_BEKERJA},
      {"anggaran", v1::ANGGARAN_TIDAK_CUKUP},
      {"ANGGARAN_TIDAK_CUKUP", v1::ANGGARAN_TIDAK_CUKUP},
      {"tidak-ada-kebutuhan", v1::TIDAK_ADA_KEBUTUHAN},
      {"no-need", v1::TIDAK_ADA_KEBUTUHAN},
      {"meninggal", v1::MENINGGAL_DUNIA},
      {"MENINGGAL_DUNIA", v1::MENINGGAL_DUNIA},
      {"lainnya", v1::LAINNYA},
      {"", std::nullopt},
      {"pensiun", std::nullopt},
      {"LEAVE_OUT_REASON_UNSPECIFIED", std::nullopt},
  };
  for (const Case& c : reasons) {
    SCOPED_TRACE(c.text);
    EXPECT_EQ(ParseLeaveOutReason(c.text), c.want);
  }
  EXPECT_EQ(ReasonLabel(v1::ANGGARAN_TIDAK_CUKUP), "anggaran tidak cukup");

  EXPECT_EQ(ParseDecision("approve"), v1::DecideProposalRequest::APPROVE);
  EXPECT_EQ(ParseDecision("Tolak"), v1::DecideProposalRequest::REJECT);
  EXPECT_EQ(ParseDecision("return"), v1::DecideProposalRequest::RETURN);
  EXPECT_EQ(ParseDecision("maybe"), std::nullopt);
}

}  // namespace
}  // namespace penataan::cli
