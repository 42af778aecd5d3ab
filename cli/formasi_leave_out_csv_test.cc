#include "cli/formasi_leave_out_csv.h"

#include <sstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace penataan::cli {
namespace {

namespace v1 = formasi::v1;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

LeaveOutCsv Parse(const std::string& text) {
  std::istringstream in(text);
  return ParseLeaveOutCsv(in);
}

TEST(LeaveOutCsv, ReadsHonorersWithReasonsAndNotes) {
  LeaveOutCsv got = Parse(
      "honorer,alasan,catatan\n"
      "honorers/7,tidak-aktif,\n"
      "8,ANGGARAN_TIDAK_CUKUP,APBD 2026 tidak cukup\n"
      "honorers/9,lainnya,\"Pindah ke BUMN, Juli 2025\"\n");
  ASSERT_THAT(got.errors, ElementsAre());
  EXPECT_FALSE(got.by_nik);
  ASSERT_EQ(got.rows.size(), 3u);
  EXPECT_EQ(got.rows[0].honorer, "honorers/7");
  EXPECT_EQ(got.rows[0].reason, v1::TIDAK_AKTIF_BEKERJA);
  EXPECT_EQ(got.rows[1].honorer, "honorers/8");
  EXPECT_EQ(got.rows[1].reason, v1::ANGGARAN_TIDAK_CUKUP);
  EXPECT_EQ(got.rows[1].note, "APBD 2026 tidak cukup");
  EXPECT_EQ(got.rows[2].line, 4);
  EXPECT_EQ(got.rows[2].note, "Pindah ke BUMN, Juli 2025");
}

TEST(LeaveOutCsv, ReadsNiksInsteadOfHonorers) {
  LeaveOutCsv got = Parse("nik,reason\n3275014107900002,meninggal\n");
  ASSERT_THAT(got.errors, ElementsAre());
  EXPECT_TRUE(got.by_nik);
  EXPECT_EQ(got.rows[0].nik, "3275014107900002");
  EXPECT_EQ(got.rows[0].honorer, "");
  EXPECT_EQ(got.rows[0].reason, v1::MENINGGAL_DUNIA);
}

TEST(LeaveOutCsv, BadRowsAreNamedByLineAndColumn) {
  struct Case {
    const char* text;
    const char* want;
  } cases[] = {
      {"honorer,alasan\nhonorers/x,anggaran\n", "line 2, column honorer: \"honorers/x\""},
      {"honorer,alasan\n7,pensiun\n", "line 2, column alasan: \"pensiun\" is not one of"},
      {"honorer,alasan,catatan\n7,lainnya,\n", "line 2, column catatan: lainnya needs a note"},
      {"honorer,alasan\n7,lainnya\n", "line 2, column alasan: lainnya needs a note"},
      {"honorer,alasan\n7,anggaran\n\nhonorers/7,meninggal\n",
       "line 4, column honorer: the same honorer as on line 2"},
      {"nik,alasan\n32750141079,anggaran\n", "line 2, column nik: not a NIK of 16 digits"},
      {"nik,alasan\n,anggaran\n", "line 2, column nik: is required"},
      {"honorer;alasan;catatan\n7;lainnya;\n", "line 2, column catatan: lainnya needs a note"},
      {"honorer,nik,alasan\n", "not both"},
      {"honorer,catatan\n", "missing column \"alasan\""},
      {"alasan\n", "missing column \"honorer\""},
      {"honorer,alasan,why\n", "line 1, column 3: unknown column \"why\""},
      {"", "the file is empty"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    LeaveOutCsv got = Parse(c.text);
    ASSERT_FALSE(got.errors.empty());
    EXPECT_THAT(got.errors[0], HasSubstr(c.want));
  }
}

TEST(LeaveOutCsv, ReadsExcelWithIndonesianSettings) {
  LeaveOutCsv got = Parse(
      "\xEF\xBB\xBFNo;NIK;Alasan;Keterangan\r\n"
      "1;'3275014107900002;lainnya;\"Pindah; ke BUMN\"\r\n"
      "2;3,27501E+15;meninggal;\r\n"
      "3;327501410790000;meninggal;\r\n");
  EXPECT_TRUE(got.by_nik);
  ASSERT_EQ(got.rows.size(), 1u);
  EXPECT_EQ(got.rows[0].nik, "3275014107900002");
  EXPECT_EQ(got.rows[0].note, "Pindah; ke BUMN");
  EXPECT_THAT(got.errors,
              ElementsAre(HasSubstr("line 3, column NIK: is a number in scientific notation"),
                          HasSubstr("line 4, column NIK: has 15 digits where a NIK has 16")));
}

TEST(LeaveOutCsv, ErrorsNeverRepeatANik) {
  LeaveOutCsv got = Parse("nik,alasan\n3275014107900002,pensiun\n3275014107900002,anggaran\n");
  ASSERT_EQ(got.errors.size(), 2u);
  for (const std::string& e : got.errors) EXPECT_THAT(e, Not(HasSubstr("3275014107900002")));
}

}  // namespace
}  // namespace penataan::cli
