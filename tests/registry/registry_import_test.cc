// ImportHonorers over real gRPC on both backends: counts, every error of a rejected
// row, replay, a stream cut in the middle that the same import_id finishes, and
// validate_only, which answers what the import would and writes nothing.

#include <grpcpp/grpcpp.h>

#include <thread>

#include "absl/strings/str_cat.h"
#include "bench/synthetic_honorers.h"
#include "common/server/server_runner.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/registry/import_session.h"
#include "tests/testing/import_upload.h"
#include "tests/testing/raw_call.h"
#include "tests/testing/registry_server.h"

namespace penataan::registry {
namespace {

using ::penataan::testing::Ctx;
using ::penataan::testing::kBekasiToken;
using ::penataan::testing::kKupangToken;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr int kBatch = 10;

std::vector<v1::ImportRow> Rows(int n, uint64_t seed = 1) {
  bench::HonorerGenerator gen({seed});
  std::vector<v1::ImportRow> rows;
  for (int i = 0; i < n; ++i) rows.push_back(gen.Next());
  return rows;
}

// An answer's errors, each "row field: description", in the order answered.
std::vector<std::string> ErrorsOf(const v1::ImportHonorersResponse& r) {
  std::vector<std::string> out;
  for (const auto& e : r.errors()) {
    out.push_back(absl::StrCat(e.row(), " ", e.field(), ": ", e.description()));
  }
  return out;
}

// An answer's counts: created, updated, unchanged, rejected.
std::vector<int64_t> CountsOf(const v1::ImportHonorersResponse& r) {
  return {r.created(), r.updated(), r.unchanged(), r.rejected()};
}

v1::ImportHeader ValidateOnly(const std::string& instansi, const std::string& import_id) {
  v1::ImportHeader header;
  header.set_instansi_code(instansi);
  header.set_import_id(import_id);
  header.set_validate_only(true);
  return header;
}

class RegistryImportTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (storage::testing::TestDatabase::ShouldSkip(GetParam())) GTEST_SKIP() << "no MariaDB";
    auto server = testing::RegistryServer::Start(GetParam(), kBatch);
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server);
    stub_ = server_->NewStub();
  }

  using Upload = testing::Upload;

  // An upload with its header sent; rows follow with SendRows.
  Upload OpenUpload(grpc::ClientContext& ctx, v1::ImportHonorersResponse& out,
                    const std::string& instansi, const std::string& import_id,
                    const char* token = kKupangToken) {
    return testing::OpenUpload(*stub_, ctx, out, instansi, import_id, token);
  }
  static bool SendRows(Upload& upload, const std::vector<v1::ImportRow>& rows, size_t from,
                       size_t to) {
    return testing::SendRows(upload, rows, from, to);
  }
  static bool SendEnd(Upload& upload, int64_t rows) { return testing::SendEnd(upload, rows); }

  // Waits up to 5 s for the import's committed rows to reach n; answers what it reached.
  int64_t WaitCommitted(int64_t n) {
    for (int i = 0; i < 200 && Count("SELECT rows_committed FROM instansi_imports") < n; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    return Count("SELECT rows_committed FROM instansi_imports");
  }

  grpc::Status Import(const std::string& instansi, const std::string& import_id,
                      const std::vector<v1::ImportRow>& rows, v1::ImportHonorersResponse* out,
                      const char* token = kKupangToken) {
    return testing::ImportAll(*stub_, instansi, import_id, rows, out, token);
  }

  grpc::Status Validate(const std::string& instansi, const std::string& import_id,
                        const std::vector<v1::ImportRow>& rows, v1::ImportHonorersResponse* out) {
    return testing::ImportAll(*stub_, ValidateOnly(instansi, import_id), rows, out, kKupangToken);
  }

  int64_t Count(const std::string& sql) {
    auto conn = server_->db().Acquire();
    auto rows = (*conn)->Query(sql);
    return rows.ok() && !rows->empty() ? (*rows)[0].Int(0) : -1;
  }

  // What an import writes, counted: honorers and their changes, SK periods, imports
  // and their errors, audit records (but a check's own, which says it was a check).
  std::vector<int64_t> Written() {
    return {Count("SELECT COUNT(*) FROM honorers"),
            Count("SELECT COUNT(*) FROM honorers WHERE version > 1"),
            Count("SELECT COUNT(*) FROM contracts"),
            Count("SELECT COUNT(*) FROM contracts WHERE sk_number <> ''"),
            Count("SELECT COUNT(*) FROM instansi_imports"),
            Count("SELECT COUNT(*) FROM instansi_import_errors"),
            Count("SELECT COUNT(*) FROM audit_log WHERE resource NOT LIKE '%/imports/check'")};
  }

  // A second server over this one's database, with its own batches and row bound.
  std::unique_ptr<testing::RegistryServer> Replica(int batch_size,
                                                   int64_t max_import_rows = kMaxImportRows) {
    testing::RegistryServerOptions options;
    options.import_batch_size = batch_size;
    options.max_import_rows = max_import_rows;
    options.database_url = server_->database_url();
    auto replica = testing::RegistryServer::Start(GetParam(), options);
    EXPECT_TRUE(replica.ok()) << replica.status();
    return replica.ok() ? std::move(*replica) : nullptr;
  }

  std::unique_ptr<testing::RegistryServer> server_;
  std::unique_ptr<v1::RegistryService::Stub> stub_;
};

