// `-o csv` of penataanctl's lists as Kota Kupang's admin opens them in Excel: the
// real binary against a real registry. stdout is the CSV alone (a byte-order mark
// once, a header once, one record per honorer, strict RFC 4180 with CRLF), in the
// import's own columns with the NIK kept as text; the counts and the next-page
// token go to stderr. `--delimiter ';'` for Excel with Indonesian settings. The
// crucial units exported are the file `crucial-units set --file` takes back
// unchanged, and so are a proposal's lines and left-out honorers (add-lines
// --replace, leave-out --file), all three written with ';' as Indonesian Excel
// saves them. A command that prints no list refuses -o csv before it changes
// anything.

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "cli/csv_writer.h"
#include "cli/honorer_columns.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/ctl_runner.h"
#include "tests/testing/formasi_server.h"
#include "tests/testing/registry_server.h"
#include "tests/testing/test_tokens.h"

namespace penataan::cli {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::UnorderedElementsAre;
using testing::CtlResult;

constexpr char kBom[] = "\xEF\xBB\xBF";

using Records = std::vector<std::vector<std::string>>;

// The records of `text` read as strictly as RFC 4180 allows: every record ends in
// CRLF, a quote only opens or closes a whole cell, a line break only inside quotes.
// nullopt, with the offset of the first byte that breaks a rule, otherwise.
std::optional<Records> ParseStrictCsv(absl::string_view text, char delimiter, size_t* bad_at) {
  Records records;
  std::vector<std::string> record;
  std::string cell;
  size_t i = 0;
  auto fail = [&](size_t at) -> std::optional<Records> {
    *bad_at = at;
    return std::nullopt;
  };
  while (i < text.size()) {
    if (text[i] == '"') {
      for (++i;; ++i) {
        if (i >= text.size()) return fail(i);
        if (text[i] != '"') {
          cell += text[i];
        } else if (i + 1 < text.size() && text[i + 1] == '"') {
          cell += '"';
          ++i;
        } else {
          ++i;
          break;
        }
      }
    } else {
      while (i < text.size() && text[i] != delimiter && text[i] != '\r' && text[i] != '\n') {
        if (text[i] == '"') return fail(i);
        cell += text[i++];
      }
    }
    record.push_back(std::move(cell));
    cell.clear();
    if (i < text.size() && text[i] == delimiter) {
      ++i;
      if (i == text.size()) return fail(i);
      continue;
    }
    if (!absl::StartsWith(text.substr(i), "\r\n")) return fail(i);
    i += 2;
    records.push_back(std::move(record));
    record.clear();
  }
  return records;
}

// The CSV on stdout: one byte-order mark, first; then strict records.
Records ReadExport(const CtlResult& run, char delimiter) {
  EXPECT_TRUE(absl::StartsWith(run.out, kBom)) << run.out.substr(0, 40);
  absl::string_view body(run.out);
  body.remove_prefix(std::min(body.size(), sizeof(kBom) - 1));
  EXPECT_EQ(body.find(kBom), absl::string_view::npos) << "a second byte-order mark";
  size_t bad_at = 0;
  std::optional<Records> records = ParseStrictCsv(body, delimiter, &bad_at);
  if (!records) {
    ADD_FAILURE() << "not CSV at byte " << bad_at << ": \""
                  << body.substr(bad_at > 40 ? bad_at - 40 : 0, 80) << "\"";
    return {};
  }
  return *records;
}

int Column(const std::vector<std::string>& header, const std::string& name) {
  auto it = std::find(header.begin(), header.end(), name);
  EXPECT_NE(it, header.end()) << "no column " << name;
  return static_cast<int>(it - header.begin());
}

// The name the export writes for an honorer field ("nik" → its column's first name).
std::string HonorerColumnName(const std::string& field) {
  for (const ColumnSpec& c : HonorerColumns()) {
    if (c.field == field) return c.names.front();
  }
  ADD_FAILURE() << "no honorer field " << field;
  return field;
}

struct Person {
  std::string nik, name, unit;
};
// A comma and quotes in the cells, as admins type them.
const Person kPeople[] = {
    {"5371011207850001", "Ndun, Yohanes", "BPBD Kota Kupang"},
    {"5371015208900123", "Maria \"Ina\" Lake", "Dinas Pendidikan, Pemuda dan Olahraga"},
    {"5371012501920002", "Fransiskus Bria", "Puskesmas Oesapa"},
};
constexpr char kImport[] =
    "nik,nama,tanggal_lahir,jenis_kelamin,pendidikan,unit_kerja,kategori,jabatan,tmt\n"
    "5371011207850001,\"Ndun, Yohanes\",1985-07-12,L,SMA,BPBD Kota Kupang,Tenaga Teknis,"
    "Operator,2010-01-04\n"
    "5371015208900123,\"Maria \"\"Ina\"\" Lake\",1990-08-12,P,S-1,"
    "\"Dinas Pendidikan, Pemuda dan Olahraga\",Guru,Guru Kelas,2012-07-16\n"
    "5371012501920002,Fransiskus Bria,1992-01-25,L,D-III,Puskesmas Oesapa,Tenaga Kesehatan,"
    "Perawat,2015-03-02\n";

// The CLI as a person runs it, with the files it reads written beside.
class CtlTest : public ::testing::Test {
 protected:
  void MakeDir(const std::string& name) {
    dir_ = std::filesystem::temp_directory_path() / absl::StrCat(name, "_", getpid());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override {
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  CtlResult Ctl(const std::vector<std::string>& args,
                const std::string& token = testing::kKupangToken) {
    return testing::RunCtl(PENATAANCTL_BINARY, absl::StrCat(addresses_, " --token ", token), args,
                           (dir_ / "stderr").string());
  }

  std::string Write(const std::string& name, const std::string& text) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }

  std::string addresses_;  // "--registry …" (and "--formasi …")
  std::filesystem::path dir_;
};

class PenataanctlCsvExportTest : public CtlTest {
 protected:
  void SetUp() override {
    auto server = testing::RegistryServer::Start("sqlite");
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server);
    addresses_ = absl::StrCat("--registry ", server_->address());
    MakeDir("penataanctl_csv");
    CtlResult import = Ctl({"registry", "import", Write("honorer.csv", kImport), "--instansi",
                            "5371"});
    ASSERT_EQ(import.exit_code, 0) << import.err << import.out;
  }

