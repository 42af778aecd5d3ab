#include "cli/formasi_lines_csv.h"

#include <sstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace penataan::cli {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

LinesCsv Parse(const std::string& text) {
  std::istringstream in(text);
  return ParseLinesCsv(in);
}

TEST(LinesCsv, ReadsIndonesianAndEnglishHeadersInAnyOrder) {
  LinesCsv got = Parse(
      "kategori,jabatan,pendidikan,unit_kerja,jumlah,gaji,honorer\n"
      "tenaga-kesehatan,Perawat,D3,RSUD,,\"2.500.000\",honorers/12;13; honorers/40\n"
      "GURU,Guru Kelas,S1,Dinas Pendidikan,25,2191232,\n");
  ASSERT_THAT(got.errors, ElementsAre());
  ASSERT_EQ(got.lines.size(), 2u);
  EXPECT_EQ(got.lines[0].jabatan_category(), common::v1::TENAGA_KESEHATAN);
  EXPECT_EQ(got.lines[0].position_title(), "Perawat");
  EXPECT_EQ(got.lines[0].education_qualification(), common::v1::D3);
  EXPECT_EQ(got.lines[0].unit_kerja(), "RSUD");
  EXPECT_EQ(got.lines[0].monthly_pay_idr(), 2500000);
  EXPECT_THAT(got.lines[0].honorers(), ElementsAre("honorers/12", "honorers/13", "honorers/40"));
  EXPECT_EQ(got.lines[0].count(), 3) << "count follows the named honorers";
  EXPECT_EQ(got.lines[1].count(), 25);
  EXPECT_EQ(got.lines[1].honorers_size(), 0);

  LinesCsv english = Parse(
      "monthly_pay_idr,unit_kerja,education,position_title,jabatan_category,count\n"
      "3000000,Puskesmas,D3,Bidan,TENAGA_KESEHATAN,4\n");
  ASSERT_THAT(english.errors, ElementsAre());
  EXPECT_EQ(english.lines[0].position_title(), "Bidan");
  EXPECT_EQ(english.lines[0].count(), 4);
}

TEST(LinesCsv, EveryBadCellIsNamedByLineAndColumn) {
  struct Case {
    const char* row;
    const char* want;
  } cases[] = {
      {"DOKTER,Perawat,D3,RSUD,1,2500000,", "line 2, column kategori: \"DOKTER\" is not one of"},
      {"GURU,,S1,Dinas Pendidikan,1,2500000,", "line 2, column jabatan: empty"},
      {"GURU,Guru,S9,Dinas Pendidikan,1,2500000,", "line 2, column pendidikan: \"S9\""},
      {"GURU,Guru,S1,,1,2500000,", "line 2, column unit_kerja: empty"},
      {"GURU,Guru,S1,Disdik,nol,2500000,", "line 2, column jumlah: \"nol\" is not a number"},
      {"GURU,Guru,S1,Disdik,0,2500000,", "line 2, column jumlah: \"0\""},
      {"GURU,Guru,S1,Disdik,2,2500000,honorers/1", "line 2, column jumlah: 2 posts but 1 honorers"},
      {"GURU,Guru,S1,Disdik,,2500000,", "line 2, column jumlah: empty"},
      {"GURU,Guru,S1,Disdik,1,\"2,5\",", "line 2, column gaji: \"2,5\" is not an amount"},
      {"GURU,Guru,S1,Disdik,,2500000,honorers/x", "line 2, column honorer: \"honorers/x\""},
      {"GURU,Guru,S1,Disdik,1,2500000,\"unclosed", "a quoted cell is not closed"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.row);
    LinesCsv got = Parse(std::string("kategori,jabatan,pendidikan,unit_kerja,jumlah,gaji,honorer\n") +
                         c.row + "\n");
    ASSERT_FALSE(got.errors.empty());
    EXPECT_THAT(got.errors[0], HasSubstr(c.want));
  }
}

TEST(LinesCsv, AllErrorsOfAFileAreReportedAtOnce) {
  LinesCsv got = Parse(
      "kategori,jabatan,pendidikan,unit_kerja,jumlah,gaji\n"
      "GURU,Guru,S1,Disdik,1,xx\n"
      "GURU,Guru,S1,Disdik,1,2500000\n"
      "\n"
      "PERAWAT,Guru,S1,Disdik,1,2500000\n");
  EXPECT_THAT(got.errors, ElementsAre(HasSubstr("line 2, column gaji"),
                                      HasSubstr("line 5, column kategori")));
  EXPECT_EQ(got.lines.size(), 1u);
}