TEST_P(RegistryImportTest, GoodRowsAreCreatedAndEachBadRowIsNamed) {
  std::vector<v1::ImportRow> rows = Rows(25);
  rows[3].set_nik("9971011207850001");        // row 4: unknown province
  rows[11].set_birth_date("31-12-1990");      // row 12: not ISO
  rows[21] = rows[20];                        // row 22: the same person as row 21
  rows[21].set_row_number(22);
  v1::ImportHonorersResponse out;
  grpc::Status s = Import("5371", "kupang-2025-01", rows, &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(out.created(), 22);
  EXPECT_EQ(out.rejected(), 3);
  ASSERT_EQ(out.errors_size(), 3);
  EXPECT_EQ(out.errors(0).row(), 4);
  EXPECT_EQ(out.errors(0).field(), "nik");
  EXPECT_THAT(out.errors(0).description(), HasSubstr("unknown province code 99"));
  EXPECT_EQ(out.errors(1).row(), 12);
  EXPECT_EQ(out.errors(1).field(), "birth_date");
  EXPECT_EQ(out.errors(2).row(), 22);
  EXPECT_THAT(out.errors(2).description(), HasSubstr("first at row 21"));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM honorers WHERE instansi_code = '5371'"), 22);
  EXPECT_GE(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'ImportHonorers'"), 3);
}

// A rejected row answers each of its errors, naming its column, so that the admin
// fixes it in one go; `rejected` counts rows; a replay answers the same errors.
TEST_P(RegistryImportTest, ARowWithSeveralErrorsAnswersEachWithItsColumn) {
  std::vector<v1::ImportRow> rows = Rows(12);
  rows[2].set_nik("9971011207850001");  // row 3: an unknown province,
  rows[2].set_gender("X");              // no gender,
  rows[2].set_education("PhD");         // no education
  rows[6].set_whatsapp("12");           // row 7: no WhatsApp number,
  rows[6].set_contract_start("");       // and an SK without its period
  rows[6].set_contract_end("");
  rows[6].set_sk_signed_date("06/01/2021");
  rows[10] = rows[9];                   // row 11: row 10's NIK again, and no education
  rows[10].set_row_number(11);
  rows[10].set_education("PhD");
  v1::ImportHonorersResponse out;
  grpc::Status s = Import("5371", "several", rows, &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(out.created(), 9);
  EXPECT_EQ(out.rejected(), 3) << "rows, not errors";
  EXPECT_FALSE(out.errors_truncated());
  std::vector<std::string> where;
  for (const auto& e : out.errors()) where.push_back(absl::StrCat(e.row(), " ", e.field()));
  EXPECT_THAT(where, ::testing::ElementsAre("3 nik", "3 gender", "3 education", "7 whatsapp",
                                            "7 sk_signed_date", "7 sk_signed_date", "11 nik",
                                            "11 education"));
  ASSERT_EQ(out.errors_size(), 8);
  EXPECT_THAT(out.errors(0).description(), HasSubstr("unknown province code 99"));
  EXPECT_THAT(out.errors(1).description(), HasSubstr("not L/P"));
  EXPECT_THAT(out.errors(6).description(), HasSubstr("first at row 10"));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM instansi_import_errors"), 8);
  EXPECT_EQ(Count("SELECT rejected FROM instansi_imports"), 3);

  v1::ImportHonorersResponse again;
  ASSERT_TRUE(Import("5371", "several", rows, &again).ok());
  EXPECT_TRUE(again.replayed());
  EXPECT_EQ(again.rejected(), 3);
  EXPECT_EQ(ErrorsOf(again), ErrorsOf(out));
}

TEST_P(RegistryImportTest, ACompletedImportSentAgainChangesNothingAndAnswersTheSameCounts) {
  std::vector<v1::ImportRow> rows = Rows(15);
  rows[0].set_gender("X");
  v1::ImportHonorersResponse first, again;
  ASSERT_TRUE(Import("5371", "once", rows, &first).ok());
  rows[5].set_full_name("Changed After The Fact");
  ASSERT_TRUE(Import("5371", "once", rows, &again).ok());
  EXPECT_TRUE(again.replayed());
  EXPECT_EQ(again.created(), first.created());
  EXPECT_EQ(again.rejected(), 1);
  ASSERT_EQ(again.errors_size(), 1);
  EXPECT_EQ(again.errors(0).row(), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM honorers WHERE full_name = 'Changed After The Fact'"), 0);
}

TEST_P(RegistryImportTest, ACutStreamKeepsCommittedBatchesAndTheSameImportIdFinishesIt) {
  const std::vector<v1::ImportRow> rows = Rows(50);
  {
    // Send 35 rows, wait until three batches (30 rows) are committed, then vanish.
    grpc::ClientContext ctx;
    v1::ImportHonorersResponse out;
    Upload upload = OpenUpload(ctx, out, "5371", "cut-1");
    ASSERT_TRUE(SendRows(upload, rows, 0, 35));
    ASSERT_EQ(WaitCommitted(30), 30);
    ctx.TryCancel();
    EXPECT_EQ(upload->Finish().error_code(), grpc::StatusCode::CANCELLED);
  }
  EXPECT_EQ(Count("SELECT COUNT(*) FROM honorers"), 30);
  EXPECT_EQ(Count("SELECT completed FROM instansi_imports"), 0);

  v1::ImportHonorersResponse out;
  ASSERT_TRUE(Import("5371", "cut-1", rows, &out).ok());
  EXPECT_FALSE(out.replayed());
  EXPECT_EQ(out.created(), 50) << "the counts of one uninterrupted run";
  EXPECT_EQ(out.unchanged(), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM honorers"), 50);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM honorers WHERE created_by = 'instansi:5371'"), 50);
}

TEST_P(RegistryImportTest, ANewImportUpdatesChangedRowsAndCountsTheRestUnchanged) {
  std::vector<v1::ImportRow> rows = Rows(20);
  v1::ImportHonorersResponse out;
  ASSERT_TRUE(Import("5371", "v1", rows, &out).ok());
  rows[2].set_unit_kerja("Puskesmas Oebobo");
  rows[7].set_contract_end("2026-06-30");
  ASSERT_TRUE(Import("5371", "v2", rows, &out).ok());
  EXPECT_EQ(out.created(), 0);
  EXPECT_EQ(out.updated(), 2);
  EXPECT_EQ(out.unchanged(), 18);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM honorers WHERE unit_kerja = 'Puskesmas Oebobo'"
                  " AND version = 2"),
            1);
}

TEST_P(RegistryImportTest, AFileOfKnownThenNewRowsCountsEachRight) {
  std::vector<v1::ImportRow> rows = Rows(45);
  // The first import: the file's first 10 rows and someone the file has only later.
  std::vector<v1::ImportRow> first(rows.begin(), rows.begin() + 10);
  v1::ImportRow known = Rows(1, 77)[0];
  known.set_row_number(11);
  first.push_back(known);
  v1::ImportHonorersResponse out;
  ASSERT_TRUE(Import("5371", "first-11", first, &out).ok());
  rows[25].set_nik(known.nik());  // a known NIK late in the file, in an otherwise new batch
  rows[25].set_birth_date(known.birth_date());
  rows[25].set_gender(known.gender());
  ASSERT_TRUE(Import("5371", "all-45", rows, &out).ok());
  EXPECT_EQ(out.unchanged(), 10);
  EXPECT_EQ(out.updated(), 1);
  EXPECT_EQ(out.created(), 34);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM honorers"), 45);
}

TEST_P(RegistryImportTest, ANikOfAnotherInstansiIsRejectedNotOverwritten) {
  std::vector<v1::ImportRow> rows = Rows(5);
  v1::ImportHonorersResponse out;
  ASSERT_TRUE(Import("3275", "bekasi-1", {rows[0]}, &out, kBekasiToken).ok());
  ASSERT_EQ(out.created(), 1);
  rows[0].set_full_name("Taken Over");
  ASSERT_TRUE(Import("5371", "kupang-1", rows, &out).ok());
  EXPECT_EQ(out.created(), 4);
  EXPECT_EQ(out.rejected(), 1);
  EXPECT_THAT(out.errors(0).description(), HasSubstr("another instansi"));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM honorers WHERE full_name = 'Taken Over'"), 0);
}

TEST_P(RegistryImportTest, ImportingForAnotherInstansiIsDenied) {
  v1::ImportHonorersResponse out;
  grpc::Status s = Import("3275", "x", Rows(3), &out, kKupangToken);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM honorers"), 0);
}

TEST_P(RegistryImportTest, TwoUploadsOfOneImportAtOnceCannotBothCommit) {
  const std::vector<v1::ImportRow> rows = Rows(30);
  grpc::ClientContext ctx_a, ctx_b;
  v1::ImportHonorersResponse out_a, out_b;
  Upload a = OpenUpload(ctx_a, out_a, "5371", "twice");
  SendRows(a, rows, 0, 15);  // A commits rows 1-10; 11-15 wait in A
  ASSERT_EQ(WaitCommitted(10), 10);
  Upload b = OpenUpload(ctx_b, out_b, "5371", "twice");
  SendRows(b, rows, 0, 25);  // B resumes after row 10 and commits 11-20 first
  ASSERT_EQ(WaitCommitted(20), 20);
  SendRows(a, rows, 15, 25);  // A's batch 11-20 finds the import moved on: refused
  SendEnd(a, 25);
  a->WritesDone();
  grpc::Status status_a = a->Finish();
  EXPECT_EQ(status_a.error_code(), grpc::StatusCode::ABORTED) << status_a.error_message();
  EXPECT_THAT(status_a.error_message(), HasSubstr("another upload of this import"));
  SendRows(b, rows, 25, 30);
  SendEnd(b, 30);
  b->WritesDone();
  grpc::Status status_b = b->Finish();
  ASSERT_TRUE(status_b.ok()) << status_b.error_message();
  EXPECT_EQ(out_b.created(), 30) << "the counts of the import, whichever upload finished it";
  EXPECT_EQ(Count("SELECT COUNT(*) FROM honorers"), 30);
}

TEST_P(RegistryImportTest, AShorterFileUnderACommittedImportIdIsRefusedNotCompleted) {
  const std::vector<v1::ImportRow> rows = Rows(30);
  {
    grpc::ClientContext ctx;
    v1::ImportHonorersResponse out;
    Upload upload = OpenUpload(ctx, out, "5371", "reused");
    ASSERT_TRUE(SendRows(upload, rows, 0, 25));
    WaitCommitted(20);
    ctx.TryCancel();
    upload->Finish();
  }
  ASSERT_EQ(Count("SELECT rows_committed FROM instansi_imports"), 20);
  v1::ImportHonorersResponse out;
  grpc::Status s = Import("5371", "reused", Rows(12, 77), &out);  // another file, same id
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(s.error_message(), HasSubstr("not the same file"));
  EXPECT_EQ(Count("SELECT completed FROM instansi_imports"), 0);
}

// validate_only answers what an import of the same rows then does (every rule,
// SK periods included), and writes nothing: no honorer, period, import or error
// row, only the audit record of the check (it answers which NIKs are registered
// elsewhere, as an import does); the import_id it was sent with is not started,
// nor, once completed, replayed.
TEST_P(RegistryImportTest, ValidateOnlyAnswersWhatTheImportThenDoesAndWritesNothing) {
  std::vector<v1::ImportRow> rows = Rows(20);
  v1::ImportHonorersResponse out;
  ASSERT_TRUE(Import("5371", "before", {rows.begin(), rows.begin() + 10}, &out).ok());
  ASSERT_TRUE(Import("3275", "bekasi", {rows[19]}, &out, kBekasiToken).ok());
  ASSERT_EQ(out.created(), 1);
  rows[2].set_unit_kerja("Puskesmas Oebobo");  // row 3: updated
  rows[4].set_sk_number("800/12/2025");         // row 5: its period gets its SK: updated
  rows[4].set_sk_signed_by("Wali Kota Kupang");
  rows[13].set_gender("X");                     // row 14: two errors
  rows[13].set_education("PhD");
  rows[16] = rows[15];                          // row 17: row 16 again
  rows[16].set_row_number(17);
  // Row 20 is registered at Bekasi; rows 11-19 but 14 and 17 are new.
  const std::vector<int64_t> before = Written();

  v1::ImportHonorersResponse checked;
  grpc::Status s = Validate("5371", "", rows, &checked);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(Written(), before) << "validate_only wrote something";
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'ImportHonorers' AND principal"
                  " = 'instansi:5371' AND resource = 'instansi/5371/imports/check' AND detail"
                  " LIKE '%validate_only rows=20 created=7 updated=2 unchanged=8 rejected=3'"),
            1);
  EXPECT_THAT(CountsOf(checked), ::testing::ElementsAre(7, 2, 8, 3));
  EXPECT_FALSE(checked.replayed());
  std::vector<std::string> errors = ErrorsOf(checked);
  ASSERT_EQ(errors.size(), 4u);
  EXPECT_THAT(errors[0], HasSubstr("14 gender"));
  EXPECT_THAT(errors[1], HasSubstr("14 education"));
  EXPECT_THAT(errors[2], HasSubstr("17 nik: appears again in this import (first at row 16)"));
  EXPECT_THAT(errors[3], HasSubstr("20 nik: is already registered, at another instansi"));
  for (const char* secret : {"3275", "Bekasi", rows[19].full_name().c_str()}) {
    EXPECT_THAT(errors[3], Not(HasSubstr(secret)));
  }

  // Checked under an import_id, then imported under it: the check did not start it.
  ASSERT_TRUE(Validate("5371", "checked-first", rows, &checked).ok());
  EXPECT_EQ(Written(), before);
  v1::ImportHonorersResponse imported;
  ASSERT_TRUE(Import("5371", "checked-first", rows, &imported).ok());
  EXPECT_FALSE(imported.replayed());
  EXPECT_EQ(CountsOf(imported), CountsOf(checked));
  EXPECT_EQ(ErrorsOf(imported), ErrorsOf(checked));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM honorers WHERE instansi_code = '5371'"), 17);

  // The completed import's id checked again: checked against what is registered
  // now, not replayed.
  ASSERT_TRUE(Validate("5371", "checked-first", rows, &checked).ok());
  EXPECT_FALSE(checked.replayed());
  EXPECT_THAT(CountsOf(checked), ::testing::ElementsAre(0, 0, 17, 3));
  EXPECT_EQ(ErrorsOf(checked), ErrorsOf(imported));
}

