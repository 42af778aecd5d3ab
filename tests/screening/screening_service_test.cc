// The screening service against a real registry and notification service, on
// SQLite and MariaDB, with the clock in the test's hand: rounds (idempotent
// create, validation naming fields, no rule change once results exist),
// applicants by name and by filter, results read, filtered and summarised,
// appeals inside and outside a WIB window read in WITA and WIT, one appeal per
// result answering each failed rule, BKN's decision with its etag, the ranking
// and its paging, and another instansi's data on every scoped method. Results
// are written through the store, as a run would.

#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "common/errors.h"
#include "common/proto_time.h"
#include "common/server/grpc_status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "penataan/notification/v1/notification.grpc.pb.h"
#include "tests/testing/import_upload.h"
#include "tests/testing/screening_server.h"
#include "tests/testing/test_tokens.h"

namespace penataan {
namespace {

namespace sv1 = screening::v1;
namespace rv1 = registry::v1;
using testing::Ctx;
using ::testing::HasSubstr;
using ::testing::Not;

absl::Time At(const char* zone, int y, int mo, int d, int h, int mi, int s) {
  absl::TimeZone tz;
  absl::LoadTimeZone(zone, &tz);
  return absl::FromCivil(absl::CivilSecond(y, mo, d, h, mi, s), tz);
}

std::vector<std::string> Fields(const grpc::Status& s) {
  std::vector<std::string> out;
  for (const Violation& v : ViolationsOf(FromGrpcStatus(s))) out.push_back(v.field);
  return out;
}

void SetDay(int y, int m, int d, common::v1::Date* out) {
  out->set_year(y);
  out->set_month(m);
  out->set_day(d);
}

sv1::Reason Reason(sv1::ReasonCode code) {
  sv1::Reason r;
  r.set_code(code);
  r.set_message(absl::StrCat("alasan ", sv1::ReasonCode_Name(code)));
  r.set_regulation("KepmenPANRB 347/2024");
  return r;
}

class ScreeningTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (storage::testing::TestDatabase::ShouldSkip(GetParam())) GTEST_SKIP() << "no MariaDB";
    auto server = testing::ScreeningServer::Start(GetParam());
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server);
    stub_ = server_->NewStub();
    registry_ = server_->registry()->NewStub();
  }

  FakeClock& clock() { return server_->clock(); }

  static sv1::Round RoundInput(const std::string& name = "Seleksi PPPK 2024 Tahap II") {
    sv1::Round r;
    r.set_display_name(name);
    SetDay(2024, 12, 31, r.mutable_cutoff_date());
    r.mutable_rules()->mutable_min_continuous_service_years()->set_value(2);
    r.mutable_rules()->mutable_min_continuous_service_years()->set_regulation(
        "KepmenPANRB 347/2024");
    SetDay(2025, 2, 19, r.mutable_appeal_start_date());
    SetDay(2025, 2, 21, r.mutable_appeal_end_date());
    r.set_appeal_time_zone("Asia/Jakarta");
    return r;
  }

  sv1::Round CreateRound(const std::string& request_id = "") {
    sv1::CreateRoundRequest req;
    *req.mutable_round() = RoundInput();
    req.set_request_id(request_id);
    sv1::Round out;
    grpc::Status s = stub_->CreateRound(Ctx(testing::kBknToken).get(), req, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  int64_t RoundId(const sv1::Round& r) { return std::stoll(r.name().substr(7)); }

  // A new honorer of `instansi`, ACTIVE; its id.
  // `service_year`: when its service began (1 July); before 2023 it passes the
  // round's two years.
  int64_t Honorer(const std::string& instansi, const std::string& name = "Yohanes Laka",
                  int service_year = 2010, const std::string& email = "",
                  const std::string& whatsapp = "") {
    static int n = 0;
    rv1::CreateHonorerRequest req;
    rv1::Honorer* h = req.mutable_honorer();
    // PP KK CC DDMMYY SSSS: the instansi's region, born 1 March 1985, a serial.
    h->set_nik(absl::StrCat(instansi, "01", "010385", absl::Dec(++n, absl::kZeroPad4)));
    h->set_full_name(name);
    SetDay(1985, 3, 1, h->mutable_birth_date());
    h->set_gender(rv1::MALE);
    h->set_education(common::v1::S1);
    h->set_instansi_code(instansi);
    h->set_unit_kerja("Dinas Pendidikan");
    h->set_jabatan_category(common::v1::GURU);
    h->set_position_title("Guru Kelas");
    SetDay(service_year, 7, 1, h->mutable_service_start_date());
    if (!email.empty()) h->mutable_contact()->set_email(email);
    if (!whatsapp.empty()) h->mutable_contact()->set_whatsapp(whatsapp);
    rv1::Honorer out;
    grpc::Status s = registry_->CreateHonorer(Ctx(testing::kKemenpanToken).get(), req, &out);
    EXPECT_TRUE(s.ok()) << s.error_message() << " " << h->nik();
    return s.ok() ? std::stoll(out.name().substr(9)) : 0;
  }

  // A result as a run stores it.
  void PutResult(int64_t round, int64_t honorer, const std::string& instansi, sv1::Outcome outcome,
                 std::vector<sv1::ReasonCode> codes = {}, int64_t service_days = 5000,
                 int64_t age_days = 14000, const std::string& name = "Nama") {
    screening::Result r;
    r.round_id = round;
    r.honorer_id = honorer;
    r.instansi_code = instansi;
    r.outcome = outcome;
    for (sv1::ReasonCode c : codes) r.reasons.push_back(Reason(c));
    r.reason_mask = screening::ReasonMask(r.reasons);
    r.service_days = service_days;
    r.age_days = age_days;
    r.age_years = static_cast<int>(age_days / 365);
    r.full_name = name;
    r.run_id = 1;
    r.decide_time = r.update_time = clock().Now();
    auto conn = server_->db().Acquire();
    ASSERT_TRUE(conn.ok());
    ASSERT_TRUE(server_->logic().store().InsertResults(**conn, {r}).ok());
  }

  grpc::Status File(const char* token, const std::string& result,
                    std::vector<std::pair<sv1::ReasonCode, std::string>> answers,
                    sv1::Appeal* out, const std::string& request_id = "") {
    sv1::FileAppealRequest req;
    req.set_result(result);
    req.set_request_id(request_id);
    for (auto& [code, text] : answers) {
      auto* a = req.add_answers();
      a->set_code(code);
      a->set_statement(text);
    }
    return stub_->FileAppeal(Ctx(token).get(), req, out);
  }

  std::unique_ptr<testing::ScreeningServer> server_;
  std::unique_ptr<sv1::ScreeningService::Stub> stub_;
  std::unique_ptr<rv1::RegistryService::Stub> registry_;
};

TEST_P(ScreeningTest, CreateRoundIsIdempotentAndItsWindowIsWholeDays) {
  sv1::Round a = CreateRound("round-1");
  sv1::Round b = CreateRound("round-1");
  EXPECT_EQ(a.name(), b.name());
  EXPECT_EQ(FromTimestamp(a.appeal_window_start()), At("Asia/Jakarta", 2025, 2, 19, 0, 0, 0));
  EXPECT_EQ(FromTimestamp(a.appeal_window_end()), At("Asia/Jakarta", 2025, 2, 22, 0, 0, 0));
  EXPECT_EQ(a.rules().min_continuous_service_years().value(), 2);
  EXPECT_EQ(a.etag(), "1");
  sv1::Round c = CreateRound("round-2");
  EXPECT_NE(c.name(), a.name());

  sv1::ListRoundsRequest list;
  list.set_page_size(1);
  sv1::ListRoundsResponse page;
  ASSERT_TRUE(stub_->ListRounds(Ctx(testing::kKupangToken).get(), list, &page).ok());
  ASSERT_EQ(page.rounds_size(), 1);
  EXPECT_FALSE(page.next_page_token().empty());
}

TEST_P(ScreeningTest, CreateRoundNamesTheFieldsThatAreWrong) {
  struct Case {
    const char* what;
    std::function<void(sv1::Round*)> change;
    std::string field;
  };
  const std::vector<Case> cases = {
      {"no name", [](sv1::Round* r) { r->clear_display_name(); }, "round.display_name"},
      {"no cut-off", [](sv1::Round* r) { r->clear_cutoff_date(); }, "round.cutoff_date"},
      {"31 February", [](sv1::Round* r) { SetDay(2025, 2, 31, r->mutable_appeal_end_date()); },
       "round.appeal_end_date"},
      {"end before start",
       [](sv1::Round* r) { SetDay(2025, 2, 18, r->mutable_appeal_end_date()); },
       "round.appeal_end_date"},
      {"unknown zone", [](sv1::Round* r) { r->set_appeal_time_zone("Asia/Kupang"); },
       "round.appeal_time_zone"},
      {"no regulation",
       [](sv1::Round* r) { r->mutable_rules()->mutable_min_continuous_service_years()->clear_regulation(); },
       "round.rules.min_continuous_service_years.regulation"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    sv1::CreateRoundRequest req;
    *req.mutable_round() = RoundInput();
    c.change(req.mutable_round());
    sv1::Round out;
    grpc::Status s = stub_->CreateRound(Ctx(testing::kBknToken).get(), req, &out);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << s.error_message();
    EXPECT_THAT(Fields(s), ::testing::Contains(c.field)) << s.error_message();
  }
}

TEST_P(ScreeningTest, UpdateRoundNeedsTheEtagAndKeepsRulesOnceResultsExist) {
  sv1::Round round = CreateRound();
  sv1::UpdateRoundRequest req;
  req.mutable_round()->set_name(round.name());
  req.mutable_round()->mutable_rules()->mutable_min_age_years()->set_value(20);
  req.mutable_round()->mutable_rules()->mutable_min_age_years()->set_regulation("PermenPANRB 6/2024");
  req.mutable_update_mask()->add_paths("rules.min_age_years");
  req.set_etag("7");
  sv1::Round out;
  EXPECT_EQ(stub_->UpdateRound(Ctx(testing::kBknToken).get(), req, &out).error_code(),
            grpc::StatusCode::ABORTED);
  req.set_etag(round.etag());
  grpc::Status s = stub_->UpdateRound(Ctx(testing::kBknToken).get(), req, &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(out.rules().min_age_years().value(), 20);
  EXPECT_EQ(out.rules().min_continuous_service_years().value(), 2);  // untouched
  EXPECT_EQ(out.etag(), "2");

  PutResult(RoundId(round), 1, "5371", sv1::MS);
  req.set_etag(out.etag());
  s = stub_->UpdateRound(Ctx(testing::kBknToken).get(), req, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << s.error_message();
  EXPECT_THAT(Fields(s), ::testing::Contains("round.rules"));
  req.mutable_update_mask()->clear_paths();
  req.mutable_update_mask()->add_paths("cutoff_date");
  SetDay(2025, 1, 31, req.mutable_round()->mutable_cutoff_date());
  EXPECT_EQ(stub_->UpdateRound(Ctx(testing::kBknToken).get(), req, &out).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  // The name and the window still change.
  req.mutable_update_mask()->clear_paths();
  req.mutable_update_mask()->add_paths("display_name");
  req.mutable_update_mask()->add_paths("appeal_end_date");
  req.mutable_round()->set_display_name("Seleksi PPPK 2024 Tahap II (perpanjangan)");
  SetDay(2025, 2, 24, req.mutable_round()->mutable_appeal_end_date());
  s = stub_->UpdateRound(Ctx(testing::kBknToken).get(), req, &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(FromTimestamp(out.appeal_window_end()), At("Asia/Jakarta", 2025, 2, 25, 0, 0, 0));
  EXPECT_EQ(out.ms_count(), 1);
}

// A run under way (RUNNING, its lease not expired) keeps the round as it read it
// (rules, name, window: its notices carry them); once results are published the
// window's end may move later only.
TEST_P(ScreeningTest, UpdateRoundWaitsForALiveRunAndNeverShortensAPublishedWindow) {
  sv1::Round round = CreateRound();
  const int64_t r = RoundId(round);
  const int64_t now_us = absl::ToUnixMicros(clock().Now());
  auto exec = [&](const std::string& sql, const std::vector<storage::Value>& params) {
    auto conn = server_->db().Acquire();
    ASSERT_TRUE(conn.ok());
    auto done = (*conn)->Execute(sql, params);
    ASSERT_TRUE(done.ok()) << done.status();
  };
  exec("INSERT INTO runs (round_id, request_id, state, phase, processed, total, ms, tms, error,"
       " lease_owner, lease_until_us, created_by, create_time_us, update_time_us)"
       " VALUES (?, 'run-1', ?, 1, 0, 0, 0, 0, '', 'elsewhere', ?, 'national:bkn', ?, ?)",
       {r, int64_t{sv1::Run::RUNNING}, now_us + 60'000'000, now_us, now_us});
  sv1::UpdateRoundRequest req;
  req.mutable_round()->set_name(round.name());
  SetDay(2025, 1, 31, req.mutable_round()->mutable_cutoff_date());
  req.mutable_update_mask()->add_paths("cutoff_date");
  req.set_etag(round.etag());
  sv1::Round out;
  grpc::Status s = stub_->UpdateRound(Ctx(testing::kBknToken).get(), req, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << s.error_message();
  EXPECT_THAT(s.error_message(), HasSubstr("under way"));
  EXPECT_THAT(Fields(s), ::testing::Contains("round"));
  // Nor the name; once its lease has lapsed (a dead worker), both may change.
  req.mutable_update_mask()->clear_paths();
  req.mutable_update_mask()->add_paths("display_name");
  req.mutable_round()->set_display_name("Seleksi PPPK 2024 Tahap II (revisi)");
  s = stub_->UpdateRound(Ctx(testing::kBknToken).get(), req, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << s.error_message();
  clock().Advance(absl::Minutes(2));
  s = stub_->UpdateRound(Ctx(testing::kBknToken).get(), req, &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  req.mutable_update_mask()->clear_paths();
  req.mutable_update_mask()->add_paths("cutoff_date");
  req.set_etag(out.etag());
  s = stub_->UpdateRound(Ctx(testing::kBknToken).get(), req, &out);
  ASSERT_TRUE(s.ok()) << s.error_message();

  // Published: honorers were told the window ends 21 February 23.59 WIB.
  exec("UPDATE rounds SET results_publish_us = ? WHERE id = ?", {now_us, r});
  req.mutable_update_mask()->clear_paths();
  req.mutable_update_mask()->add_paths("appeal_end_date");
  SetDay(2025, 2, 20, req.mutable_round()->mutable_appeal_end_date());
  req.set_etag(out.etag());
  s = stub_->UpdateRound(Ctx(testing::kBknToken).get(), req, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << s.error_message();
  EXPECT_THAT(s.error_message(), HasSubstr("21 Februari 2025 pukul 23.59 WIB"));
  EXPECT_THAT(Fields(s), ::testing::Contains("round.appeal_end_date"));
  // A zone further east ends the same days earlier: refused too.
  req.mutable_update_mask()->clear_paths();
  req.mutable_update_mask()->add_paths("appeal_time_zone");
  req.mutable_round()->set_appeal_time_zone("Asia/Jayapura");
  EXPECT_EQ(stub_->UpdateRound(Ctx(testing::kBknToken).get(), req, &out).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  // Later is allowed.
  req.mutable_update_mask()->clear_paths();
  req.mutable_update_mask()->add_paths("appeal_end_date");
  SetDay(2025, 2, 24, req.mutable_round()->mutable_appeal_end_date());
  s = stub_->UpdateRound(Ctx(testing::kBknToken).get(), req, &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(FromTimestamp(out.appeal_window_end()), At("Asia/Jakarta", 2025, 2, 25, 0, 0, 0));
}

// At most 5000 named honorers a call (docs/security.md "Limits"): 5000 are added in
// one call; one more is refused naming `honorers` before anything is read or stored.
TEST_P(ScreeningTest, FiveThousandApplicantsAreAddedInOneCallAndOneMoreIsRefused) {
  constexpr int kMost = 5000;
  std::vector<rv1::ImportRow> rows;
  for (int i = 1; i <= kMost; ++i) {
    rv1::ImportRow r;
    r.set_row_number(i + 1);
    r.set_nik(absl::StrCat("537101010385", absl::Dec(i, absl::kZeroPad4)));
    r.set_full_name(absl::StrCat("Honorer ", i));
    r.set_birth_date("1985-03-01");
    r.set_gender("MALE");
    r.set_education("S1");
    r.set_unit_kerja("Dinas Pendidikan");
    r.set_jabatan_category("GURU");
    r.set_position_title("Guru Kelas");
    r.set_service_start_date("2010-07-01");
    rows.push_back(std::move(r));
  }
  rv1::ImportHonorersResponse imported;
  grpc::Status s = testing::ImportAll(*registry_, "5371", "applicants-5000", rows, &imported,
                                      testing::kKupangToken);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(imported.created(), kMost);
  rv1::ListHonorersRequest list;
  list.set_instansi_code("5371");
  list.set_page_size(1000);
  std::vector<std::string> names;
  do {
    rv1::ListHonorersResponse page;
    ASSERT_TRUE(registry_->ListHonorers(Ctx(testing::kKupangToken).get(), list, &page).ok());
    for (const rv1::Honorer& h : page.honorers()) names.push_back(h.name());
    list.set_page_token(page.next_page_token());
  } while (!list.page_token().empty());
  ASSERT_EQ(names.size(), static_cast<size_t>(kMost));
  auto applicants = [&] {
    auto conn = server_->db().Acquire();
    auto n = (*conn)->Query("SELECT COUNT(*) FROM applicants");
    return n.ok() ? (*n)[0].Int(0) : -1;
  };

  sv1::Round round = CreateRound();
  sv1::AddApplicantsRequest req;
  req.set_round(round.name());
  for (const std::string& n : names) req.add_honorers(n);
  req.add_honorers(names[0]);
  sv1::AddApplicantsResponse out;
  s = stub_->AddApplicants(Ctx(testing::kKupangToken).get(), req, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(Fields(s), ::testing::ElementsAre("honorers"));
  EXPECT_THAT(s.error_message(), HasSubstr("at most 5000"));
  EXPECT_EQ(applicants(), 0);

  req.mutable_honorers()->RemoveLast();
  s = stub_->AddApplicants(Ctx(testing::kKupangToken).get(), req, &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(out.added(), kMost);
  EXPECT_EQ(applicants(), kMost);
}

TEST_P(ScreeningTest, ApplicantsByNameAndByFilter) {
  sv1::Round round = CreateRound();
  const int64_t k1 = Honorer("5371"), k2 = Honorer("5371"), k3 = Honorer("5371");
  const int64_t bekasi = Honorer("3275");
  sv1::AddApplicantsRequest req;
  req.set_round(round.name());
  req.add_honorers(absl::StrCat("honorers/", k1));
  req.add_honorers(absl::StrCat("honorers/", k2));
  sv1::AddApplicantsResponse out;
  grpc::Status s = stub_->AddApplicants(Ctx(testing::kKupangToken).get(), req, &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(out.added(), 2);
  ASSERT_TRUE(stub_->AddApplicants(Ctx(testing::kKupangToken).get(), req, &out).ok());
  EXPECT_EQ(out.added(), 0);
  EXPECT_EQ(out.already_applicants(), 2);

  // Another instansi's honorer reads as one that does not exist.
  sv1::AddApplicantsRequest foreign;
  foreign.set_round(round.name());
  foreign.add_honorers(absl::StrCat("honorers/", bekasi));
  s = stub_->AddApplicants(Ctx(testing::kKupangToken).get(), foreign, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(Fields(s), ::testing::ElementsAre("honorers[0]"));
  EXPECT_THAT(s.error_message(), Not(HasSubstr("3275")));
  sv1::AddApplicantsRequest missing = foreign;
  missing.set_honorers(0, "honorers/999999");
  grpc::Status m = stub_->AddApplicants(Ctx(testing::kKupangToken).get(), missing, &out);
  EXPECT_EQ(m.error_code(), grpc::StatusCode::NOT_FOUND);
  // BKN may add anyone (the rules then judge where they work).
  foreign.set_instansi_code("5371");
  ASSERT_TRUE(stub_->AddApplicants(Ctx(testing::kBknToken).get(), foreign, &out).ok());
  EXPECT_EQ(out.added(), 1);

  // By filter: every ACTIVE honorer of 5371, those already applicants counted.
  sv1::AddApplicantsRequest filter;
  filter.set_round(round.name());
  filter.set_instansi_code("5371");
  s = stub_->AddApplicants(Ctx(testing::kBknToken).get(), filter, &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(out.added(), 1);  // k3
  EXPECT_EQ(out.already_applicants(), 2);

  sv1::ListApplicantsRequest list;
  list.set_round(round.name());
  list.set_page_size(2);
  sv1::ListApplicantsResponse page;
  ASSERT_TRUE(stub_->ListApplicants(Ctx(testing::kKupangToken).get(), list, &page).ok());
  EXPECT_EQ(page.total_size(), 4);
  ASSERT_EQ(page.applicants_size(), 2);
  EXPECT_EQ(page.applicants(0).honorer(), absl::StrCat("honorers/", k1));
  list.set_page_token(page.next_page_token());
  ASSERT_TRUE(stub_->ListApplicants(Ctx(testing::kKupangToken).get(), list, &page).ok());
  ASSERT_EQ(page.applicants_size(), 2);
  EXPECT_EQ(page.applicants(0).honorer(), absl::StrCat("honorers/", k3));
  EXPECT_TRUE(page.next_page_token().empty());
}

TEST_P(ScreeningTest, ResultsFilteredPagedAndSummarised) {
  sv1::Round round = CreateRound();
  const int64_t r = RoundId(round);
  PutResult(r, 11, "5371", sv1::MS);
  PutResult(r, 12, "5371", sv1::TMS, {sv1::SERVICE_TOO_SHORT});
  PutResult(r, 13, "5371", sv1::TMS, {sv1::NOT_IN_BKN_DATABASE, sv1::SERVICE_TOO_SHORT});
  PutResult(r, 21, "3275", sv1::TMS, {sv1::AGE_ABOVE_MAX});

  sv1::ListResultsRequest req;
  req.set_round(round.name());
  sv1::ListResultsResponse out;
  ASSERT_TRUE(stub_->ListResults(Ctx(testing::kKupangToken).get(), req, &out).ok());
  EXPECT_EQ(out.total_size(), 3);  // its own only
  req.set_outcome(sv1::TMS);
  ASSERT_TRUE(stub_->ListResults(Ctx(testing::kKupangToken).get(), req, &out).ok());
  EXPECT_EQ(out.total_size(), 2);
  req.set_reason(sv1::NOT_IN_BKN_DATABASE);
  ASSERT_TRUE(stub_->ListResults(Ctx(testing::kKupangToken).get(), req, &out).ok());
  ASSERT_EQ(out.results_size(), 1);
  EXPECT_EQ(out.results(0).name(), absl::StrCat(round.name(), "/results/13"));
  ASSERT_EQ(out.results(0).reasons_size(), 2);
  EXPECT_EQ(out.results(0).reasons(1).code(), sv1::SERVICE_TOO_SHORT);
  // BKN reads every instansi, page by page.
  sv1::ListResultsRequest all;
  all.set_round(round.name());
  all.set_page_size(3);
  ASSERT_TRUE(stub_->ListResults(Ctx(testing::kBknToken).get(), all, &out).ok());
  EXPECT_EQ(out.total_size(), 4);
  EXPECT_EQ(out.results_size(), 3);
  all.set_page_token(out.next_page_token());
  ASSERT_TRUE(stub_->ListResults(Ctx(testing::kBknToken).get(), all, &out).ok());
  ASSERT_EQ(out.results_size(), 1);
  EXPECT_EQ(out.results(0).instansi_code(), "3275");

  sv1::SummarizeResultsRequest sum;
  sum.set_round(round.name());
  sv1::ResultSummary summary;
  ASSERT_TRUE(stub_->SummarizeResults(Ctx(testing::kBknToken).get(), sum, &summary).ok());
  ASSERT_EQ(summary.rows_size(), 2);
  EXPECT_EQ(summary.total().ms(), 1);
  EXPECT_EQ(summary.total().tms(), 3);
  EXPECT_EQ(summary.total().tms_by_reason().at("SERVICE_TOO_SHORT"), 2);
  EXPECT_EQ(summary.total().tms_by_reason().at("AGE_ABOVE_MAX"), 1);
  ASSERT_TRUE(stub_->SummarizeResults(Ctx(testing::kKupangToken).get(), sum, &summary).ok());
  ASSERT_EQ(summary.rows_size(), 1);
  EXPECT_EQ(summary.rows(0).instansi_code(), "5371");
  EXPECT_EQ(summary.rows(0).tms_by_reason().at("NOT_IN_BKN_DATABASE"), 1);

  sv1::Round read;
  sv1::GetRoundRequest get;
  get.set_name(round.name());
  ASSERT_TRUE(stub_->GetRound(Ctx(testing::kKupangToken).get(), get, &read).ok());
  EXPECT_EQ(read.ms_count(), 1);
  EXPECT_EQ(read.tms_count(), 3);
}

TEST_P(ScreeningTest, AppealsOnlyInsideTheWindowReadInTheInstansiZone) {
  sv1::Round round = CreateRound();  // 19–21 February, WIB
  const int64_t r = RoundId(round);
  PutResult(r, 31, "5371", sv1::TMS, {sv1::SERVICE_TOO_SHORT, sv1::BKN_DATA_MISMATCH});
  PutResult(r, 32, "5371", sv1::TMS, {sv1::SERVICE_TOO_SHORT});
  PutResult(r, 33, "5371", sv1::MS);
  PutResult(r, 41, "9471", sv1::TMS, {sv1::NOT_IN_BKN_DATABASE});
  const std::string result31 = absl::StrCat(round.name(), "/results/31");
  sv1::Appeal appeal;

  // Before the window opens.
  clock().Set(At("Asia/Jakarta", 2025, 2, 18, 23, 59, 0));
  grpc::Status s = File(testing::kKupangToken, result31,
                        {{sv1::SERVICE_TOO_SHORT, "TMT 2019"}, {sv1::BKN_DATA_MISMATCH, "KTP"}},
                        &appeal);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << s.error_message();

  clock().Set(At("Asia/Makassar", 2025, 2, 19, 9, 0, 0));
  // Each failed rule answered exactly once, with a statement.
  s = File(testing::kKupangToken, result31, {{sv1::SERVICE_TOO_SHORT, "TMT 2019"}}, &appeal);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(Fields(s), ::testing::ElementsAre("answers"));
  EXPECT_THAT(s.error_message(), HasSubstr("BKN_DATA_MISMATCH"));
  s = File(testing::kKupangToken, result31,
           {{sv1::SERVICE_TOO_SHORT, "TMT 2019"}, {sv1::AGE_BELOW_MIN, "x"}}, &appeal);
  EXPECT_THAT(Fields(s), ::testing::ElementsAre("answers[1].code"));
  s = File(testing::kKupangToken, result31,
           {{sv1::SERVICE_TOO_SHORT, "a"}, {sv1::SERVICE_TOO_SHORT, "b"}}, &appeal);
  EXPECT_THAT(Fields(s), ::testing::ElementsAre("answers[1].code"));
  s = File(testing::kKupangToken, result31,
           {{sv1::SERVICE_TOO_SHORT, " "}, {sv1::BKN_DATA_MISMATCH, "KTP"}}, &appeal);
  EXPECT_THAT(Fields(s), ::testing::ElementsAre("answers[0].statement"));
  s = File(testing::kKupangToken, result31,
           {{sv1::SERVICE_TOO_SHORT, std::string(2001, 'a')}, {sv1::BKN_DATA_MISMATCH, "KTP"}},
           &appeal);
  EXPECT_THAT(Fields(s), ::testing::ElementsAre("answers[0].statement"));
  // An MS result has nothing to appeal.
  s = File(testing::kKupangToken, absl::StrCat(round.name(), "/results/33"), {}, &appeal);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);

  const std::vector<std::pair<sv1::ReasonCode, std::string>> answers = {
      {sv1::BKN_DATA_MISMATCH, "Tanggal lahir di KTP 1 Maret 1985, sama dengan data BKN"},
      {sv1::SERVICE_TOO_SHORT, "SK pertama bertanggal 1 Juli 2010"}};
  s = File(testing::kKupangToken, result31, answers, &appeal, "appeal-31");
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(appeal.state(), sv1::Appeal::FILED);
  EXPECT_EQ(appeal.name(), absl::StrCat(result31, "/appeal"));
  ASSERT_EQ(appeal.answers_size(), 2);
  EXPECT_EQ(appeal.answers(0).code(), sv1::SERVICE_TOO_SHORT);  // the result's order
  // One per result: a retry answers the same appeal, another filing is refused.
  sv1::Appeal again;
  ASSERT_TRUE(File(testing::kKupangToken, result31, answers, &again, "appeal-31").ok());
  EXPECT_EQ(again.name(), appeal.name());
  EXPECT_EQ(File(testing::kKupangToken, result31, answers, &again, "appeal-31b").error_code(),
            grpc::StatusCode::ALREADY_EXISTS);
  sv1::GetResultRequest get;
  get.set_name(result31);
  sv1::Result result;
  ASSERT_TRUE(stub_->GetResult(Ctx(testing::kKupangToken).get(), get, &result).ok());
  EXPECT_EQ(result.appeal(), appeal.name());

  // The last second of 21 February WIB is inside; its end is not.
  clock().Set(At("Asia/Jakarta", 2025, 2, 21, 23, 59, 59));
  sv1::Appeal in_time;
  ASSERT_TRUE(File(testing::kJayapuraToken, absl::StrCat(round.name(), "/results/41"),
                   {{sv1::NOT_IN_BKN_DATABASE, "Terdaftar di pendataan 2022"}}, &in_time)
                  .ok());
  clock().Set(At("Asia/Jakarta", 2025, 2, 22, 0, 0, 0));
  s = File(testing::kKupangToken, absl::StrCat(round.name(), "/results/32"),
           {{sv1::SERVICE_TOO_SHORT, "SK 2010"}}, &appeal);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  // The window's end as Kupang (WITA) reads it.
  EXPECT_THAT(s.error_message(), HasSubstr("sanggah berakhir 22 Februari 2025 pukul 00.59 WITA"));
  PutResult(r, 42, "9471", sv1::TMS, {sv1::NOT_IN_BKN_DATABASE});
  s = File(testing::kJayapuraToken, absl::StrCat(round.name(), "/results/42"),
           {{sv1::NOT_IN_BKN_DATABASE, "x"}}, &appeal);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(s.error_message(), HasSubstr("22 Februari 2025 pukul 01.59 WIT"));
}

// An appeal answers each failed rule in at most 2,000 characters, and all its
// answers take at most 60,000 bytes (docs/security.md "Limits"): seven answers of
// 2,000 four-byte characters (56,000 bytes) are filed and read back byte for byte;
// eight (64,000) are refused naming `answers`; 2,001 characters name the answer.
TEST_P(ScreeningTest, AppealAnswersAreBoundedEachAndTogether) {
  sv1::Round round = CreateRound();
  const int64_t r = RoundId(round);
  const std::vector<sv1::ReasonCode> eight = {
      sv1::NOT_IN_BKN_DATABASE, sv1::SERVICE_TOO_SHORT, sv1::AGE_BELOW_MIN,
      sv1::AGE_ABOVE_MAX,       sv1::NOT_ACTIVE,        sv1::CATEGORY_NOT_OPEN,
      sv1::EDUCATION_TOO_LOW,   sv1::BKN_DATA_MISMATCH};
  const std::vector<sv1::ReasonCode> seven(eight.begin(), eight.begin() + 7);
  PutResult(r, 51, "5371", sv1::TMS, eight);
  PutResult(r, 52, "5371", sv1::TMS, seven);
  clock().Set(At("Asia/Makassar", 2025, 2, 19, 9, 0, 0));
  std::string longest;
  for (int i = 0; i < 2000; ++i) longest += "\U0001F33E";  // 🌾, four bytes
  auto answers = [&](const std::vector<sv1::ReasonCode>& codes, const std::string& text) {
    std::vector<std::pair<sv1::ReasonCode, std::string>> out;
    for (sv1::ReasonCode c : codes) out.emplace_back(c, text);
    return out;
  };
  sv1::Appeal appeal;
  const std::string result51 = absl::StrCat(round.name(), "/results/51");
  const std::string result52 = absl::StrCat(round.name(), "/results/52");
  grpc::Status s = File(testing::kKupangToken, result51, answers(eight, longest), &appeal);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(Fields(s), ::testing::ElementsAre("answers"));
  std::vector<std::pair<sv1::ReasonCode, std::string>> past = answers(seven, longest);
  past[6].second += "a";
  s = File(testing::kKupangToken, result52, past, &appeal);
  EXPECT_THAT(Fields(s), ::testing::ElementsAre("answers[6].statement"));

  s = File(testing::kKupangToken, result52, answers(seven, longest), &appeal);
  ASSERT_TRUE(s.ok()) << s.error_message();
  sv1::GetAppealRequest get;
  get.set_name(appeal.name());
  sv1::Appeal read;
  ASSERT_TRUE(stub_->GetAppeal(Ctx(testing::kKupangToken).get(), get, &read).ok());
  ASSERT_EQ(read.answers_size(), 7);
  for (const auto& a : read.answers()) EXPECT_EQ(a.statement(), longest);
}

TEST_P(ScreeningTest, DecideAppealWithItsEtagTurnsTheResultMs) {
  sv1::Round round = CreateRound();
  const int64_t r = RoundId(round);
  PutResult(r, 51, "5371", sv1::TMS, {sv1::SERVICE_TOO_SHORT});
  PutResult(r, 52, "5371", sv1::TMS, {sv1::SERVICE_TOO_SHORT});
  sv1::Appeal a51, a52;
  ASSERT_TRUE(File(testing::kKupangToken, absl::StrCat(round.name(), "/results/51"),
                   {{sv1::SERVICE_TOO_SHORT, "SK 2010"}}, &a51)
                  .ok());
  ASSERT_TRUE(File(testing::kKupangToken, absl::StrCat(round.name(), "/results/52"),
                   {{sv1::SERVICE_TOO_SHORT, "SK 2010"}}, &a52)
                  .ok());
  sv1::DecideAppealRequest req;
  req.set_name(a51.name());
  req.set_decision(sv1::DecideAppealRequest::ACCEPT);
  req.set_note("SK pengangkatan 2010 sah");
  req.set_etag("9");
  sv1::Appeal out;
  EXPECT_EQ(stub_->DecideAppeal(Ctx(testing::kBknToken).get(), req, &out).error_code(),
            grpc::StatusCode::ABORTED);
  req.set_etag(a51.etag());
  grpc::Status s = stub_->DecideAppeal(Ctx(testing::kBknToken).get(), req, &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(out.state(), sv1::Appeal::ACCEPTED);
  EXPECT_EQ(out.decided_by(), "national:bkn");
  EXPECT_EQ(stub_->DecideAppeal(Ctx(testing::kBknToken).get(), req, &out).error_code(),
            grpc::StatusCode::ABORTED);  // the etag moved on
  req.set_etag(out.etag());
  EXPECT_EQ(stub_->DecideAppeal(Ctx(testing::kBknToken).get(), req, &out).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);

  sv1::GetResultRequest get;
  get.set_name(absl::StrCat(round.name(), "/results/51"));
  sv1::Result result;
  ASSERT_TRUE(stub_->GetResult(Ctx(testing::kKupangToken).get(), get, &result).ok());
  EXPECT_EQ(result.outcome(), sv1::MS);
  EXPECT_TRUE(result.changed_by_appeal());
  ASSERT_EQ(result.reasons_size(), 1);  // kept
  {
    auto conn = server_->db().Acquire();
    ASSERT_TRUE(conn.ok());
    auto stored = server_->logic().store().GetResult(**conn, r, 51, false);
    ASSERT_TRUE(stored.ok() && stored->has_value());
  }

  req.set_name(a52.name());
  req.set_decision(sv1::DecideAppealRequest::REJECT);
  req.set_etag(a52.etag());
  ASSERT_TRUE(stub_->DecideAppeal(Ctx(testing::kBknToken).get(), req, &out).ok());
  EXPECT_EQ(out.state(), sv1::Appeal::REJECTED);
  get.set_name(absl::StrCat(round.name(), "/results/52"));
  ASSERT_TRUE(stub_->GetResult(Ctx(testing::kKupangToken).get(), get, &result).ok());
  EXPECT_EQ(result.outcome(), sv1::TMS);
  EXPECT_FALSE(result.changed_by_appeal());

  sv1::ListAppealsRequest list;
  list.set_round(round.name());
  list.set_state(sv1::Appeal::ACCEPTED);
  sv1::ListAppealsResponse appeals;
  ASSERT_TRUE(stub_->ListAppeals(Ctx(testing::kKupangToken).get(), list, &appeals).ok());
  ASSERT_EQ(appeals.appeals_size(), 1);
  EXPECT_EQ(appeals.appeals(0).name(), a51.name());
  sv1::SummarizeResultsRequest sum;
  sum.set_round(round.name());
  sv1::ResultSummary summary;
  ASSERT_TRUE(stub_->SummarizeResults(Ctx(testing::kBknToken).get(), sum, &summary).ok());
  EXPECT_EQ(summary.total().ms(), 1);
  EXPECT_EQ(summary.total().changed_by_appeal(), 1);
  EXPECT_EQ(summary.total().appeals_filed(), 2);
}

// An instansi's webhook URL may be as long as the registry allows (2048 bytes):
// the decision's notice to it is stored, not refused by a column too narrow.
TEST_P(ScreeningTest, DecisionNoticeToALongWebhookUrlIsStored) {
  const std::string prefix = "https://hooks.kupangkota.go.id/sanggah?token=";
  const std::string url = prefix + std::string(2048 - prefix.size(), 'a');
  rv1::UpdateInstansiContactsRequest contacts;
  contacts.mutable_contacts()->set_instansi_code("5371");
  auto* contact = contacts.mutable_contacts()->add_contacts();
  contact->set_display_name("Gateway BKPSDM Kota Kupang");
  contact->set_email("bkpsdm@kupangkota.go.id");  // every contact has an email
  contact->set_webhook_url(url);
  rv1::InstansiContacts stored_contacts;
  grpc::Status cs = registry_->UpdateInstansiContacts(Ctx(testing::kKupangToken).get(), contacts,
                                                      &stored_contacts);
  ASSERT_TRUE(cs.ok()) << cs.error_message();

  sv1::Round round = CreateRound();
  const int64_t r = RoundId(round);
  PutResult(r, 81, "5371", sv1::TMS, {sv1::SERVICE_TOO_SHORT});
  sv1::Appeal appeal;
  ASSERT_TRUE(File(testing::kKupangToken, absl::StrCat(round.name(), "/results/81"),
                   {{sv1::SERVICE_TOO_SHORT, "SK 2010"}}, &appeal)
                  .ok());
  sv1::DecideAppealRequest req;
  req.set_name(appeal.name());
  req.set_decision(sv1::DecideAppealRequest::REJECT);
  req.set_etag(appeal.etag());
  sv1::Appeal out;
  grpc::Status s = stub_->DecideAppeal(Ctx(testing::kBknToken).get(), req, &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  auto conn = server_->db().Acquire();
  ASSERT_TRUE(conn.ok());
  auto rows = (*conn)->Query(
      "SELECT template_id, instansi_code FROM notices WHERE reference = ?",
      {absl::StrCat("screening/rounds/", r, "/results/81/appeal/instansi-webhook")});
  ASSERT_TRUE(rows.ok()) << rows.status();
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].Str(0), "appeal-decision-instansi-webhook");
  EXPECT_EQ((*rows)[0].Str(1), "5371");
}

// An appeal on a result a real run stored: ACCEPT turns it MS in screening and in
// the registry (a history event), keeps the reasons it was TMS for, and tells the
// honorer and the instansi; REJECT keeps TMS and tells them too.
TEST_P(ScreeningTest, AppealOnARunsResultReachesTheRegistryAndIsTold) {
  rv1::UpdateInstansiContactsRequest contacts;
  contacts.mutable_contacts()->set_instansi_code("5371");
  auto* contact = contacts.mutable_contacts()->add_contacts();
  contact->set_display_name("Admin BKPSDM Kota Kupang");
  contact->set_email("bkpsdm@kupangkota.go.id");
  rv1::InstansiContacts stored_contacts;
  grpc::Status cs = registry_->UpdateInstansiContacts(Ctx(testing::kKupangToken).get(), contacts,
                                                      &stored_contacts);
  ASSERT_TRUE(cs.ok()) << cs.error_message();
  // Both began in 2023: under the round's two years by its cut-off.
  const int64_t maria = Honorer("5371", "Maria Bria", 2023, "maria@example.id", "+6281234567890");
  const int64_t yosef = Honorer("5371", "Yosef Nahak", 2023, "yosef@example.id");
  sv1::Round round = CreateRound();
  const int64_t r = RoundId(round);
  sv1::AddApplicantsRequest add;
  add.set_round(round.name());
  add.set_instansi_code("5371");
  add.add_honorers(absl::StrCat("honorers/", maria));
  add.add_honorers(absl::StrCat("honorers/", yosef));
  sv1::AddApplicantsResponse added;
  ASSERT_TRUE(stub_->AddApplicants(Ctx(testing::kBknToken).get(), add, &added).ok());
  {
    sv1::RunScreeningRequest run;
    run.set_round(round.name());
    run.set_request_id("run-1");
    auto ctx = Ctx(testing::kBknToken);
    auto reader = stub_->RunScreening(ctx.get(), run);
    sv1::RunScreeningProgress p;
    while (reader->Read(&p)) {
    }
    grpc::Status s = reader->Finish();
    ASSERT_TRUE(s.ok()) << s.error_message();
  }
  auto registry_status = [&](int64_t id) {
    rv1::GetHonorerRequest get;
    get.set_name(absl::StrCat("honorers/", id));
    rv1::Honorer h;
    EXPECT_TRUE(registry_->GetHonorer(Ctx(testing::kKemenpanToken).get(), get, &h).ok());
    return h.status();
  };
  auto result_of = [&](int64_t id) {
    sv1::GetResultRequest get;
    get.set_name(absl::StrCat(round.name(), "/results/", id));
    sv1::Result out;
    EXPECT_TRUE(stub_->GetResult(Ctx(testing::kKupangToken).get(), get, &out).ok());
    return out;
  };
  ASSERT_EQ(result_of(maria).outcome(), sv1::TMS);
  ASSERT_EQ(result_of(yosef).outcome(), sv1::TMS);
  EXPECT_EQ(registry_status(maria), rv1::TMS);

  auto decide = [&](int64_t id, sv1::DecideAppealRequest::Decision decision) {
    sv1::Appeal filed;
    grpc::Status s = File(testing::kKupangToken, absl::StrCat(round.name(), "/results/", id),
                          {{sv1::SERVICE_TOO_SHORT, "SK pengangkatan 2010 terlampir"}}, &filed);
    ASSERT_TRUE(s.ok()) << s.error_message();
    sv1::DecideAppealRequest req;
    req.set_name(filed.name());
    req.set_decision(decision);
    req.set_note("Diperiksa terhadap SK");
    req.set_etag(filed.etag());
    sv1::Appeal out;
    s = stub_->DecideAppeal(Ctx(testing::kBknToken).get(), req, &out);
    ASSERT_TRUE(s.ok()) << s.error_message();
  };
  decide(maria, sv1::DecideAppealRequest::ACCEPT);
  decide(yosef, sv1::DecideAppealRequest::REJECT);

  const sv1::Result accepted = result_of(maria);
  EXPECT_EQ(accepted.outcome(), sv1::MS);
  EXPECT_TRUE(accepted.changed_by_appeal());
  ASSERT_EQ(accepted.reasons_size(), 1);  // what it was TMS for, kept
  EXPECT_EQ(accepted.reasons(0).code(), sv1::SERVICE_TOO_SHORT);
  EXPECT_EQ(registry_status(maria), rv1::MS);
  rv1::ListStatusHistoryRequest history;
  history.set_name(absl::StrCat("honorers/", maria));
  rv1::ListStatusHistoryResponse events;
  ASSERT_TRUE(
      registry_->ListStatusHistory(Ctx(testing::kKemenpanToken).get(), history, &events).ok());
  bool moved = false;
  for (const rv1::StatusEvent& e : events.events()) {
    moved = moved || (e.from_status() == rv1::TMS && e.status() == rv1::MS);
  }
  EXPECT_TRUE(moved) << events.DebugString();
  const sv1::Result rejected = result_of(yosef);
  EXPECT_EQ(rejected.outcome(), sv1::TMS);
  EXPECT_FALSE(rejected.changed_by_appeal());
  EXPECT_EQ(registry_status(yosef), rv1::TMS);

  // What notification holds, by the decisions' references.
  auto notification = server_->notification()->NewStub();
  auto sent = [&](int64_t id) {
    notification::v1::ListNotificationsRequest list;
    list.set_reference_prefix(absl::StrCat("screening/rounds/", r, "/results/", id, "/appeal/"));
    notification::v1::ListNotificationsResponse out;
    grpc::Status s =
        notification->ListNotifications(Ctx(testing::kScreeningToken).get(), list, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    std::vector<std::string> refs;
    for (const auto& n : out.notifications()) {
      refs.push_back(n.reference().substr(list.reference_prefix().size()));
    }
    std::sort(refs.begin(), refs.end());
    return refs;
  };
  EXPECT_THAT(sent(maria),
              ::testing::ElementsAre("honorer-email", "honorer-whatsapp", "instansi-email"));
  EXPECT_THAT(sent(yosef), ::testing::ElementsAre("honorer-email", "instansi-email"));
  auto conn = server_->db().Acquire();
  ASSERT_TRUE(conn.ok());
  auto owed = (*conn)->Query(
      "SELECT COUNT(*) FROM notices WHERE reference LIKE '%/appeal/%' AND state <> 1");
  ASSERT_TRUE(owed.ok());
  EXPECT_EQ((*owed)[0].Int(0), 0);  // every decision notice stored and sent
}

TEST_P(ScreeningTest, RankingLongestServiceFirstThenOlderAndPaged) {
  sv1::Round round = CreateRound();
  const int64_t r = RoundId(round);
  const absl::CivilDay cutoff(2024, 12, 31);
  const int64_t long_service = cutoff - absl::CivilDay(2000, 9, 30);  // 24 tahun 3 bulan
  PutResult(r, 61, "3275", sv1::MS, {}, 2000, 15000, "C");
  PutResult(r, 62, "3275", sv1::MS, {}, long_service, 16000, "A");
  PutResult(r, 63, "3275", sv1::MS, {}, 2000, 15500, "B");  // older than 61
  PutResult(r, 64, "3275", sv1::MS, {}, 2000, 15000, "D");  // ties 61: id
  PutResult(r, 65, "3275", sv1::TMS, {sv1::SERVICE_TOO_SHORT}, 9000, 9000, "X");
  PutResult(r, 66, "5371", sv1::MS, {}, 9999, 9999, "Y");
  sv1::RankCandidatesRequest req;
  req.set_round(round.name());
  req.set_page_size(2);
  std::vector<std::pair<std::string, int>> seen;
  sv1::RankCandidatesResponse out;
  do {
    grpc::Status s = stub_->RankCandidates(Ctx(testing::kBekasiToken).get(), req, &out);
    ASSERT_TRUE(s.ok()) << s.error_message();
    EXPECT_EQ(out.total_size(), 4);
    for (const auto& c : out.candidates()) seen.push_back({c.full_name(), c.rank()});
    if (!out.candidates().empty() && out.candidates(0).rank() == 1) {
      EXPECT_EQ(out.candidates(0).service_display(), "24 tahun 3 bulan");
      EXPECT_EQ(out.candidates(0).service_days(), long_service);
    }
    req.set_page_token(out.next_page_token());
  } while (!out.next_page_token().empty());
  EXPECT_THAT(seen, ::testing::ElementsAre(std::make_pair("A", 1), std::make_pair("B", 2),
                                           std::make_pair("C", 3), std::make_pair("D", 4)));
  // A national caller names the instansi.
  sv1::RankCandidatesRequest national;
  national.set_round(round.name());
  EXPECT_EQ(stub_->RankCandidates(Ctx(testing::kKemenpanToken).get(), national, &out).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

// Naming another instansi in a request field is PERMISSION_DENIED; naming another
// instansi's record (a result, an appeal, an honorer to add) is NOT_FOUND with the
// very message a missing record of that name gets. Every attempt is audited.
TEST_P(ScreeningTest, AnotherInstansiSeesNothingOnEveryScopedMethod) {
  sv1::Round round = CreateRound();
  const int64_t r = RoundId(round);
  PutResult(r, 71, "5371", sv1::TMS, {sv1::SERVICE_TOO_SHORT});
  PutResult(r, 72, "3275", sv1::TMS, {sv1::SERVICE_TOO_SHORT});
  const int64_t kupang_honorer = Honorer("5371");
  sv1::Appeal appeal;
  ASSERT_TRUE(File(testing::kKupangToken, absl::StrCat(round.name(), "/results/71"),
                   {{sv1::SERVICE_TOO_SHORT, "SK 2010"}}, &appeal)
                  .ok());
  const std::string result = absl::StrCat(round.name(), "/results/71");
  const std::string no_result = absl::StrCat(round.name(), "/results/99999");
  auto bekasi = [&]() { return Ctx(testing::kBekasiToken); };
  using Code = grpc::StatusCode;

  // ---- another instansi named in a field: PERMISSION_DENIED, naming nobody
  std::vector<std::pair<std::string, grpc::Status>> named;
  {
    sv1::AddApplicantsRequest q;
    q.set_round(round.name());
    q.set_instansi_code("5371");
    sv1::AddApplicantsResponse o;
    named.push_back({"AddApplicants", stub_->AddApplicants(bekasi().get(), q, &o)});
  }
  {
    sv1::ListApplicantsRequest q;
    q.set_round(round.name());
    q.set_instansi_code("5371");
    sv1::ListApplicantsResponse o;
    named.push_back({"ListApplicants", stub_->ListApplicants(bekasi().get(), q, &o)});
  }
  {
    sv1::ListResultsRequest q;
    q.set_round(round.name());
    q.set_instansi_code("5371");
    sv1::ListResultsResponse o;
    named.push_back({"ListResults", stub_->ListResults(bekasi().get(), q, &o)});
  }
  {
    sv1::SummarizeResultsRequest q;
    q.set_round(round.name());
    q.set_instansi_code("5371");
    sv1::ResultSummary o;
    named.push_back({"SummarizeResults", stub_->SummarizeResults(bekasi().get(), q, &o)});
  }
  {
    sv1::ListAppealsRequest q;
    q.set_round(round.name());
    q.set_instansi_code("5371");
    sv1::ListAppealsResponse o;
    named.push_back({"ListAppeals", stub_->ListAppeals(bekasi().get(), q, &o)});
  }
  {
    sv1::RankCandidatesRequest q;
    q.set_round(round.name());
    q.set_instansi_code("5371");
    sv1::RankCandidatesResponse o;
    named.push_back({"RankCandidates", stub_->RankCandidates(bekasi().get(), q, &o)});
  }
  for (const auto& [method, s] : named) {
    SCOPED_TRACE(method);
    EXPECT_EQ(s.error_code(), Code::PERMISSION_DENIED) << s.error_message();
    EXPECT_THAT(s.error_message(), Not(HasSubstr("5371")));
  }

  // ---- another instansi's record by name: NOT_FOUND, exactly as a missing one
  struct ByName {
    std::string method;
    grpc::Status foreign, missing;
    std::string foreign_name, missing_name;  // as the messages give them
  };
  std::vector<ByName> records;
  auto get_result = [&](const std::string& name) {
    sv1::GetResultRequest q;
    q.set_name(name);
    sv1::Result o;
    return stub_->GetResult(bekasi().get(), q, &o);
  };
  records.push_back({"GetResult", get_result(result), get_result(no_result), result, no_result});
  auto file = [&](const std::string& name) {
    sv1::Appeal o;
    return File(testing::kBekasiToken, name, {{sv1::SERVICE_TOO_SHORT, "x"}}, &o);
  };
  records.push_back({"FileAppeal", file(result), file(no_result), result, no_result});
  auto get_appeal = [&](const std::string& name) {
    sv1::GetAppealRequest q;
    q.set_name(name);
    sv1::Appeal o;
    return stub_->GetAppeal(bekasi().get(), q, &o);
  };
  const std::string no_appeal = absl::StrCat(round.name(), "/results/72/appeal");
  records.push_back({"GetAppeal", get_appeal(appeal.name()), get_appeal(no_appeal),
                     appeal.name(), no_appeal});
  auto add = [&](int64_t honorer) {
    sv1::AddApplicantsRequest q;
    q.set_round(round.name());
    q.add_honorers(absl::StrCat("honorers/", honorer));
    sv1::AddApplicantsResponse o;
    return stub_->AddApplicants(bekasi().get(), q, &o);
  };
  records.push_back({"AddApplicants(honorers)", add(kupang_honorer), add(999999),
                     absl::StrCat("honorers/", kupang_honorer), "honorers/999999"});
  for (const ByName& b : records) {
    SCOPED_TRACE(b.method);
    EXPECT_EQ(b.foreign.error_code(), Code::NOT_FOUND) << b.foreign.error_message();
    EXPECT_EQ(b.missing.error_code(), Code::NOT_FOUND) << b.missing.error_message();
    std::string foreign = b.foreign.error_message(), missing = b.missing.error_message();
    // The same message but for the name each was asked by.
    ASSERT_NE(foreign.find(b.foreign_name), std::string::npos) << foreign;
    ASSERT_NE(missing.find(b.missing_name), std::string::npos) << missing;
    foreign.replace(foreign.find(b.foreign_name), b.foreign_name.size(), "{name}");
    missing.replace(missing.find(b.missing_name), b.missing_name.size(), "{name}");
    EXPECT_EQ(foreign, missing);
    EXPECT_THAT(b.foreign.error_message(), Not(HasSubstr("5371")));
  }

  // Every attempt on another's data is in the audit log (the missing ones are not
  // refusals).
  auto conn = server_->db().Acquire();
  ASSERT_TRUE(conn.ok());
  auto rows = (*conn)->Query(
      "SELECT COUNT(*) FROM audit_log WHERE principal = 'instansi:3275' AND outcome <> 'OK'");
  ASSERT_TRUE(rows.ok());
  EXPECT_GE((*rows)[0].Int(0), static_cast<int64_t>(named.size() + records.size()));
}

INSTANTIATE_TEST_SUITE_P(Backends, ScreeningTest, ::testing::Values("sqlite", "mysql"));

}  // namespace
}  // namespace penataan
