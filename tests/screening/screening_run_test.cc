// RunScreening end to end against a real registry and notification service, on
// SQLite and MariaDB: a round over a thousand honorers with known facts gives the
// expected counts per reason, statuses written back and every honorer with a
// contact told; running again changes nothing (no result, status event or
// notification added); a run cut off (registry unreachable, notification
// unreachable, the client gone) stops FAILED with an error naming the peer and its
// progress, and completes when run again; a what-if writes nothing; a second run of
// the round while one holds the lease gets ABORTED.

#include <grpcpp/grpcpp.h>

#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/screening/registry_client.h"
#include "services/screening/result_writer.h"
#include "services/screening/screening_runner.h"
#include "tests/testing/tcp_proxy.h"
#include "tests/testing/screening_server.h"
#include "tests/testing/test_tokens.h"

namespace penataan {
namespace {

namespace sv1 = screening::v1;
namespace rv1 = registry::v1;
using testing::Ctx;
using ::testing::HasSubstr;

constexpr int kHonorers = 1000;  // i % 10: 0-5 MS, 6-7 service, 8 age, 9 category

void SetDay(int y, int m, int d, common::v1::Date* out) {
  out->set_year(y);
  out->set_month(m);
  out->set_day(d);
}

int64_t Count(storage::Database& db, const std::string& sql) {
  auto conn = db.Acquire();
  EXPECT_TRUE(conn.ok());
  auto rows = (*conn)->Query(sql);
  EXPECT_TRUE(rows.ok()) << rows.status();
  return rows.ok() ? (*rows)[0].Int(0) : -1;
}

class ScreeningRunTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (storage::testing::TestDatabase::ShouldSkip(GetParam())) GTEST_SKIP() << "no MariaDB";
    auto server = testing::ScreeningServer::Start(GetParam());
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server);
    stub_ = server_->NewStub();
    registry_ = server_->registry()->NewStub();
    token_file_ = ::testing::TempDir() + "/screening-run-token";
    std::ofstream(token_file_) << testing::kScreeningToken;
    CreateHonorers();
    round_ = CreateRound();
    sv1::AddApplicantsRequest add;
    add.set_round(round_);
    add.set_instansi_code("5371");
    sv1::AddApplicantsResponse added;
    grpc::Status s = stub_->AddApplicants(Ctx(testing::kBknToken).get(), add, &added);
    ASSERT_TRUE(s.ok()) << s.error_message();
    ASSERT_EQ(added.added(), kHonorers);
  }

  void CreateHonorers() {
    rv1::UpdateInstansiContactsRequest contacts;
    contacts.mutable_contacts()->set_instansi_code("5371");
    auto* c = contacts.mutable_contacts()->add_contacts();
    c->set_display_name("Admin BKPSDM Kota Kupang");
    c->set_email("bkpsdm@kupangkota.go.id");
    rv1::InstansiContacts got;
    grpc::Status cs =
        registry_->UpdateInstansiContacts(Ctx(testing::kKupangToken).get(), contacts, &got);
    ASSERT_TRUE(cs.ok()) << cs.error_message();
    for (int i = 0; i < kHonorers; ++i) {
      rv1::CreateHonorerRequest req;
      rv1::Honorer* h = req.mutable_honorer();
      // PP KK CC DDMMYY SSSS: Kupang, the birth date (1 March), a serial.
      h->set_nik(absl::StrCat("537101", i % 10 == 8 ? "010360" : "010385",
                              absl::Dec(i + 1, absl::kZeroPad4)));
      h->set_full_name(absl::StrCat("Honorer ", i));
      SetDay(i % 10 == 8 ? 1960 : 1985, 3, 1, h->mutable_birth_date());
      h->set_gender(rv1::MALE);
      h->set_education(common::v1::S1);
      h->set_instansi_code("5371");
      h->set_unit_kerja("Dinas Pendidikan");
      h->set_jabatan_category(i % 10 == 9 ? common::v1::TENAGA_TEKNIS : common::v1::GURU);
      h->set_position_title("Guru Kelas");
      if (i % 10 == 6 || i % 10 == 7) {
        SetDay(2023, 3, 1, h->mutable_service_start_date());
      } else {
        SetDay(2010, 7, 1, h->mutable_service_start_date());
      }
      if (i % 2 == 0) h->mutable_contact()->set_email(absl::StrCat("honorer", i, "@example.id"));
      rv1::Honorer out;
      grpc::Status s = registry_->CreateHonorer(Ctx(testing::kKemenpanToken).get(), req, &out);
      ASSERT_TRUE(s.ok()) << s.error_message();
      ids_.push_back(std::stoll(out.name().substr(9)));
    }
  }

  std::string CreateRound() {
    sv1::CreateRoundRequest req;
    sv1::Round* r = req.mutable_round();
    r->set_display_name("Seleksi PPPK 2024 Tahap II");
    SetDay(2024, 12, 31, r->mutable_cutoff_date());
    sv1::Rules* rules = r->mutable_rules();
    rules->mutable_min_continuous_service_years()->set_value(2);
    rules->mutable_min_continuous_service_years()->set_regulation("KepmenPANRB 347/2024");
    auto* max = rules->add_max_age();
    max->set_post_kind(sv1::GENERAL);
    max->set_max_age_years(57);
    max->set_regulation("KepmenPANRB 347/2024");
    rules->mutable_open_categories()->add_categories(common::v1::GURU);
    rules->mutable_open_categories()->add_categories(common::v1::TENAGA_KESEHATAN);
    rules->mutable_open_categories()->set_regulation("KepmenPANRB 347/2024");
    SetDay(2025, 2, 19, r->mutable_appeal_start_date());
    SetDay(2025, 2, 21, r->mutable_appeal_end_date());
    r->set_appeal_time_zone("Asia/Makassar");
    sv1::Round out;
    grpc::Status s = stub_->CreateRound(Ctx(testing::kBknToken).get(), req, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out.name();
  }

  int64_t RoundId() const { return std::stoll(round_.substr(7)); }

  struct Streamed {
    grpc::Status status;
    std::vector<sv1::RunScreeningProgress> progress;
  };
  Streamed RunRpc(const std::string& request_id, bool dry_run = false,
                  const sv1::Rules& overrides = {}, std::vector<std::string> mask = {}) {
    sv1::RunScreeningRequest req;
    req.set_round(round_);
    req.set_request_id(request_id);
    req.set_dry_run(dry_run);
    *req.mutable_overrides() = overrides;
    for (const std::string& p : mask) req.mutable_override_mask()->add_paths(p);
    auto ctx = Ctx(testing::kBknToken);
    auto reader = stub_->RunScreening(ctx.get(), req);
    Streamed out;
    sv1::RunScreeningProgress p;
    while (reader->Read(&p)) out.progress.push_back(p);
    out.status = reader->Finish();
    return out;
  }

  // A runner of this test's own over the server's database, calling peers at
  // the addresses given (an address nothing listens on: a peer that is down).
  std::unique_ptr<screening::ScreeningRunner> Runner(const std::string& registry_address,
                                                     const std::string& notification_address,
                                                     int page_size = 500) {
    PeerOptions r;
    r.name = "registry";
    r.address = registry_address;
    r.identity.token_file = token_file_;
    r.max_attempts = 2;
    r.default_deadline = absl::Seconds(3);
    PeerOptions n = r;
    n.name = "notification";
    n.address = notification_address;
    auto rp = PeerClient::Create(r);
    auto np = PeerClient::Create(n);
    EXPECT_TRUE(rp.ok() && np.ok());
    peers_.push_back(std::move(*rp));
    peers_.push_back(std::move(*np));
    clients_.push_back(std::make_unique<screening::RegistryClient>(
        *peers_[peers_.size() - 2], server_->clock()));
    screening::RunnerOptions o;
    o.page_size = page_size;
    o.sweep_every = absl::ZeroDuration();
    o.lease = absl::Seconds(30);
    o.owner = "test-own-runner";
    return std::make_unique<screening::ScreeningRunner>(server_->db(), server_->clock(),
                                                        *clients_.back(), *peers_.back(), o);
  }

  static Caller Bkn() {
    Caller c;
    c.principal = Principal{Principal::Kind::kNational, "bkn"};
    c.request_id = "test";
    c.origin = "national:bkn";
    return c;
  }

  sv1::Run GetRun(const std::string& name) {
    sv1::GetRunRequest req;
    req.set_name(name);
    sv1::Run out;
    grpc::Status s = stub_->GetRun(Ctx(testing::kBknToken).get(), req, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  int64_t ResultsWith(sv1::ReasonCode reason) {
    return Count(server_->db(), absl::StrCat("SELECT COUNT(*) FROM results WHERE round_id = ",
                                             RoundId(), " AND outcome = 2 AND (reason_mask & ",
                                             1 << reason, ") <> 0"));
  }

  void ExpectComplete() {
    EXPECT_EQ(Count(server_->db(), "SELECT COUNT(*) FROM results"), kHonorers);
    EXPECT_EQ(Count(server_->db(), "SELECT COUNT(*) FROM results WHERE outcome = 1"), 600);
    EXPECT_EQ(ResultsWith(sv1::SERVICE_TOO_SHORT), 200);
    EXPECT_EQ(ResultsWith(sv1::AGE_ABOVE_MAX), 100);
    EXPECT_EQ(ResultsWith(sv1::CATEGORY_NOT_OPEN), 100);
    EXPECT_EQ(Count(server_->db(), "SELECT COUNT(*) FROM results WHERE registry_state = 0"), 0);
    EXPECT_EQ(Count(server_->db(), "SELECT COUNT(*) FROM notices WHERE state = 0"), 0);
    // Each honorer's status written once.
    EXPECT_EQ(Count(server_->registry()->db(),
                    "SELECT COUNT(*) FROM status_events WHERE status IN (2, 3)"),
              kHonorers);
    rv1::GetHonorerRequest get;
    get.set_name(absl::StrCat("honorers/", ids_[6]));
    rv1::Honorer h;
    ASSERT_TRUE(registry_->GetHonorer(Ctx(testing::kKemenpanToken).get(), get, &h).ok());
    EXPECT_EQ(h.status(), rv1::TMS);
    get.set_name(absl::StrCat("honorers/", ids_[0]));
    ASSERT_TRUE(registry_->GetHonorer(Ctx(testing::kKemenpanToken).get(), get, &h).ok());
    EXPECT_EQ(h.status(), rv1::MS);
  }

  std::unique_ptr<testing::ScreeningServer> server_;
  std::unique_ptr<sv1::ScreeningService::Stub> stub_;
  std::unique_ptr<rv1::RegistryService::Stub> registry_;
  std::string token_file_;
  std::string round_;
  std::vector<int64_t> ids_;
  std::vector<std::unique_ptr<PeerClient>> peers_;
  std::vector<std::unique_ptr<screening::RegistryClient>> clients_;
};

TEST_P(ScreeningRunTest, CountsPerReasonThenARunAgainChangesNothing) {
  Streamed first = RunRpc("run-1");
  ASSERT_TRUE(first.status.ok()) << first.status.error_message();
  ASSERT_FALSE(first.progress.empty());
  const sv1::RunScreeningProgress& last = first.progress.back();
  EXPECT_EQ(last.phase(), sv1::Run::DONE);
  EXPECT_EQ(last.processed(), kHonorers);
  EXPECT_EQ(last.total(), kHonorers);
  EXPECT_EQ(last.ms(), 600);
  EXPECT_EQ(last.tms(), 400);
  ExpectComplete();
  // Every honorer with an email told (half of them), plus the instansi's summary.
  EXPECT_EQ(Count(server_->db(), "SELECT COUNT(*) FROM notices WHERE state = 1"),
            kHonorers / 2 + 1);
  EXPECT_EQ(Count(server_->db(), "SELECT COUNT(*) FROM notices WHERE template_id = ''"),
            kHonorers / 2);
  const int64_t notifications =
      Count(server_->notification()->db(), "SELECT COUNT(*) FROM notifications");
  EXPECT_EQ(notifications, kHonorers / 2 + 1);
  const int64_t events = Count(server_->registry()->db(), "SELECT COUNT(*) FROM status_events");
  sv1::Run run = GetRun(last.run());
  EXPECT_EQ(run.state(), sv1::Run::SUCCEEDED);
  EXPECT_EQ(run.tms(), 400);

  // The same request: the same run, replayed.
  Streamed replay = RunRpc("run-1");
  ASSERT_TRUE(replay.status.ok());
  ASSERT_EQ(replay.progress.size(), 1u);
  EXPECT_EQ(replay.progress[0].run(), last.run());
  EXPECT_EQ(replay.progress[0].tms(), 400);

  // Another request: a new run with nothing to do.
  Streamed again = RunRpc("run-2");
  ASSERT_TRUE(again.status.ok()) << again.status.error_message();
  EXPECT_NE(again.progress.back().run(), last.run());
  EXPECT_EQ(again.progress.back().ms(), 600);
  EXPECT_EQ(again.progress.back().tms(), 400);
  ExpectComplete();
  EXPECT_EQ(Count(server_->notification()->db(), "SELECT COUNT(*) FROM notifications"),
            notifications);
  EXPECT_EQ(Count(server_->registry()->db(), "SELECT COUNT(*) FROM status_events"), events);
}

TEST_P(ScreeningRunTest, RegistryDownStopsTheRunAndRunningAgainCompletes) {
  // Nothing listens on port 1.
  auto down = Runner("127.0.0.1:1", server_->notification()->address());
  sv1::RunScreeningRequest req;
  req.set_round(round_);
  req.set_request_id("cut-off");
  std::vector<sv1::RunScreeningProgress> seen;
  absl::Status s = down->Run(Bkn(), req, [&](const sv1::RunScreeningProgress& p) {
    seen.push_back(p);
    return true;
  });
  EXPECT_TRUE(absl::IsUnavailable(s)) << s;
  EXPECT_THAT(std::string(s.message()), HasSubstr("registry"));
  EXPECT_THAT(std::string(s.message()), HasSubstr("0 dari 1.000 dievaluasi"));
  ASSERT_FALSE(seen.empty());
  sv1::Run run = GetRun(seen.back().run());
  EXPECT_EQ(run.state(), sv1::Run::FAILED);
  EXPECT_THAT(run.error(), HasSubstr("jalankan lagi"));

  // Cut off after the first page (the client went away): half stored, resumable.
  auto up = Runner(server_->registry()->address(), server_->notification()->address());
  int pages = 0;
  s = up->Run(Bkn(), req, [&](const sv1::RunScreeningProgress& p) {
    return !(p.phase() == sv1::Run::EVALUATING && p.processed() > 0 && ++pages >= 1);
  });
  EXPECT_TRUE(absl::IsCancelled(s)) << s;
  EXPECT_EQ(Count(server_->db(), "SELECT COUNT(*) FROM results"), 500);
  EXPECT_EQ(GetRun(seen.back().run()).processed(), 500);

  // Run again (the same request): completes, each status written once.
  Streamed done = RunRpc("cut-off");
  ASSERT_TRUE(done.status.ok()) << done.status.error_message();
  EXPECT_EQ(done.progress.back().run(), seen.back().run());
  EXPECT_EQ(done.progress.back().processed(), kHonorers);
  ExpectComplete();
  EXPECT_EQ(GetRun(seen.back().run()).state(), sv1::Run::SUCCEEDED);
}

TEST_P(ScreeningRunTest, NotificationDownStopsInNotifyingAndRunningAgainSends) {
  auto down = Runner(server_->registry()->address(), "127.0.0.1:1");
  sv1::RunScreeningRequest req;
  req.set_round(round_);
  req.set_request_id("notify");
  std::string run_name;
  absl::Status s = down->Run(Bkn(), req, [&](const sv1::RunScreeningProgress& p) {
    run_name = p.run();
    return true;
  });
  EXPECT_TRUE(absl::IsUnavailable(s)) << s;
  EXPECT_THAT(std::string(s.message()), HasSubstr("notification"));
  sv1::Run run = GetRun(run_name);
  EXPECT_EQ(run.state(), sv1::Run::FAILED);
  EXPECT_EQ(run.phase(), sv1::Run::NOTIFYING);
  EXPECT_EQ(Count(server_->db(), "SELECT COUNT(*) FROM notices WHERE state = 0"),
            kHonorers / 2 + 1);

  Streamed done = RunRpc("notify");
  ASSERT_TRUE(done.status.ok()) << done.status.error_message();
  ExpectComplete();
  EXPECT_EQ(Count(server_->notification()->db(), "SELECT COUNT(*) FROM notifications"),
            kHonorers / 2 + 1);
}

TEST_P(ScreeningRunTest, WhatIfReportsTheChangeAndWritesNothing) {
  ASSERT_TRUE(RunRpc("first").status.ok());
  const int64_t runs = Count(server_->db(), "SELECT COUNT(*) FROM runs");
  const int64_t notices = Count(server_->db(), "SELECT COUNT(*) FROM notices");
  sv1::Rules overrides;
  overrides.mutable_min_continuous_service_years()->set_value(1);
  overrides.mutable_min_continuous_service_years()->set_regulation("usulan");
  Streamed what_if = RunRpc("", true, overrides, {"rules.min_continuous_service_years"});
  ASSERT_TRUE(what_if.status.ok()) << what_if.status.error_message();
  const sv1::WhatIfReport& r = what_if.progress.back().what_if();
  EXPECT_EQ(r.stored_ms(), 600);
  EXPECT_EQ(r.stored_tms(), 400);
  EXPECT_EQ(r.what_if_ms(), 800);
  EXPECT_EQ(r.what_if_tms(), 200);
  EXPECT_EQ(r.changed(), 200);
  bool saw_service = false;
  for (const auto& row : r.rows()) {
    if (row.reason() == sv1::SERVICE_TOO_SHORT) {
      saw_service = true;
      EXPECT_EQ(row.instansi_code(), "5371");
      EXPECT_EQ(row.stored(), 200);
      EXPECT_EQ(row.what_if(), 0);
    }
  }
  EXPECT_TRUE(saw_service);
  EXPECT_EQ(Count(server_->db(), "SELECT COUNT(*) FROM runs"), runs);
  EXPECT_EQ(Count(server_->db(), "SELECT COUNT(*) FROM notices"), notices);
  EXPECT_EQ(Count(server_->db(), "SELECT COUNT(*) FROM results WHERE outcome = 1"), 600);

  // A parameter out of range or unknown: INVALID_ARGUMENT naming it.
  overrides.mutable_min_continuous_service_years()->set_value(99);
  Streamed bad = RunRpc("", true, overrides, {"rules.min_continuous_service_years"});
  EXPECT_EQ(bad.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(bad.status.error_message(), HasSubstr("min_continuous_service_years"));
  Streamed unknown = RunRpc("", true, overrides, {"rules.no_such_rule"});
  EXPECT_EQ(unknown.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_P(ScreeningRunTest, ASecondRunOfTheRoundWhileOneIsLiveIsAborted) {
  auto mine = Runner(server_->registry()->address(), server_->notification()->address());
  sv1::RunScreeningRequest req;
  req.set_round(round_);
  req.set_request_id("holder");
  grpc::Status second;
  bool tried = false;
  absl::Status s = mine->Run(Bkn(), req, [&](const sv1::RunScreeningProgress& p) {
    if (!tried && p.phase() == sv1::Run::EVALUATING) {
      tried = true;
      second = RunRpc("other").status;
    }
    return true;
  });
  ASSERT_TRUE(s.ok()) << s;
  ASSERT_TRUE(tried);
  EXPECT_EQ(second.error_code(), grpc::StatusCode::ABORTED) << second.error_message();
  ExpectComplete();
}

TEST_P(ScreeningRunTest, AStaleWriteBackDoesNotUndoAnAcceptedAppeal) {
  ASSERT_TRUE(RunRpc("run-1").status.ok());
  const int64_t x = ids_[6];  // TMS: service too short
  const std::string where =
      absl::StrCat(" WHERE round_id = ", RoundId(), " AND honorer_id = ", x);
  // A write-back reads X owed as TMS…
  ASSERT_TRUE(server_->db().Acquire().value()->Execute(
      absl::StrCat("UPDATE results SET registry_state = 0", where)).ok());
  std::optional<screening::PendingOutcome> stale;
  {
    auto conn = server_->db().Acquire();
    ASSERT_TRUE(conn.ok());
    auto read = screening::PendingRegistryOf(**conn, RoundId(), x);
    ASSERT_TRUE(read.ok() && read->has_value());
    stale = **read;
  }
  ASSERT_EQ(stale->outcome, sv1::TMS);
  // …an appeal is accepted (MS, owed) and its hook writes MS and marks it told…
  ASSERT_TRUE(server_->db().Acquire().value()->Execute(
      absl::StrCat("UPDATE results SET outcome = 1, changed_by_appeal = 1,"
                   " registry_state = 0", where)).ok());
  server_->runner().SendOwedForResult(Bkn(), RoundId(), x);
  EXPECT_EQ(Count(server_->db(), absl::StrCat("SELECT registry_state FROM results", where)), 1);
  // …then the stale page's TMS reaches the registry and is marked.
  auto mine = Runner(server_->registry()->address(), server_->notification()->address());
  auto written = clients_.back()->RecordOutcomes(Bkn(), {{x, rv1::TMS, "stale"}});
  ASSERT_TRUE(written.ok()) << written.status();
  ASSERT_TRUE(storage::InTransaction(server_->db(), [&](storage::Connection& c) {
                return screening::MarkWritten(c, RoundId(), {*stale}, {});
              }).ok());
  // The newer outcome is owed again, and the next sweep writes it last.
  EXPECT_EQ(Count(server_->db(), absl::StrCat("SELECT registry_state FROM results", where)), 0);
  server_->runner().SendOwed(Bkn(), RoundId());
  EXPECT_EQ(Count(server_->db(), absl::StrCat("SELECT registry_state FROM results", where)), 1);
  rv1::GetHonorerRequest get;
  get.set_name(absl::StrCat("honorers/", x));
  rv1::Honorer h;
  ASSERT_TRUE(registry_->GetHonorer(Ctx(testing::kKemenpanToken).get(), get, &h).ok());
  EXPECT_EQ(h.status(), rv1::MS);
}

TEST_P(ScreeningRunTest, APublicationAfterTheAppealWindowIsRefused) {
  // The window ends 21 February 2025 23.59 WITA (exclusive end 22 Feb 00.00).
  server_->clock().Set(absl::FromCivil(absl::CivilSecond(2025, 2, 22, 0, 0, 0),
                                       absl::FixedTimeZone(8 * 3600)));
  Streamed late = RunRpc("late");
  EXPECT_EQ(late.status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(late.status.error_message(), HasSubstr("masa sanggah sudah berakhir"));
  EXPECT_THAT(late.status.error_message(), HasSubstr("21 Februari 2025 pukul 23.59 WITA"));
  EXPECT_EQ(Count(server_->db(), "SELECT COUNT(*) FROM runs"), 0);
  EXPECT_EQ(Count(server_->db(), "SELECT COUNT(*) FROM results"), 0);
  // A what-if writes nothing and tells no one: still allowed.
  EXPECT_TRUE(RunRpc("", true).status.ok());
}

TEST_P(ScreeningRunTest, TheRoundsRulesChangingDuringTheRunStopIt) {
  auto mine = Runner(server_->registry()->address(), server_->notification()->address());
  sv1::RunScreeningRequest req;
  req.set_round(round_);
  req.set_request_id("changed");
  absl::Status s = mine->Run(Bkn(), req, [&](const sv1::RunScreeningProgress& p) {
    if (p.phase() == sv1::Run::EVALUATING && p.processed() == 500) {
      // As UpdateRound does (version + 1) between two pages.
      EXPECT_TRUE(server_->db().Acquire().value()->Execute(
          "UPDATE rounds SET version = version + 1").ok());
    }
    return true;
  });
  EXPECT_TRUE(absl::IsFailedPrecondition(s)) << s;
  EXPECT_THAT(std::string(s.message()), HasSubstr("the round's rules changed during the run"));
  EXPECT_EQ(Count(server_->db(), "SELECT COUNT(*) FROM results"), 500);
}

TEST_P(ScreeningRunTest, RegistryOutagesWhileEvaluatingAndWritingThenARunAgainCompletes) {
  auto proxy = testing::TcpProxy::Start(server_->registry()->port());
  ASSERT_TRUE(proxy.ok()) << proxy.status();
  // Pages of 100: the registry can go away with several pages stored and more to go
  // (the runner reads one page ahead).
  auto runner = Runner((*proxy)->address(), server_->notification()->address(), 100);
  sv1::RunScreeningRequest req;
  req.set_round(round_);
  req.set_request_id("outages");

  PeerClient& registry_peer = *peers_[peers_.size() - 2];
  // Back up: the runner's channel reconnects (out of its backoff) before it runs.
  auto restore = [&] {
    (*proxy)->Restore();
    EXPECT_TRUE(registry_peer.channel()->WaitForConnected(
        std::chrono::system_clock::now() + std::chrono::seconds(10)));
  };

  // The registry goes away after the third page (the reader, a page ahead, may
  // hold two more read before the cut).
  absl::Status s = runner->Run(Bkn(), req, [&](const sv1::RunScreeningProgress& p) {
    if (p.phase() == sv1::Run::EVALUATING && p.processed() >= 300) (*proxy)->Cut();
    return true;
  });
  EXPECT_TRUE(absl::IsUnavailable(s)) << s;
  EXPECT_THAT(std::string(s.message()), HasSubstr("registry"));
  const int64_t stored = Count(server_->db(), "SELECT COUNT(*) FROM results");
  EXPECT_GE(stored, 300);
  EXPECT_LE(stored, 500);
  EXPECT_EQ(Count(server_->registry()->db(),
                  "SELECT COUNT(*) FROM status_events WHERE status IN (2, 3)"),
            0);

  // Back; then away again as the statuses are to be written.
  restore();
  s = runner->Run(Bkn(), req, [&](const sv1::RunScreeningProgress& p) {
    if (p.phase() == sv1::Run::WRITING_STATUSES) (*proxy)->Cut();
    return true;
  });
  EXPECT_TRUE(absl::IsUnavailable(s)) << s;
  EXPECT_EQ(Count(server_->db(), "SELECT COUNT(*) FROM results"), kHonorers);
  EXPECT_EQ(Count(server_->db(), "SELECT COUNT(*) FROM results WHERE registry_state = 0"),
            kHonorers);

  // Back for good: a run again completes, each status written once.
  restore();
  std::string run_name;
  s = runner->Run(Bkn(), req, [&](const sv1::RunScreeningProgress& p) {
    run_name = p.run();
    return true;
  });
  ASSERT_TRUE(s.ok()) << s;
  ExpectComplete();
  EXPECT_EQ(GetRun(run_name).state(), sv1::Run::SUCCEEDED);
}

INSTANTIATE_TEST_SUITE_P(Backends, ScreeningRunTest, ::testing::Values("sqlite", "mysql"));

}  // namespace
}  // namespace penataan
