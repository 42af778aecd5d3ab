// `penataanctl formasi` as a person runs it: the real binary against real formasi
// and registry servers (SQLite and MariaDB), the clock in the test's hand. A period
// created and its deadline moved by letter, an extension; the Paruh Waktu proposal
// built with propose-all and leave-out files, validated, submitted and approved; a
// late submission refused in the instansi's own zone; CSV errors naming line and
// column; the summary as a table and as JSON.

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/civil_time.h"
#include "bench/synthetic_honorers.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "tests/testing/ctl_runner.h"
#include "tests/testing/formasi_server.h"
#include "tests/testing/import_upload.h"
#include "tests/testing/test_tokens.h"

namespace penataan::cli {
namespace {

namespace fv1 = formasi::v1;
namespace rv1 = registry::v1;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::CtlResult;

absl::Time At(const char* zone, int y, int mo, int d, int h, int mi, int s) {
  absl::TimeZone tz;
  absl::LoadTimeZone(zone, &tz);
  return absl::FromCivil(absl::CivilSecond(y, mo, d, h, mi, s), tz);
}

struct Imported {
  std::string name;  // "honorers/N"
  std::string nik;
};

class PenataanctlFormasiTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (storage::testing::TestDatabase::ShouldSkip(GetParam())) GTEST_SKIP() << "no MariaDB";
    auto server = testing::FormasiServer::Start(GetParam());
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server);
    registry_ = server_->registry()->NewStub();
    dir_ = std::filesystem::temp_directory_path() /
           absl::StrCat("penataanctl_formasi_", getpid(), "_", GetParam());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override {
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  CtlResult Ctl(const std::vector<std::string>& args,
                const std::string& token = testing::kKemenpanToken) {
    return testing::RunCtl(PENATAANCTL_BINARY,
                           absl::StrCat("--formasi ", server_->address(), " --registry ",
                                        server_->registry()->address(), " --token ", token),
                           args, (dir_ / "stderr").string());
  }

  std::string WriteFile(const std::string& name, const std::string& text) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path) << text;
    return path;
  }

  // `n` new ACTIVE honorers of `instansi`, in BKN's database when `in_bkn`.
  std::vector<Imported> Honorers(const std::string& instansi, int n, bool in_bkn = true) {
    bench::HonorerGenerator gen({static_cast<uint64_t>(++seed_ * 104729)});
    std::vector<rv1::ImportRow> rows;
    for (int i = 0; i < n; ++i) rows.push_back(gen.Next());
    rv1::ImportHonorersResponse imported;
    grpc::Status s = testing::ImportAll(*registry_, instansi, absl::StrCat("ctl", seed_), rows,
                                        &imported, testing::kKemenpanToken);
    EXPECT_TRUE(s.ok()) << s.error_message();
    std::vector<Imported> out;
    rv1::VerifyHonorersRequest verify;
    for (const rv1::ImportRow& row : rows) {
      rv1::GetHonorerRequest get;
      get.set_nik(row.nik());
      rv1::Honorer h;
      s = registry_->GetHonorer(testing::Ctx(testing::kKemenpanToken).get(), get, &h);
      EXPECT_TRUE(s.ok()) << s.error_message();
      out.push_back({h.name(), row.nik()});
      auto* e = verify.add_entries();
      e->set_nik(row.nik());
      e->set_in_bkn_database(in_bkn);
    }
    rv1::VerifyHonorersResponse verified;
    s = registry_->VerifyHonorers(testing::Ctx(testing::kBknToken).get(), verify, &verified);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  // A period through the CLI; its name.
  std::string CreatePeriod(const std::string& kind = "paruh-waktu",
                           const std::string& deadline = "2025-08-25 23:59:59") {
    CtlResult r = Ctl({"-o", "json", "formasi", "period", "create", "--name",
                       kind == "paruh-waktu" ? "PPPK Paruh Waktu 2025" : "PPPK Penuh Waktu 2025",
                       "--kind", kind, "--open", "2025-08-07 00:00:00", "--deadline", deadline,
                       "--zone", "Asia/Jakarta", "--remind", "7d,3d,1d,2h"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    fv1::Period p;
    EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(r.out, &p).ok()) << r.out;
    return p.name();
  }

  std::unique_ptr<testing::FormasiServer> server_;
  std::unique_ptr<rv1::RegistryService::Stub> registry_;
  std::filesystem::path dir_;
  int seed_ = 0;
};

TEST_P(PenataanctlFormasiTest, PeriodDeadlineMovedByLetterAndAnExtension) {
  // Before the first deadline: a deadline already past is refused when set.
  server_->clock().Set(At("Asia/Jakarta", 2025, 8, 19, 9, 0, 0));
  const std::string period = CreatePeriod("paruh-waktu", "2025-08-20 23:59:59");
  ASSERT_EQ(period, "periods/1");

  CtlResult no_letter = Ctl({"formasi", "period", "update", "1", "--deadline",
                             "2025-08-25 23:59:59"});
  EXPECT_EQ(no_letter.exit_code, 2);
  EXPECT_THAT(no_letter.err, HasSubstr("--letter"));

  CtlResult moved = Ctl({"formasi", "period", "update", "1", "--deadline", "2025-08-25 23:59:59",
                         "--letter", "B/3832/M.SM.01.00/2025", "--reason", "perpanjangan"});
  ASSERT_EQ(moved.exit_code, 0) << moved.err;
  EXPECT_THAT(moved.out, HasSubstr("deadline moved from 20 Agustus 2025 pukul 23.59 WIB to "
                                   "25 Agustus 2025 pukul 23.59 WIB"));

  CtlResult shown = Ctl({"formasi", "period", "show", "periods/1"}, testing::kKupangToken);
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_THAT(shown.out, HasSubstr("B/3832/M.SM.01.00/2025"));
  EXPECT_THAT(shown.out, HasSubstr("7d, 3d, 1d, 2h"));
  EXPECT_THAT(shown.out, HasSubstr("opens:     7 Agustus 2025 pukul 00.00 WIB"));

  CtlResult extended = Ctl({"formasi", "extend", "1", "5371", "--deadline",
                            "2025-08-27 23:59:59", "--zone", "Asia/Makassar", "--reason",
                            "gangguan jaringan", "--letter", "B/4014/M.SM.01.00/2025"});
  ASSERT_EQ(extended.exit_code, 0) << extended.err;
  EXPECT_THAT(extended.out, HasSubstr("5371 may submit until 27 Agustus 2025 pukul 23.59 WITA"));

  CtlResult listed = Ctl({"formasi", "extensions", "1"});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_THAT(listed.out, HasSubstr("B/4014/M.SM.01.00/2025"));
  EXPECT_THAT(listed.out, HasSubstr("1 extensions"));

  CtlResult periods = Ctl({"formasi", "period", "list"});
  ASSERT_EQ(periods.exit_code, 0) << periods.err;
  EXPECT_THAT(periods.out, HasSubstr("PPPK Paruh Waktu 2025"));

  CtlResult bad = Ctl({"formasi", "period", "create", "--name", "x", "--kind", "paruh-waktu",
                       "--open", "2025-08-07 00:00:00", "--deadline", "2025-08-32 23:59:59"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, HasSubstr("--deadline"));

  CtlResult closed = Ctl({"formasi", "period", "close", "1", "--reason", "uji"});
  ASSERT_EQ(closed.exit_code, 0) << closed.err;
  EXPECT_THAT(closed.out, HasSubstr("CLOSED"));
}

TEST_P(PenataanctlFormasiTest, ParuhWaktuProposalAccountsForEveryHonorerAndIsApproved) {
  const std::string period = CreatePeriod();
  const std::vector<Imported> eligible = Honorers("3275", 12);
  Honorers("3275", 2, /*in_bkn=*/false);  // not in BKN's database: not eligible

  CtlResult created = Ctl({"formasi", "proposal", "create", "1", "--instansi", "3275", "--budget",
                           "100.000.000", "--sptjm", "800/1/SPTJM/2025"},
                          testing::kBekasiToken);
  ASSERT_EQ(created.exit_code, 0) << created.err;
  const std::string proposal = "periods/1/proposals/3275";

  // Three left out by id; propose-all names the other nine.
  const std::string except = WriteFile(
      "except.csv", absl::StrCat("honorer,alasan,catatan\n", eligible[0].name, ",tidak-aktif,\n",
                                 eligible[1].name, ",anggaran,\n", eligible[2].name,
                                 ",lainnya,\"Pindah ke BUMN, Juli 2025\"\n"));
  CtlResult all = Ctl({"formasi", "proposal", "propose-all", "1/3275", "--pay", "2.500.000",
                       "--except-file", except},
                      testing::kBekasiToken);
  ASSERT_EQ(all.exit_code, 0) << all.err;
  EXPECT_THAT(all.out, HasSubstr("12 eligible honorers of 3275"));
  EXPECT_THAT(all.out, HasSubstr("9 named, 3 not named"));
  EXPECT_THAT(all.out, HasSubstr("WARNING")) << "9 x 2.5M x 12 is over a budget of 100M";

  CtlResult unaccounted = Ctl({"formasi", "proposal", "submit", proposal, "--validate-only"},
                              testing::kBekasiToken);
  EXPECT_EQ(unaccounted.exit_code, 1);
  EXPECT_THAT(unaccounted.err, HasSubstr("would be refused"));
  EXPECT_THAT(unaccounted.err, HasSubstr("3 eligible honorer"));
  EXPECT_THAT(unaccounted.out, HasSubstr("left_out: 3 unaccounted"));

  // The same three by NIK, resolved through the registry.
  const std::string by_nik = WriteFile(
      "leave.csv", absl::StrCat("nik,alasan,catatan\n", eligible[0].nik, ",tidak-aktif,\n",
                                eligible[1].nik, ",anggaran,\n", eligible[2].nik,
                                ",lainnya,Pindah ke BUMN\n"));
  CtlResult left = Ctl({"formasi", "proposal", "leave-out", proposal, "--file", by_nik},
                       testing::kBekasiToken);
  ASSERT_EQ(left.exit_code, 0) << left.err;
  EXPECT_THAT(left.out, HasSubstr("left out 3 honorers"));
  EXPECT_THAT(left.out, Not(HasSubstr(eligible[0].nik))) << "no NIK is echoed";

  // One more, named on a line: it leaves its line.
  CtlResult no_note = Ctl({"formasi", "proposal", "leave-out", proposal, eligible[3].name,
                           "--reason", "lainnya"},
                          testing::kBekasiToken);
  EXPECT_EQ(no_note.exit_code, 2);
  CtlResult one = Ctl({"formasi", "proposal", "leave-out", proposal, eligible[3].name,
                       "--reason", "meninggal"},
                      testing::kBekasiToken);
  ASSERT_EQ(one.exit_code, 0) << one.err;
  EXPECT_THAT(one.out, HasSubstr("1 taken off the lines"));
  EXPECT_THAT(one.out, HasSubstr("8 honorers named"));

  CtlResult valid = Ctl({"formasi", "proposal", "submit", proposal, "--validate-only"},
                        testing::kBekasiToken);
  ASSERT_EQ(valid.exit_code, 0) << valid.err;
  // Time left runs to the end of the deadline's second (26 Aug 00:00:00 WIB).
  EXPECT_THAT(valid.out, HasSubstr("valid: the proposal would be accepted now (8 honorers named, "
                                   "4 left out); deadline 25 Agustus 2025 pukul 23.59 WIB "
                                   "(3 hari 15 jam lagi)"));

  CtlResult submitted = Ctl({"formasi", "proposal", "submit", proposal}, testing::kBekasiToken);
  ASSERT_EQ(submitted.exit_code, 0) << submitted.err;
  EXPECT_THAT(submitted.out, HasSubstr("submitted periods/1/proposals/3275"));

  CtlResult other = Ctl({"formasi", "proposal", "show", proposal}, testing::kKupangToken);
  EXPECT_EQ(other.exit_code, 1) << "another instansi's proposal";
  EXPECT_THAT(other.err, Not(HasSubstr("3275:")));

  CtlResult shown = Ctl({"formasi", "proposal", "show", proposal}, testing::kBekasiToken);
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_THAT(shown.out, HasSubstr("state:     SUBMITTED"));
  EXPECT_THAT(shown.out, HasSubstr("submitted: 22 Agustus 2025 pukul 09.00 WIB"));
  EXPECT_THAT(shown.out, HasSubstr("meninggal dunia"));

  CtlResult approved = Ctl({"formasi", "proposal", "decide", proposal, "approve"});
  ASSERT_EQ(approved.exit_code, 0) << approved.err;
  EXPECT_THAT(approved.out, HasSubstr("is now APPROVED"));
  CtlResult again = Ctl({"formasi", "proposal", "decide", proposal, "reject", "--note", "x"});
  EXPECT_EQ(again.exit_code, 1) << "an APPROVED proposal is not decided again";
  EXPECT_THAT(again.err, HasSubstr("refused"));

  CtlResult summary = Ctl({"formasi", "summary", "1"});
  ASSERT_EQ(summary.exit_code, 0) << summary.err;
  EXPECT_THAT(summary.out, HasSubstr("APPROVED"));
  EXPECT_THAT(summary.out, HasSubstr("honorers:  8 named, 4 left out: 66.7%"));
  EXPECT_THAT(summary.out, HasSubstr("tidak aktif bekerja"));
  EXPECT_THAT(summary.out, HasSubstr("not submitted (2): 5371"));

  CtlResult json = Ctl({"-o", "json", "formasi", "summary", "1"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  fv1::PeriodSummary parsed;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(json.out, &parsed).ok()) << json.out;
  EXPECT_EQ(parsed.honorers_named(), 8);
  EXPECT_EQ(parsed.honorers_left_out(), 4);

  CtlResult own = Ctl({"formasi", "summary", "1", "--instansi", "5371"}, testing::kBekasiToken);
  EXPECT_EQ(own.exit_code, 1) << "an instansi reads only its own row";
  EXPECT_THAT(own.err, HasSubstr("permission denied"));
}

TEST_P(PenataanctlFormasiTest, LateSubmissionIsRefusedWithTheDeadlineInTheInstansiZone) {
  CreatePeriod("penuh-waktu");
  ASSERT_EQ(Ctl({"formasi", "proposal", "create", "1", "--instansi", "5371", "--sptjm", "S/1"},
                testing::kKupangToken)
                .exit_code,
            0);
  const std::string lines = WriteFile(
      "lines.csv",
      "kategori,jabatan,pendidikan,unit_kerja,jumlah,gaji\n"
      "tenaga-kesehatan,Perawat,D3,RSUD S. K. Lerik,4,\"2.500.000\"\n"
      "GURU,Guru Kelas,S1,Dinas Pendidikan,10,2500000\n");
  CtlResult added = Ctl({"formasi", "proposal", "add-lines", "1/5371", lines},
                        testing::kKupangToken);
  ASSERT_EQ(added.exit_code, 0) << added.err;
  EXPECT_THAT(added.out, HasSubstr("added 2 lines"));
  EXPECT_THAT(added.out, HasSubstr("14 on 2 lines"));

  server_->clock().Set(At("Asia/Jakarta", 2025, 8, 25, 23, 59, 59) + absl::Seconds(1));
  CtlResult late = Ctl({"formasi", "proposal", "submit", "1/5371"}, testing::kKupangToken);
  EXPECT_EQ(late.exit_code, 1);
  EXPECT_THAT(late.err, HasSubstr("26 Agustus 2025 pukul 00.59 WITA"));

  CtlResult listed = Ctl({"formasi", "proposal", "list", "1"});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_THAT(listed.out, HasSubstr("DRAFT (missed)"));
}

TEST_P(PenataanctlFormasiTest, CsvErrorsNameTheLineAndColumnAndSendNothing) {
  CreatePeriod("penuh-waktu");
  ASSERT_EQ(Ctl({"formasi", "proposal", "create", "1", "--instansi", "5371"},
                testing::kKupangToken)
                .exit_code,
            0);
  const std::string lines = WriteFile(
      "bad.csv",
      "kategori,jabatan,pendidikan,unit_kerja,jumlah,gaji\n"
      "GURU,Guru Kelas,S1,Dinas Pendidikan,10,2500000\n"
      "GURU,Guru Kelas,S9,Dinas Pendidikan,10,\"2,5\"\n");
  CtlResult bad = Ctl({"formasi", "proposal", "add-lines", "1/5371", lines},
                      testing::kKupangToken);
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, HasSubstr("line 3, column pendidikan"));
  EXPECT_THAT(bad.err, HasSubstr("line 3, column gaji"));
  EXPECT_THAT(bad.err, HasSubstr("nothing was sent"));

  CtlResult shown = Ctl({"formasi", "proposal", "show", "1/5371"}, testing::kKupangToken);
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_THAT(shown.out, HasSubstr("0 on 0 lines"));

  CtlResult reason = Ctl({"formasi", "proposal", "leave-out", "1/5371", "--file",
                          WriteFile("l.csv", "honorer,alasan\n7,pensiun\n")},
                         testing::kKupangToken);
  EXPECT_EQ(reason.exit_code, 2);
  EXPECT_THAT(reason.err, HasSubstr("line 2, column alasan: \"pensiun\""));
}

TEST_P(PenataanctlFormasiTest, RegistryDownAtSubmitIsToldAsSuchAndChangesNothing) {
  CreatePeriod();
  const std::vector<Imported> eligible = Honorers("3275", 3);
  ASSERT_EQ(Ctl({"formasi", "proposal", "create", "1", "--instansi", "3275", "--sptjm", "S/1"},
                testing::kBekasiToken)
                .exit_code,
            0);
  CtlResult all = Ctl({"formasi", "proposal", "propose-all", "1/3275", "--pay", "2500000"},
                      testing::kBekasiToken);
  ASSERT_EQ(all.exit_code, 0) << all.err;

  server_->registry()->Stop();
  CtlResult down = Ctl({"formasi", "proposal", "submit", "1/3275"}, testing::kBekasiToken);
  EXPECT_EQ(down.exit_code, 1);
  EXPECT_THAT(down.err, HasSubstr("formasi is up but cannot do this now"));
  EXPECT_THAT(down.err, Not(HasSubstr("is it running")));

  CtlResult shown = Ctl({"formasi", "proposal", "show", "1/3275"}, testing::kBekasiToken);
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_THAT(shown.out, HasSubstr("state:     DRAFT"));
}

INSTANTIATE_TEST_SUITE_P(Backends, PenataanctlFormasiTest, ::testing::Values("sqlite", "mysql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace penataan::cli