TEST(LinesCsv, HeaderProblems) {
  struct Case {
    const char* text;
    const char* want;
  } cases[] = {
      {"", "the file is empty"},
      {"kategori,jabatan,pendidikan,unit_kerja,jumlah\n", "missing column \"gaji\""},
      {"kategori,jabatan,pendidikan,unit_kerja,gaji,salary\n", "line 1, column 6: unknown column \"salary\""},
      {"kategori,jabatan_category,jabatan,pendidikan,unit_kerja,gaji\n",
       "line 1, column 2: \"jabatan_category\" says again what column 1 (\"kategori\") says"},
      {"kategori,jabatan,pendidikan,unit_kerja,jumlah,gaji\n", "no lines below the header"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    LinesCsv got = Parse(c.text);
    ASSERT_FALSE(got.errors.empty());
    EXPECT_THAT(got.errors[0], HasSubstr(c.want));
  }
}

TEST(LinesCsv, ReadsExcelWithIndonesianSettings) {
  LinesCsv got = Parse(
      "No.;Kategori Jabatan;Nama Jabatan;Pendidikan Terakhir;Unit Kerja;Jumlah;Gaji per Bulan;"
      "Honorer\r\n"
      "1;tenaga-kesehatan;Perawat;D3;RSUD;;Rp 2.500.000;\"12;13\"\r\n"
      "2;GURU;Guru Kelas;S1;Dinas Pendidikan;2;2191232;12, honorers/40\r\n");
  ASSERT_THAT(got.errors, ElementsAre());
  ASSERT_EQ(got.lines.size(), 2u);
  EXPECT_EQ(got.lines[0].jabatan_category(), common::v1::TENAGA_KESEHATAN);
  EXPECT_EQ(got.lines[0].education_qualification(), common::v1::D3);
  EXPECT_EQ(got.lines[0].monthly_pay_idr(), 2500000);
  EXPECT_THAT(got.lines[0].honorers(), ElementsAre("honorers/12", "honorers/13"));
  EXPECT_THAT(got.lines[1].honorers(), ElementsAre("honorers/12", "honorers/40"));
  EXPECT_EQ(got.lines[1].unit_kerja(), "Dinas Pendidikan");
}

TEST(LinesCsv, EveryErrorOfARowNamesTheColumnAsTheFileSpellsIt) {
  LinesCsv got = Parse(
      "Kategori;Jabatan;Pendidikan Terakhir;Unit Kerja;Jumlah;Gaji\n"
      "DOKTER;;S9;RSUD;nol;2,5\n");
  EXPECT_THAT(got.errors, ElementsAre(HasSubstr("line 2, column Kategori: \"DOKTER\""),
                                      "line 2, column Jabatan: empty: name the position (jabatan)",
                                      HasSubstr("line 2, column Pendidikan Terakhir: \"S9\""),
                                      HasSubstr("line 2, column Gaji: \"2,5\""),
                                      HasSubstr("line 2, column Jumlah: \"nol\"")));
}

TEST(LinesCsv, ReadsAWindows1252File) {
  LinesCsv got = Parse("kategori;jabatan;pendidikan;unit_kerja;jumlah;gaji\n"
                       "GURU;Pr\xE9" "fecture;S1;Disdik;1;2500000\n");
  ASSERT_THAT(got.errors, ElementsAre());
  EXPECT_EQ(got.lines[0].position_title(), "Pr\xC3\xA9" "fecture");
}

TEST(LinesCsv, RefusesAFileOfMixedEncodings) {
  LinesCsv got = Parse("kategori,jabatan,pendidikan,unit_kerja,jumlah,gaji\n"
                       "GURU,Pr\xE9" "fecture,S1,Disdik,1,2500000\n"
                       "GURU,Pr\xC3\xA9" "fecture,S1,Disdik,1,2500000\n");
  EXPECT_THAT(got.errors, ElementsAre(HasSubstr("line 2 is not UTF-8 but line 3 is")));
  EXPECT_THAT(got.lines, ElementsAre());
}

}  // namespace
}  // namespace penataan::cli
