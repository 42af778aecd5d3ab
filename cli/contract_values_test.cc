#include "cli/contract_values.h"

#include <sstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace penataan::cli {
namespace {

namespace v1 = registry::v1;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

ReviewCsv Reviews(const std::string& text, int default_year = 0) {
  std::istringstream in(text);
  return ParseReviewCsv(in, default_year);
}

TEST(HonorerRef, TakesNamesIdsAndNiks) {
  struct Case {
    const char* text;
    const char* name;
    const char* nik;
  };
  for (const Case& c : {Case{"honorers/12", "honorers/12", ""}, Case{" 12 ", "honorers/12", ""},
                        Case{"5371014507900001", "", "5371014507900001"}}) {
    SCOPED_TRACE(c.text);
    auto ref = ParseHonorerRef(c.text);
    ASSERT_TRUE(ref.has_value());
    EXPECT_EQ(ref->name, c.name);
    EXPECT_EQ(ref->nik, c.nik);
  }
  for (const char* bad : {"", "honorers/", "honorers/0", "53710145079000", "Maria Manafe",
                          "537101450790000x"}) {
    SCOPED_TRACE(bad);
    EXPECT_FALSE(ParseHonorerRef(bad).has_value());
  }
}

TEST(ReviewOutcome, AnyCaseOfTheThreeOnly) {
  EXPECT_EQ(ParseReviewOutcome("baik"), v1::BAIK);
  EXPECT_EQ(ParseReviewOutcome(" Cukup "), v1::CUKUP);
  EXPECT_EQ(ParseReviewOutcome("KURANG"), v1::KURANG);
  EXPECT_FALSE(ParseReviewOutcome("").has_value());
  EXPECT_FALSE(ParseReviewOutcome("REVIEW_OUTCOME_UNSPECIFIED").has_value());
  EXPECT_FALSE(ParseReviewOutcome("sangat baik").has_value());
  EXPECT_EQ(ReviewCell(v1::REVIEW_OUTCOME_UNSPECIFIED), "-");
  EXPECT_EQ(ReviewCell(v1::KURANG), "KURANG");
}

TEST(CrucialUnitFlag, SplitsAtTheFirstEquals) {
  auto u = ParseCrucialUnitFlag(" RSUD S. K. Lerik = Pelayanan kesehatan: rawat inap=IGD ", false);
  ASSERT_TRUE(u.ok()) << u.status();
  EXPECT_EQ(u->unit_kerja(), "RSUD S. K. Lerik");
  EXPECT_EQ(u->reason(), "Pelayanan kesehatan: rawat inap=IGD");
  EXPECT_FALSE(u->prefix());
  auto p = ParseCrucialUnitFlag("Puskesmas=Pelayanan kesehatan", true);
  ASSERT_TRUE(p.ok());
  EXPECT_TRUE(p->prefix());
  for (const char* bad : {"BPBD", "=Bencana", "BPBD=", " = "}) {
    SCOPED_TRACE(bad);
    auto r = ParseCrucialUnitFlag(bad, true);
    EXPECT_FALSE(r.ok());
    EXPECT_THAT(std::string(r.status().message()), StartsWith("--prefix-unit"));
  }
}

TEST(CrucialUnitsCsv, ReadsUnitsReasonsAndPrefixes) {
  std::istringstream in(
      "unit_kerja,alasan,awalan\n"
      "BPBD Kota Kupang,Penanggulangan bencana,\n"
      "\"Dinas Lingkungan Hidup dan Kebersihan\",\"Sampah kota, kebersihan\",tidak\n"
      "Puskesmas,Pelayanan kesehatan,ya\n");
  CrucialUnitsCsv got = ParseCrucialUnitsCsv(in);
  ASSERT_THAT(got.errors, ElementsAre());
  ASSERT_EQ(got.units.size(), 3u);
  EXPECT_EQ(got.units[1].unit_kerja(), "Dinas Lingkungan Hidup dan Kebersihan");
  EXPECT_EQ(got.units[1].reason(), "Sampah kota, kebersihan");
  EXPECT_FALSE(got.units[0].prefix());
  EXPECT_FALSE(got.units[1].prefix());
  EXPECT_TRUE(got.units[2].prefix());
}

TEST(CrucialUnitsCsv, NamesEveryBadLineAndColumn) {
  std::istringstream in(
      "unit,reason,prefix\n"
      "BPBD,,\n"
      "Puskesmas,Kesehatan,mungkin\n");
  CrucialUnitsCsv got = ParseCrucialUnitsCsv(in);
  EXPECT_THAT(got.errors, ElementsAre("line 2, column reason: is required",
                                      "line 3, column prefix: \"mungkin\" is not ya or tidak"));
  std::istringstream header("unit_kerja,keterangan\n");
  EXPECT_THAT(ParseCrucialUnitsCsv(header).errors,
              ElementsAre("line 1, column 2: unknown column \"keterangan\"",
                          "line 1: missing column \"alasan\" (or: Alasan, reason)"));
}

TEST(CrucialUnitsCsv, ReadsExcelWithIndonesianSettings) {
  std::istringstream in(
      "\xEF\xBB\xBFNo.;Unit Kerja;Alasan;Awalan\r\n"
      "1;Dinas Kebersihan;Sampah kota, kebersihan;Tidak\r\n"
      "2;Puskesmas;Pelayanan kesehatan;YA\r\n");
  CrucialUnitsCsv got = ParseCrucialUnitsCsv(in);
  ASSERT_THAT(got.errors, ElementsAre());
  ASSERT_EQ(got.units.size(), 2u);
  EXPECT_EQ(got.units[0].unit_kerja(), "Dinas Kebersihan");
  EXPECT_EQ(got.units[0].reason(), "Sampah kota, kebersihan");
  EXPECT_TRUE(got.units[1].prefix());
  std::istringstream bad("Unit Kerja;Alasan\n;Bencana\n");
  EXPECT_THAT(ParseCrucialUnitsCsv(bad).errors,
              ElementsAre("line 2, column Unit Kerja: is required"));
}

TEST(ReviewCsv, ReadsIndonesianAndEnglishColumnsIgnoringOthers) {
  ReviewCsv got = Reviews(
      "NIK,Nama,tahun,hasil,penilai,catatan\n"
      "5371014507900001,Maria Manafe,2020,baik,Kepala BPBD,\n"
      "5371011203850002,Yohanes Ndun,2020,KURANG,Kepala Dinas Perhubungan,\"Sering absen, tanpa izin\"\n");
  ASSERT_THAT(got.errors, ElementsAre());
  ASSERT_EQ(got.rows.size(), 2u);
  EXPECT_EQ(got.rows[0].row_number(), 2);
  EXPECT_EQ(got.rows[0].nik(), "5371014507900001");
  EXPECT_EQ(got.rows[0].year(), 2020);
  EXPECT_EQ(got.rows[0].outcome(), "BAIK");
  EXPECT_EQ(got.rows[1].note(), "Sering absen, tanpa izin");
  got = Reviews("honorer,outcome,reviewer,note\nhonorers/7,cukup,Kepala Puskesmas Oesapa,\n", 2020);
  ASSERT_THAT(got.errors, ElementsAre());
  EXPECT_EQ(got.rows[0].honorer(), "honorers/7");
  EXPECT_EQ(got.rows[0].year(), 2020);
}

TEST(ReviewCsv, NamesEveryBadRowByLineWithoutRepeatingTheNik) {
  ReviewCsv got = Reviews(
      "nik,tahun,hasil,penilai\n"
      "5371014507900001,2020,BAIK,Kepala BPBD\n"
      "53710145079,2020,BAIK,Kepala BPBD\n"
      "5371011203850002,dua ribu,BAIK,Kepala BPBD\n"
      "5371011203850003,2020,LUAR BIASA,\n"
      "5371014507900001,2020,CUKUP,Kepala BPBD\n");
  EXPECT_THAT(got.errors,
              ElementsAre("line 3, column nik: not a NIK of 16 digits",
                          "line 4, column tahun: \"dua ribu\" is not a year",
                          "line 5, column hasil: \"LUAR BIASA\" is not BAIK, CUKUP or KURANG",
                          "line 5, column penilai: is required",
                          "line 6, column nik: the same honorer as on line 2 for the year 2020"));
  for (const std::string& e : got.errors) EXPECT_THAT(e, Not(HasSubstr("5371")));
}

TEST(ReviewCsv, ReadsExcelWithIndonesianSettings) {
  ReviewCsv got = Reviews(
      "NIK;Nama Lengkap;Tahun Penilaian;Hasil Penilaian;Pejabat Penilai;Keterangan\r\n"
      "'5371014507900001;Maria Manafe;2020;baik;Kepala BPBD;\"Rajin; tepat waktu\"\r\n"
      "5371 0112 0385 0002;Yohanes Ndun;2020;Cukup;Kepala Dinas;\r\n");
  ASSERT_THAT(got.errors, ElementsAre());
  ASSERT_EQ(got.rows.size(), 2u);
  EXPECT_EQ(got.rows[0].nik(), "5371014507900001");
  EXPECT_EQ(got.rows[0].note(), "Rajin; tepat waktu");
  EXPECT_EQ(got.rows[1].nik(), "5371011203850002");
  EXPECT_EQ(got.rows[1].reviewer(), "Kepala Dinas");
}

TEST(ReviewCsv, RefusesANikExcelTurnedIntoANumberWithEveryOtherErrorOfTheRow) {
  ReviewCsv got = Reviews(
      "NIK;Tahun;Hasil;Penilai\n"
      "5,37101E+15;2020;HEBAT;Kepala BPBD\n"
      "537101450790000;2020;BAIK;Kepala BPBD\n");
  ASSERT_EQ(got.errors.size(), 3u);
  EXPECT_THAT(got.errors[0], StartsWith("line 2, column NIK: is a number in scientific notation"));
  EXPECT_EQ(got.errors[1], "line 2, column Hasil: \"HEBAT\" is not BAIK, CUKUP or KURANG");
  EXPECT_THAT(got.errors[2], StartsWith("line 3, column NIK: has 15 digits where a NIK has 16"));
  EXPECT_THAT(got.errors[2], HasSubstr("format the column as Text"));
}

TEST(ReviewCsv, RefusesAHeaderWithoutWhatItNeeds) {
  EXPECT_THAT(Reviews("nik,honorer,hasil,penilai\n").errors,
              ElementsAre("line 1: want one column \"nik\" or \"honorer\"",
                          "line 1: missing column \"tahun\" (or give --year)"));
  EXPECT_THAT(Reviews("").errors, ElementsAre(HasSubstr("empty")));
  EXPECT_THAT(Reviews("nik,tahun,NIK\n").errors,
              ElementsAre("line 1, column 3: \"NIK\" says again what column 1 (\"nik\") says",
                          "line 1: missing column \"hasil\" (or: Hasil, Hasil Penilaian, outcome)",
                          "line 1: missing column \"penilai\" (or: Penilai, Pejabat Penilai, "
                          "reviewer)"));
}

TEST(ExcludeCsv, ReadsHonorersOrNiksAndIgnoresOtherColumns) {
  std::istringstream by_name("nama,honorer,alasan\nMaria,honorers/7,pindah\nYohanes,8,BUMN\n");
  ExcludeCsv got = ParseExcludeCsv(by_name);
  ASSERT_THAT(got.errors, ElementsAre());
  ASSERT_EQ(got.entries.size(), 2u);
  EXPECT_EQ(got.entries[1].who.name, "honorers/8");
  EXPECT_EQ(got.entries[1].line, 3);
  std::istringstream by_nik("nik\n5371014507900001\n123\n5371014507900001\n");
  got = ParseExcludeCsv(by_nik);
  EXPECT_THAT(got.errors, ElementsAre("line 3, column nik: not a NIK of 16 digits",
                                      "line 4, column nik: the same honorer as on line 2"));
  ASSERT_EQ(got.entries.size(), 1u);
  EXPECT_EQ(got.entries[0].who.nik, "5371014507900001");
  std::istringstream nik_as_honorer("honorer\n5371014507900001\n");
  EXPECT_THAT(ParseExcludeCsv(nik_as_honorer).errors,
              ElementsAre(HasSubstr("line 2, column honorer: \"5371014507900001\" is not an "
                                    "honorer id")));
}

TEST(ExcludeCsv, ReadsExcelWithIndonesianSettings) {
  std::istringstream in(
      "No;Nama;NIK;Alasan\r\n"
      "1;Maria;=\"5371014507900001\";pindah ke BUMN\r\n"
      "2;Yohanes;6.47101E+15;x\r\n");
  ExcludeCsv got = ParseExcludeCsv(in);
  ASSERT_EQ(got.entries.size(), 1u);
  EXPECT_EQ(got.entries[0].who.nik, "5371014507900001");
  EXPECT_THAT(got.errors, ElementsAre(StartsWith("line 3, column NIK: is a number in scientific")));
}

v1::ExpiringContract Expiring(const char* unit, const char* name, int days_left,
                              v1::ReviewOutcome review, bool crucial, v1::HonorerStatus status) {
  v1::ExpiringContract e;
  e.set_unit_kerja(unit);
  e.set_full_name(name);
  e.set_days_left(days_left);
  e.set_review(review);
  e.set_crucial_unit(crucial);
  e.set_status(status);
  e.mutable_contract()->set_honorer("honorers/3");
  e.mutable_contract()->set_sk_number("800/0217/BKPPD/2020");
  e.mutable_contract()->mutable_end_date()->set_year(2020);
  e.mutable_contract()->mutable_end_date()->set_month(12);
  e.mutable_contract()->mutable_end_date()->set_day(31);
  return e;
}

TEST(Expiring, RowsAndSummary) {
  v1::ListExpiringContractsResponse r;
  *r.add_contracts() = Expiring("Dinas Perhubungan", "Yohanes Ndun", 30,
                                v1::REVIEW_OUTCOME_UNSPECIFIED, false, v1::ACTIVE);
  *r.add_contracts() = Expiring("Puskesmas Oesapa", "Maria Manafe", -4, v1::BAIK, true, v1::ACTIVE);
  r.set_total_size(2);
  r.set_reviews_missing(1);
  r.mutable_today()->set_year(2021);
  r.mutable_today()->set_month(1);
  r.mutable_today()->set_day(4);
  *r.mutable_until() = r.today();
  r.mutable_until()->set_month(2);
  r.mutable_until()->set_day(3);
  const auto rows = ExpiringRows(r);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_THAT(rows[0], ElementsAre("Dinas Perhubungan", "Yohanes Ndun", "800/0217/BKPPD/2020",
                                   "2020-12-31", "30", "-", "no", "ACTIVE", "honorers/3"));
  EXPECT_EQ(rows[1][4], "ended 4d ago");
  EXPECT_EQ(rows[1][6], "yes");
  EXPECT_EQ(ExpiringSummary(r),
            "2 contracts end 2021-01-04..2021-02-03 or ended without renewal (1 ended); "
            "reviews missing: 1");
}

TEST(Renewal, CountsThenReasonsLargestFirst) {
  v1::RenewContractsResponse r;
  r.set_matched(100);
  r.set_renewed(90);
  r.set_reactivated(70);
  r.set_excluded(10);
  r.set_dry_run(true);
  auto count = [&](v1::RenewalExclusion::Reason reason, int n) {
    auto* c = r.add_excluded_by_reason();
    c->set_reason(reason);
    c->set_count(n);
  };
  count(v1::RenewalExclusion::RESIGNED, 2);
  count(v1::RenewalExclusion::REVIEW_KURANG, 5);
  count(v1::RenewalExclusion::MOVED_TO_CPNS, 3);
  const auto lines = RenewalCountLines(r);
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_THAT(lines[0], AllOf(HasSubstr("100 matched: 90 would be renewed"),
                              HasSubstr("70 of them would return to work"),
                              HasSubstr("10 excluded")));
  EXPECT_THAT(lines[1], AllOf(HasSubstr("REVIEW_KURANG"), HasSubstr(" 5 "),
                              HasSubstr("penilaian kinerja KURANG")));
  EXPECT_THAT(lines[2], HasSubstr("MOVED_TO_CPNS"));
  EXPECT_THAT(lines[3], HasSubstr("RESIGNED"));
}

TEST(Renewal, EveryReasonHasALabel) {
  const auto* type = v1::RenewalExclusion::Reason_descriptor();
  for (int i = 0; i < type->value_count(); ++i) {
    if (type->value(i)->number() == 0) continue;
    SCOPED_TRACE(type->value(i)->name());
    EXPECT_NE(ExclusionLabel(static_cast<v1::RenewalExclusion::Reason>(type->value(i)->number())),
              "");
  }
}

TEST(Renewal, RequestIdsAreFreshAndNameTheInstansi) {
  const std::string a = NewRenewalRequestId("5371"), b = NewRenewalRequestId("5371");
  EXPECT_THAT(a, StartsWith("renew-5371-"));
  EXPECT_EQ(a.size(), std::string("renew-5371-").size() + 16);
  EXPECT_NE(a, b);
}

}  // namespace
}  // namespace penataan::cli
