// `penataanctl screening` as a person runs it: the real binary against real
// screening, registry and notification servers (SQLite and MariaDB), the clock in
// the test's hand, over the quick start's Kupang data (bench/screening_demo.h).
// A round refused while a parameter lacks its regulation, then created from flags
// and shown with every regulation; applicants added from a NIK file (twice, the
// second adding none); the run with its counts per reason (330 TMS: 150 not in
// BKN, 130 service too short, 70 birth date not matching BKN); a what-if run; an
// appeal filed in the window and accepted, another refused after it; the ranking;
// another instansi refused; usage errors naming what is wrong.

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "bench/screening_demo.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "tests/testing/ctl_runner.h"
#include "tests/testing/import_upload.h"
#include "tests/testing/screening_server.h"
#include "tests/testing/test_tokens.h"

namespace penataan::cli {
namespace {

namespace sv1 = screening::v1;
namespace rv1 = registry::v1;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::CtlResult;

absl::Time At(const char* zone, int y, int mo, int d, int h, int mi, int s) {
  absl::TimeZone tz;
  absl::LoadTimeZone(zone, &tz);
  return absl::FromCivil(absl::CivilSecond(y, mo, d, h, mi, s), tz);
}

template <typename M>
M FromJson(const std::string& text) {
  M m;
  auto s = google::protobuf::util::JsonStringToMessage(text, &m);
  EXPECT_TRUE(s.ok()) << s.ToString() << ": " << text;
  return m;
}

class PenataanctlScreeningTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (storage::testing::TestDatabase::ShouldSkip(GetParam())) GTEST_SKIP() << "no MariaDB";
    auto server = testing::ScreeningServer::Start(GetParam());
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server);
    registry_ = server_->registry()->NewStub();
    dir_ = std::filesystem::temp_directory_path() /
           absl::StrCat("penataanctl_screening_", getpid(), "_", GetParam());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override {
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  CtlResult Ctl(const std::vector<std::string>& args,
                const std::string& token = testing::kBknToken) {
    return testing::RunCtl(PENATAANCTL_BINARY,
                           absl::StrCat("--screening ", server_->address(), " --registry ",
                                        server_->registry()->address(), " --token ", token),
                           args, (dir_ / "stderr").string());
  }

  // Kupang's Tahap II applicants in the registry, BKN's verification with its own
  // records, and the applicants file (nik) the CLI reads.
  std::string LoadKupang() {
    const auto applicants = bench::KupangTahap2Applicants(5371);
    std::vector<rv1::ImportRow> rows;
    rv1::VerifyHonorersRequest verify;
    for (const auto& a : applicants) {
      rows.push_back(a.row);
      auto* e = verify.add_entries();
      e->set_nik(a.row.nik());
      e->set_in_bkn_database(a.in_bkn);
      if (a.in_bkn) {
        e->set_full_name(a.row.full_name());
        int y = 0, m = 0, d = 0;
        EXPECT_EQ(std::sscanf(a.bkn_birth_date.c_str(), "%d-%d-%d", &y, &m, &d), 3);
        e->mutable_birth_date()->set_year(y);
        e->mutable_birth_date()->set_month(m);
        e->mutable_birth_date()->set_day(d);
      }
    }
    rv1::ImportHonorersResponse imported;
    grpc::Status s = testing::ImportAll(*registry_, "5371", "ctl-tahap2", rows, &imported,
                                        testing::kKupangToken);
    EXPECT_TRUE(s.ok()) << s.error_message();
    EXPECT_EQ(imported.created(), 600) << imported.DebugString().substr(0, 500);
    rv1::VerifyHonorersResponse verified;
    s = registry_->VerifyHonorers(testing::Ctx(testing::kBknToken).get(), verify, &verified);
    EXPECT_TRUE(s.ok()) << s.error_message();
    const std::string path = (dir_ / "applicants.csv").string();
    std::ofstream out(path);
    bench::WriteApplicantsCsv(out, applicants);
    return path;
  }

  std::vector<std::string> CreateArgs() {
    return {"-o", "json", "screening", "round", "create", "--name", "Seleksi PPPK 2024 Tahap II",
            "--cutoff", "2024-12-31", "--appeal", "2025-02-19..2025-02-21", "--zone",
            "Asia/Jakarta", "--min-service", "2", "--min-age", "20", "--max-age", "GENERAL=57",
            "--max-age", "FUNCTIONAL_AHLI_MADYA=59", "--max-age", "FUNCTIONAL_AHLI_UTAMA=64",
            "--require-bkn", "--require-active", "--require-bkn-match", "--open",
            "GURU,TENAGA_KEPENDIDIKAN,TENAGA_KESEHATAN,TENAGA_TEKNIS", "--min-education",
            "GURU=S1", "--min-education", "TENAGA_KESEHATAN=D3", "--min-education",
            "position:Penata Layanan Operasional=D4", "--regulation",
            "default=KepmenPANRB 347/2024", "--regulation",
            "max-age.FUNCTIONAL_AHLI_UTAMA=PP 49/2018 Pasal 16", "--request-id", "ctl-tahap2"};
  }

  std::unique_ptr<testing::ScreeningServer> server_;
  std::unique_ptr<rv1::RegistryService::Stub> registry_;
  std::filesystem::path dir_;
};

TEST_P(PenataanctlScreeningTest, KupangTahap2FromRoundToAppeal) {
  const std::string applicants = LoadKupang();

  // Every parameter must name its regulation: none is sent until each has one.
  std::vector<std::string> args = CreateArgs();
  args.erase(args.end() - 6, args.end() - 2);  // both --regulation flags
  CtlResult r = Ctl(args);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("min_continuous_service_years"));
  EXPECT_THAT(r.err, HasSubstr("max_age FUNCTIONAL_AHLI_UTAMA"));

