// The registry faults of issue 7 (point 6, and import_id's scope of point 3), over
// real gRPC on SQLite and MariaDB. Each test failed before its fix; the races only
// on MariaDB, where transactions run side by side (SQLite serialises writers).

#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <atomic>
#include <functional>
#include <map>
#include <random>
#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/mutex.h"
#include "bench/synthetic_honorers.h"
#include "common/errors.h"
#include "common/server/grpc_status.h"
#include "common/storage/migrations.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/registry/migrations/registry_migrations.h"
#include "tests/testing/import_upload.h"
#include "tests/testing/registry_server.h"

namespace penataan::registry {
namespace {

using ::penataan::testing::Ctx;
using ::penataan::testing::kBekasiToken;
using ::penataan::testing::kKemenpanToken;
using ::penataan::testing::kKupangToken;
using ::testing::HasSubstr;
using ::testing::Not;

// A valid honorer of `instansi` with the NIK `nik` (born 12 July 1985, a man).
v1::Honorer Person(const std::string& nik, const std::string& instansi,
                   const std::string& full_name) {
  v1::Honorer h;
  h.set_nik(nik);
  h.set_full_name(full_name);
  h.mutable_birth_date()->set_year(1985);
  h.mutable_birth_date()->set_month(7);
  h.mutable_birth_date()->set_day(12);
  h.set_gender(v1::MALE);
  h.set_education(penataan::common::v1::SMA);
  h.set_instansi_code(instansi);
  h.set_unit_kerja("Dinas Pendidikan");
  h.set_jabatan_category(common::v1::TENAGA_KEPENDIDIKAN);
  h.set_position_title("Operator Sekolah");
  h.mutable_service_start_date()->set_year(2005);
  h.mutable_service_start_date()->set_month(1);
  h.mutable_service_start_date()->set_day(3);
  return h;
}

// Kota Kupang's NIK prefix 537101, Kota Bekasi's 327501; born 12 July 1985.
std::string KupangNik(int serial) { return absl::StrFormat("5371011207850%03d", serial); }
std::string BekasiNik(int serial) { return absl::StrFormat("3275011207850%03d", serial); }

std::vector<v1::ImportRow> Rows(int n, uint64_t seed = 1) {
  bench::HonorerGenerator gen({seed});
  std::vector<v1::ImportRow> rows;
  for (int i = 0; i < n; ++i) rows.push_back(gen.Next());
  return rows;
}

// What an import answered, in one comparable string.
std::string Summary(const v1::ImportHonorersResponse& r) {
  std::string out = absl::StrCat("created=", r.created(), " updated=", r.updated(),
                                 " unchanged=", r.unchanged(), " rejected=", r.rejected());
  for (const auto& e : r.errors()) {
    absl::StrAppend(&out, "\n  row ", e.row(), " ", e.field(), ": ", e.description());
  }
  return out;
}

class RegistryFaultsTest : public ::testing::TestWithParam<std::string> {
 protected:
  using Server = std::unique_ptr<testing::RegistryServer>;
  using Upload = testing::Upload;

  void SetUp() override {
    if (storage::testing::TestDatabase::ShouldSkip(GetParam())) GTEST_SKIP() << "no MariaDB";
    server_ = StartServer(1000);
    ASSERT_NE(server_, nullptr);
    stub_ = server_->NewStub();
  }

  Server StartServer(int import_batch_size) {
    auto server = testing::RegistryServer::Start(GetParam(), import_batch_size);
    EXPECT_TRUE(server.ok()) << server.status();
    return server.ok() ? std::move(*server) : nullptr;
  }

  static grpc::Status Create(v1::RegistryService::Stub& stub, const v1::Honorer& h,
                             v1::Honorer* out, const char* token,
                             const std::string& request_id = "") {
    v1::CreateHonorerRequest req;
    *req.mutable_honorer() = h;
    req.set_request_id(request_id);
    return stub.CreateHonorer(Ctx(token).get(), req, out);
  }

