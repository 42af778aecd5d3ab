// The penataanctl binary against a real registry on localhost: exit codes and what a
// person reads, for the import and for the failures people actually hit.

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/registry_ctl_test.h"

namespace penataan::cli {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

using testing::CtlResult;

class PenataanctlTest : public testing::RegistryCtlTest {};

constexpr char kCsv[] =
    "nama,nik,tanggal_lahir,jenis_kelamin,pendidikan,unit_kerja,kategori,jabatan,tmt\n"
    "\"Ndun, Yohanes\",5371011207850001,1985-07-12,L,SMA,BPBD,Tenaga Teknis,Operator,2010-01-04\n"
    "Maria Lake,9971015208900123,1990-08-12,P,S-1,Dinas Pendidikan,Guru,Guru Kelas,2012-07-16\n"
    "Maria Goreti,5371015208900123,1990-08-12,P,D-IV,RSUD S. K. Lerik,Tenaga Kesehatan,Perawat,2012-07-16\n";

TEST_F(PenataanctlTest, ImportListsEachRejectedRowByItsLineAndExitsThree) {
  const std::string csv = WriteFile("h.csv", kCsv);
  CtlResult run = Ctl({"registry", "import", csv, "--instansi", "5371"});
  EXPECT_EQ(run.exit_code, 3) << run.err;
  EXPECT_THAT(run.out, HasSubstr("row 3, nik: unknown province code 99"));
  EXPECT_THAT(run.out, HasSubstr("created 2, updated 0, unchanged 0, rejected 1"));

  CtlResult again = Ctl({"registry", "import", csv, "--instansi", "5371"});
  EXPECT_EQ(again.exit_code, 3);
  EXPECT_THAT(again.out, HasSubstr("already imported earlier (nothing changed): created 2"));

  CtlResult list = Ctl({"-o", "json", "registry", "honorer", "list"});
  EXPECT_EQ(list.exit_code, 0) << list.err;
  EXPECT_THAT(list.out, HasSubstr("\"full_name\": \"Ndun, Yohanes\""));
  EXPECT_THAT(list.out, HasSubstr("\"total_size\": \"2\""));

  // --all pages through and prints one JSON object per line.
  CtlResult lines = Ctl({"-o", "json", "registry", "honorer", "list", "--all", "--page-size", "1"});
  EXPECT_EQ(lines.exit_code, 0) << lines.err;
  EXPECT_EQ(std::count(lines.out.begin(), lines.out.end(), '\n'), 2) << lines.out;
  EXPECT_THAT(lines.out, HasSubstr("\"nik\":\"5371011207850001\""));
}

// 200 rows of 100 KB each (20 MB, under the 500 rows a message holds) would be one
// message past the 16 MiB a service reads; penataanctl sends them in messages of
// at most 4 MiB, so each row reaches the registry and is answered (docs/security.md
// "Limits").
TEST_F(PenataanctlTest, RowsWithLongCellsAreSentInMessagesTheRegistryReads) {
  std::string csv = "nama,nik,tanggal_lahir,jenis_kelamin,pendidikan,unit_kerja,kategori,jabatan,tmt\n";
  const std::string title(100 * 1000, 'j');
  for (int i = 0; i < 200; ++i) {
    absl::StrAppend(&csv, "Ndun,537101120785", absl::Dec(i + 1, absl::kZeroPad4),
                    ",1985-07-12,L,SMA,BPBD,Tenaga Teknis,", title, ",2010-01-04\n");
  }
  CtlResult run = Ctl({"registry", "import", WriteFile("long.csv", csv), "--instansi", "5371"});
  EXPECT_EQ(run.exit_code, 3) << run.err;
  EXPECT_THAT(run.out, HasSubstr("created 0, updated 0, unchanged 0, rejected 200"));
  EXPECT_THAT(run.out, HasSubstr("row 201, jabatan: is longer than 200 characters"));
}

TEST_F(PenataanctlTest, AnUnknownColumnStopsBeforeAnythingIsSent) {
  const std::string csv = WriteFile("bad.csv", "nik,nama,hobi\n5371011207850001,X,Y\n");
  CtlResult run = Ctl({"registry", "import", csv, "--instansi", "5371"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, HasSubstr("line 1, column 3: unknown column \"hobi\""));
}

// The audit log as an admin reads it, with the token from a file (kept out of
// the shell history); refused to an instansi, and the refusal is in the log too.
TEST_F(PenataanctlTest, AuditShowsWhoDidWhatToNationalPrincipalsOnly) {
  ASSERT_EQ(Ctl({"registry", "import", WriteFile("h.csv", kCsv), "--instansi", "5371"}).exit_code, 3);
  CtlResult refused = Ctl({"audit", "--service", "registry"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_THAT(refused.err, HasSubstr("instansi:5371 may not call ListAuditEvents"));

  const std::string token_file = WriteFile("bkn.token", std::string(testing::kBknToken) + "\n");
  CtlResult audit = Ctl({"--token-file", token_file, "audit", "--service", "registry"}, "");
  EXPECT_EQ(audit.exit_code, 0) << audit.err;
  EXPECT_THAT(audit.out, HasSubstr("CreateInstansi"));
  EXPECT_THAT(audit.out, HasSubstr("instansi/5371/imports/"));
  EXPECT_THAT(audit.out, HasSubstr("ListAuditEvents"));  // the refusal above
  EXPECT_THAT(audit.out, HasSubstr("PERMISSION_DENIED"));

  CtlResult only = Ctl({"--token-file", token_file, "audit", "--service", "registry",
                        "--outcome", "PERMISSION_DENIED"}, "");
  EXPECT_EQ(only.exit_code, 0) << only.err;
  EXPECT_THAT(only.out, Not(HasSubstr("CreateInstansi")));
  EXPECT_THAT(only.out, HasSubstr("instansi:5371"));

  // Without --service the services that are not running are named, not fatal.
  CtlResult all = Ctl({"--token-file", token_file, "--formasi", "127.0.0.1:1", "--screening",
                       "127.0.0.1:1", "--notification", "127.0.0.1:1", "audit"},
                      "");
  EXPECT_EQ(all.exit_code, 0) << all.err;
  EXPECT_THAT(all.err, HasSubstr("formasi"));
}

TEST_F(PenataanctlTest, FailuresAreOneLineAPersonUnderstands) {
  CtlResult refused = Ctl({"registry", "instansi", "list"}, testing::kKupangToken, "127.0.0.1:1");
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_THAT(refused.err, HasSubstr("cannot reach the registry at 127.0.0.1:1: is it running?"));
  EXPECT_THAT(refused.err, Not(HasSubstr("StatusCode")));

  CtlResult denied = Ctl({"registry", "honorer", "list", "--instansi", "3275"});
  EXPECT_EQ(denied.exit_code, 1);
  EXPECT_THAT(denied.err, HasSubstr("permission denied: an instansi reads and changes only its own data"));

  CtlResult anonymous = Ctl({"registry", "instansi", "list"}, "");
  EXPECT_EQ(anonymous.exit_code, 1);
  EXPECT_THAT(anonymous.err, HasSubstr("not signed in"));
  EXPECT_THAT(anonymous.err, HasSubstr("PENATAAN_TOKEN"));

  CtlResult usage = Ctl({"registry", "honorer", "status", "honorers/1", "--to", "PENSIUN", "--reason", "x"});
  EXPECT_EQ(usage.exit_code, 2);
  EXPECT_THAT(usage.err, HasSubstr("--to must be one of ACTIVE, MS, TMS"));
}

TEST_F(PenataanctlTest, BulkStatusDryRunCountsAndTheRealRunChanges) {
  ASSERT_EQ(Ctl({"registry", "import", WriteFile("h.csv", kCsv), "--instansi", "5371"}).exit_code, 3);
  std::vector<std::string> bulk = {"registry", "bulk-status", "--instansi", "5371", "--to",
                                   "DIRUMAHKAN", "--except-unit", "BPBD", "--reason",
                                   "Kontrak berakhir; menunggu SK baru", "--dry-run"};
  CtlResult dry = Ctl(bulk);
  EXPECT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_THAT(dry.out, HasSubstr("dry run: 1 matched, 1 would change"));
  bulk.pop_back();
  CtlResult real = Ctl(bulk);
  EXPECT_THAT(real.out, HasSubstr("1 matched, 1 changed"));
  CtlResult list = Ctl({"registry", "honorer", "list", "--status", "DIRUMAHKAN"});
  EXPECT_THAT(list.out, HasSubstr("RSUD S. K. Lerik"));
  EXPECT_THAT(list.out, HasSubstr("1 of 1 honorers"));
}

TEST_F(PenataanctlTest, BknVerifiesFromACsvAndUnknownNiksAreListedByLine) {
  ASSERT_EQ(Ctl({"registry", "import", WriteFile("h.csv", kCsv), "--instansi", "5371"}).exit_code, 3);
  const std::string csv = WriteFile("bkn.csv",
                                    "nik,in_bkn_database\n"
                                    "5371011207850001,ya\n"
                                    "5371011207859999,1\n"
                                    "5371015208900123,tidak\n");
  CtlResult denied = Ctl({"registry", "verify", csv});
  EXPECT_EQ(denied.exit_code, 1);
  EXPECT_THAT(denied.err, HasSubstr("national:bkn only"));
  CtlResult run = Ctl({"registry", "verify", csv}, testing::kBknToken);
  EXPECT_EQ(run.exit_code, 3) << run.err;
  EXPECT_THAT(run.out, HasSubstr("line 3: nik: not in the registry"));
  EXPECT_THAT(run.out, HasSubstr("updated 1, unchanged 1, not found 1"));
}

TEST_F(PenataanctlTest, ImportTakesContactsAndVerifyTakesBknsRecord) {
  const std::string csv = WriteFile(
      "c.csv",
      "nama,nik,tanggal_lahir,jenis_kelamin,pendidikan,unit_kerja,kategori,tmt,email,whatsapp\n"
      "Yohanes Ndun,5371011207850001,1985-07-12,L,SMA,BPBD,Tenaga Teknis,2010-01-04,"
      "yohanes@Kupang.go.id,0812-3456-7890\n"
      "Maria Goreti,5371015208900123,1990-08-12,P,D-IV,RSUD,Tenaga Kesehatan,2012-07-16,,\n"
      "Maria Bria,5371015208900124,1990-08-12,P,D-IV,RSUD,Tenaga Kesehatan,2012-07-16,,021\n");
  CtlResult imported = Ctl({"registry", "import", csv, "--instansi", "5371"});
  EXPECT_EQ(imported.exit_code, 3) << imported.err;
  EXPECT_THAT(imported.out, HasSubstr("row 4, whatsapp:"));
  EXPECT_THAT(imported.out, HasSubstr("created 2"));
  auto stub = server_->NewStub();
  registry::v1::GetHonorerRequest get;
  get.set_nik("5371011207850001");
  registry::v1::Honorer h;
  ASSERT_TRUE(stub->GetHonorer(testing::Ctx(testing::kKupangToken).get(), get, &h).ok());
  EXPECT_EQ(h.contact().email(), "yohanes@kupang.go.id");
  EXPECT_EQ(h.contact().whatsapp(), "+6281234567890");

  const std::string bkn = WriteFile("bkn.csv",
                                    "NIK;in_bkn_database;Nama;Tanggal Lahir\r\n"
                                    "5371011207850001;ya;YOHANES  NDUN;21 Juli 1985\r\n"
                                    "5371015208900123;ya;Maria Goretti;\r\n");
  CtlResult run = Ctl({"registry", "verify", bkn}, testing::kBknToken);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("updated 2, unchanged 0, not found 0"));
  ASSERT_TRUE(stub->GetHonorer(testing::Ctx(testing::kKupangToken).get(), get, &h).ok());
  ASSERT_EQ(h.bkn_differences_size(), 1);  // the name agrees, folded
  EXPECT_EQ(h.bkn_differences(0).field(), "birth_date");
  EXPECT_EQ(h.bkn_differences(0).bkn_value(), "1985-07-21");
  get.set_nik("5371015208900123");
  ASSERT_TRUE(stub->GetHonorer(testing::Ctx(testing::kKupangToken).get(), get, &h).ok());
  ASSERT_EQ(h.bkn_differences_size(), 1);
  EXPECT_EQ(h.bkn_differences(0).field(), "full_name");

  CtlResult bad = Ctl({"registry", "verify",
                       WriteFile("bad.csv", "nik,in_bkn_database,birth_date\n"
                                            "6.47101E+15,ya,31-02-1985\n")},
                      testing::kBknToken);
  EXPECT_EQ(bad.exit_code, 3);
  EXPECT_THAT(bad.err,
              AllOf(HasSubstr("line 2, column nik: is a number in scientific notation"),
                    HasSubstr("line 2, column birth_date: \"31-02-1985\": February 1985 has 28 "
                              "days"),
                    HasSubstr("nothing from line 2 on was sent")));
}

TEST_F(PenataanctlTest, HealthReportsEachService) {
  CtlResult run = Ctl({"health", "--service", "registry"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("SERVING"));
}

}  // namespace
}  // namespace penataan::cli
