// RegistryService over real gRPC on localhost, on SQLite and on MariaDB: what an
// agency's admin relies on, call by call.

#include <grpcpp/grpcpp.h>

#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_format.h"
#include "bench/synthetic_honorers.h"
#include "common/errors.h"
#include "common/server/grpc_status.h"
#include "gmock/gmock.h"
#include "common/server/health_client.h"
#include "gtest/gtest.h"
#include "tests/testing/registry_server.h"

namespace penataan::registry {
namespace {

using ::penataan::testing::Ctx;
using ::penataan::testing::kBekasiToken;
using ::penataan::testing::kBknToken;
using ::penataan::testing::kKemenpanToken;
using ::penataan::testing::kKupangToken;
using ::penataan::testing::kScreeningToken;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

v1::Honorer Kupang(const std::string& nik, const std::string& unit = "Dinas Pendidikan") {
  v1::Honorer h;
  h.set_nik(nik);
  h.set_full_name("Yohanes Ndun");
  // NIK 5371011207850001 -> 12 July 1985, man.
  h.mutable_birth_date()->set_year(1900 + std::stoi(nik.substr(10, 2)));
  h.mutable_birth_date()->set_month(std::stoi(nik.substr(8, 2)));
  int day = std::stoi(nik.substr(6, 2));
  h.set_gender(day > 40 ? v1::FEMALE : v1::MALE);
  h.mutable_birth_date()->set_day(day > 40 ? day - 40 : day);
  h.set_education(penataan::common::v1::SMA);
  h.set_instansi_code("5371");
  h.set_unit_kerja(unit);
  h.set_jabatan_category(common::v1::TENAGA_KEPENDIDIKAN);
  h.set_position_title("Operator Sekolah");
  h.mutable_service_start_date()->set_year(2005);
  h.mutable_service_start_date()->set_month(1);
  h.mutable_service_start_date()->set_day(3);
  return h;
}

std::string Nik(int serial, int day = 12) {
  return absl::StrFormat("537101%02d0785%04d", day, serial);
}

class RegistryServiceTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (storage::testing::TestDatabase::ShouldSkip(GetParam())) GTEST_SKIP() << "no MariaDB";
    auto server = testing::RegistryServer::Start(GetParam(), BatchSize());
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server);
    stub_ = server_->NewStub();
  }
  virtual int BatchSize() const { return 1000; }

  grpc::Status Create(const v1::Honorer& h, v1::Honorer* out, const char* token = kKupangToken,
                      const std::string& request_id = "") {
    v1::CreateHonorerRequest req;
    *req.mutable_honorer() = h;
    req.set_request_id(request_id);
    return stub_->CreateHonorer(Ctx(token).get(), req, out);
  }

  v1::Honorer MustCreate(const v1::Honorer& h) {
    v1::Honorer out;
    grpc::Status s = Create(h, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  int64_t CountRows(const std::string& sql) {
    auto conn = server_->db().Acquire();
    auto rows = (*conn)->Query(sql);
    return rows.ok() && !rows->empty() ? (*rows)[0].Int(0) : -1;
  }

  std::unique_ptr<testing::RegistryServer> server_;
  std::unique_ptr<v1::RegistryService::Stub> stub_;
};

// ---- Instansi ------------------------------------------------------------------

TEST_P(RegistryServiceTest, OnlyNationalCreatesInstansiAndDuplicatesAreRefused) {
  v1::CreateInstansiRequest req;
  auto* i = req.mutable_instansi();
  i->set_code("6471");
  i->set_display_name("Pemerintah Kota Balikpapan");
  i->set_level(v1::Instansi::KOTA);
  i->set_time_zone("Asia/Makassar");
  v1::Instansi out;
  EXPECT_EQ(stub_->CreateInstansi(Ctx(kKupangToken).get(), req, &out).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  ASSERT_TRUE(stub_->CreateInstansi(Ctx(kKemenpanToken).get(), req, &out).ok());
  EXPECT_EQ(out.name(), "instansi/6471");
  EXPECT_EQ(stub_->CreateInstansi(Ctx(kKemenpanToken).get(), req, &out).error_code(),
            grpc::StatusCode::ALREADY_EXISTS);
  i->set_code("6472");
  i->set_time_zone("WITA");
  grpc::Status bad = stub_->CreateInstansi(Ctx(kKemenpanToken).get(), req, &out);
  EXPECT_EQ(bad.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolationsOf(FromGrpcStatus(bad))[0].field, "instansi.time_zone");

  v1::ListInstansiRequest list;
  list.set_page_size(2);
  v1::ListInstansiResponse page;
  ASSERT_TRUE(stub_->ListInstansi(Ctx(kBekasiToken).get(), list, &page).ok());
  ASSERT_EQ(page.instansi_size(), 2);
  EXPECT_EQ(page.instansi(0).code(), "3275");
  list.set_page_token(page.next_page_token());
  ASSERT_TRUE(stub_->ListInstansi(Ctx(kBekasiToken).get(), list, &page).ok());
  ASSERT_EQ(page.instansi_size(), 1);
  EXPECT_EQ(page.instansi(0).code(), "6471");
  EXPECT_TRUE(page.next_page_token().empty());
}

TEST_P(RegistryServiceTest, CallsWithoutAValidTokenAreUnauthenticated) {
  v1::GetInstansiRequest req;
  req.set_code("5371");
  v1::Instansi out;
  EXPECT_EQ(stub_->GetInstansi(Ctx("").get(), req, &out).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(stub_->GetInstansi(Ctx("not-a-token-at-all-xxxx").get(), req, &out).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
}

// ---- Honorers ------------------------------------------------------------------

TEST_P(RegistryServiceTest, CreateReturnsNameEtagAndActiveStatusWithHistory) {
  v1::Honorer h = MustCreate(Kupang(Nik(1)));
  EXPECT_THAT(h.name(), HasSubstr("honorers/"));
  EXPECT_EQ(h.status(), v1::ACTIVE);
  EXPECT_EQ(h.etag(), "1");
  EXPECT_FALSE(h.in_bkn_database());

  v1::ListStatusHistoryRequest req;
  req.set_name(h.name());
  v1::ListStatusHistoryResponse history;
  ASSERT_TRUE(stub_->ListStatusHistory(Ctx(kKupangToken).get(), req, &history).ok());
  ASSERT_EQ(history.events_size(), 1);
  EXPECT_EQ(history.events(0).status(), v1::ACTIVE);
  EXPECT_EQ(history.events(0).principal(), "instansi:5371");
  EXPECT_EQ(CountRows("SELECT COUNT(*) FROM audit_log WHERE action = 'CreateHonorer'"), 1);
}

TEST_P(RegistryServiceTest, InvalidNikIsRefusedWithTheFieldAndReasonAndNothingStored) {
  struct Case {
    std::string nik;
    const char* reason;
  } cases[] = {{"537101120785001", "must be 16 digits"},
               {"9971011207850001", "unknown province code 99"},
               {"5371013207850001", "not a real date"}};
  for (const Case& c : cases) {
    SCOPED_TRACE(c.nik);
    v1::Honorer bad = Kupang("5371011207850002");
    bad.set_nik(c.nik);
    v1::Honorer out;
    grpc::Status s = Create(bad, &out);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_THAT(s.error_message(), HasSubstr(c.reason));
    auto v = ViolationsOf(FromGrpcStatus(s));
    ASSERT_FALSE(v.empty());
    EXPECT_EQ(v[0].field, "honorer.nik");
    EXPECT_EQ(s.error_message().find(c.nik), std::string::npos) << "no whole NIK in errors";
  }
  EXPECT_EQ(CountRows("SELECT COUNT(*) FROM honorers"), 0);
  EXPECT_EQ(CountRows("SELECT COUNT(*) FROM audit_log"), 2);  // the two instansi of setup
}

TEST_P(RegistryServiceTest, BirthDateDisagreeingWithNikIsRefused) {
  v1::Honorer h = Kupang(Nik(1));
  h.mutable_birth_date()->set_day(13);
  v1::Honorer out;
  grpc::Status s = Create(h, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("disagrees with birth_date"));
}

TEST_P(RegistryServiceTest, DuplicateNikIsAlreadyExistsEvenFromAnotherInstansi) {
  MustCreate(Kupang(Nik(1)));
  v1::Honorer out;
  EXPECT_EQ(Create(Kupang(Nik(1)), &out).error_code(), grpc::StatusCode::ALREADY_EXISTS);
  v1::Honorer bekasi = Kupang(Nik(1));
  bekasi.set_instansi_code("3275");
  EXPECT_EQ(Create(bekasi, &out, kBekasiToken).error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(CountRows("SELECT COUNT(*) FROM honorers"), 1);
}

TEST_P(RegistryServiceTest, RetriedCreateWithSameRequestIdCreatesOnce) {
  v1::Honorer first, second;
  ASSERT_TRUE(Create(Kupang(Nik(1)), &first, kKupangToken, "req-42").ok());
  ASSERT_TRUE(Create(Kupang(Nik(1)), &second, kKupangToken, "req-42").ok());
  EXPECT_EQ(first.name(), second.name());
  EXPECT_EQ(CountRows("SELECT COUNT(*) FROM honorers"), 1);
}

// docs/security.md "No oracle": a record of another instansi named by id or NIK is
// answered exactly as a missing one; naming another instansi is PERMISSION_DENIED.
// Every attempt is audited.
TEST_P(RegistryServiceTest, AnotherInstansisRecordsAreAnsweredAsMissingAndAudited) {
  v1::Honorer h = MustCreate(Kupang(Nik(1)));
  v1::Honorer out;
  const std::string missing_name = "honorers/999999";
  auto get_by_name = [&](const std::string& name, const char* token) {
    v1::GetHonorerRequest get;
    get.set_name(name);
    return stub_->GetHonorer(Ctx(token).get(), get, &out);
  };
  auto get_by_nik = [&](const std::string& nik) {
    v1::GetHonorerRequest get;
    get.set_nik(nik);
    return stub_->GetHonorer(Ctx(kBekasiToken).get(), get, &out);
  };
  // The same code and the same words, the record's name aside.
  grpc::Status foreign = get_by_name(h.name(), kBekasiToken);
  grpc::Status absent = get_by_name(missing_name, kBekasiToken);
  EXPECT_EQ(foreign.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(absent.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(absl::StrReplaceAll(foreign.error_message(), {{h.name(), "X"}}),
            absl::StrReplaceAll(absent.error_message(), {{missing_name, "X"}}));
  grpc::Status foreign_nik = get_by_nik(Nik(1));
  grpc::Status absent_nik = get_by_nik(Nik(77));
  EXPECT_EQ(foreign_nik.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(foreign_nik.error_message(), absent_nik.error_message());
  EXPECT_EQ(foreign_nik.error_message().find("5371"), std::string::npos);

  EXPECT_EQ(Create(Kupang(Nik(2)), &out, kBekasiToken).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  v1::ListHonorersRequest list;
  list.set_instansi_code("5371");
  v1::ListHonorersResponse listed;
  grpc::Status listed_status = stub_->ListHonorers(Ctx(kBekasiToken).get(), list, &listed);
  EXPECT_EQ(listed_status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(listed_status.error_message().find("5371"), std::string::npos);
  // Refusals inside a transaction are audited too, without waiting on its lock.
  v1::UpdateHonorerRequest update;
  *update.mutable_honorer() = h;
  update.mutable_update_mask()->add_paths("unit_kerja");
  EXPECT_EQ(stub_->UpdateHonorer(Ctx(kBekasiToken).get(), update, &out).error_code(),
            grpc::StatusCode::NOT_FOUND);
  v1::ChangeHonorerStatusRequest status;
  status.set_name(h.name());
  status.set_status(v1::DIRUMAHKAN);
  status.set_reason("bukan urusan Bekasi");
  EXPECT_EQ(stub_->ChangeHonorerStatus(Ctx(kBekasiToken).get(), status, &out).error_code(),
            grpc::StatusCode::NOT_FOUND);
  // Six attempts on Kupang's data; the two lookups of what does not exist are not refusals.
  EXPECT_EQ(CountRows("SELECT COUNT(*) FROM audit_log WHERE outcome = 'PERMISSION_DENIED'"
                      " AND principal = 'instansi:3275'"),
            6);
  // The owner and national principals read it.
  ASSERT_TRUE(get_by_name(h.name(), kKupangToken).ok());
  EXPECT_EQ(out.name(), h.name());
  ASSERT_TRUE(get_by_name(h.name(), kBknToken).ok());
}

TEST_P(RegistryServiceTest, ListPagesByKeyWithFiltersAndTotal) {
  for (int i = 1; i <= 25; ++i) MustCreate(Kupang(Nik(i), i % 5 == 0 ? "RSUD S. K. Lerik" : "Dinas Pendidikan"));
  v1::Honorer bekasi = Kupang(Nik(99));
  bekasi.set_instansi_code("3275");
  v1::Honorer out;
  ASSERT_TRUE(Create(bekasi, &out, kBekasiToken).ok());

  v1::ListHonorersRequest req;  // an instansi lists its own without naming it
  req.set_page_size(10);
  std::set<std::string> seen;
  int pages = 0;
  do {
    v1::ListHonorersResponse page;
    ASSERT_TRUE(stub_->ListHonorers(Ctx(kKupangToken).get(), req, &page).ok());
    EXPECT_EQ(page.total_size(), 25);
    for (const auto& h : page.honorers()) {
      EXPECT_EQ(h.instansi_code(), "5371");
      seen.insert(h.name());
    }
    req.set_page_token(page.next_page_token());
    ++pages;
  } while (!req.page_token().empty());
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(seen.size(), 25u);

  v1::ListHonorersRequest rsud;
  rsud.set_instansi_code("5371");
  rsud.set_unit_kerja("RSUD S. K. Lerik");
  v1::ListHonorersResponse page;
  ASSERT_TRUE(stub_->ListHonorers(Ctx(kKemenpanToken).get(), rsud, &page).ok());
  EXPECT_EQ(page.total_size(), 5);

  v1::ListHonorersRequest bad;
  bad.set_page_token("garbage");
  EXPECT_EQ(stub_->ListHonorers(Ctx(kKupangToken).get(), bad, &page).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_P(RegistryServiceTest, UpdateWithMaskAndEtagAndStaleEtagIsAborted) {
  v1::Honorer h = MustCreate(Kupang(Nik(1)));
  v1::UpdateHonorerRequest req;
  *req.mutable_honorer() = h;
  req.mutable_honorer()->set_unit_kerja("BPBD");
  req.mutable_honorer()->set_full_name("ignored: not in the mask");
  req.mutable_update_mask()->add_paths("unit_kerja");
  v1::Honorer updated;
  ASSERT_TRUE(stub_->UpdateHonorer(Ctx(kKupangToken).get(), req, &updated).ok());
  EXPECT_EQ(updated.unit_kerja(), "BPBD");
  EXPECT_EQ(updated.full_name(), "Yohanes Ndun");
  EXPECT_EQ(updated.etag(), "2");

  // The same request again carries the old etag.
  req.mutable_honorer()->set_unit_kerja("Damkar");
  grpc::Status stale = stub_->UpdateHonorer(Ctx(kKupangToken).get(), req, &updated);
  EXPECT_EQ(stale.error_code(), grpc::StatusCode::ABORTED);
  v1::GetHonorerRequest get;
  get.set_name(h.name());
  v1::Honorer now;
  ASSERT_TRUE(stub_->GetHonorer(Ctx(kKupangToken).get(), get, &now).ok());
  EXPECT_EQ(now.unit_kerja(), "BPBD");

  req.mutable_honorer()->set_etag("2");
  req.mutable_update_mask()->set_paths(0, "status");
  EXPECT_EQ(stub_->UpdateHonorer(Ctx(kKupangToken).get(), req, &updated).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  req.mutable_update_mask()->set_paths(0, "instansi_code");
  req.mutable_honorer()->set_instansi_code("3275");
  EXPECT_EQ(stub_->UpdateHonorer(Ctx(kKupangToken).get(), req, &updated).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  req.mutable_update_mask()->set_paths(0, "birth_date");
  req.mutable_honorer()->mutable_birth_date()->set_day(13);
  grpc::Status invalid = stub_->UpdateHonorer(Ctx(kKupangToken).get(), req, &updated);
  EXPECT_EQ(invalid.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(invalid.error_message(), HasSubstr("honorer.nik"));
}

TEST_P(RegistryServiceTest, ANationalPrincipalMovesAnHonorerToAnotherInstansi) {
  v1::Honorer h = MustCreate(Kupang(Nik(1)));
  v1::UpdateHonorerRequest req;
  *req.mutable_honorer() = h;
  req.mutable_honorer()->set_instansi_code("9999");
  req.mutable_update_mask()->add_paths("instansi_code");
  v1::Honorer moved;
  EXPECT_EQ(stub_->UpdateHonorer(Ctx(kKemenpanToken).get(), req, &moved).error_code(),
            grpc::StatusCode::NOT_FOUND);
  req.mutable_honorer()->set_instansi_code("3275");
  ASSERT_TRUE(stub_->UpdateHonorer(Ctx(kKemenpanToken).get(), req, &moved).ok());
  EXPECT_EQ(moved.instansi_code(), "3275");
  v1::GetHonorerRequest get;
  get.set_name(h.name());
  v1::Honorer out;
  EXPECT_TRUE(stub_->GetHonorer(Ctx(kBekasiToken).get(), get, &out).ok());
  EXPECT_EQ(stub_->GetHonorer(Ctx(kKupangToken).get(), get, &out).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_P(RegistryServiceTest, ARetriedCreateDoesNotAnswerAnHonorerMovedAway) {
  v1::Honorer h;
  ASSERT_TRUE(Create(Kupang(Nik(1)), &h, kKupangToken, "req-move").ok());
  v1::UpdateHonorerRequest move;
  *move.mutable_honorer() = h;
  move.mutable_honorer()->set_instansi_code("3275");
  move.mutable_update_mask()->add_paths("instansi_code");
  v1::Honorer moved;
  ASSERT_TRUE(stub_->UpdateHonorer(Ctx(kKemenpanToken).get(), move, &moved).ok());
  v1::Honorer out;
  grpc::Status replay = Create(Kupang(Nik(1)), &out, kKupangToken, "req-move");
  EXPECT_EQ(replay.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(replay.error_message().find("3275"), std::string::npos);
  EXPECT_EQ(CountRows("SELECT COUNT(*) FROM audit_log WHERE action = 'CreateHonorer'"
                      " AND outcome = 'PERMISSION_DENIED'"),
            1);
}

// Refusals are audited whatever the request quotes: a bulk MS (the screening's
// to set), and an instansi code long enough that the audit's resource column cuts
// it inside a character (MariaDB refuses a half character).
TEST_P(RegistryServiceTest, RefusalsAreAuditedWhateverTheRequestQuotes) {
  v1::BulkChangeStatusRequest bulk;
  bulk.set_instansi_code("5371");
  bulk.set_new_status(v1::MS);
  bulk.set_reason("lulus");
  v1::BulkChangeStatusResponse bulk_out;
  EXPECT_EQ(stub_->BulkChangeStatus(Ctx(kKupangToken).get(), bulk, &bulk_out).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(CountRows("SELECT COUNT(*) FROM audit_log WHERE action = 'BulkChangeStatus'"
                      " AND outcome = 'PERMISSION_DENIED' AND principal = 'instansi:5371'"),
            1);

  v1::ListHonorersRequest list;
  list.set_instansi_code(std::string(190, 'x') + "\u00e9\u00e9\u00e9\u00e9\u00e9");
  v1::ListHonorersResponse listed;
  EXPECT_EQ(stub_->ListHonorers(Ctx(kBekasiToken).get(), list, &listed).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(CountRows("SELECT COUNT(*) FROM audit_log WHERE action = 'ListHonorers'"
                      " AND outcome = 'PERMISSION_DENIED' AND principal = 'instansi:3275'"),
            1);
}

TEST_P(RegistryServiceTest, StatusChangesNeedAReasonAndAreKeptInOrder) {
  v1::Honorer h = MustCreate(Kupang(Nik(1)));
  v1::ChangeHonorerStatusRequest req;
  req.set_name(h.name());
  req.set_status(v1::DIRUMAHKAN);
  v1::Honorer out;
  EXPECT_EQ(stub_->ChangeHonorerStatus(Ctx(kKupangToken).get(), req, &out).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  req.set_reason("Kontrak berakhir 31 Desember 2020, menunggu SK baru");
  ASSERT_TRUE(stub_->ChangeHonorerStatus(Ctx(kKupangToken).get(), req, &out).ok());
  EXPECT_EQ(out.status(), v1::DIRUMAHKAN);
  req.set_status(v1::MS);
  EXPECT_EQ(stub_->ChangeHonorerStatus(Ctx(kKupangToken).get(), req, &out).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  req.set_reason("Hasil seleksi administrasi");
  req.set_status(v1::TMS);
  EXPECT_EQ(stub_->ChangeHonorerStatus(Ctx(::penataan::testing::kFormasiToken).get(), req, &out)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  // The screening moves a worker to MS/TMS through its batch method only.
  EXPECT_EQ(stub_->ChangeHonorerStatus(Ctx(kScreeningToken).get(), req, &out).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  v1::RecordScreeningOutcomesRequest outcomes;
  auto* entry = outcomes.add_entries();
  entry->set_name(h.name());
  entry->set_status(v1::TMS);
  entry->set_reason("Hasil seleksi administrasi");
  v1::RecordScreeningOutcomesResponse recorded;
  // Sent home is the instansi's decision, not a result's to undo: refused, kept.
  ASSERT_TRUE(
      stub_->RecordScreeningOutcomes(Ctx(kScreeningToken).get(), outcomes, &recorded).ok());
  EXPECT_EQ(recorded.changed(), 0);
  EXPECT_THAT(recorded.refused(), ElementsAre(0));
  // Back at work, the worker is the screening's to judge.
  req.set_status(v1::ACTIVE);
  req.set_reason("SK baru terbit");
  ASSERT_TRUE(stub_->ChangeHonorerStatus(Ctx(kKupangToken).get(), req, &out).ok());
  ASSERT_TRUE(
      stub_->RecordScreeningOutcomes(Ctx(kScreeningToken).get(), outcomes, &recorded).ok());
  EXPECT_EQ(recorded.changed(), 1);
  req.set_status(v1::DIRUMAHKAN);
  req.set_etag("1");
  EXPECT_EQ(stub_->ChangeHonorerStatus(Ctx(kKupangToken).get(), req, &out).error_code(),
            grpc::StatusCode::ABORTED);

  v1::ListStatusHistoryRequest hist;
  hist.set_name(h.name());
  hist.set_page_size(2);
  std::vector<v1::HonorerStatus> statuses;
  do {
    v1::ListStatusHistoryResponse page;
    ASSERT_TRUE(stub_->ListStatusHistory(Ctx(kKupangToken).get(), hist, &page).ok());
    for (const auto& e : page.events()) statuses.push_back(e.status());
    hist.set_page_token(page.next_page_token());
  } while (!hist.page_token().empty());
  EXPECT_THAT(statuses, ElementsAre(v1::ACTIVE, v1::DIRUMAHKAN, v1::ACTIVE, v1::TMS));
}

TEST_P(RegistryServiceTest, BulkSendsHomeAllButTheCrucialUnitsAndDryRunChangesNothing) {
  const char* units[] = {"Dinas Pendidikan", "BPBD", "Damkar", "RSUD S. K. Lerik", "Puskesmas",
                         "Dinas Sosial"};
  for (int i = 1; i <= 30; ++i) MustCreate(Kupang(Nik(i), units[i % 6]));
  v1::BulkChangeStatusRequest req;
  req.set_instansi_code("5371");
  req.add_current_status(v1::ACTIVE);
  for (const char* crucial : {"BPBD", "Damkar", "RSUD S. K. Lerik", "Puskesmas"}) {
    req.add_exclude_unit_kerja(crucial);
  }
  req.set_new_status(v1::DIRUMAHKAN);
  req.set_reason("Kontrak berakhir 31 Desember 2020; dirumahkan menunggu SK Wali Kota");
  req.set_dry_run(true);
  v1::BulkChangeStatusResponse out;
  ASSERT_TRUE(stub_->BulkChangeStatus(Ctx(kKupangToken).get(), req, &out).ok());
  EXPECT_EQ(out.matched(), 10);
  EXPECT_EQ(out.changed(), 10);
  EXPECT_TRUE(out.dry_run());
  EXPECT_EQ(CountRows("SELECT COUNT(*) FROM honorers WHERE status = 6"), 0);

  req.set_dry_run(false);
  ASSERT_TRUE(stub_->BulkChangeStatus(Ctx(kKupangToken).get(), req, &out).ok());
  EXPECT_EQ(out.changed(), 10);
  EXPECT_EQ(CountRows("SELECT COUNT(*) FROM honorers WHERE status = 6"), 10);
  EXPECT_EQ(CountRows("SELECT COUNT(*) FROM status_events WHERE status = 6"), 10);
  // Again: nothing is ACTIVE outside the crucial units any more.
  ASSERT_TRUE(stub_->BulkChangeStatus(Ctx(kKupangToken).get(), req, &out).ok());
  EXPECT_EQ(out.matched(), 0);
  EXPECT_EQ(stub_->BulkChangeStatus(Ctx(kBekasiToken).get(), req, &out).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST_P(RegistryServiceTest, OnlyBknVerifiesAndUnknownNiksAreNamed) {
  MustCreate(Kupang(Nik(1)));
  MustCreate(Kupang(Nik(2)));
  v1::VerifyHonorersRequest req;
  auto* a = req.add_entries();
  a->set_nik(Nik(1));
  a->set_in_bkn_database(true);
  auto* b = req.add_entries();
  b->set_nik(Nik(3));
  b->set_in_bkn_database(true);
  auto* c = req.add_entries();
  c->set_nik(Nik(2));
  c->set_in_bkn_database(false);
  v1::VerifyHonorersResponse out;
  EXPECT_EQ(stub_->VerifyHonorers(Ctx(kKemenpanToken).get(), req, &out).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  ASSERT_TRUE(stub_->VerifyHonorers(Ctx(kBknToken).get(), req, &out).ok());
  EXPECT_EQ(out.updated(), 1);
  EXPECT_EQ(out.unchanged(), 1);
  EXPECT_THAT(out.not_found(), ElementsAre(1));
  v1::GetHonorerRequest get;
  get.set_nik(Nik(1));
  v1::Honorer h;
  ASSERT_TRUE(stub_->GetHonorer(Ctx(kKupangToken).get(), get, &h).ok());
  EXPECT_TRUE(h.in_bkn_database());
}

TEST_P(RegistryServiceTest, ServesHealthChecking) {
  auto serving = CheckHealth(
      grpc::CreateChannel(server_->address(), grpc::InsecureChannelCredentials()), absl::Seconds(5));
  ASSERT_TRUE(serving.ok()) << serving.status();
  EXPECT_TRUE(*serving);
}

INSTANTIATE_TEST_SUITE_P(Backends, RegistryServiceTest, ::testing::Values("sqlite", "mysql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace penataan::registry