  static grpc::Status Import(v1::RegistryService::Stub& stub, const std::string& instansi,
                             const std::string& import_id, const std::vector<v1::ImportRow>& rows,
                             v1::ImportHonorersResponse* out, const char* token = kKupangToken) {
    return testing::ImportAll(stub, instansi, import_id, rows, out, token);
  }

  static std::vector<std::vector<int64_t>> Query(testing::RegistryServer& server,
                                                 const std::string& sql) {
    std::vector<std::vector<int64_t>> out;
    auto conn = server.db().Acquire();
    if (!conn.ok()) return out;
    auto rows = (*conn)->Query(sql);
    if (!rows.ok()) {
      ADD_FAILURE() << sql << ": " << rows.status();
      return out;
    }
    for (const auto& r : *rows) {
      std::vector<int64_t> values;
      for (size_t i = 0; i < r.size(); ++i) values.push_back(r.Int(i));
      out.push_back(std::move(values));
    }
    return out;
  }

  int64_t Count(const std::string& sql) {
    auto rows = Query(*server_, sql);
    return rows.empty() ? -1 : rows[0][0];
  }

  Server server_;
  std::unique_ptr<v1::RegistryService::Stub> stub_;
};

// ---- BulkChangeStatus against concurrent single changes ------------------------------

// Honorers resign one by one while BulkChangeStatus sends the instansi home and back,
// again and again. Without a locking read, MariaDB's bulk update wrote over a
// resignation committed after its snapshot: a RESIGNED honorer back to DIRUMAHKAN, and
// a history whose `from` was not the status it replaced.
TEST_P(RegistryFaultsTest, BulkChangeStatusNeverUndoesAConcurrentChangeOrAFinalStatus) {
  constexpr int kHonorers = 300;
  v1::ImportHonorersResponse imported;
  ASSERT_TRUE(Import(*stub_, "5371", "bulk-race", Rows(kHonorers), &imported).ok());
  ASSERT_EQ(imported.created(), kHonorers);
  std::vector<int64_t> ids;
  for (const auto& r : Query(*server_, "SELECT id FROM honorers")) ids.push_back(r[0]);
  std::shuffle(ids.begin(), ids.end(), std::mt19937(7));

  std::atomic<size_t> next{0};
  std::atomic<int> resigned{0}, single_failures{0};
  std::vector<std::thread> singles;
  for (int t = 0; t < 4; ++t) {
    singles.emplace_back([&] {
      auto stub = server_->NewStub();
      for (size_t i = next++; i < ids.size(); i = next++) {
        v1::ChangeHonorerStatusRequest req;
        req.set_name(absl::StrCat("honorers/", ids[i]));
        req.set_status(v1::RESIGNED);
        req.set_reason("Mengundurkan diri");
        v1::Honorer out;
        grpc::Status s = stub->ChangeHonorerStatus(Ctx(kKupangToken).get(), req, &out);
        if (s.ok()) {
          ++resigned;
        } else {
          ++single_failures;
          ADD_FAILURE() << "ChangeHonorerStatus " << ids[i] << ": " << s.error_message();
        }
      }
    });
  }
  int64_t bulk_changed = 0;
  int rounds = 0;
  while (next.load() < ids.size() || rounds < 4) {
    const bool home = rounds % 2 == 0;
    v1::BulkChangeStatusRequest req;
    req.set_instansi_code("5371");
    req.add_current_status(home ? v1::ACTIVE : v1::DIRUMAHKAN);
    req.set_new_status(home ? v1::DIRUMAHKAN : v1::ACTIVE);
    req.set_reason(home ? "Dirumahkan sementara" : "Dipekerjakan kembali");
    v1::BulkChangeStatusResponse out;
    grpc::Status s = stub_->BulkChangeStatus(Ctx(kKupangToken).get(), req, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();  // not ASSERT: the threads must be joined
    EXPECT_EQ(out.matched(), out.changed() + out.skipped());
    bulk_changed += out.changed();
    ++rounds;
  }
  for (std::thread& t : singles) t.join();
  SCOPED_TRACE(absl::StrCat(rounds, " bulk rounds"));
  ASSERT_EQ(resigned.load(), kHonorers);

  // Every resignation stands: RESIGNED is final for an instansi.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM honorers WHERE status <> 8"), 0);
  // Each history is a chain: an event's `from` is the status the one before set.
  std::map<int64_t, int64_t> current;  // honorer -> status so far (registration: ACTIVE)
  int broken = 0;
  for (const auto& e : Query(*server_, "SELECT honorer_id, from_status, status"
                                       " FROM status_events ORDER BY honorer_id, id")) {
    auto [it, fresh] = current.emplace(e[0], int64_t{v1::ACTIVE});
    if (e[1] != it->second && broken++ < 5) {
      ADD_FAILURE() << "honorers/" << e[0] << ": event from " << e[1] << " to " << e[2]
                    << " follows status " << it->second;
    }
    it->second = e[2];
  }
  EXPECT_EQ(broken, 0);
  // The counts add up: one resignation each, and as many bulk events as changes answered.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM status_events WHERE status = 8"), kHonorers);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM status_events WHERE reason <> 'Mengundurkan diri'"),
            bulk_changed);
}

// ---- A NIK repeated in one import ---------------------------------------------------

// The first occurrence of a NIK is imported, every later one rejected naming it:
// within one batch, across batches, across a resumed upload, on both backends.
TEST_P(RegistryFaultsTest, ANikRepeatedAnywhereInAnImportGetsTheSameAnswerWhateverTheBatch) {
  std::vector<v1::ImportRow> rows = Rows(12);
  auto repeat = [&](int later, int earlier) {  // 1-based row numbers
    rows[later - 1] = rows[earlier - 1];
    rows[later - 1].set_row_number(later);
  };
  repeat(3, 2);                              // next to it
  repeat(8, 1);                              // far from it, with other data
  rows[7].set_full_name("Nama Lain");
  repeat(12, 1);                             // far from it, the same data
  const std::string expected =
      "created=9 updated=0 unchanged=0 rejected=3"
      "\n  row 3 nik: appears again in this import (first at row 2)"
      "\n  row 8 nik: appears again in this import (first at row 1)"
      "\n  row 12 nik: appears again in this import (first at row 1)";

  for (int batch : {1000, 2}) {
    SCOPED_TRACE(absl::StrCat("batch size ", batch));
    Server server = StartServer(batch);
    ASSERT_NE(server, nullptr);
    auto stub = server->NewStub();
    v1::ImportHonorersResponse out;
    ASSERT_TRUE(Import(*stub, "5371", "dup-whole", rows, &out).ok());
    EXPECT_EQ(Summary(out), expected);
    EXPECT_EQ(Query(*server, "SELECT COUNT(*) FROM honorers")[0][0], 9);
    EXPECT_EQ(Query(*server, "SELECT COUNT(*) FROM honorers WHERE full_name = 'Nama Lain'")[0][0],
              0);
  }

  // A resumed upload: the first one commits rows 1-6 (the first occurrences among them)
  // and is cut; the second sends the whole file and finishes it.
  Server server = StartServer(2);
  ASSERT_NE(server, nullptr);
  auto stub = server->NewStub();
  {
    grpc::ClientContext ctx;
    v1::ImportHonorersResponse out;
    Upload upload = testing::OpenUpload(*stub, ctx, out, "5371", "dup-resumed", kKupangToken);
    ASSERT_TRUE(testing::SendRows(upload, rows, 0, 7));
    for (int i = 0; i < 200 && Query(*server, "SELECT COUNT(*) FROM honorers")[0][0] < 5; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    ctx.TryCancel();
    upload->Finish();
  }
  ASSERT_GE(Query(*server, "SELECT COUNT(*) FROM honorers")[0][0], 5);
  v1::ImportHonorersResponse out;
  ASSERT_TRUE(Import(*stub, "5371", "dup-resumed", rows, &out).ok());
  EXPECT_FALSE(out.replayed());
  EXPECT_EQ(Summary(out), expected);
}

// ---- A create retried concurrently ---------------------------------------------------

// Eight copies of one create, sent at once with one request_id (a client retrying
// while the first is still in flight): each answers the honorer the first created.
TEST_P(RegistryFaultsTest, ConcurrentCreatesWithOneRequestIdAllAnswerTheFirstHonorer) {
  constexpr int kCopies = 8;
  const v1::Honorer h = Person(KupangNik(1), "5371", "Yohanes Ndun");
  std::vector<grpc::Status> statuses(kCopies);
  std::vector<v1::Honorer> answers(kCopies);
  std::vector<std::unique_ptr<v1::RegistryService::Stub>> stubs;
  for (int i = 0; i < kCopies; ++i) stubs.push_back(server_->NewStub());
  std::atomic<int> ready{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kCopies; ++i) {
    threads.emplace_back([&, i] {
      ++ready;
      while (ready.load() < kCopies) std::this_thread::yield();
      statuses[i] = Create(*stubs[i], h, &answers[i], kKupangToken, "create-once-1");
    });
  }
  for (std::thread& t : threads) t.join();
  for (int i = 0; i < kCopies; ++i) {
    SCOPED_TRACE(i);
    ASSERT_TRUE(statuses[i].ok()) << statuses[i].error_message();
    EXPECT_EQ(answers[i].name(), answers[0].name());
    EXPECT_EQ(answers[i].nik(), KupangNik(1));
  }
  EXPECT_EQ(Count("SELECT COUNT(*) FROM honorers"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM create_requests"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'CreateHonorer'"), 1);
}

// ---- ListHonorers' total -------------------------------------------------------------

// The total is counted on the first page and carried in the token: page 2 answers
// page 1's total even after rows were added (it was not counted again), and a token
// is refused under another filter.
TEST_P(RegistryFaultsTest, ListHonorersCountsOnTheFirstPageAndCarriesTheTotal) {
  for (int i = 1; i <= 25; ++i) {
    v1::Honorer out;
    ASSERT_TRUE(Create(*stub_, Person(KupangNik(i), "5371", "Yohanes Ndun"), &out, kKupangToken)
                    .ok());
  }
  v1::ListHonorersRequest req;
  req.set_page_size(10);
  v1::ListHonorersResponse page1;
  ASSERT_TRUE(stub_->ListHonorers(Ctx(kKupangToken).get(), req, &page1).ok());
  EXPECT_EQ(page1.total_size(), 25);
  ASSERT_FALSE(page1.next_page_token().empty());
  for (int i = 26; i <= 28; ++i) {
    v1::Honorer out;
    ASSERT_TRUE(Create(*stub_, Person(KupangNik(i), "5371", "Yohanes Ndun"), &out, kKupangToken)
                    .ok());
  }
  req.set_page_token(page1.next_page_token());
  v1::ListHonorersResponse page2;
  ASSERT_TRUE(stub_->ListHonorers(Ctx(kKupangToken).get(), req, &page2).ok());
  EXPECT_EQ(page2.honorers_size(), 10);
  EXPECT_EQ(page2.total_size(), 25) << "the first page's count, carried";
  // A first page counts again.
  req.clear_page_token();
  ASSERT_TRUE(stub_->ListHonorers(Ctx(kKupangToken).get(), req, &page1).ok());
  EXPECT_EQ(page1.total_size(), 28);

  // The token belongs to its filter.
  struct Case {
    const char* what;
    std::function<void(v1::ListHonorersRequest&)> change;
  } cases[] = {
      {"unit_kerja", [](auto& r) { r.set_unit_kerja("BPBD"); }},
      {"status", [](auto& r) { r.set_status(v1::ACTIVE); }},
      {"jabatan_category",
       [](auto& r) { r.set_jabatan_category(common::v1::TENAGA_KESEHATAN); }},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    v1::ListHonorersRequest other = req;
    other.set_page_token(page1.next_page_token());
    c.change(other);
    v1::ListHonorersResponse out;
    grpc::Status s = stub_->ListHonorers(Ctx(kKupangToken).get(), other, &out);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_THAT(s.error_message(), HasSubstr("page_token"));
  }
  // Another instansi's list, by a national principal.
  v1::ListHonorersRequest national;
  national.set_instansi_code("3275");
  national.set_page_size(10);
  national.set_page_token(page1.next_page_token());
  v1::ListHonorersResponse out;
  EXPECT_EQ(stub_->ListHonorers(Ctx(kKemenpanToken).get(), national, &out).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  // The same filter named explicitly is the same list.
  national.set_instansi_code("5371");
  ASSERT_TRUE(stub_->ListHonorers(Ctx(kKemenpanToken).get(), national, &out).ok());
  EXPECT_EQ(out.total_size(), 28);
}

// ---- import_id belongs to its instansi ----------------------------------------------

TEST_P(RegistryFaultsTest, TwoInstansiUseOneImportIdAndEachGetsItsOwnCounts) {
  std::vector<v1::ImportRow> kupang = Rows(3, 1);
  std::vector<v1::ImportRow> bekasi = Rows(5, 9);
  bekasi[1].set_gender("X");
  v1::ImportHonorersResponse k1, b1, k2, b2;
  ASSERT_TRUE(Import(*stub_, "5371", "januari-2025", kupang, &k1).ok());
  grpc::Status s = Import(*stub_, "3275", "januari-2025", bekasi, &b1, kBekasiToken);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_FALSE(b1.replayed());
  EXPECT_EQ(Summary(k1), "created=3 updated=0 unchanged=0 rejected=0");
  EXPECT_EQ(b1.created(), 4);
  EXPECT_EQ(b1.rejected(), 1);
  ASSERT_EQ(b1.errors_size(), 1);
  EXPECT_EQ(b1.errors(0).row(), 2);

  // Each replay answers its own.
  ASSERT_TRUE(Import(*stub_, "5371", "januari-2025", kupang, &k2).ok());
  ASSERT_TRUE(Import(*stub_, "3275", "januari-2025", bekasi, &b2, kBekasiToken).ok());
  EXPECT_TRUE(k2.replayed());
  EXPECT_TRUE(b2.replayed());
  EXPECT_EQ(Summary(k2), Summary(k1));
  EXPECT_EQ(Summary(b2), Summary(b1));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM honorers WHERE instansi_code = '5371'"), 3);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM honorers WHERE instansi_code = '3275'"), 4);
}

// ---- A duplicate NIK says it is taken, not where ------------------------------------

TEST_P(RegistryFaultsTest, ADuplicateNikSaysItIsRegisteredButNotWhereOrWhose) {
  const std::string held = KupangNik(1);
  const std::string kupang_name = "Yohanes Ndun";
  v1::Honorer out;
  ASSERT_TRUE(Create(*stub_, Person(held, "5371", kupang_name), &out, kKupangToken).ok());

  auto expect_silent = [&](const grpc::Status& s, grpc::StatusCode code) {
    EXPECT_EQ(s.error_code(), code) << s.error_message();
    EXPECT_THAT(s.error_message(), HasSubstr("already registered"));
    for (const std::string& secret : {std::string("5371"), kupang_name, out.name()}) {
      EXPECT_THAT(s.error_message(), Not(HasSubstr(secret)));
      EXPECT_THAT(s.error_details(), Not(HasSubstr(secret)));
      for (const Violation& v : ViolationsOf(FromGrpcStatus(s))) {
        EXPECT_THAT(v.description, Not(HasSubstr(secret)));
        EXPECT_THAT(v.field, Not(HasSubstr(secret)));
      }
    }
  };
  {
    SCOPED_TRACE("CreateHonorer");
    v1::Honorer dup;
    expect_silent(Create(*stub_, Person(held, "3275", "Budi Santoso"), &dup, kBekasiToken),
                  grpc::StatusCode::ALREADY_EXISTS);
  }
  {
    SCOPED_TRACE("UpdateHonorer");
    v1::Honorer own;
    ASSERT_TRUE(
        Create(*stub_, Person(BekasiNik(1), "3275", "Budi Santoso"), &own, kBekasiToken).ok());
    v1::UpdateHonorerRequest req;
    *req.mutable_honorer() = own;
    req.mutable_honorer()->set_nik(held);
    req.mutable_update_mask()->add_paths("nik");
    v1::Honorer updated;
    expect_silent(stub_->UpdateHonorer(Ctx(kBekasiToken).get(), req, &updated),
                  grpc::StatusCode::ALREADY_EXISTS);
  }
  {
    SCOPED_TRACE("ImportHonorers");
    v1::ImportRow row = Rows(1)[0];
    row.set_nik(held);
    row.set_birth_date("1985-07-12");
    row.set_gender("MALE");
    v1::ImportHonorersResponse imported;
    ASSERT_TRUE(Import(*stub_, "3275", "bekasi-dup", {row}, &imported, kBekasiToken).ok());
    ASSERT_EQ(imported.errors_size(), 1);
    EXPECT_THAT(imported.errors(0).description(), HasSubstr("already registered"));
    for (const std::string& secret : {std::string("5371"), kupang_name, out.name()}) {
      EXPECT_THAT(imported.errors(0).description(), Not(HasSubstr(secret)));
    }
  }
}

// ---- Migration 4 ----------------------------------------------------------------------

// Imports made before migration 4 keep their counts and errors under their instansi;
// its statements run again (MySQL cut after some of them) copy nothing twice.
TEST_P(RegistryFaultsTest, Migration4KeepsEarlierImportsAndRunsAgainHarmlessly) {
  auto test_db = storage::testing::TestDatabase::Create(GetParam());
  ASSERT_TRUE(test_db.ok()) << test_db.status();
  auto db = storage::Database::Open({(*test_db)->url(), 2, 10000});
  ASSERT_TRUE(db.ok()) << db.status();
  const std::vector<storage::Migration>& all = RegistryMigrations();
  ASSERT_TRUE(storage::ApplyMigrations(**db, {all[0], all[1]}).ok());
  {
    auto conn = (*db)->Acquire();
    ASSERT_TRUE(conn.ok());
    for (const char* sql :
         {"INSERT INTO imports VALUES ('jan', '5371', 'instansi:5371', 20, 18, 0, 0, 2, 1, 1, 2)",
          "INSERT INTO imports VALUES ('feb', '3275', 'instansi:3275', 10, 10, 0, 0, 0, 0, 1, 2)",
          "INSERT INTO import_errors VALUES ('jan', 4, 'nik', 'unknown province code 99')",
          "INSERT INTO import_errors VALUES ('jan', 9, 'gender', 'is not L/P')"}) {
      ASSERT_TRUE((*conn)->Execute(sql).ok()) << sql;
    }
  }
  ASSERT_TRUE(storage::ApplyMigrations(**db, all).ok());
  storage::Migration again = all[3];  // migration 4 (later ones follow it in the list)
  ASSERT_EQ(again.version, 4);
  again.version = 1000;
  ASSERT_TRUE(storage::ApplyMigrations(**db, {again}).ok());

  auto conn = (*db)->Acquire();
  ASSERT_TRUE(conn.ok());
  auto imports = (*conn)->Query("SELECT instansi_code, import_id, rows_committed, rejected,"
                                " completed FROM instansi_imports ORDER BY import_id");
  ASSERT_TRUE(imports.ok()) << imports.status();
  ASSERT_EQ(imports->size(), 2u);
  EXPECT_EQ((*imports)[0].Str(0), "3275");
  EXPECT_EQ((*imports)[0].Str(1), "feb");
  EXPECT_EQ((*imports)[1].Str(0), "5371");
  EXPECT_EQ((*imports)[1].Int(3), 2);
  EXPECT_EQ((*imports)[1].Int(4), 1);
  auto errors = (*conn)->Query("SELECT instansi_code, import_id, row_no FROM"
                               " instansi_import_errors ORDER BY row_no");
  ASSERT_TRUE(errors.ok()) << errors.status();
  ASSERT_EQ(errors->size(), 2u);
  EXPECT_EQ((*errors)[0].Str(0), "5371");
  EXPECT_EQ((*errors)[1].Int(2), 9);
  auto old = (*conn)->Query("SELECT COUNT(*) FROM imports");
  EXPECT_FALSE(old.ok()) << "the old table is dropped";
}

// ---- Migration 8 ----------------------------------------------------------------------

// The errors stored before migration 8 (one a row) stay, each as its row's first,
// and a row then holds several. Its statements run again, from a run cut after the
// drop or after the rename (MySQL commits each), lose and copy nothing twice.
TEST_P(RegistryFaultsTest, Migration8KeepsStoredErrorsAndLetsARowHoldSeveral) {
  auto test_db = storage::testing::TestDatabase::Create(GetParam());
  ASSERT_TRUE(test_db.ok()) << test_db.status();
  auto db = storage::Database::Open({(*test_db)->url(), 2, 10000});
  ASSERT_TRUE(db.ok()) << db.status();
  const std::vector<storage::Migration>& all = RegistryMigrations();
  ASSERT_GE(all.size(), 8u);
  const storage::Migration& eighth = all[7];
  ASSERT_EQ(eighth.version, 8);
  ASSERT_TRUE(storage::ApplyMigrations(**db, {all.begin(), all.begin() + 7}).ok());
  auto conn = (*db)->Acquire();
  ASSERT_TRUE(conn.ok());
  for (const char* sql :
       {"INSERT INTO instansi_import_errors VALUES ('5371', 'jan', 4, 'nik', 'unknown province')",
        "INSERT INTO instansi_import_errors VALUES ('5371', 'jan', 9, 'gender', 'is not L/P')",
        "INSERT INTO instansi_import_errors VALUES ('3275', 'jan', 4, 'nik', 'too short')"}) {
    ASSERT_TRUE((*conn)->Execute(sql).ok()) << sql;
  }
  // Cut after the old table was dropped, before the new one was renamed.
  storage::Migration cut{1001, "cut", {}};
  for (const std::string& statement : eighth.statements) {
    cut.statements.push_back(statement);
    if (absl::StartsWith(statement, "DROP TABLE")) break;
  }
  ASSERT_LT(cut.statements.size(), eighth.statements.size());
  ASSERT_TRUE(storage::ApplyMigrations(**db, {cut}).ok());
  ASSERT_TRUE(storage::ApplyMigrations(**db, all).ok());
  // Cut after the rename, before the migration was recorded: all of it again.
  storage::Migration again = eighth;
  again.version = 1002;
  ASSERT_TRUE(storage::ApplyMigrations(**db, {again}).ok());

  auto stored = [&] {
    auto rows = (*conn)->Query("SELECT instansi_code, row_no, seq, field FROM"
                               " instansi_import_errors ORDER BY instansi_code, row_no, seq");
    std::vector<std::string> out;
    if (!rows.ok()) return std::vector<std::string>{std::string(rows.status().message())};
    for (const storage::Row& r : *rows) {
      out.push_back(absl::StrCat(r.Str(0), " ", r.Int(1), " ", r.Int(2), " ", r.Str(3)));
    }
    return out;
  };
  EXPECT_THAT(stored(), ::testing::ElementsAre("3275 4 0 nik", "5371 4 0 nik", "5371 9 0 gender"));
  ASSERT_TRUE((*conn)
                  ->Execute("INSERT INTO instansi_import_errors (instansi_code, import_id, row_no,"
                            " seq, field, message) VALUES ('5371', 'jan', 4, 1, 'gender', 'x')")
                  .ok());
  EXPECT_THAT(stored(), ::testing::ElementsAre("3275 4 0 nik", "5371 4 0 nik", "5371 4 1 gender",
                                               "5371 9 0 gender"));
  EXPECT_FALSE((*conn)->Query("SELECT COUNT(*) FROM instansi_import_errors_v8").ok())
      << "the rebuilt table is renamed";
}

INSTANTIATE_TEST_SUITE_P(Backends, RegistryFaultsTest, ::testing::Values("sqlite", "mysql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace penataan::registry