TEST_P(RegistryImportTest, ValidateOnlyIsImportsPermission) {
  v1::ImportHonorersResponse out;
  grpc::Status s = testing::ImportAll(*stub_, ValidateOnly("3275", ""), Rows(3), &out,
                                      kKupangToken);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
}

// The errors of the first 10,000 rejected rows are answered, every one of each row,
// whether checked, imported or replayed; the import stores them all (under its
// 100,000 rows).
TEST_P(RegistryImportTest, TheErrorsOfTenThousandRowsAreAnswered) {
  // A replica with large batches, so that the import is one transaction.
  auto replica = Replica(20000);
  ASSERT_NE(replica, nullptr);
  auto stub = replica->NewStub();
  constexpr int kAnswered = ImportSession::kMaxReturnedRows;
  std::vector<v1::ImportRow> rows = Rows(kAnswered + 5);
  for (v1::ImportRow& r : rows) {
    r.set_gender("X");
    r.set_education("PhD");
  }
  auto expect_capped = [&](const v1::ImportHonorersResponse& r) {
    EXPECT_EQ(r.rejected(), kAnswered + 5);
    EXPECT_TRUE(r.errors_truncated());
    ASSERT_EQ(r.errors_size(), 2 * kAnswered);
    EXPECT_EQ(r.errors(2 * kAnswered - 1).row(), kAnswered);
    EXPECT_EQ(r.errors(2 * kAnswered - 1).field(), "education");
  };
  v1::ImportHonorersResponse checked, imported, replayed;
  ASSERT_TRUE(testing::ImportAll(*stub, ValidateOnly("5371", ""), rows, &checked, kKupangToken)
                  .ok());
  expect_capped(checked);
  ASSERT_TRUE(testing::ImportAll(*stub, "5371", "all-bad", rows, &imported, kKupangToken).ok());
  expect_capped(imported);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM instansi_import_errors"), 2 * (kAnswered + 5));
  ASSERT_TRUE(testing::ImportAll(*stub, "5371", "all-bad", rows, &replayed, kKupangToken).ok());
  EXPECT_TRUE(replayed.replayed());
  expect_capped(replayed);
  EXPECT_EQ(ErrorsOf(replayed), ErrorsOf(checked));
}

