// BatchGetHonorers and the eligible-honorer filters of ListHonorers, over real gRPC
// on SQLite and MariaDB: what formasi relies on when it checks a proposal's named
// honorers and lists the honorers a proposal must account for.

#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "common/errors.h"
#include "common/server/grpc_status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/import_upload.h"
#include "tests/testing/registry_server.h"

namespace penataan::registry {
namespace {

using ::penataan::testing::Ctx;
using ::penataan::testing::kBekasiToken;
using ::penataan::testing::kBknToken;
using ::penataan::testing::kFormasiToken;
using ::penataan::testing::kKemenpanToken;
using ::penataan::testing::kKupangToken;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::string Nik(const std::string& region, int serial) {
  return absl::StrFormat("%s011207850%03d", region, serial);
}

// A man born 12 July 1985, of instansi `code` (whose NIK region it shares).
v1::Honorer Honorer(const std::string& code, int serial) {
  v1::Honorer h;
  h.set_nik(Nik(code, serial));
  h.set_full_name(absl::StrCat("Honorer ", code, "-", serial));
  h.mutable_birth_date()->set_year(1985);
  h.mutable_birth_date()->set_month(7);
  h.mutable_birth_date()->set_day(12);
  h.set_gender(v1::MALE);
  h.set_education(common::v1::SMA);
  h.set_instansi_code(code);
  h.set_unit_kerja("Dinas Pendidikan");
  h.set_jabatan_category(common::v1::TENAGA_KEPENDIDIKAN);
  h.set_position_title("Operator Sekolah");
  h.mutable_service_start_date()->set_year(2010);
  h.mutable_service_start_date()->set_month(1);
  h.mutable_service_start_date()->set_day(4);
  return h;
}

class RegistryBatchGetTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (storage::testing::TestDatabase::ShouldSkip(GetParam())) GTEST_SKIP() << "no MariaDB";
    auto server = testing::RegistryServer::Start(GetParam());
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server);
    stub_ = server_->NewStub();
  }

  v1::Honorer MustCreate(const v1::Honorer& h, const char* token) {
    v1::CreateHonorerRequest req;
    *req.mutable_honorer() = h;
    v1::Honorer out;
    grpc::Status s = stub_->CreateHonorer(Ctx(token).get(), req, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  grpc::Status BatchGet(const std::vector<std::string>& names, const char* token,
                        v1::BatchGetHonorersResponse* out, bool allow_missing = false,
                        v1::HonorerView view = v1::HONORER_VIEW_UNSPECIFIED) {
    v1::BatchGetHonorersRequest req;
    for (const std::string& n : names) req.add_names(n);
    req.set_allow_missing(allow_missing);
    req.set_view(view);
    return stub_->BatchGetHonorers(Ctx(token).get(), req, out);
  }

  int64_t CountRows(const std::string& sql) {
    auto conn = server_->db().Acquire();
    auto rows = (*conn)->Query(sql);
    return rows.ok() && !rows->empty() ? (*rows)[0].Int(0) : -1;
  }

  void ChangeStatus(const std::string& name, v1::HonorerStatus to, const char* token) {
    v1::ChangeHonorerStatusRequest req;
    req.set_name(name);
    req.set_status(to);
    req.set_reason("uji");
    v1::Honorer out;
    grpc::Status s = stub_->ChangeHonorerStatus(Ctx(token).get(), req, &out);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }

  std::unique_ptr<testing::RegistryServer> server_;
  std::unique_ptr<v1::RegistryService::Stub> stub_;
};

std::vector<std::string> NamesOf(const v1::BatchGetHonorersResponse& r) {
  std::vector<std::string> out;
  for (const auto& h : r.honorers()) out.push_back(h.name());
  return out;
}

TEST_P(RegistryBatchGetTest, AnswersInTheOrderAskedOncePerAsk) {
  const std::string a = MustCreate(Honorer("5371", 1), kKupangToken).name();
  const std::string b = MustCreate(Honorer("5371", 2), kKupangToken).name();
  const std::string c = MustCreate(Honorer("5371", 3), kKupangToken).name();
  v1::BatchGetHonorersResponse out;
  grpc::Status s = BatchGet({c, a, b, a}, kKemenpanToken, &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_THAT(NamesOf(out), ElementsAre(c, a, b, a));
  EXPECT_TRUE(out.missing().empty());
  // FULL (the default) carries what identifies the person.
  EXPECT_EQ(out.honorers(1).nik(), Nik("5371", 1));
  EXPECT_EQ(out.honorers(1).gender(), v1::MALE);
  EXPECT_TRUE(out.honorers(1).has_birth_date());
  // A service's default is BASIC: it never receives the NIK.
  s = BatchGet({c, a, b, a}, kFormasiToken, &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_THAT(NamesOf(out), ElementsAre(c, a, b, a));
  EXPECT_EQ(out.honorers(1).nik(), "");
}

TEST_P(RegistryBatchGetTest, BasicViewLeavesOutNikBirthDateAndGender) {
  const std::string a = MustCreate(Honorer("5371", 1), kKupangToken).name();
  v1::BatchGetHonorersResponse out;
  ASSERT_TRUE(BatchGet({a}, kFormasiToken, &out, false, v1::HONORER_VIEW_BASIC).ok());
  ASSERT_EQ(out.honorers_size(), 1);
  const v1::Honorer& h = out.honorers(0);
  EXPECT_EQ(h.name(), a);
  EXPECT_TRUE(h.nik().empty());
  EXPECT_FALSE(h.has_birth_date());
  EXPECT_EQ(h.gender(), v1::GENDER_UNSPECIFIED);
  // What formasi checks is there.
  EXPECT_EQ(h.instansi_code(), "5371");
  EXPECT_EQ(h.status(), v1::ACTIVE);
  EXPECT_EQ(h.full_name(), "Honorer 5371-1");
  EXPECT_EQ(h.unit_kerja(), "Dinas Pendidikan");
  EXPECT_EQ(out.SerializeAsString().find(Nik("5371", 1)), std::string::npos);

  v1::BatchGetHonorersRequest bad;
  bad.add_names(a);
  bad.set_view(static_cast<v1::HonorerView>(7));
  EXPECT_EQ(stub_->BatchGetHonorers(Ctx(kFormasiToken).get(), bad, &out).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_P(RegistryBatchGetTest, MissingNamesAreListedOrTheFirstIsNotFound) {
  const std::string a = MustCreate(Honorer("5371", 1), kKupangToken).name();
  const std::string b = MustCreate(Honorer("5371", 2), kKupangToken).name();
  v1::BatchGetHonorersResponse out;
  grpc::Status s = BatchGet({a, "honorers/999998", b, "honorers/999999"}, kFormasiToken, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(s.error_message(), HasSubstr("honorers/999998"));
  std::vector<Violation> v = ViolationsOf(FromGrpcStatus(s));
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].field, "names");
  EXPECT_EQ(v[0].row, 2);

  out.Clear();
  ASSERT_TRUE(BatchGet({a, "honorers/999998", b, "honorers/999999"}, kFormasiToken, &out, true)
                  .ok());
  EXPECT_THAT(NamesOf(out), ElementsAre(a, b));
  EXPECT_THAT(out.missing(), ElementsAre("honorers/999998", "honorers/999999"));
}

// docs/security.md "No oracle": to an instansi, another instansi's honorer is
// missing, in the same words as one that does not exist, and the try is audited.
TEST_P(RegistryBatchGetTest, AnotherInstansisHonorersAreMissingNeverForbidden) {
  const std::string own = MustCreate(Honorer("3275", 1), kBekasiToken).name();
  const std::string kupang = MustCreate(Honorer("5371", 1), kKupangToken).name();
  const std::string absent = "honorers/999999";
  v1::BatchGetHonorersResponse out;
  ASSERT_TRUE(BatchGet({own, kupang, absent}, kBekasiToken, &out, true).ok());
  EXPECT_THAT(NamesOf(out), ElementsAre(own));
  EXPECT_THAT(out.missing(), ElementsAre(kupang, absent));

  grpc::Status foreign = BatchGet({own, kupang}, kBekasiToken, &out);
  grpc::Status missing = BatchGet({own, absent}, kBekasiToken, &out);
  EXPECT_EQ(foreign.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(missing.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(absl::StrReplaceAll(foreign.error_message(), {{kupang, "X"}}),
            absl::StrReplaceAll(missing.error_message(), {{absent, "X"}}));
  EXPECT_EQ(foreign.error_message().find("5371"), std::string::npos);
  // One refusal record per call that met another's honorer; none for the absent one.
  EXPECT_EQ(CountRows("SELECT COUNT(*) FROM audit_log WHERE action = 'BatchGetHonorers'"
                      " AND outcome = 'PERMISSION_DENIED' AND principal = 'instansi:3275'"),
            2);
  // National principals and the services see every instansi's.
  for (const char* token : {kKemenpanToken, kBknToken, kFormasiToken}) {
    SCOPED_TRACE(token);
    out.Clear();
    ASSERT_TRUE(BatchGet({kupang, own}, token, &out).ok());
    EXPECT_THAT(NamesOf(out), ElementsAre(kupang, own));
  }
}

TEST_P(RegistryBatchGetTest, BadNamesAndTooManyAreInvalidNamingThePlace) {
  const std::string a = MustCreate(Honorer("5371", 1), kKupangToken).name();
  v1::BatchGetHonorersResponse out;
  grpc::Status s = BatchGet({a, "honorers/abc", a, "pegawai/3"}, kKupangToken, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  std::vector<Violation> v = ViolationsOf(FromGrpcStatus(s));
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].field, "names");
  EXPECT_EQ(v[0].row, 2);
  EXPECT_EQ(v[1].row, 4);

  std::vector<std::string> too_many(kMaxBatchGetHonorers + 1, a);
  s = BatchGet(too_many, kKupangToken, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolationsOf(FromGrpcStatus(s))[0].field, "names");

  std::vector<std::string> most(kMaxBatchGetHonorers, a);
  out.Clear();
  ASSERT_TRUE(BatchGet(most, kKupangToken, &out).ok());
  EXPECT_EQ(out.honorers_size(), static_cast<int>(kMaxBatchGetHonorers));
}

// The size formasi sends on the deadline's last day: 3,500 names, read by id.
TEST_P(RegistryBatchGetTest, ThreeAndAHalfThousandNamesInOneCall) {
  std::vector<v1::ImportRow> rows;
  for (int i = 1; i <= 3500; ++i) {
    v1::ImportRow row;
    row.set_row_number(i + 1);
    // 12 July 2000, serials 0001-3500.
    row.set_nik(absl::StrFormat("3275011207%06d", i));
    row.set_full_name(absl::StrCat("Honorer ", i));
    row.set_birth_date("2000-07-12");
    row.set_gender("L");
    row.set_education("SMA");
    row.set_unit_kerja("Dinas Pendidikan");
    row.set_jabatan_category("GURU");
    row.set_position_title("Guru");
    row.set_service_start_date("2020-01-06");
    rows.push_back(std::move(row));
  }
  v1::ImportHonorersResponse imported;
  grpc::Status s =
      testing::ImportAll(*stub_, "3275", "batch-get-3500", rows, &imported, kBekasiToken);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(imported.created(), 3500) << imported.DebugString().substr(0, 500);

  v1::ListHonorersRequest list;
  list.set_instansi_code("3275");
  list.set_page_size(1000);
  std::vector<std::string> names;
  do {
    v1::ListHonorersResponse page;
    ASSERT_TRUE(stub_->ListHonorers(Ctx(kFormasiToken).get(), list, &page).ok());
    for (const auto& h : page.honorers()) names.push_back(h.name());
    list.set_page_token(page.next_page_token());
  } while (!list.page_token().empty());
  ASSERT_EQ(names.size(), 3500u);
  // A page holds at most 1000 (docs/security.md "Limits"): a larger page_size is
  // answered with 1000 and a token, never refused; a negative one is refused.
  for (const int size : {1000, 1001, 1 << 30}) {
    SCOPED_TRACE(size);
    list.set_page_size(size);
    v1::ListHonorersResponse page;
    ASSERT_TRUE(stub_->ListHonorers(Ctx(kFormasiToken).get(), list, &page).ok());
    EXPECT_EQ(page.honorers_size(), 1000);
    EXPECT_FALSE(page.next_page_token().empty());
  }
  list.set_page_size(-1);
  v1::ListHonorersResponse refused;
  s = stub_->ListHonorers(Ctx(kFormasiToken).get(), list, &refused);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), ::testing::StartsWith("page_size"));
  std::reverse(names.begin(), names.end());
  v1::BatchGetHonorersResponse out;
  s = BatchGet(names, kFormasiToken, &out, false, v1::HONORER_VIEW_BASIC);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(out.honorers_size(), 3500);
  EXPECT_EQ(out.honorers(0).name(), names[0]);
  EXPECT_EQ(out.honorers(3499).name(), names[3499]);
}

// formasi's eligible honorers: in the BKN database, ACTIVE or TMS.
TEST_P(RegistryBatchGetTest, ListFiltersByStatusesAndBknFlagAndCountsThem) {
  std::vector<std::string> names;
  for (int i = 1; i <= 12; ++i) names.push_back(MustCreate(Honorer("5371", i), kKupangToken).name());
  MustCreate(Honorer("3275", 1), kBekasiToken);
  // 1-8 in the BKN database; 3 and 4 TMS, 5 DIRUMAHKAN, 6 RESIGNED; 11 TMS outside BKN.
  v1::VerifyHonorersRequest verify;
  for (int i = 1; i <= 8; ++i) {
    auto* e = verify.add_entries();
    e->set_nik(Nik("5371", i));
    e->set_in_bkn_database(true);
  }
  v1::VerifyHonorersResponse verified;
  ASSERT_TRUE(stub_->VerifyHonorers(Ctx(kBknToken).get(), verify, &verified).ok());
  ASSERT_NO_FATAL_FAILURE(ChangeStatus(names[2], v1::TMS, kBknToken));
  ASSERT_NO_FATAL_FAILURE(ChangeStatus(names[3], v1::TMS, kBknToken));
  ASSERT_NO_FATAL_FAILURE(ChangeStatus(names[4], v1::DIRUMAHKAN, kKupangToken));
  ASSERT_NO_FATAL_FAILURE(ChangeStatus(names[5], v1::RESIGNED, kKupangToken));
  ASSERT_NO_FATAL_FAILURE(ChangeStatus(names[10], v1::TMS, kBknToken));

  auto list_all = [&](v1::ListHonorersRequest req, const char* token, int64_t* total) {
    req.set_page_size(2);
    std::vector<std::string> seen;
    *total = -1;
    do {
      v1::ListHonorersResponse page;
      grpc::Status s = stub_->ListHonorers(Ctx(token).get(), req, &page);
      EXPECT_TRUE(s.ok()) << s.error_message();
      if (!s.ok()) break;
      if (*total < 0) *total = page.total_size();
      EXPECT_EQ(page.total_size(), *total);
      for (const auto& h : page.honorers()) seen.push_back(h.name());
      req.set_page_token(page.next_page_token());
    } while (!req.page_token().empty());
    return seen;
  };

  v1::ListHonorersRequest eligible;
  eligible.set_instansi_code("5371");
  eligible.add_statuses(v1::ACTIVE);
  eligible.add_statuses(v1::TMS);
  eligible.set_in_bkn_database(true);
  int64_t total = 0;
  EXPECT_THAT(list_all(eligible, kFormasiToken, &total),
              ElementsAre(names[0], names[1], names[2], names[3], names[6], names[7]));
  EXPECT_EQ(total, 6);

  // The old `status` and `statuses` together: any of them all.
  v1::ListHonorersRequest either;
  either.set_status(v1::DIRUMAHKAN);
  either.add_statuses(v1::RESIGNED);
  EXPECT_THAT(list_all(either, kKupangToken, &total), ElementsAre(names[4], names[5]));
  EXPECT_EQ(total, 2);

  // Outside the BKN database, with the view that leaves the NIK out.
  v1::ListHonorersRequest outside;
  outside.set_instansi_code("5371");
  outside.set_in_bkn_database(false);
  outside.set_view(v1::HONORER_VIEW_BASIC);
  v1::ListHonorersResponse page;
  ASSERT_TRUE(stub_->ListHonorers(Ctx(kKemenpanToken).get(), outside, &page).ok());
  EXPECT_EQ(page.total_size(), 4);
  ASSERT_EQ(page.honorers_size(), 4);
  for (const auto& h : page.honorers()) {
    EXPECT_TRUE(h.nik().empty());
    EXPECT_FALSE(h.in_bkn_database());
  }
  EXPECT_EQ(page.honorers(2).name(), names[10]);

  // A page token belongs to its filter: the BKN flag is part of it.
  v1::ListHonorersRequest first = eligible;
  first.set_page_size(2);
  ASSERT_TRUE(stub_->ListHonorers(Ctx(kFormasiToken).get(), first, &page).ok());
  v1::ListHonorersRequest other = eligible;
  other.set_in_bkn_database(false);
  other.set_page_token(page.next_page_token());
  EXPECT_EQ(stub_->ListHonorers(Ctx(kFormasiToken).get(), other, &page).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);

  v1::ListHonorersRequest bad;
  bad.add_statuses(v1::ACTIVE);
  bad.add_statuses(v1::HONORER_STATUS_UNSPECIFIED);
  grpc::Status s = stub_->ListHonorers(Ctx(kKupangToken).get(), bad, &page);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolationsOf(FromGrpcStatus(s))[0].field, "statuses[1]");
}

// The eligible query reads the index migration 5 adds, not the whole instansi.
TEST_P(RegistryBatchGetTest, TheEligibleQueryUsesItsIndex) {
  auto conn = server_->db().Acquire();
  ASSERT_TRUE(conn.ok());
  const bool sqlite = (*conn)->dialect() == storage::Dialect::kSqlite;
  const std::string query =
      "SELECT COUNT(*) FROM honorers WHERE instansi_code = ? AND status IN (?, ?)"
      " AND in_bkn_database = ?";
  auto rows = (*conn)->Query(
      absl::StrCat(sqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN ", query),
      {std::string("5371"), int64_t{1}, int64_t{3}, int64_t{1}});
  ASSERT_TRUE(rows.ok()) << rows.status();
  // SQLite: the plan's detail ("SEARCH honorers USING COVERING INDEX …"); MySQL:
  // the `key` column (the index chosen, not merely a possible one).
  std::string used, plan;
  for (const auto& r : *rows) {
    for (size_t i = 0; i < r.size(); ++i) {
      if (!r.IsNull(i)) absl::StrAppend(&plan, r.Str(i), " ");
    }
    plan += "\n";
    const size_t column = sqlite ? r.size() - 1 : 5;
    if (column < r.size() && !r.IsNull(column)) absl::StrAppend(&used, r.Str(column), "\n");
  }
  EXPECT_THAT(used, HasSubstr("honorers_instansi_status_bkn")) << plan;
}

INSTANTIATE_TEST_SUITE_P(Backends, RegistryBatchGetTest, ::testing::Values("sqlite", "mysql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace penataan::registry
