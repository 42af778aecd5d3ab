// Spreadsheets as agency admins have them, through the real penataanctl against a real
// registry: files as Excel with Indonesian settings saves them, every error of a row
// with its column, the errors file fixed and imported, a check that writes nothing,
// the template, and an export edited and imported back.

#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "cli/csv_reader.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/registry_ctl_test.h"

namespace penataan::cli {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::CtlResult;

class SpreadsheetTest : public testing::RegistryCtlTest {
 protected:
  // The honorer as `registry honorer get -o json` shows it.
  std::string Honorer(const std::string& nik) {
    CtlResult got = Ctl({"-o", "json", "registry", "honorer", "get", "--nik", nik});
    EXPECT_EQ(got.exit_code, 0) << got.err;
    return got.out;
  }
};

struct FileCase {
  const char* what;
  std::string bytes;
  // Expected in `honorer get -o json` of the first NIK (5371011207850001).
  std::vector<std::string> stored;
  // Expected on stderr: how the file was read.
  std::string said;
};

// Excel's "Unicode Text": UTF-16 little-endian with its byte-order mark (ASCII text here).
std::string Utf16Le(const std::string& ascii) {
  std::string out = "\xFF\xFE";
  for (char c : ascii) {
    out.push_back(c);
    out.push_back('\0');
  }
  return out;
}

// Yohanes Ndun, born 12 July 1985, TMT 4 January 2010, as each file writes him.
std::vector<FileCase> ExcelFiles() {
  const std::vector<std::string> yohanes = {"\"full_name\": \"Yohanes Ndun\"",
                                            "\"year\": 1985", "\"month\": 7", "\"day\": 12",
                                            "\"year\": 2010", "\"month\": 1", "\"day\": 4"};
  return {
      {"Excel CSV (semicolons), Indonesian headers, BOM, DD/MM/YYYY, CRLF",
       "\xEF\xBB\xBFNo.;NIK;Nama Lengkap;Tanggal Lahir;Jenis Kelamin;Pendidikan Terakhir;"
       "Unit Kerja;Kategori;Jabatan;TMT\r\n"
       "1;5371011207850001;Yohanes Ndun;12/07/1985;L;SMA;BPBD;Tenaga Teknis;Operator;"
       "04/01/2010\r\n",
       yohanes, "separated by semicolons"},
      {"no BOM, DD-MM-YYYY, headers with underscores and dashes, L/P",
       "NIK;nama_lengkap;TANGGAL-LAHIR;L/P;pendidikan;unit kerja;kategori;jabatan;tmt\n"
       "5371011207850001;Yohanes Ndun;12-07-1985;L;SMA;BPBD;TENAGA_TEKNIS;Operator;04-01-2010\n",
       yohanes, "separated by semicolons"},
      {"Indonesian month names, full and abbreviated, commas",
       "nik,nama,tanggal lahir,jenis kelamin,pendidikan terakhir,unit kerja,kategori,tmt\n"
       "5371011207850001,Yohanes Ndun,12 Juli 1985,L,SMA,BPBD,Tenaga Teknis,4 Jan 2010\n",
       yohanes, ""},
      {"Excel's dd-mmm-yyyy, a No Urut column",
       "No Urut,NIK,Nama Lengkap,Tanggal Lahir,L/P,Pendidikan,OPD,Kategori,TMT Honorer\n"
       "1,5371011207850001,Yohanes Ndun,12-Jul-1985,L,SMA,BPBD,Tenaga Teknis,04-Jan-2010\n",
       yohanes, ""},
      {"tab-separated", 
       "NIK\tNama Lengkap\tTanggal Lahir\tJenis Kelamin\tPendidikan Terakhir\tUnit Kerja\t"
       "Kategori\tTMT\n"
       "5371011207850001\tYohanes Ndun\t1985-07-12\tL\tSMA\tBPBD\tTenaga Teknis\t2010-01-04\n",
       yohanes, "separated by tabs"},
      {"Windows-1252 (Excel's CSV on older versions): the name stored as UTF-8",
       "NIK;Nama Lengkap;Tanggal Lahir;Jenis Kelamin;Pendidikan Terakhir;Unit Kerja;Kategori;TMT\r\n"
       "5371011207850001;D\xE9sir\xE9" "e Ndun;12/07/1985;L;SMA;BPBD;Tenaga Teknis;04/01/2010\r\n",
       {"\"full_name\": \"D\xC3\xA9sir\xC3\xA9" "e Ndun\"", "\"day\": 12"}, "Windows-1252"},
      {"Excel's Unicode Text: UTF-16 LE with BOM, tabs, 12.07.1985",
       Utf16Le("NIK\tNama Lengkap\tTanggal Lahir\tJenis Kelamin\tPendidikan Terakhir\t"
               "Unit Kerja\tKategori\tTMT\r\n"
               "5371011207850001\tYohanes Ndun\t12.07.1985\tL\tSMA\tBPBD\tTenaga Teknis\t"
               "04.01.2010\r\n"),
       yohanes, "UTF-16"},
      {"Excel's text formula around the NIK (penataanctl's own exports)",
       "NIK,Nama Lengkap,Tanggal Lahir,Jenis Kelamin,Pendidikan Terakhir,Unit Kerja,Kategori,TMT\n"
       "\"=\"\"5371011207850001\"\"\",Yohanes Ndun,12/07/1985,L,SMA,BPBD,Tenaga Teknis,"
       "04/01/2010\n",
       yohanes, ""},
  };
}

TEST_F(SpreadsheetTest, ReadsWhatExcelWritesAndSaysHow) {
  for (const FileCase& c : ExcelFiles()) {
    SCOPED_TRACE(c.what);
    SetUp();  // a fresh registry per file
    const std::string path = WriteFile("honorer.csv", c.bytes);
    CtlResult run = Ctl({"registry", "import", path, "--instansi", "5371"});
    EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
    EXPECT_THAT(run.out, HasSubstr("created 1, updated 0, unchanged 0, rejected 0"));
    if (!c.said.empty()) EXPECT_THAT(run.err, HasSubstr(c.said));
    const std::string stored = Honorer("5371011207850001");
    for (const std::string& s : c.stored) EXPECT_THAT(stored, HasSubstr(s));
  }
}

// The header of the files below, as Excel with Indonesian settings saves it.
constexpr char kHeader[] =
    "NIK;Nama Lengkap;Tanggal Lahir;Jenis Kelamin;Pendidikan Terakhir;Unit Kerja;Kategori;TMT\n";

TEST_F(SpreadsheetTest, ANikExcelTurnedIntoANumberIsRefusedSayingWhatExcelDid) {
  const std::string path = WriteFile(
      "nik.csv",
      absl::StrCat(kHeader,
                   "6,47101E+15;Rina Wonda;12/07/1985;P;SMA;BPBD;Tenaga Teknis;04/01/2010\n"
                   "537101120785000;Rina Wonda;12/07/1985;P;SMA;BPBD;Tenaga Teknis;04/01/2010\n"
                   "5371011207850001;Yohanes Ndun;12/07/1985;L;SMA;BPBD;Tenaga Teknis;04/01/2010\n"));
  CtlResult run = Ctl({"registry", "import", path, "--instansi", "5371"});
  EXPECT_EQ(run.exit_code, 3) << run.err;
  EXPECT_THAT(run.out, AllOf(HasSubstr("row 2, NIK: "), HasSubstr("Excel"), HasSubstr("Text")));
  EXPECT_THAT(run.out, HasSubstr("row 3, NIK: "));
  EXPECT_THAT(run.out, HasSubstr("created 1, updated 0, unchanged 0, rejected 2"));
}

// One date written month first (Excel with English-US settings) means every date of
// the file is: those with a day of 12 or less would be read as other, valid dates,
// so the whole file is refused before anything is sent.
TEST_F(SpreadsheetTest, DatesAreDayFirstAndAMonthFirstFileIsRefusedWhole) {
  const std::string path = WriteFile(
      "dates.csv",
      absl::StrCat(kHeader,
                   "5371011207850001;Yohanes Ndun;07/12/1985;L;SMA;BPBD;Tenaga Teknis;01/04/2010\n"
                   "5371015208900123;Maria Lake;08/12/1990;P;SMA;RSUD;Tenaga Kesehatan;07/16/2012\n"));
  CtlResult run = Ctl({"registry", "import", path, "--instansi", "5371"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, AllOf(HasSubstr("row 3, TMT: \"07/16/2012\" is written month first"),
                             HasSubstr("Nothing was sent")));
  CtlResult list = Ctl({"-o", "json", "registry", "honorer", "list"});
  EXPECT_THAT(list.out, Not(HasSubstr("Yohanes")));
}

TEST_F(SpreadsheetTest, EveryErrorOfARowIsShownAndTheErrorsFileImportsOnceFixed) {
  const std::string path = WriteFile(
      "errors.csv",
      absl::StrCat(kHeader,
                   "5371011207850001;Yohanes Ndun;12/07/1985;L;SMA;BPBD;Tenaga Teknis;04/01/2010\n",
                   "5371015208900123;Maria Lake;31/02/1990;X;SMA-X;RSUD;Tenaga Kesehatan;"
                   "16/07/2012\n"));
  const std::string errors_out = (dir_ / "kesalahan.csv").string();
  CtlResult run =
      Ctl({"registry", "import", path, "--instansi", "5371", "--errors-out", errors_out});
  EXPECT_EQ(run.exit_code, 3) << run.err;
  EXPECT_THAT(run.out, HasSubstr("row 3, Tanggal Lahir: "));
  EXPECT_THAT(run.out, HasSubstr("row 3, Jenis Kelamin: "));
  EXPECT_THAT(run.out, HasSubstr("row 3, Pendidikan Terakhir: "));
  EXPECT_THAT(run.out, Not(HasSubstr("more)")));
  EXPECT_THAT(run.out, HasSubstr("created 1, updated 0, unchanged 0, rejected 1"));

  CtlResult json = Ctl({"-o", "json", "registry", "import", path, "--instansi", "5371",
                        "--import-id", "again"});
  EXPECT_THAT(json.out, AllOf(HasSubstr("\"field\": \"birth_date\""),
                              HasSubstr("\"field\": \"gender\""),
                              HasSubstr("\"field\": \"education\"")));

  // The errors file: the header, the rejected row as typed (the NIK as Excel's text
  // formula, so that Excel opening the file keeps its 16 digits), and a column kesalahan.
  const std::string written = ReadFile(errors_out);
  ASSERT_EQ(written.rfind("\xEF\xBB\xBF", 0), 0u) << "UTF-8 BOM for Excel";
  EXPECT_THAT(written, HasSubstr("TMT;kesalahan"));
  EXPECT_THAT(written, HasSubstr("\"=\"\"5371015208900123\"\"\";Maria Lake;31/02/1990;X;SMA-X"));
  EXPECT_THAT(written, AllOf(HasSubstr("Tanggal Lahir: "), HasSubstr("Jenis Kelamin: ")));
  EXPECT_THAT(written, Not(HasSubstr("Yohanes")));

  // Fixed in Excel and imported: the kesalahan column is not read.
  std::string fixed = absl::StrReplaceAll(
      written, {{"31/02/1990", "12/08/1990"}, {";X;SMA-X;", ";P;SMA;"}});
  CtlResult again = Ctl({"registry", "import", WriteFile("fixed.csv", fixed), "--instansi", "5371"});
  EXPECT_EQ(again.exit_code, 0) << again.out << again.err;
  EXPECT_THAT(again.out, HasSubstr("created 1, updated 0, unchanged 0, rejected 0"));

  // A clean run leaves no errors of an earlier one behind.
  CtlResult clean = Ctl({"registry", "import", WriteFile("clean.csv", fixed), "--instansi", "5371",
                         "--import-id", "clean", "--errors-out", errors_out});
  EXPECT_EQ(clean.exit_code, 0) << clean.err;
  EXPECT_THAT(clean.out, HasSubstr("no row was rejected"));
  EXPECT_EQ(ReadFile(errors_out), "\xEF\xBB\xBF" + std::string(kHeader).substr(0, strlen(kHeader) - 1) +
                                  ";kesalahan\r\n");
}

// A NIK column formatted as Number: 16 digits shown, the 16th always 0. Refused
// before anything is sent, saying what Excel did.
TEST_F(SpreadsheetTest, ANikColumnExcelRoundedIsRefusedBeforeAnythingIsSent) {
  std::string file = kHeader;
  for (int i = 1; i <= 9; ++i) {
    absl::StrAppend(&file, "537101120785001", 0, ";Honorer ", i,
                    ";12/07/1985;L;SMA;BPBD;Tenaga Teknis;04/01/2010\n");
  }
  CtlResult run = Ctl({"registry", "import", WriteFile("rounded.csv", file), "--instansi", "5371"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, AllOf(HasSubstr("ends in 0"), HasSubstr("Text"), HasSubstr("Nothing was sent")));
  CtlResult list = Ctl({"-o", "json", "registry", "honorer", "list"});
  EXPECT_THAT(list.out, Not(HasSubstr("Honorer 1")));
}

TEST_F(SpreadsheetTest, CheckSaysWhatAnImportWouldDoAndWritesNothing) {
  const std::string first = WriteFile(
      "first.csv",
      absl::StrCat(kHeader,
                   "5371011207850001;Yohanes Ndun;12/07/1985;L;SMA;BPBD;Tenaga Teknis;04/01/2010\n",
                   "5371015208900123;Maria Lake;12/08/1990;P;SMA;RSUD;Tenaga Kesehatan;16/07/2012\n"));
  ASSERT_EQ(Ctl({"registry", "import", first, "--instansi", "5371"}).exit_code, 0);
  // Bekasi's honorer: Kupang's file naming her is refused, and nothing says where she is.
  const std::string bekasi = WriteFile(
      "bekasi.csv",
      absl::StrCat(kHeader,
                   "3275014404920003;Siti Aminah;04/04/1992;P;S1;Dinas Pendidikan;Guru;01/07/2015\n"));
  ASSERT_EQ(Ctl({"registry", "import", bekasi, "--instansi", "3275"}, testing::kBekasiToken)
                .exit_code,
            0);

  const std::string next = WriteFile(
      "next.csv",
      absl::StrCat(kHeader,
                   "5371011207850001;Yohanes Ndun;12/07/1985;L;SMA;BPBD;Tenaga Teknis;04/01/2010\n",
                   "5371015208900123;Maria Lake;12/08/1990;P;D3;RSUD;Tenaga Kesehatan;16/07/2012\n",
                   "5371010303800002;Agus Bria;03/03/1980;L;SMA;Damkar;Tenaga Teknis;01/02/2005\n",
                   "3275014404920003;Siti Aminah;04/04/1992;P;S1;Dinas Pendidikan;Guru;01/07/2015\n",
                   "5371010303800002;Agus Bria;03/03/1980;L;SMA;Damkar;Tenaga Teknis;01/02/2005\n"));
  CtlResult check = Ctl({"registry", "import", next, "--instansi", "5371", "--check"});
  EXPECT_EQ(check.exit_code, 3) << check.err;
  EXPECT_THAT(check.out, HasSubstr("row 5, NIK: "));
  EXPECT_THAT(check.out, Not(HasSubstr("3275")));
  EXPECT_THAT(check.out, HasSubstr("row 6, NIK: appears again in this import (first at row 4)"));
  EXPECT_THAT(check.out, HasSubstr("an import would create 1, update 1, leave 1 unchanged and "
                                   "reject 2"));

  CtlResult list = Ctl({"-o", "json", "registry", "honorer", "list"});
  EXPECT_THAT(list.out, HasSubstr("\"total_size\": \"2\""));
  EXPECT_THAT(Honorer("5371015208900123"), HasSubstr("\"education\": \"SMA\""));

  CtlResult import = Ctl({"registry", "import", next, "--instansi", "5371"});
  EXPECT_EQ(import.exit_code, 3);
  EXPECT_THAT(import.out, HasSubstr("created 1, updated 1, unchanged 1, rejected 2"));
}

TEST_F(SpreadsheetTest, TheTemplateImportsCleanlyInEitherDelimiter) {
  for (const char* delimiter : {",", ";"}) {
    SCOPED_TRACE(delimiter);
    SetUp();
    CtlResult tpl = Ctl({"--delimiter", delimiter, "registry", "import", "--template"});
    ASSERT_EQ(tpl.exit_code, 0) << tpl.err;
    EXPECT_EQ(tpl.out.rfind("\xEF\xBB\xBFNIK", 0), 0u) << tpl.out;
    EXPECT_EQ(std::count(tpl.out.begin(), tpl.out.end(), '\n'), 3) << tpl.out;
    CtlResult run =
        Ctl({"registry", "import", WriteFile("template.csv", tpl.out), "--instansi", "5371"});
    EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
    EXPECT_THAT(run.out, HasSubstr("created 2, updated 0, unchanged 0, rejected 0"));
  }
}

// Parses CSV text with penataanctl's own reader (what Excel would show).
std::vector<std::vector<std::string>> Records(const std::string& text) {
  std::istringstream in(text);
  CsvReader csv(in);
  std::vector<std::vector<std::string>> out;
  std::vector<std::string> cells;
  while (csv.Next(cells)) out.push_back(cells);
  return out;
}

TEST_F(SpreadsheetTest, AnExportEditedInExcelImportsBackUnchangedButForTheEdit) {
  CtlResult tpl = Ctl({"registry", "import", "--template"});
  ASSERT_EQ(Ctl({"registry", "import", WriteFile("t.csv", tpl.out), "--instansi", "5371"}).exit_code,
            0);
  ASSERT_EQ(Ctl({"registry", "import", WriteFile("first.csv",
                                               absl::StrCat(kHeader,
                                                            "5371011207850001;Yohanes Ndun;"
                                                            "12/07/1985;L;SMA;BPBD;Tenaga Teknis;"
                                                            "04/01/2010\n")),
                 "--instansi", "5371"})
                .exit_code,
            0);
  CtlResult exported =
      Ctl({"-o", "csv", "--delimiter", ";", "registry", "honorer", "list", "--all"});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  ASSERT_EQ(exported.out.rfind("\xEF\xBB\xBF", 0), 0u);
  std::vector<std::vector<std::string>> rows = Records(exported.out);
  ASSERT_EQ(rows.size(), 4u) << exported.out;

  // Imported back as it is: nothing changes.
  CtlResult same = Ctl({"registry", "import", WriteFile("same.csv", exported.out), "--instansi", "5371"});
  EXPECT_EQ(same.exit_code, 0) << same.out << same.err;
  EXPECT_THAT(same.out, HasSubstr("created 0, updated 0, unchanged 3, rejected 0"));
  EXPECT_THAT(same.err, HasSubstr("not read: Status"));

  // One cell edited, the file saved again by "Excel" with its own quoting: one update.
  const auto& header = rows[0];
  const size_t title = std::find(header.begin(), header.end(), "Jabatan") - header.begin();
  ASSERT_LT(title, header.size());
  rows[1][title] = "Operator; Senior";
  std::string edited = "\xEF\xBB\xBF";
  for (const auto& r : rows) {
    std::vector<std::string> quoted;
    for (const std::string& cell : r) {
      quoted.push_back(cell.find_first_of(";\"") == std::string::npos
                           ? cell
                           : absl::StrCat("\"", absl::StrReplaceAll(cell, {{"\"", "\"\""}}), "\""));
    }
    absl::StrAppend(&edited, absl::StrJoin(quoted, ";"), "\r\n");
  }
  CtlResult back = Ctl({"registry", "import", WriteFile("edited.csv", edited), "--instansi", "5371"});
  EXPECT_EQ(back.exit_code, 0) << back.out << back.err;
  EXPECT_THAT(back.out, HasSubstr("created 0, updated 1, unchanged 2, rejected 0"));
  CtlResult after = Ctl({"-o", "csv", "registry", "honorer", "list", "--all"});
  EXPECT_THAT(after.out, HasSubstr(",Operator; Senior,"));
}

}  // namespace
}  // namespace penataan::cli