// The rows of one import are bounded (docs/security.md "Limits"); a replica with a
// low bound reaches it quickly. The bound is counted per message, before any row of
// it is taken: under one batch, a refused stream stores no honorer.
TEST_P(RegistryImportTest, AnImportOfTheMostRowsIsTakenAndOneRowMoreIsRefused) {
  EXPECT_EQ(RegistryServiceOptions{}.max_import_rows, 2'000'000);  // as documented
  auto replica = Replica(1000, 25);
  ASSERT_NE(replica, nullptr);
  auto stub = replica->NewStub();

  v1::ImportHonorersResponse out;
  grpc::Status s = testing::ImportAll(*stub, "5371", "one-too-many", Rows(26), &out, kKupangToken);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), ::testing::StartsWith("rows: at most 25 rows in one import"));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM honorers"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM instansi_imports WHERE completed <> 0"), 0);

  ASSERT_TRUE(testing::ImportAll(*stub, "5371", "the-most", Rows(25), &out, kKupangToken).ok());
  EXPECT_EQ(out.created(), 25);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM honorers"), 25);
}

// Past the bound, batches committed before it stay, as after any cut upload; the
// rows from the refused message on are not stored and the import is not completed.
TEST_P(RegistryImportTest, AnImportPastTheMostRowsKeepsOnlyWhatItHadCommitted) {
  auto replica = Replica(kBatch, 25);
  ASSERT_NE(replica, nullptr);
  auto stub = replica->NewStub();
  v1::ImportHonorersResponse out;
  // Messages of 7 rows: the fourth (rows 22..28) passes 25; rows 1..20 were committed
  // in two batches, row 21 waited in the third.
  grpc::Status s = testing::ImportAll(*stub, "5371", "too-long", Rows(28), &out, kKupangToken);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM honorers"), 2 * kBatch);
  EXPECT_EQ(Count("SELECT rows_committed FROM instansi_imports"), 2 * kBatch);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM instansi_imports WHERE completed <> 0"), 0);
}