  std::unique_ptr<testing::RegistryServer> server_;
};

TEST_F(PenataanctlCsvExportTest, HonorerListIsTheImportsColumnsAndNothingElseOnStdout) {
  CtlResult run = Ctl({"-o", "csv", "registry", "honorer", "list"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  Records records = ReadExport(run, ',');
  ASSERT_EQ(records.size(), 1 + std::size(kPeople)) << run.out;
  EXPECT_EQ(records[0], HonorerCsvHeader());
  const int nik = Column(records[0], HonorerColumnName("nik"));
  const int unit = Column(records[0], HonorerColumnName("unit_kerja"));
  std::vector<std::string> niks, units;
  for (size_t i = 1; i < records.size(); ++i) {
    ASSERT_EQ(records[i].size(), records[0].size()) << "record " << i;
    niks.push_back(records[i][nik]);
    units.push_back(records[i][unit]);
  }
  // The NIK as Excel's text formula, so that Excel keeps its 16 digits.
  EXPECT_THAT(niks, UnorderedElementsAre(ExcelText(kPeople[0].nik), ExcelText(kPeople[1].nik),
                                         ExcelText(kPeople[2].nik)));
  EXPECT_THAT(units, UnorderedElementsAre(kPeople[0].unit, kPeople[1].unit, kPeople[2].unit));
  EXPECT_THAT(run.out, HasSubstr("\"Maria \"\"Ina\"\" Lake\""));
  EXPECT_THAT(run.err, HasSubstr("3 of 3 honorers"));
  EXPECT_THAT(run.out, Not(HasSubstr("of 3 honorers")));

  // A page: its rows, and the next page's token on stderr only.
  CtlResult page = Ctl({"-o", "csv", "registry", "honorer", "list", "--page-size", "2"});
  ASSERT_EQ(page.exit_code, 0) << page.err;
  EXPECT_EQ(ReadExport(page, ',').size(), 3u);
  EXPECT_THAT(page.err, HasSubstr("2 of 3 honorers; next page: --page-token "));
  EXPECT_THAT(page.out, Not(HasSubstr("page-token")));
}

TEST_F(PenataanctlCsvExportTest, SemicolonsForIndonesianExcelAndOneHeaderOverEveryPage) {
  CtlResult run = Ctl({"-o", "csv", "--delimiter", ";", "registry", "honorer", "list", "--all",
                       "--page-size", "1"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  Records records = ReadExport(run, ';');
  ASSERT_EQ(records.size(), 1 + std::size(kPeople)) << run.out;
  EXPECT_EQ(records[0], HonorerCsvHeader());
  EXPECT_EQ(std::count(records.begin(), records.end(), HonorerCsvHeader()), 1);
  // A comma is no separator under ';': the cell stays bare.
  EXPECT_THAT(run.out, HasSubstr(";Dinas Pendidikan, Pemuda dan Olahraga;"));
  EXPECT_THAT(run.out, HasSubstr(";Ndun, Yohanes;"));
  EXPECT_THAT(run.err, HasSubstr("3 of 3 honorers"));

  CtlResult tab = Ctl({"-o", "csv", "--delimiter", "tab", "registry", "honorer", "list"});
  ASSERT_EQ(tab.exit_code, 0) << tab.err;
  EXPECT_EQ(ReadExport(tab, '\t').size(), 1 + std::size(kPeople));

  CtlResult pipe = Ctl({"-o", "csv", "--delimiter", "|", "registry", "honorer", "list"});
  EXPECT_EQ(pipe.exit_code, 2);
  EXPECT_THAT(pipe.err, HasSubstr("want ',' or ';' (Excel with Indonesian settings) or tab"));
  EXPECT_THAT(pipe.out, IsEmpty());
}

TEST_F(PenataanctlCsvExportTest, HistoryInFullValuesAndWritesRefuseCsvBeforeChangingAnything) {
  const std::string reason = "SK berakhir, belum diperpanjang";
  CtlResult status = Ctl({"registry", "honorer", "status", kPeople[0].nik, "--to", "DIRUMAHKAN",
                          "--reason", reason});
  ASSERT_EQ(status.exit_code, 0) << status.err;

  CtlResult history = Ctl({"-o", "csv", "registry", "honorer", "history", kPeople[0].nik});
  ASSERT_EQ(history.exit_code, 0) << history.err;
  Records records = ReadExport(history, ',');
  ASSERT_GE(records.size(), 2u) << history.out;
  EXPECT_THAT(records[0], ElementsAre("time_utc", "from_status", "status", "principal", "reason"));
  const std::vector<std::string>& last = records.back();
  EXPECT_EQ(last[1], "ACTIVE");
  EXPECT_EQ(last[2], "DIRUMAHKAN");
  EXPECT_EQ(last[3], "instansi:5371");
  EXPECT_EQ(last[4], reason);
  // "2025-08-25 09:00:00": a date and time a spreadsheet reads, not "… UTC" text.
  ASSERT_EQ(last[0].size(), 19u) << last[0];
  EXPECT_EQ(last[0][10], ' ');

  // A command that changes something prints no list: refused, and nothing changed.
  CtlResult refused = Ctl({"-o", "csv", "registry", "honorer", "status", kPeople[0].nik, "--to",
                           "ACTIVE", "--reason", "kembali bekerja"});
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_THAT(refused.err, HasSubstr("`registry honorer status` prints no list"));
  EXPECT_THAT(refused.out, IsEmpty());
  CtlResult again = Ctl({"-o", "csv", "registry", "honorer", "history", kPeople[0].nik});
  EXPECT_EQ(again.out, history.out);
}

TEST_F(PenataanctlCsvExportTest, CrucialUnitsExportedAreTheFileSetTakesBackUnchanged) {
  CtlResult set = Ctl({"registry", "crucial-units", "set", "--instansi", "5371", "--unit",
                       "BPBD Kota Kupang=Penanggulangan bencana", "--prefix-unit",
                       "Puskesmas=Pelayanan kesehatan, 24 jam"});
  ASSERT_EQ(set.exit_code, 0) << set.err;

  CtlResult list = Ctl({"-o", "csv", "--delimiter", ";", "registry", "crucial-units", "list"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_THAT(ReadExport(list, ';'),
              ElementsAre(ElementsAre("unit_kerja", "alasan", "awalan"),
                          ElementsAre("BPBD Kota Kupang", "Penanggulangan bencana", "tidak"),
                          ElementsAre("Puskesmas", "Pelayanan kesehatan, 24 jam", "ya")));
  EXPECT_THAT(list.err, HasSubstr("2 crucial units"));

  // Cleared, then set again from the export: the same list.
  ASSERT_EQ(Ctl({"registry", "crucial-units", "set", "--instansi", "5371", "--none"}).exit_code,
            0);
  CtlResult from_file = Ctl({"registry", "crucial-units", "set", "--instansi", "5371", "--file",
                             Write("units.csv", list.out)});
  ASSERT_EQ(from_file.exit_code, 0) << from_file.err << from_file.out;
  CtlResult again = Ctl({"-o", "csv", "--delimiter", ";", "registry", "crucial-units", "list"});
  EXPECT_EQ(again.out, list.out);
}

// A Paruh Waktu proposal of Kota Kupang built by propose-all, one honorer left out.
class PenataanctlCsvExportFormasiTest : public CtlTest {
 protected:
  void SetUp() override {
    auto server = testing::FormasiServer::Start("sqlite");
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server);
    addresses_ = absl::StrCat("--formasi ", server_->address(), " --registry ",
                              server_->registry()->address());
    MakeDir("penataanctl_csv_formasi");
    ASSERT_EQ(Ctl({"registry", "import", Write("honorer.csv", kImport), "--instansi", "5371"})
                  .exit_code,
              0);
    std::string verify = "nik,in_bkn_database\n";
    for (const Person& p : kPeople) absl::StrAppend(&verify, p.nik, ",1\n");
    ASSERT_EQ(Ctl({"registry", "verify", Write("bkn.csv", verify)}, testing::kBknToken).exit_code,
              0);
    CtlResult period = Ctl({"formasi", "period", "create", "--name", "PPPK Paruh Waktu 2025",
                            "--kind", "paruh-waktu", "--open", "2025-08-07 00:00:00",
                            "--deadline", "2025-08-25 23:59:59"},
                           testing::kKemenpanToken);
    ASSERT_EQ(period.exit_code, 0) << period.err;
    ASSERT_EQ(Ctl({"formasi", "proposal", "create", "1", "--instansi", "5371"}).exit_code, 0);
    CtlResult all = Ctl({"formasi", "proposal", "propose-all", "1/5371", "--pay", "2.500.000"});
    ASSERT_EQ(all.exit_code, 0) << all.err;
    CtlResult left = Ctl({"formasi", "proposal", "leave-out", "1/5371", "--file",
                          Write("leave.csv", absl::StrCat("nik,alasan,catatan\n", kPeople[2].nik,
                                                          ",lainnya,\"Pindah ke BUMN, Juli "
                                                          "2025\"\n"))});
    ASSERT_EQ(left.exit_code, 0) << left.err;
  }

  std::unique_ptr<testing::FormasiServer> server_;
};

TEST_F(PenataanctlCsvExportFormasiTest, LinesAndLeftOutExportedAreTheFilesTheProposalTakesBack) {
  CtlResult lines = Ctl({"-o", "csv", "--delimiter", ";", "formasi", "proposal", "lines", "1/5371"});
  ASSERT_EQ(lines.exit_code, 0) << lines.err;
  Records records = ReadExport(lines, ';');
  ASSERT_EQ(records.size(), 3u) << lines.out << "two honorers named, each on their unit's line";
  EXPECT_THAT(records[0], ElementsAre("kategori", "jabatan", "pendidikan", "unit_kerja", "jumlah",
                                      "gaji", "honorer"));
  for (size_t i = 1; i < records.size(); ++i) {
    EXPECT_EQ(records[i][4], "1");
    EXPECT_EQ(records[i][5], "2500000") << "whole rupiah, no separators";
    EXPECT_THAT(records[i][6], ::testing::StartsWith("honorers/"));
  }
  EXPECT_THAT(lines.err, HasSubstr("2 lines of periods/1/proposals/5371"));

  CtlResult left = Ctl({"-o", "csv", "--delimiter", ";", "formasi", "proposal", "left-out", "1/5371"});
  ASSERT_EQ(left.exit_code, 0) << left.err;
  Records left_records = ReadExport(left, ';');
  ASSERT_EQ(left_records.size(), 2u) << left.out;
  EXPECT_THAT(left_records[0], ElementsAre("honorer", "alasan", "catatan"));
  EXPECT_EQ(left_records[1][1], "LAINNYA");
  EXPECT_EQ(left_records[1][2], "Pindah ke BUMN, Juli 2025");

  // The exports sent back: the proposal is as it was.
  CtlResult replaced = Ctl({"formasi", "proposal", "add-lines", "1/5371",
                            Write("lines.csv", lines.out), "--replace"});
  ASSERT_EQ(replaced.exit_code, 0) << replaced.err << replaced.out;
  CtlResult left_again = Ctl({"formasi", "proposal", "leave-out", "1/5371", "--file",
                              Write("left.csv", left.out)});
  ASSERT_EQ(left_again.exit_code, 0) << left_again.err << left_again.out;
  EXPECT_EQ(Ctl({"-o", "csv", "--delimiter", ";", "formasi", "proposal", "lines", "1/5371"}).out, lines.out);
  EXPECT_EQ(Ctl({"-o", "csv", "--delimiter", ";", "formasi", "proposal", "left-out", "1/5371"}).out,
            left.out);

  // `proposal show` prints no list.
  CtlResult show = Ctl({"-o", "csv", "formasi", "proposal", "show", "1/5371"});
  EXPECT_EQ(show.exit_code, 2);
  EXPECT_THAT(show.err, HasSubstr("`formasi proposal show` prints no list"));
}

TEST_F(PenataanctlCsvExportFormasiTest, SummaryIsOneRowPerInstansiWithTheTotalsOnStderr) {
  CtlResult summary = Ctl({"-o", "csv", "--delimiter", ";", "formasi", "summary", "1"},
                         testing::kKemenpanToken);
  ASSERT_EQ(summary.exit_code, 0) << summary.err;
  Records records = ReadExport(summary, ';');
  ASSERT_GE(records.size(), 2u) << summary.out;
  const int code = Column(records[0], "instansi_code");
  const int named = Column(records[0], "honorers_named");
  const int cost = Column(records[0], "estimated_annual_cost_idr");
  bool kupang = false;
  for (size_t i = 1; i < records.size(); ++i) {
    if (records[i][code] != "5371") continue;
    kupang = true;
    EXPECT_EQ(records[i][named], "2");
    EXPECT_EQ(records[i][cost], "60000000") << "2 x Rp 2.500.000 x 12";
  }
  EXPECT_TRUE(kupang) << summary.out;
  EXPECT_THAT(summary.err, HasSubstr("submitted: 0 of "));
  EXPECT_THAT(summary.out, Not(HasSubstr("submitted:")));
}

}  // namespace
}  // namespace penataan::cli