  r = Ctl(CreateArgs());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const sv1::Round round = FromJson<sv1::Round>(r.out);
  ASSERT_FALSE(round.name().empty());
  r = Ctl(CreateArgs());  // the same request id: the same round
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(FromJson<sv1::Round>(r.out).name(), round.name());
  r = Ctl({"screening", "round", "show", round.name()}, testing::kKupangToken);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("max_age FUNCTIONAL_AHLI_UTAMA"));
  EXPECT_THAT(r.out, HasSubstr("PP 49/2018 Pasal 16"));
  EXPECT_THAT(r.out, HasSubstr("min_education position:Penata Layanan Operasional"));
  EXPECT_THAT(r.out, HasSubstr("21 Februari 2025 pukul 23.59 WIB"));

  // Applicants by NIK; a second add adds none.
  r = Ctl({"screening", "applicants", "add", round.name(), "--instansi", "5371", "--file",
           applicants},
          testing::kKupangToken);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("added 600 applicants, 0 already"));
  r = Ctl({"screening", "applicants", "add", round.name(), "--instansi", "5371", "--file",
           applicants},
          testing::kKupangToken);
  EXPECT_THAT(r.out, HasSubstr("added 0 applicants, 600 already"));

  // The run, its counts per reason; run again with its request id: the same.
  r = Ctl({"screening", "run", round.name(), "--request-id", "ctl-run"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("evaluating: "));  // plain progress lines off a terminal
  EXPECT_THAT(r.out, HasSubstr("600 of 600 applicants screened: 270 MS, 330 TMS"));
  r = Ctl({"screening", "run", round.name(), "--request-id", "ctl-run"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("270 MS, 330 TMS"));
  r = Ctl({"-o", "json", "screening", "results", round.name(), "--counts"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto summary = FromJson<sv1::ResultSummary>(r.out);
  EXPECT_EQ(summary.total().tms(), 330);
  EXPECT_EQ(summary.total().tms_by_reason().at("NOT_IN_BKN_DATABASE"), 150);
  EXPECT_EQ(summary.total().tms_by_reason().at("SERVICE_TOO_SHORT"), 130);
  EXPECT_EQ(summary.total().tms_by_reason().at("BKN_DATA_MISMATCH"), 70);
  // The story's 146 education staff among the TMS.
  EXPECT_EQ(summary.total().tms_by_category().at("GURU") +
                summary.total().tms_by_category().at("TENAGA_KEPENDIDIKAN"),
            146);
  r = Ctl({"screening", "results", round.name(), "--counts", "--instansi", "5371"},
          testing::kKupangToken);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("NOT_IN_BKN_DATABASE  tidak ada di pangkalan data BKN  150"));

  // What-if: a one-year minimum; nothing written.
  r = Ctl({"-o", "json", "screening", "run", round.name(), "--dry-run", "--set",
           "min_continuous_service_years=1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto what_if = FromJson<sv1::WhatIfReport>(r.out);
  EXPECT_EQ(what_if.stored_tms(), 330);
  EXPECT_LT(what_if.what_if_tms(), 330);
  EXPECT_GT(what_if.changed(), 0);
  r = Ctl({"screening", "run", round.name(), "--dry-run", "--set", "require-bkn=no"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("NOT_IN_BKN_DATABASE"));
  EXPECT_THAT(r.out, HasSubstr("-150"));
  r = Ctl({"-o", "json", "screening", "results", round.name(), "--counts"});
  EXPECT_EQ(FromJson<sv1::ResultSummary>(r.out).total().tms(), 330);

  // An appeal inside the window (the clock: 19 February 2025 09:00 WITA), accepted.
  r = Ctl({"-o", "json", "screening", "results", round.name(), "--instansi", "5371", "--outcome",
           "TMS", "--reason", "bkn-data-mismatch", "--page-size", "2"},
          testing::kKupangToken);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto mismatched = FromJson<sv1::ListResultsResponse>(r.out);
  ASSERT_EQ(mismatched.results_size(), 2);
  EXPECT_EQ(mismatched.total_size(), 70);
  const std::string result = mismatched.results(0).name();
  r = Ctl({"screening", "appeal", "file", result, "--answer",
           "BKN_DATA_MISMATCH=Tanggal lahir di BKN salah ketik; KTP mencatat tanggal di registri"},
          testing::kKupangToken);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("FILED"));
  r = Ctl({"screening", "appeal", "decide", result, "terima", "--note", "Sesuai KTP"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("ACCEPTED"));
  r = Ctl({"screening", "results", result}, testing::kKupangToken);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("MS (sanggah diterima)"));
  EXPECT_THAT(r.out, HasSubstr("BKN_DATA_MISMATCH: "));  // the reason kept
  r = Ctl({"screening", "appeal", "list", round.name(), "--state", "accepted"});
  EXPECT_THAT(r.out, HasSubstr("1 appeals"));

  // After the window: refused, saying when it ended.
  server_->clock().Set(At("Asia/Jakarta", 2025, 2, 22, 0, 0, 1));
  r = Ctl({"screening", "appeal", "file", mismatched.results(1).name(), "--answer",
           "BKN_DATA_MISMATCH=Salah ketik"},
          testing::kKupangToken);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("refused: "));
  // The window's end (21 February 23.59 WIB) as Kupang reads it: in WITA.
  EXPECT_THAT(r.err, HasSubstr("Masa sanggah berakhir 22 Februari 2025 pukul 00.59 WITA"));

  // The ranking: longest service first.
  r = Ctl({"-o", "json", "screening", "rank", round.name(), "--instansi", "5371", "--limit", "5"},
          testing::kKupangToken);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto ranked = FromJson<sv1::RankCandidatesResponse>(r.out);
  ASSERT_EQ(ranked.candidates_size(), 5);
  EXPECT_EQ(ranked.total_size(), 271);
  for (int i = 1; i < 5; ++i) {
    EXPECT_GE(ranked.candidates(i - 1).service_days(), ranked.candidates(i).service_days());
  }
  r = Ctl({"screening", "rank", round.name(), "--instansi", "5371", "--limit", "3"},
          testing::kKupangToken);
  EXPECT_THAT(r.out, HasSubstr("3 of 271 MS candidates of 5371"));

  // Another instansi sees nothing of Kupang's.
  r = Ctl({"screening", "results", round.name(), "--instansi", "5371"}, testing::kBekasiToken);
  EXPECT_EQ(r.exit_code, 1);
  r = Ctl({"screening", "results", result}, testing::kBekasiToken);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.out, Not(HasSubstr("sanggah")));
}

TEST_P(PenataanctlScreeningTest, UsageErrorsNameWhatIsWrong) {
  struct Case {
    std::vector<std::string> args;
    const char* want;
  } cases[] = {
      {{"screening", "round", "show", "rounds/"}, "is not a round"},
      {{"screening", "results", "3/x"}, "is not a round"},
      {{"screening", "round", "create", "--name", "X", "--cutoff", "2024-12-31", "--appeal",
        "2025-02-21..2025-02-19", "--min-service", "2", "--regulation", "default=R"},
       "the last day is before the first"},
      {{"screening", "round", "create", "--name", "X", "--cutoff", "2024-12-31", "--appeal",
        "2025-02-19", "--max-age", "57", "--regulation", "default=R"},
       "POST_KIND=YEARS"},
      {{"screening", "run", "1", "--set", "min_age_years=21"}, "only for a --dry-run"},
      {{"screening", "run", "1", "--dry-run", "--set", "salary=1"}, "is not a rule parameter"},
      {{"screening", "appeal", "file", "1/12", "--answer", "LATE=x"}, "CODE=\"statement\""},
      {{"screening", "appeal", "decide", "1/12", "maybe", "--note", "x"}, "accept or reject"},
      {{"screening", "applicants", "add", "1", "--instansi", "5371", "--honorer", "honorers/1",
        "--category", "GURU"},
       "not both"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.want);
    CtlResult r = Ctl(c.args);
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_THAT(r.err, HasSubstr(c.want));
  }
  const std::string rules = (dir_ / "rules.txt").string();
  std::ofstream(rules) << "min-service 2 | R\nmax-service 3 | R\nmin-age 20\n";
  CtlResult r = Ctl({"screening", "round", "create", "--name", "X", "--cutoff", "2024-12-31",
                     "--appeal", "2025-02-19", "--rules-file", rules});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("line 2: \"max-service\" is not a rule parameter"));
}

INSTANTIATE_TEST_SUITE_P(Backends, PenataanctlScreeningTest, ::testing::Values("sqlite", "mysql"));

}  // namespace
}  // namespace penataan::cli