// The largest answer an import can give, every column of each of the 10,000 rows
// whose errors are answered wrong with a long cell (quoted cut to 40 bytes), stays
// under the 16 MiB a service may send, so that the counts of a bad file always reach
// penataanctl (which reads up to 64 MiB, as this client does).
TEST_P(RegistryImportTest, TheLargestAnswerFitsInOneMessage) {
  // A server of its own with large batches, so that the check is one read.
  auto own = testing::RegistryServer::Start(GetParam(), 20000);
  ASSERT_TRUE(own.ok()) << own.status();
  grpc::ChannelArguments args;
  args.SetMaxReceiveMessageSize(64 << 20);
  auto stub = v1::RegistryService::NewStub(grpc::CreateCustomChannel(
      (*own)->address(), grpc::InsecureChannelCredentials(), args));
  const std::string junk(41, 'x');
  std::vector<v1::ImportRow> rows(ImportSession::kMaxReturnedRows + 1);
  for (size_t i = 0; i < rows.size(); ++i) {
    v1::ImportRow& r = rows[i];
    r.set_row_number(static_cast<int64_t>(i) + 2);
    for (const char* field : {"nik", "full_name", "birth_date", "gender", "education", "unit_kerja",
                              "jabatan_category", "position_title", "service_start_date",
                              "contract_start", "contract_end", "email", "whatsapp", "sk_number",
                              "sk_signed_by", "sk_signed_date"}) {
      const auto* f = r.GetDescriptor()->FindFieldByName(field);
      r.GetReflection()->SetString(&r, f, junk);
    }
  }
  v1::ImportHonorersResponse out;
  grpc::Status s = testing::ImportAll(*stub, ValidateOnly("5371", ""), rows, &out, kKupangToken);
  ASSERT_TRUE(s.ok()) << s.error_code() << " " << s.error_message();
  EXPECT_EQ(out.rejected(), static_cast<int64_t>(rows.size()));
  EXPECT_TRUE(out.errors_truncated());
  EXPECT_GE(out.errors_size(), ImportSession::kMaxReturnedRows * 10);
  EXPECT_LT(out.ByteSizeLong(), 16u << 20);
}

// One message of rows `bytes` long exactly: one row whose full_name fills it.
v1::ImportHonorersRequest RowsMessageOf(size_t bytes) {
  v1::ImportHonorersRequest msg;
  v1::ImportRow* row = msg.mutable_rows()->add_rows();
  *row = Rows(1)[0];
  row->set_full_name("");
  const size_t rest = msg.ByteSizeLong();
  // The name's length prefixes (of the name, the row, the rows) grow with it: shrink
  // the name by what they add.
  size_t name = bytes - rest;
  while (true) {
    row->set_full_name(std::string(name, 'a'));
    const size_t size = msg.ByteSizeLong();
    if (size == bytes) return msg;
    name -= size - bytes;
  }
}

// Every service takes messages of up to 16 MiB (ServerOptions::max_message_bytes,
// docs/security.md "Limits"): one that long reaches the handler (here a row whose
// name is too long, rejected and counted); one byte more is refused by gRPC itself
// with RESOURCE_EXHAUSTED before any handler reads it, and nothing is stored.
TEST_P(RegistryImportTest, AMessageOfSixteenMebibytesIsReadAndOneByteMoreIsRefused) {
  constexpr size_t kMax = 16 << 20;
  ASSERT_EQ(ServerOptions{}.max_message_bytes, static_cast<int>(kMax));
  for (const size_t bytes : {kMax, kMax + 1}) {
    SCOPED_TRACE(bytes);
    grpc::ClientContext ctx;
    v1::ImportHonorersResponse out;
    Upload upload = OpenUpload(ctx, out, "5371", absl::StrCat("big-", bytes));
    upload->Write(RowsMessageOf(bytes));
    SendEnd(upload, 1);
    upload->WritesDone();
    grpc::Status s = upload->Finish();
    if (bytes == kMax) {
      ASSERT_TRUE(s.ok()) << s.error_message();
      EXPECT_EQ(CountsOf(out), (std::vector<int64_t>{0, 0, 0, 1}));
      ASSERT_EQ(out.errors_size(), 1);
      EXPECT_EQ(out.errors(0).field(), "full_name");
    } else {
      EXPECT_EQ(s.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
      EXPECT_THAT(s.error_message(), HasSubstr("larger than max"));
    }
  }
  EXPECT_EQ(Count("SELECT COUNT(*) FROM honorers"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM instansi_imports WHERE import_id = 'big-16777217' AND "
                  "rows_committed > 0"), 0);
}

// A message one byte past the size bound: gRPC answers RESOURCE_EXHAUSTED and
// cancels the call, which the handler saw before the end message too; a guard
// that it stays so. The import stays unfinished and the same import_id finishes it.
TEST_P(RegistryImportTest, AnUploadCutByAnUnreadableMessageIsNotFinished) {
  const std::vector<v1::ImportRow> rows = Rows(30);
  {
    grpc::ClientContext ctx;
    v1::ImportHonorersResponse out;
    Upload upload = OpenUpload(ctx, out, "5371", "cut-by-size");
    SendRows(upload, rows, 0, 20);
    ASSERT_EQ(WaitCommitted(20), 20);
    upload->Write(RowsMessageOf((16 << 20) + 1));
    SendRows(upload, rows, 20, 30);
    SendEnd(upload, 31);
    upload->WritesDone();
    EXPECT_FALSE(upload->Finish().ok());
  }
  EXPECT_EQ(Count("SELECT completed FROM instansi_imports"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM honorers"), 20) << "committed batches are kept";

  v1::ImportHonorersResponse out;
  grpc::Status s = Import("5371", "cut-by-size", rows, &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_FALSE(out.replayed());
  EXPECT_EQ(CountsOf(out), (std::vector<int64_t>{30, 0, 0, 0}));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM honorers"), 30);
}

// gRPC ends a client stream at a message that does not parse (here a name that is
// not UTF-8, which proto3 refuses) as if the client had half-closed, and does not
// cancel the call. Without the end message counting the rows, the registry
// finished the import with the 20 rows before it, and sending the file again only
// replayed that: rows 21-30 were lost without a word. Now the caller is told
// which field, and the import stays open for the same import_id to finish.
TEST_P(RegistryImportTest, AnUploadCutByAMessageThatDoesNotParseIsNotFinished) {
  const std::vector<v1::ImportRow> rows = Rows(30);
  auto bytes_of = [](const v1::ImportHonorersRequest& m) { return m.SerializeAsString(); };
  std::vector<std::string> stream;
  v1::ImportHonorersRequest msg;
  msg.mutable_header()->set_instansi_code("5371");
  msg.mutable_header()->set_import_id("cut-by-bytes");
  stream.push_back(bytes_of(msg));
  auto rows_message = [&](size_t from, size_t to) {
    v1::ImportHonorersRequest m;
    for (size_t i = from; i < to; ++i) *m.mutable_rows()->add_rows() = rows[i];
    return m;
  };
  stream.push_back(bytes_of(rows_message(0, 20)));
  // Rows 21-25 with row 21's name "Yohana~Bria" made "Yohana\xFFBria" in the bytes.
  v1::ImportHonorersRequest broken = rows_message(20, 25);
  broken.mutable_rows()->mutable_rows(0)->set_full_name("Yohana~Bria");
  std::string bytes = bytes_of(broken);
  bytes[bytes.find("Yohana~Bria") + 6] = '\xFF';
  stream.push_back(bytes);
  stream.push_back(bytes_of(rows_message(25, 30)));
  msg.mutable_end()->set_rows(30);
  stream.push_back(bytes_of(msg));

  testing::RawReply reply =
      testing::CallRaw(grpc::CreateChannel(server_->address(), grpc::InsecureChannelCredentials()),
                       "/penataan.registry.v1.RegistryService/ImportHonorers", stream,
                       kKupangToken);
  EXPECT_EQ(reply.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(reply.status.error_message(), HasSubstr("full_name"));
  EXPECT_THAT(reply.status.error_message(), HasSubstr("not valid UTF-8"));
  EXPECT_EQ(Count("SELECT completed FROM instansi_imports"), 0);

  v1::ImportHonorersResponse out;
  grpc::Status s = Import("5371", "cut-by-bytes", rows, &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_FALSE(out.replayed()) << "the first upload was not recorded as the whole file";
  EXPECT_EQ(CountsOf(out), (std::vector<int64_t>{30, 0, 0, 0}));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM honorers"), 30);
}

TEST_P(RegistryImportTest, AnUploadWithoutItsEndIsNotFinished) {
  const std::vector<v1::ImportRow> rows = Rows(25);
  for (const bool validate_only : {false, true}) {
    SCOPED_TRACE(validate_only);
    grpc::ClientContext ctx;
    v1::ImportHonorersResponse out;
    v1::ImportHeader header = ValidateOnly("5371", "no-end");
    header.set_validate_only(validate_only);
    Upload upload = testing::OpenUpload(*stub_, ctx, out, header, kKupangToken);
    SendRows(upload, rows, 0, 25);
    upload->WritesDone();
    grpc::Status s = upload->Finish();
    EXPECT_EQ(s.error_code(), grpc::StatusCode::ABORTED);
    EXPECT_THAT(s.error_message(), HasSubstr("after 25 rows without its end message"));
  }
  EXPECT_EQ(Count("SELECT completed FROM instansi_imports"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM honorers"), 20) << "the two full batches";
}

TEST_P(RegistryImportTest, TheEndMustCountTheRowsThatArrivedAndComeLast) {
  const std::vector<v1::ImportRow> rows = Rows(12);
  struct Case {
    const char* name;
    int64_t end_rows;
    bool rows_after_end;
    const char* field;
  };
  for (const Case& c : {Case{"fewer", 11, false, "end.rows"}, Case{"more", 13, false, "end.rows"},
                        Case{"rows-after", 12, true, "end"}}) {
    SCOPED_TRACE(c.name);
    grpc::ClientContext ctx;
    v1::ImportHonorersResponse out;
    Upload upload = OpenUpload(ctx, out, "5371", absl::StrCat("end-", c.name));
    SendRows(upload, rows, 0, 12);
    SendEnd(upload, c.end_rows);
    if (c.rows_after_end) SendRows(upload, rows, 0, 1);
    upload->WritesDone();
    grpc::Status s = upload->Finish();
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_THAT(s.error_message(), ::testing::StartsWith(absl::StrCat(c.field, ": ")));
  }
  EXPECT_EQ(Count("SELECT COUNT(*) FROM instansi_imports WHERE completed <> 0"), 0);
}

TEST_P(RegistryImportTest, RowNumbersMustIncrease) {
  std::vector<v1::ImportRow> rows = Rows(3);
  rows[2].set_row_number(1);
  v1::ImportHonorersResponse out;
  grpc::Status s = Import("5371", "bad-order", rows, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("row_number"));
}

INSTANTIATE_TEST_SUITE_P(Backends, RegistryImportTest, ::testing::Values("sqlite", "mysql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace penataan::registry
