// Contracts (SK periods), the contract policy, performance reviews and
// RenewContracts over real gRPC on SQLite and MariaDB (issue 10): the history an
// honorer's writes record, the policy's etag and validation, reviews set and
// imported all or nothing, renewal with every exclusion, dry runs that write
// nothing, retries that renew nobody twice and resume after a page, a sent-home
// honorer back at work, the kRenewed notices owed, and another instansi refused.

#include <grpcpp/grpcpp.h>

#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/errors.h"
#include "common/notice_values.h"
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
using ::penataan::testing::kKemenpanToken;
using ::penataan::testing::kKupangToken;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::UnorderedElementsAre;
using Reason = v1::RenewalExclusion;

// 12 July 1985, a man, serial `serial` (1..9999), of `region` (Kupang: 537101).
std::string Nik(int serial, const char* region = "537101") {
  return absl::StrFormat("%s120785%04d", region, serial);
}

common::v1::Date Date(int y, int m, int d) {
  common::v1::Date out;
  out.set_year(y);
  out.set_month(m);
  out.set_day(d);
  return out;
}

std::string Iso(const common::v1::Date& d) {
  return absl::StrFormat("%04d-%02d-%02d", d.year(), d.month(), d.day());
}

v1::Honorer Person(int serial, const std::string& name, const std::string& unit,
                   const char* instansi = "5371") {
  v1::Honorer h;
  h.set_nik(Nik(serial, std::string(instansi) == "5371" ? "537101" : "327501"));
  h.set_full_name(name);
  *h.mutable_birth_date() = Date(1985, 7, 12);
  h.set_gender(v1::MALE);
  h.set_education(common::v1::SMA);
  h.set_instansi_code(instansi);
  h.set_unit_kerja(unit);
  h.set_jabatan_category(common::v1::TENAGA_TEKNIS);
  *h.mutable_service_start_date() = Date(2010, 1, 4);
  *h.mutable_contract_start() = Date(2020, 1, 1);
  *h.mutable_contract_end() = Date(2020, 12, 31);
  return h;
}

v1::ImportRow Row(int64_t row_number, int serial, const std::string& start,
                  const std::string& end) {
  v1::ImportRow r;
  r.set_row_number(row_number);
  r.set_nik(Nik(serial));
  r.set_full_name(absl::StrCat("Pegawai ", serial));
  r.set_birth_date("1985-07-12");
  r.set_gender("L");
  r.set_education("SMA");
  r.set_unit_kerja("Dinas Pendidikan");
  r.set_jabatan_category("TENAGA_TEKNIS");
  r.set_service_start_date("2010-01-04");
  r.set_contract_start(start);
  r.set_contract_end(end);
  return r;
}

std::vector<std::string> Fields(const grpc::Status& s) {
  std::vector<std::string> out;
  for (const Violation& v : ViolationsOf(FromGrpcStatus(s))) out.push_back(v.field);
  return out;
}

std::vector<std::pair<int64_t, std::string>> RowsNamed(const grpc::Status& s) {
  std::vector<std::pair<int64_t, std::string>> out;
  for (const Violation& v : ViolationsOf(FromGrpcStatus(s))) out.emplace_back(v.row, v.field);
  return out;
}

class RegistryContractsTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (storage::testing::TestDatabase::ShouldSkip(GetParam())) GTEST_SKIP() << "no MariaDB";
    auto server = testing::RegistryServer::Start(GetParam());
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server);
    stub_ = server_->NewStub();
    // 6 January 2021, 09:00 in Kupang (WITA): the 2020 SKs have ended.
    SetClock(absl::CivilSecond(2021, 1, 6, 1, 0, 0));
  }

  void SetClock(absl::CivilSecond utc) {
    server_->clock().Set(absl::FromCivil(utc, absl::UTCTimeZone()));
  }

  std::string Create(const v1::Honorer& h, const char* token = kKupangToken) {
    v1::CreateHonorerRequest req;
    *req.mutable_honorer() = h;
    v1::Honorer out;
    grpc::Status s = stub_->CreateHonorer(Ctx(token).get(), req, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out.name();
  }

  int64_t IdOf(const std::string& name) { return std::stoll(name.substr(strlen("honorers/"))); }

  v1::Honorer Get(const std::string& name) {
    v1::GetHonorerRequest req;
    req.set_name(name);
    v1::Honorer out;
    grpc::Status s = stub_->GetHonorer(Ctx(kKupangToken).get(), req, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  void ChangeStatus(const std::string& name, v1::HonorerStatus status) {
    v1::ChangeHonorerStatusRequest req;
    req.set_name(name);
    req.set_status(status);
    req.set_reason("Uji");
    v1::Honorer out;
    grpc::Status s = stub_->ChangeHonorerStatus(Ctx(kKupangToken).get(), req, &out);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }

  grpc::Status SetReview(const std::string& honorer, int year, v1::ReviewOutcome outcome,
                         const std::string& reviewer, v1::PerformanceReview* out,
                         const char* token = kKupangToken) {
    v1::SetPerformanceReviewRequest req;
    req.mutable_review()->set_honorer(honorer);
    req.mutable_review()->set_year(year);
    req.mutable_review()->set_outcome(outcome);
    req.mutable_review()->set_reviewer(reviewer);
    return stub_->SetPerformanceReview(Ctx(token).get(), req, out);
  }

  std::vector<v1::Contract> Contracts(const std::string& honorer) {
    v1::ListContractsRequest req;
    req.set_honorer(honorer);
    v1::ListContractsResponse resp;
    grpc::Status s = stub_->ListContracts(Ctx(kKupangToken).get(), req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return {resp.contracts().begin(), resp.contracts().end()};
  }

  grpc::Status Import(const std::string& id, const std::vector<v1::ImportRow>& rows,
                      v1::ImportHonorersResponse* out) {
    return testing::ImportAll(*stub_, "5371", id, rows, out, kKupangToken);
  }

  v1::RenewContractsRequest Renewal(const std::string& request_id = "") {
    v1::RenewContractsRequest req;
    req.set_instansi_code("5371");
    req.set_sk_number("800/1234/BKPPD/2021");
    *req.mutable_start_date() = Date(2021, 1, 1);
    *req.mutable_end_date() = Date(2021, 12, 31);
    req.set_signed_by("Wali Kota Kupang");
    *req.mutable_signed_date() = Date(2021, 1, 6);
    req.set_request_id(request_id);
    return req;
  }

  grpc::Status Renew(const v1::RenewContractsRequest& req, v1::RenewContractsResponse* out,
                     const char* token = kKupangToken) {
    auto ctx = Ctx(token);
    ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(120));
    return stub_->RenewContracts(ctx.get(), req, out);
  }

  int64_t Count(const std::string& sql, const std::vector<storage::Value>& params = {}) {
    auto conn = server_->db().Acquire();
    EXPECT_TRUE(conn.ok());
    auto rows = (*conn)->Query(sql, params);
    EXPECT_TRUE(rows.ok()) << rows.status();
    return rows.ok() && !rows->empty() ? (*rows)[0].Int(0) : -1;
  }

  void Exec(const std::string& sql, const std::vector<storage::Value>& params = {}) {
    auto conn = server_->db().Acquire();
    ASSERT_TRUE(conn.ok());
    auto done = (*conn)->Execute(sql, params);
    ASSERT_TRUE(done.ok()) << done.status();
  }

  // Every period, by NIK: "start end sk_number|signed_by|signed_date by created_by
  // instansi expiry".
  std::multimap<std::string, std::string> PeriodsByNik() {
    std::multimap<std::string, std::string> out;
    auto conn = server_->db().Acquire();
    EXPECT_TRUE(conn.ok());
    if (!conn.ok()) return out;
    auto rows = (*conn)->Query(
        "SELECT h.nik, c.start_date, c.end_date, c.sk_number, c.signed_by, c.signed_date,"
        " c.created_by, c.instansi_code, c.expiry FROM contracts c"
        " JOIN honorers h ON h.id = c.honorer_id");
    EXPECT_TRUE(rows.ok()) << rows.status();
    if (!rows.ok()) return out;
    for (const storage::Row& r : *rows) {
      out.emplace(r.Str(0), absl::StrCat(r.Str(1), " ", r.Str(2), " ", r.Str(3), "|", r.Str(4),
                                         "|", r.IsNull(5) ? "" : r.Str(5), " by ", r.Str(6), " ",
                                         r.Str(7), " ", r.Int(8)));
    }
    return out;
  }

  // What a renewal may write, summed: any write changes one of these.
  std::vector<int64_t> Footprint() {
    return {Count("SELECT COUNT(*) FROM contracts"),
            Count("SELECT COALESCE(SUM(expiry), 0) FROM contracts"),
            Count("SELECT COUNT(*) FROM contract_notices"),
            Count("SELECT COUNT(*) FROM contract_renewals"),
            Count("SELECT COUNT(*) FROM status_events"),
            Count("SELECT COALESCE(SUM(version), 0) FROM honorers"),
            Count("SELECT COALESCE(SUM(status), 0) FROM honorers")};
  }

  int64_t Refusals(const char* action) {
    return Count("SELECT COUNT(*) FROM audit_log WHERE action = ? AND outcome <> 'OK'",
                 {std::string(action)});
  }

  std::unique_ptr<testing::RegistryServer> server_;
  std::unique_ptr<v1::RegistryService::Stub> stub_;
};

std::map<Reason::Reason, int64_t> ByReason(const v1::RenewContractsResponse& r) {
  std::map<Reason::Reason, int64_t> out;
  for (const auto& c : r.excluded_by_reason()) out[c.reason()] = c.count();
  return out;
}

// ---- Contract history ------------------------------------------------------------

TEST_P(RegistryContractsTest, WritesRecordPeriodsAndTheLatestIsMirrored) {
  const std::string h = Create(Person(1, "Yohanes Ndun", "Dinas Pendidikan"));
  std::vector<v1::Contract> periods = Contracts(h);
  ASSERT_EQ(periods.size(), 1u);
  EXPECT_EQ(periods[0].honorer(), h);
  EXPECT_THAT(periods[0].name(), HasSubstr(absl::StrCat(h, "/contracts/")));
  EXPECT_EQ(periods[0].sk_number(), "");
  EXPECT_EQ(Iso(periods[0].start_date()), "2020-01-01");
  EXPECT_EQ(periods[0].expiry(), v1::Contract::NOT_ENDED);
  EXPECT_EQ(periods[0].created_by(), "instansi:5371");

  // The 2021 SK by import, with its SK cells: a new period, now the current one.
  v1::ImportRow row = Row(2, 1, "2021-01-01", "2021-12-31");
  row.set_full_name("Yohanes Ndun");
  row.set_unit_kerja("Dinas Pendidikan");
  row.set_sk_number("800/1234/BKPPD/2021");
  row.set_sk_signed_by("Wali Kota Kupang");
  row.set_sk_signed_date("2021-01-06");
  // With it a new honorer, whose id the batch learns from its INSERT.
  v1::ImportRow fresh = Row(3, 4, "2021-01-01", "2021-12-31");
  fresh.set_sk_number("800/1234/BKPPD/2021");
  v1::ImportHonorersResponse imported;
  ASSERT_TRUE(Import("sk-2021", {row, fresh}, &imported).ok());
  EXPECT_EQ(imported.updated(), 1);
  EXPECT_EQ(imported.created(), 1);
  v1::GetHonorerRequest by_nik;
  by_nik.set_nik(Nik(4));
  v1::Honorer created;
  ASSERT_TRUE(stub_->GetHonorer(Ctx(kKupangToken).get(), by_nik, &created).ok());
  std::vector<v1::Contract> fresh_periods = Contracts(created.name());
  ASSERT_EQ(fresh_periods.size(), 1u);
  EXPECT_EQ(fresh_periods[0].honorer(), created.name());
  EXPECT_EQ(fresh_periods[0].sk_number(), "800/1234/BKPPD/2021");
  periods = Contracts(h);
  ASSERT_EQ(periods.size(), 2u);
  EXPECT_EQ(Iso(periods[0].start_date()), "2021-01-01");  // newest first
  EXPECT_EQ(periods[0].sk_number(), "800/1234/BKPPD/2021");
  EXPECT_EQ(periods[0].signed_by(), "Wali Kota Kupang");
  EXPECT_EQ(Iso(periods[0].signed_date()), "2021-01-06");
  EXPECT_EQ(periods[1].expiry(), v1::Contract::RENEWED);  // followed by a newer one
  EXPECT_EQ(Iso(Get(h).contract_start()), "2021-01-01");

  // An older SK recorded late: a third period; the honorer still shows 2021. The
  // same file again without SK cells keeps the SK number.
  v1::ImportRow old = Row(2, 1, "2019-01-01", "2019-12-31");
  old.set_full_name("Yohanes Ndun");
  ASSERT_TRUE(Import("sk-2019", {old}, &imported).ok());
  v1::ImportRow again = row;
  again.clear_sk_number();
  again.clear_sk_signed_by();
  again.clear_sk_signed_date();
  ASSERT_TRUE(Import("sk-2021-again", {again}, &imported).ok());
  EXPECT_EQ(imported.unchanged(), 1);
  periods = Contracts(h);
  ASSERT_EQ(periods.size(), 3u);
  EXPECT_EQ(Iso(periods[2].start_date()), "2019-01-01");
  EXPECT_EQ(periods[2].expiry(), v1::Contract::RENEWED);  // a newer one followed it
  EXPECT_EQ(periods[0].sk_number(), "800/1234/BKPPD/2021");
  v1::Honorer now = Get(h);
  EXPECT_EQ(Iso(now.contract_start()), "2021-01-01");
  EXPECT_EQ(Iso(now.contract_end()), "2021-12-31");

  // Paged by start date, newest first.
  v1::ListContractsRequest req;
  req.set_honorer(h);
  req.set_page_size(2);
  v1::ListContractsResponse page;
  ASSERT_TRUE(stub_->ListContracts(Ctx(kKupangToken).get(), req, &page).ok());
  ASSERT_EQ(page.contracts_size(), 2);
  ASSERT_FALSE(page.next_page_token().empty());
  req.set_page_token(page.next_page_token());
  ASSERT_TRUE(stub_->ListContracts(Ctx(kKupangToken).get(), req, &page).ok());
  ASSERT_EQ(page.contracts_size(), 1);
  EXPECT_EQ(Iso(page.contracts(0).start_date()), "2019-01-01");
  EXPECT_TRUE(page.next_page_token().empty());
  // A token of another honorer's list is refused.
  const std::string other = Create(Person(2, "Maria Bria", "Dinas Pendidikan"));
  req.set_honorer(other);
  EXPECT_EQ(stub_->ListContracts(Ctx(kKupangToken).get(), req, &page).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);

  // An SK cell without contract dates is a rejected row naming the column.
  v1::ImportRow no_dates = Row(3, 3, "", "");
  no_dates.set_sk_number("800/1/2021");
  ASSERT_TRUE(Import("no-dates", {no_dates}, &imported).ok());
  EXPECT_EQ(imported.rejected(), 1);
  ASSERT_EQ(imported.errors_size(), 1);
  EXPECT_EQ(imported.errors(0).field(), "sk_number");
  EXPECT_EQ(imported.errors(0).row(), 3);
}

// The periods an import records, checked whole against the rows sent: those of a
// file under one collective SK (the usual file) and those of rows with SK cells of
// their own, new honorers and registered ones, several statements to a batch, and
// imports at the same instant as each other and as a CreateHonorer, by one principal.
TEST_P(RegistryContractsTest, AnImportRecordsEachRowsPeriodWithItsOwnSkCells) {
  // Batches of 2,500 rows: statements of 1,000, 1,000 and 500 rows each.
  auto server = testing::RegistryServer::Start(GetParam(), 2500);
  ASSERT_TRUE(server.ok()) << server.status();
  server_ = std::move(*server);
  stub_ = server_->NewStub();
  SetClock(absl::CivilSecond(2021, 1, 6, 1, 0, 0));
  std::multimap<std::string, std::string> expected;
  auto expect = [&](const v1::ImportRow& r) {
    if (r.contract_start().empty()) return;
    expected.emplace(r.nik(), absl::StrCat(r.contract_start(), " ", r.contract_end(), " ",
                                           r.sk_number(), "|", r.sk_signed_by(), "|",
                                           r.sk_signed_date(), " by instansi:5371 5371 1"));
  };
  Create(Person(9001, "Yohanes Ndun", "Dinas Pendidikan"));
  expected.emplace(Nik(9001), "2020-01-01 2020-12-31 || by instansi:5371 5371 1");

  // A first file of 3,000 under one SK, one row in seven without contract dates.
  std::vector<v1::ImportRow> first;
  for (int i = 1; i <= 3000; ++i) {
    const bool dated = i % 7 != 0;
    v1::ImportRow r = Row(i + 1, i, dated ? "2021-01-01" : "", dated ? "2021-12-31" : "");
    if (dated) {
      r.set_sk_number("800/1234/BKPPD/2021");
      r.set_sk_signed_by("Wali Kota Kupang");
      r.set_sk_signed_date("2021-01-06");
    }
    first.push_back(r);
    expect(r);
  }
  v1::ImportHonorersResponse imported;
  grpc::Status s = Import("sk-2021", first, &imported);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(imported.created(), 3000);

  // Rows of the first again (unchanged, with or without their SK cells) before 1,000
  // new ones, each with its own SK number.
  std::vector<v1::ImportRow> second;
  for (int i = 1; i <= 10; ++i) {
    v1::ImportRow r = first[i - 1];
    r.set_row_number(i + 1);
    if (i % 2 == 0) {
      r.clear_sk_number();
      r.clear_sk_signed_by();
      r.clear_sk_signed_date();
    }
    second.push_back(r);
  }
  for (int i = 3001; i <= 4000; ++i) {
    v1::ImportRow r = Row(second.size() + 2, i, "2021-01-01", "2021-12-31");
    r.set_sk_number(absl::StrCat("800/", i, "/BKPPD/2021"));
    second.push_back(r);
    expect(r);
  }
  s = Import("sk-2021-own", second, &imported);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(imported.created(), 1000);
  EXPECT_EQ(imported.unchanged(), 10);

  // A registered honorer's end corrected, with 500 new ones under no SK.
  std::vector<v1::ImportRow> third = {first[0]};
  third[0].set_contract_end("2021-06-30");
  for (auto it = expected.begin(); it != expected.end();) {
    it = it->first == first[0].nik() ? expected.erase(it) : std::next(it);
  }
  expect(third[0]);
  for (int i = 4001; i <= 4500; ++i) {
    third.push_back(Row(third.size() + 2, i, "2021-01-01", "2021-12-31"));
    expect(third.back());
  }
  s = Import("sk-2021-fix", third, &imported);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(imported.created(), 500);
  EXPECT_EQ(imported.updated(), 1);

  EXPECT_EQ(PeriodsByNik(), expected);
}

TEST_P(RegistryContractsTest, UpdateHonorerCorrectsTheCurrentPeriod) {
  const std::string h = Create(Person(1, "Yohanes Ndun", "Dinas Pendidikan"));
  v1::UpdateHonorerRequest req;
  req.mutable_honorer()->set_name(h);
  *req.mutable_honorer()->mutable_contract_end() = Date(2020, 6, 30);
  req.mutable_update_mask()->add_paths("contract_end");
  v1::Honorer out;
  ASSERT_TRUE(stub_->UpdateHonorer(Ctx(kKupangToken).get(), req, &out).ok());
  std::vector<v1::Contract> periods = Contracts(h);
  ASSERT_EQ(periods.size(), 1u);
  EXPECT_EQ(Iso(periods[0].end_date()), "2020-06-30");

  // With an older period: the current one may not move before its end.
  v1::ImportRow old = Row(2, 1, "2019-01-01", "2019-12-31");
  old.set_full_name("Yohanes Ndun");
  v1::ImportHonorersResponse imported;
  ASSERT_TRUE(Import("sk-2019", {old}, &imported).ok());
  *req.mutable_honorer()->mutable_contract_start() = Date(2019, 12, 1);
  req.mutable_update_mask()->Clear();
  req.mutable_update_mask()->add_paths("contract_start");
  grpc::Status s = stub_->UpdateHonorer(Ctx(kKupangToken).get(), req, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(Fields(s), ElementsAre("honorer.contract_start"));
  // Clearing the dates of an honorer with periods is refused too.
  req.mutable_honorer()->clear_contract_start();
  s = stub_->UpdateHonorer(Ctx(kKupangToken).get(), req, &out);
  EXPECT_THAT(Fields(s), ElementsAre("honorer.contract_start"));
  EXPECT_EQ(Contracts(h).size(), 2u);
}

// Only the current period is NOT_ENDED: one written behind a newer one, by an
// import or by a renewal with an older SK, was followed (RENEWED), so the expiry
// step never looks at it.
TEST_P(RegistryContractsTest, APeriodOlderThanTheCurrentIsWrittenRenewed) {
  v1::Honorer in2021 = Person(1, "Yohanes Ndun", "Dinas Pendidikan");
  *in2021.mutable_contract_start() = Date(2021, 1, 1);
  *in2021.mutable_contract_end() = Date(2021, 12, 31);
  const std::string h = Create(in2021);
  v1::ImportRow old = Row(2, 1, "2020-01-01", "2020-12-31");
  old.set_full_name("Yohanes Ndun");
  old.set_sk_number("800/1/BKPPD/2020");
  v1::ImportHonorersResponse imported;
  ASSERT_TRUE(Import("sk-2020", {old}, &imported).ok());
  std::vector<v1::Contract> periods = Contracts(h);
  ASSERT_EQ(periods.size(), 2u);
  EXPECT_EQ(Iso(periods[1].start_date()), "2020-01-01");
  EXPECT_EQ(periods[1].expiry(), v1::Contract::RENEWED);
  EXPECT_EQ(periods[0].expiry(), v1::Contract::NOT_ENDED);
  EXPECT_EQ(Iso(Get(h).contract_start()), "2021-01-01");

  v1::Honorer other2021 = in2021;
  other2021.set_nik(Nik(2));
  other2021.set_full_name("Maria Bria");
  const std::string m = Create(other2021);
  v1::RenewContractsRequest req = Renewal("sk-2020-late");
  req.set_sk_number("800/1/BKPPD/2020");
  *req.mutable_start_date() = Date(2020, 1, 1);
  *req.mutable_end_date() = Date(2020, 12, 31);
  req.add_honorers(m);
  v1::RenewContractsResponse resp;
  grpc::Status s = Renew(req, &resp);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(resp.renewed(), 1);
  periods = Contracts(m);
  ASSERT_EQ(periods.size(), 2u);
  EXPECT_EQ(periods[1].sk_number(), "800/1/BKPPD/2020");
  EXPECT_EQ(periods[1].expiry(), v1::Contract::RENEWED);
  EXPECT_EQ(periods[0].expiry(), v1::Contract::NOT_ENDED);
  EXPECT_EQ(Iso(Get(m).contract_start()), "2021-01-01");
}

// The expiry step acted on an ended period's dates (sent the honorer home, or
// flagged them): moving them would leave the status stale and the sweep blind.
// Refused, whether by UpdateHonorer or by an import, with what to do instead.
TEST_P(RegistryContractsTest, AnEndedPeriodsDatesAreNotCorrected) {
  const std::string h = Create(Person(1, "Yohanes Ndun", "Dinas Pendidikan"));
  ChangeStatus(h, v1::DIRUMAHKAN);
  Exec("UPDATE contracts SET expiry = ?, status_before = ? WHERE honorer_id = ?",
       {int64_t{v1::Contract::SENT_HOME}, int64_t{v1::ACTIVE}, IdOf(h)});
  const int64_t version = Count("SELECT version FROM honorers WHERE id = ?", {IdOf(h)});

  v1::UpdateHonorerRequest req;
  req.mutable_honorer()->set_name(h);
  *req.mutable_honorer()->mutable_contract_end() = Date(2021, 3, 31);
  req.mutable_update_mask()->add_paths("contract_end");
  v1::Honorer out;
  grpc::Status s = stub_->UpdateHonorer(Ctx(kKupangToken).get(), req, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(Fields(s), ElementsAre("honorer.contract_end"));
  EXPECT_THAT(s.error_message(), HasSubstr("RenewContracts"));
  *req.mutable_honorer()->mutable_contract_start() = Date(2020, 2, 1);
  req.mutable_update_mask()->add_paths("contract_start");
  s = stub_->UpdateHonorer(Ctx(kKupangToken).get(), req, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(Fields(s), ElementsAre("honorer.contract_start"));

  // The import: the row is rejected on contract_end, nothing of it written.
  v1::ImportRow moved = Row(2, 1, "2020-01-01", "2021-03-31");
  moved.set_full_name("Yohanes Ndun Renamed");
  v1::ImportHonorersResponse imported;
  ASSERT_TRUE(Import("moved", {moved}, &imported).ok());
  EXPECT_EQ(imported.rejected(), 1);
  ASSERT_EQ(imported.errors_size(), 1);
  EXPECT_EQ(imported.errors(0).field(), "contract_end");
  EXPECT_EQ(imported.errors(0).row(), 2);
  EXPECT_THAT(imported.errors(0).description(), HasSubstr("RenewContracts"));
  std::vector<v1::Contract> periods = Contracts(h);
  ASSERT_EQ(periods.size(), 1u);
  EXPECT_EQ(Iso(periods[0].end_date()), "2020-12-31");
  EXPECT_EQ(periods[0].expiry(), v1::Contract::SENT_HOME);
  v1::Honorer now = Get(h);
  EXPECT_EQ(Iso(now.contract_end()), "2020-12-31");
  EXPECT_EQ(now.full_name(), "Yohanes Ndun");
  EXPECT_EQ(now.status(), v1::DIRUMAHKAN);
  EXPECT_EQ(Count("SELECT version FROM honorers WHERE id = ?", {IdOf(h)}), version);

  // Its SK number alone, the dates unchanged, is recorded.
  v1::ImportRow numbered = Row(2, 1, "2020-01-01", "2020-12-31");
  numbered.set_full_name("Yohanes Ndun");
  numbered.set_sk_number("800/1/BKPPD/2020");
  ASSERT_TRUE(Import("numbered", {numbered}, &imported).ok());
  EXPECT_EQ(imported.rejected(), 0);
  EXPECT_EQ(Contracts(h)[0].sk_number(), "800/1/BKPPD/2020");
}

// ---- Policy ----------------------------------------------------------------------

TEST_P(RegistryContractsTest, PolicyRoundTripWithEtagAndFieldsNamed) {
  v1::GetContractPolicyRequest get;
  get.set_instansi_code("5371");
  v1::ContractPolicy policy;
  ASSERT_TRUE(stub_->GetContractPolicy(Ctx(kKupangToken).get(), get, &policy).ok());
  EXPECT_EQ(policy.name(), "instansi/5371/contractPolicy");
  EXPECT_EQ(policy.expiry_notice_days(), 30);
  EXPECT_EQ(policy.crucial_units_size(), 0);
  EXPECT_EQ(policy.etag(), "0");

  v1::UpdateContractPolicyRequest update;
  v1::ContractPolicy* p = update.mutable_policy();
  p->set_name("instansi/5371/contractPolicy");
  for (auto [unit, prefix] : std::vector<std::pair<const char*, bool>>{
           {"BPBD Kota Kupang", false}, {"Dinas Pemadam Kebakaran", false},
           {"RSUD S. K. Lerik", false}, {"Puskesmas", true}}) {
    v1::CrucialUnit* u = p->add_crucial_units();
    u->set_unit_kerja(unit);
    u->set_prefix(prefix);
    u->set_reason("Pelayanan yang tidak boleh berhenti");
  }
  p->set_expiry_notice_days(45);
  update.set_etag("0");
  ASSERT_TRUE(stub_->UpdateContractPolicy(Ctx(kKupangToken).get(), update, &policy).ok());
  EXPECT_EQ(policy.etag(), "1");
  EXPECT_EQ(policy.updated_by(), "instansi:5371");
  ASSERT_TRUE(stub_->GetContractPolicy(Ctx(kKemenpanToken).get(), get, &policy).ok());
  ASSERT_EQ(policy.crucial_units_size(), 4);
  EXPECT_EQ(policy.crucial_units(3).unit_kerja(), "Puskesmas");
  EXPECT_TRUE(policy.crucial_units(3).prefix());
  EXPECT_EQ(policy.expiry_notice_days(), 45);

  // A stale etag: ABORTED, nothing changed.
  EXPECT_EQ(stub_->UpdateContractPolicy(Ctx(kKupangToken).get(), update, &policy).error_code(),
            grpc::StatusCode::ABORTED);
  // The mask: only the days change; the units stay.
  v1::UpdateContractPolicyRequest days;
  days.mutable_policy()->set_instansi_code("5371");
  days.mutable_policy()->set_expiry_notice_days(14);
  days.mutable_update_mask()->add_paths("expiry_notice_days");
  ASSERT_TRUE(stub_->UpdateContractPolicy(Ctx(kKupangToken).get(), days, &policy).ok());
  EXPECT_EQ(policy.expiry_notice_days(), 14);
  EXPECT_EQ(policy.crucial_units_size(), 4);
  EXPECT_EQ(policy.etag(), "2");

  // Every bad field named; nothing written.
  v1::UpdateContractPolicyRequest bad;
  bad.mutable_policy()->set_instansi_code("5371");
  auto* a = bad.mutable_policy()->add_crucial_units();
  a->set_unit_kerja("Puskesmas");
  a->set_reason("Kesehatan");
  auto* b = bad.mutable_policy()->add_crucial_units();
  b->set_unit_kerja("  puskesmas ");
  b->set_reason("Kesehatan");
  auto* c = bad.mutable_policy()->add_crucial_units();
  c->set_unit_kerja("BPBD");
  bad.mutable_policy()->set_expiry_notice_days(0);
  grpc::Status s = stub_->UpdateContractPolicy(Ctx(kKupangToken).get(), bad, &policy);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(Fields(s), ElementsAre("policy.crucial_units[1].unit_kerja",
                                     "policy.crucial_units[2].reason",
                                     "policy.expiry_notice_days"));
  bad.mutable_policy()->clear_crucial_units();
  bad.mutable_policy()->set_expiry_notice_days(367);
  bad.mutable_update_mask()->add_paths("expiry_notice_days");
  EXPECT_THAT(Fields(stub_->UpdateContractPolicy(Ctx(kKupangToken).get(), bad, &policy)),
              ElementsAre("policy.expiry_notice_days"));
  bad.mutable_update_mask()->Clear();
  bad.mutable_update_mask()->add_paths("crucial_unit");
  EXPECT_THAT(Fields(stub_->UpdateContractPolicy(Ctx(kKupangToken).get(), bad, &policy)),
              ElementsAre("update_mask"));
  bad.mutable_policy()->set_name("instansi/3275/contractPolicy");
  EXPECT_THAT(Fields(stub_->UpdateContractPolicy(Ctx(kKupangToken).get(), bad, &policy)),
              ElementsAre("policy.name"));
  ASSERT_TRUE(stub_->GetContractPolicy(Ctx(kKupangToken).get(), get, &policy).ok());
  EXPECT_EQ(policy.etag(), "2");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'UpdateContractPolicy'"
                  " AND outcome = 'OK'"),
            2);
}

TEST_P(RegistryContractsTest, BulkChangeStatusLeavesTheCrucialUnitsOut) {
  Create(Person(1, "A", "Dinas Pendidikan"));
  Create(Person(2, "B", "Puskesmas Oesapa"));
  Create(Person(3, "C", "RSUD S. K. Lerik"));
  Create(Person(4, "D", "Dinas Pariwisata"));
  v1::UpdateContractPolicyRequest update;
  for (auto [unit, prefix] : std::vector<std::pair<const char*, bool>>{
           {"rsud s. k.  lerik", false}, {"Puskesmas", true}}) {
    v1::CrucialUnit* u = update.mutable_policy()->add_crucial_units();
    u->set_unit_kerja(unit);
    u->set_prefix(prefix);
    u->set_reason("Pelayanan kesehatan");
  }
  update.mutable_policy()->set_instansi_code("5371");
  update.mutable_update_mask()->add_paths("crucial_units");
  v1::ContractPolicy policy;
  ASSERT_TRUE(stub_->UpdateContractPolicy(Ctx(kKupangToken).get(), update, &policy).ok());
  v1::BulkChangeStatusRequest bulk;
  bulk.set_instansi_code("5371");
  bulk.set_new_status(v1::DIRUMAHKAN);
  bulk.set_reason("SK 2020 berakhir 31 Desember 2020");
  bulk.set_exclude_crucial_units(true);
  v1::BulkChangeStatusResponse resp;
  ASSERT_TRUE(stub_->BulkChangeStatus(Ctx(kKupangToken).get(), bulk, &resp).ok());
  EXPECT_EQ(resp.matched(), 2);
  EXPECT_EQ(resp.changed(), 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM honorers WHERE status = ?", {int64_t{v1::DIRUMAHKAN}}),
            2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM honorers WHERE status = ? AND unit_kerja IN"
                  " ('Puskesmas Oesapa', 'RSUD S. K. Lerik')",
                  {int64_t{v1::ACTIVE}}),
            2);
}

// A filter names at most kMaxUnitFilter units (docs/security.md "Limits"): each is a
// parameter of every page read, and SQLite takes 32,766 in one statement. At the
// limit the call runs; one more is refused naming the field before anything is read.
TEST_P(RegistryContractsTest, UnitFiltersNameAtMostTwoThousandUnits) {
  EXPECT_EQ(kMaxUnitFilter, 2000u);  // as documented
  const std::string a = Create(Person(1, "A", "Dinas Pendidikan"));
  Create(Person(2, "B", "Puskesmas Oesapa"));
  auto units = [](size_t n, const std::string& last) {
    std::vector<std::string> out;
    for (size_t i = 1; i < n; ++i) out.push_back(absl::StrCat("Unit ", i));
    out.push_back(last);
    return out;
  };
  const int64_t contracts = Count("SELECT COUNT(*) FROM contracts");
  for (const char* field : {"unit_kerja", "exclude_unit_kerja"}) {
    SCOPED_TRACE(field);
    v1::BulkChangeStatusRequest bulk;
    bulk.set_instansi_code("5371");
    bulk.set_new_status(v1::DIRUMAHKAN);
    bulk.set_reason("SK 2020 berakhir 31 Desember 2020");
    auto* list = std::string(field) == "unit_kerja" ? bulk.mutable_unit_kerja()
                                                    : bulk.mutable_exclude_unit_kerja();
    for (const std::string& u : units(kMaxUnitFilter + 1, "Puskesmas Oesapa")) list->Add()->assign(u);
    v1::BulkChangeStatusResponse resp;
    grpc::Status s = stub_->BulkChangeStatus(Ctx(kKupangToken).get(), bulk, &resp);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_THAT(Fields(s), ElementsAre(field));
    EXPECT_THAT(s.error_message(), HasSubstr("at most 2000 units"));
  }
  v1::RenewContractsRequest renew = Renewal();
  for (const std::string& u : units(kMaxUnitFilter + 1, "Dinas Pendidikan")) renew.add_unit_kerja(u);
  v1::RenewContractsResponse renewed;
  grpc::Status s = Renew(renew, &renewed);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(Fields(s), ElementsAre("unit_kerja"));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM honorers WHERE status = ?", {int64_t{v1::DIRUMAHKAN}}), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM contracts"), contracts);

  // At the limit: each call runs on the one unit that matches.
  renew.clear_unit_kerja();
  for (const std::string& u : units(kMaxUnitFilter, "Dinas Pendidikan")) renew.add_unit_kerja(u);
  s = Renew(renew, &renewed);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(renewed.renewed(), 1);
  EXPECT_EQ(Iso(Get(a).contract_start()), "2021-01-01");
  v1::BulkChangeStatusRequest bulk;
  bulk.set_instansi_code("5371");
  bulk.set_new_status(v1::DIRUMAHKAN);
  bulk.set_reason("SK 2021 berakhir");
  for (const std::string& u : units(kMaxUnitFilter, "Dinas Pendidikan")) bulk.add_unit_kerja(u);
  for (const std::string& u : units(kMaxUnitFilter, "Dinas Pariwisata")) bulk.add_exclude_unit_kerja(u);
  for (int i = 0; i < 5000; ++i) bulk.add_current_status(v1::ACTIVE);  // each status once
  v1::BulkChangeStatusResponse resp;
  s = stub_->BulkChangeStatus(Ctx(kKupangToken).get(), bulk, &resp);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(resp.changed(), 1);
  EXPECT_EQ(Get(a).status(), v1::DIRUMAHKAN);
}

// A renewal names at most 10,000 honorers to renew and 10,000 to leave out
// (docs/security.md "Limits"): at the limit the call runs (names of no honorer
// select nothing); one more is refused naming the field, and nothing is written.
TEST_P(RegistryContractsTest, RenewalsNameAtMostTenThousandHonorersEachWay) {
  ASSERT_EQ(kMaxRenewalNames, 10000u);  // as documented
  const std::string a = Create(Person(1, "A", "Dinas Pendidikan"));
  const std::string b = Create(Person(2, "B", "Dinas Pendidikan"));
  auto names = [](size_t n, const std::string& last) {
    std::vector<std::string> out;
    for (size_t i = 1; i < n; ++i) out.push_back(absl::StrCat("honorers/", 900000000 + i));
    out.push_back(last);
    return out;
  };
  const int64_t contracts = Count("SELECT COUNT(*) FROM contracts");
  for (const char* field : {"honorers", "exclude_honorers"}) {
    SCOPED_TRACE(field);
    v1::RenewContractsRequest renew = Renewal();
    auto* list = std::string(field) == "honorers" ? renew.mutable_honorers()
                                                  : renew.mutable_exclude_honorers();
    for (const std::string& n : names(kMaxRenewalNames + 1, a)) list->Add()->assign(n);
    v1::RenewContractsResponse renewed;
    grpc::Status s = Renew(renew, &renewed);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_THAT(Fields(s), ElementsAre(field));
    EXPECT_THAT(s.error_message(), HasSubstr("at most 10000 names"));
  }
  EXPECT_EQ(Count("SELECT COUNT(*) FROM contracts"), contracts);

  // At the limit: a renewal of the whole instansi leaving out 10,000 names (b
  // the one that exists) renews a alone; one naming 10,000 (b) renews b.
  v1::RenewContractsRequest renew = Renewal();
  for (const std::string& n : names(kMaxRenewalNames, b)) renew.add_exclude_honorers(n);
  v1::RenewContractsResponse renewed;
  grpc::Status s = Renew(renew, &renewed);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(renewed.renewed(), 1);
  EXPECT_EQ(Iso(Get(a).contract_start()), "2021-01-01");
  EXPECT_NE(Iso(Get(b).contract_start()), "2021-01-01");
  renew = Renewal();
  for (const std::string& n : names(kMaxRenewalNames, b)) renew.add_honorers(n);
  s = Renew(renew, &renewed);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(renewed.renewed(), 1);
  EXPECT_EQ(Iso(Get(b).contract_start()), "2021-01-01");
}

// 10,000 rows a call for BKN's check (VerifyHonorers) and for performance reviews
// (docs/security.md "Limits"): at the limit every row is taken; one more is refused
// naming the field, and nothing is written.
TEST_P(RegistryContractsTest, BknChecksAndReviewsTakeTenThousandRowsACall) {
  ASSERT_EQ(kMaxVerifyEntries, 10000u);  // as documented
  ASSERT_EQ(kMaxReviewImportRows, 10000u);
  constexpr int kMost = 10000;
  // 5371 01 DD0385 SSSS: born 1 or 2 March 1985, serials 1..5000 each.
  auto nik = [](int i) {
    return absl::StrFormat("537101%02d0385%04d", 1 + i / 5000, 1 + i % 5000);
  };
  std::vector<v1::ImportRow> rows;
  for (int i = 0; i < kMost; ++i) {
    v1::ImportRow r;
    r.set_row_number(i + 2);
    r.set_nik(nik(i));
    r.set_full_name(absl::StrCat("Honorer ", i));
    r.set_birth_date(absl::StrFormat("1985-03-%02d", 1 + i / 5000));
    r.set_gender("MALE");
    r.set_education("SMA");
    r.set_unit_kerja("Dinas Pendidikan");
    r.set_jabatan_category("TENAGA_TEKNIS");
    r.set_service_start_date("2010-01-04");
    rows.push_back(std::move(r));
  }
  v1::ImportHonorersResponse imported;
  ASSERT_TRUE(Import("ten-thousand", rows, &imported).ok());
  ASSERT_EQ(imported.created(), kMost);

  v1::VerifyHonorersRequest verify;
  v1::ImportPerformanceReviewsRequest reviews;
  reviews.set_instansi_code("5371");
  for (int i = 0; i <= kMost; ++i) {
    auto* e = verify.add_entries();
    e->set_nik(nik(i % kMost));
    e->set_in_bkn_database(true);
    auto* r = reviews.add_rows();
    r->set_row_number(i + 2);
    r->set_nik(nik(i % kMost));
    r->set_year(i < kMost ? 2020 : 2021);
    r->set_outcome("BAIK");
    r->set_reviewer("Kepala Dinas Pendidikan");
  }
  v1::VerifyHonorersResponse verified;
  grpc::Status s = stub_->VerifyHonorers(Ctx(kBknToken).get(), verify, &verified);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(Fields(s), ElementsAre("entries"));
  EXPECT_THAT(s.error_message(), HasSubstr("at most 10000"));
  v1::ImportPerformanceReviewsResponse reviewed;
  s = stub_->ImportPerformanceReviews(Ctx(kKupangToken).get(), reviews, &reviewed);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(Fields(s), ElementsAre("rows"));
  EXPECT_THAT(s.error_message(), HasSubstr("10000"));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM honorers WHERE in_bkn_database <> 0"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM performance_reviews"), 0);

  verify.mutable_entries()->RemoveLast();
  reviews.mutable_rows()->RemoveLast();
  s = stub_->VerifyHonorers(Ctx(kBknToken).get(), verify, &verified);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(verified.updated(), kMost);
  s = stub_->ImportPerformanceReviews(Ctx(kKupangToken).get(), reviews, &reviewed);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(reviewed.created(), kMost);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM performance_reviews"), kMost);
}

// ---- Reviews ---------------------------------------------------------------------

TEST_P(RegistryContractsTest, ReviewsSetAndImportedAllOrNothing) {
  const std::string a = Create(Person(1, "A", "Puskesmas Oesapa"));
  const std::string b = Create(Person(2, "B", "Puskesmas Oesapa"));
  const std::string bekasi = Create(Person(1, "X", "Dinas Pendidikan", "3275"), kBekasiToken);
  v1::PerformanceReview review;
  ASSERT_TRUE(SetReview(a, 2020, v1::BAIK, "Kepala Puskesmas Oesapa", &review).ok());
  EXPECT_EQ(review.name(), absl::StrCat(a, "/reviews/2020"));
  EXPECT_EQ(review.outcome(), v1::BAIK);
  EXPECT_EQ(review.updated_by(), "instansi:5371");
  grpc::Status s = SetReview(a, 1999, v1::REVIEW_OUTCOME_UNSPECIFIED, " ", &review);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(Fields(s), ElementsAre("review.year", "review.outcome", "review.reviewer"));

  // Every bad row named, then nothing written.
  v1::ImportPerformanceReviewsRequest import;
  import.set_instansi_code("5371");
  auto add = [&](int64_t row, const std::string& nik, const std::string& name, int year,
                 const std::string& outcome, const std::string& reviewer) {
    auto* r = import.add_rows();
    r->set_row_number(row);
    r->set_nik(nik);
    r->set_honorer(name);
    r->set_year(year);
    r->set_outcome(outcome);
    r->set_reviewer(reviewer);
  };
  add(2, Nik(2), "", 2020, "baik", "Kepala Puskesmas Oesapa");      // good
  add(3, Nik(999), "", 2020, "BAIK", "Kepala");                      // unknown NIK
  add(4, Nik(1, "327501"), "", 2020, "BAIK", "Kepala");              // Bekasi's NIK
  add(5, "", b, 2020, "Cukup", "Kepala");                            // same as row 2
  add(6, Nik(1), "", 2020, "SANGAT BAIK", "Kepala");                 // outcome
  add(7, Nik(1), "", 1999, "KURANG", "Kepala");                      // year
  add(8, "", a, 2019, "KURANG", "");                                 // reviewer
  add(9, "", bekasi, 2020, "BAIK", "Kepala");                        // Bekasi's name
  add(10, "", "", 2020, "BAIK", "Kepala");                           // no honorer
  v1::ImportPerformanceReviewsResponse imported;
  s = stub_->ImportPerformanceReviews(Ctx(kKupangToken).get(), import, &imported);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(RowsNamed(s),
              ElementsAre(std::make_pair(int64_t{3}, std::string("nik")),
                          std::make_pair(int64_t{4}, std::string("nik")),
                          std::make_pair(int64_t{5}, std::string("honorer")),
                          std::make_pair(int64_t{6}, std::string("outcome")),
                          std::make_pair(int64_t{7}, std::string("year")),
                          std::make_pair(int64_t{8}, std::string("reviewer")),
                          std::make_pair(int64_t{9}, std::string("honorer")),
                          std::make_pair(int64_t{10}, std::string("nik"))));
  // Another instansi's NIK reads exactly like one nobody has.
  std::vector<Violation> v = ViolationsOf(FromGrpcStatus(s));
  EXPECT_EQ(v[0].description, v[1].description);
  EXPECT_THAT(v[2].description, HasSubstr("row 2"));
  EXPECT_EQ(s.error_message().find("3275"), std::string::npos);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM performance_reviews"), 1);

  // The good rows alone: one created, one updated, one unchanged.
  import.clear_rows();
  add(2, Nik(2), "", 2020, "KURANG", "Kepala Puskesmas Oesapa");
  add(3, "", a, 2020, "CUKUP", "Kepala Puskesmas Oesapa");
  ASSERT_TRUE(stub_->ImportPerformanceReviews(Ctx(kKupangToken).get(), import, &imported).ok());
  EXPECT_EQ(imported.created(), 1);
  EXPECT_EQ(imported.updated(), 1);
  EXPECT_EQ(imported.unchanged(), 0);
  ASSERT_TRUE(stub_->ImportPerformanceReviews(Ctx(kKupangToken).get(), import, &imported).ok());
  EXPECT_EQ(imported.unchanged(), 2);

  v1::ListPerformanceReviewsRequest list;
  list.set_instansi_code("5371");
  list.set_year(2020);
  v1::ListPerformanceReviewsResponse reviews;
  ASSERT_TRUE(stub_->ListPerformanceReviews(Ctx(kKupangToken).get(), list, &reviews).ok());
  ASSERT_EQ(reviews.reviews_size(), 2);
  EXPECT_EQ(reviews.reviews(0).honorer(), a);
  EXPECT_EQ(reviews.reviews(0).outcome(), v1::CUKUP);
  list.set_outcome(v1::KURANG);
  ASSERT_TRUE(stub_->ListPerformanceReviews(Ctx(kKupangToken).get(), list, &reviews).ok());
  ASSERT_EQ(reviews.reviews_size(), 1);
  EXPECT_EQ(reviews.reviews(0).honorer(), b);
  list.set_outcome(v1::REVIEW_OUTCOME_UNSPECIFIED);
  list.set_page_size(1);
  ASSERT_TRUE(stub_->ListPerformanceReviews(Ctx(kKupangToken).get(), list, &reviews).ok());
  ASSERT_EQ(reviews.reviews_size(), 1);
  list.set_page_token(reviews.next_page_token());
  ASSERT_TRUE(stub_->ListPerformanceReviews(Ctx(kKupangToken).get(), list, &reviews).ok());
  ASSERT_EQ(reviews.reviews_size(), 1);
  EXPECT_EQ(reviews.reviews(0).honorer(), b);
  list.clear_year();
  list.clear_page_token();
  EXPECT_THAT(
      Fields(stub_->ListPerformanceReviews(Ctx(kKupangToken).get(), list, &reviews)),
      ElementsAre("year"));
}

TEST_P(RegistryContractsTest, AThousandBadRowsAreCountedAndAHundredNamed) {
  v1::ImportPerformanceReviewsRequest import;
  import.set_instansi_code("5371");
  for (int i = 0; i < 1000; ++i) {
    auto* r = import.add_rows();
    r->set_row_number(i + 2);
    r->set_nik(Nik(i + 1));
    r->set_year(2020);
    r->set_outcome("BAIK");
    r->set_reviewer("Kepala Dinas Pendidikan");
  }
  v1::ImportPerformanceReviewsResponse imported;
  grpc::Status s = stub_->ImportPerformanceReviews(Ctx(kKupangToken).get(), import, &imported);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(RowsNamed(s).size(), 100u);
  EXPECT_THAT(s.error_message(), HasSubstr("1000 bad rows"));
}

// ---- Expiring ----------------------------------------------------------------------

TEST_P(RegistryContractsTest, ExpiringContractsInTheInstansisZone) {
  // 30 December 2020, 17:00 UTC: already 31 December, 01:00, in Kupang (WITA).
  SetClock(absl::CivilSecond(2020, 12, 30, 17, 0, 0));
  const std::string a = Create(Person(1, "A", "Puskesmas Oesapa"));
  const std::string b = Create(Person(2, "B", "Dinas Pendidikan"));
  v1::Honorer later = Person(3, "C", "Dinas Pendidikan");
  *later.mutable_contract_end() = Date(2021, 3, 31);
  const std::string c = Create(later);
  v1::Honorer ended = Person(4, "D", "Dinas Pendidikan");
  *ended.mutable_contract_start() = Date(2020, 1, 1);
  *ended.mutable_contract_end() = Date(2020, 11, 30);
  const std::string d = Create(ended);
  Create(Person(5, "X", "Dinas Pendidikan", "3275"), kBekasiToken);
  v1::PerformanceReview review;
  ASSERT_TRUE(SetReview(a, 2020, v1::BAIK, "Kepala Puskesmas Oesapa", &review).ok());
  v1::UpdateContractPolicyRequest update;
  update.mutable_policy()->set_instansi_code("5371");
  v1::CrucialUnit* unit = update.mutable_policy()->add_crucial_units();
  unit->set_unit_kerja("Puskesmas");
  unit->set_prefix(true);
  unit->set_reason("Pelayanan kesehatan");
  update.mutable_update_mask()->add_paths("crucial_units");
  v1::ContractPolicy policy;
  ASSERT_TRUE(stub_->UpdateContractPolicy(Ctx(kKupangToken).get(), update, &policy).ok());

  v1::ListExpiringContractsRequest req;
  v1::ListExpiringContractsResponse resp;
  ASSERT_TRUE(stub_->ListExpiringContracts(Ctx(kKupangToken).get(), req, &resp).ok());
  EXPECT_EQ(Iso(resp.today()), "2020-12-31");
  EXPECT_EQ(Iso(resp.until()), "2021-01-30");  // the policy's 30 days
  ASSERT_EQ(resp.contracts_size(), 2);
  EXPECT_EQ(resp.total_size(), 2);
  EXPECT_EQ(resp.reviews_missing(), 1);
  EXPECT_EQ(resp.contracts(0).contract().honorer(), a);
  EXPECT_EQ(resp.contracts(0).days_left(), 0);  // ends today, in Kupang
  EXPECT_TRUE(resp.contracts(0).crucial_unit());
  EXPECT_EQ(resp.contracts(0).review(), v1::BAIK);
  EXPECT_EQ(resp.contracts(0).full_name(), "A");
  EXPECT_EQ(resp.contracts(1).contract().honorer(), b);
  EXPECT_FALSE(resp.contracts(1).crucial_unit());
  EXPECT_EQ(resp.contracts(1).review(), v1::REVIEW_OUTCOME_UNSPECIFIED);

  // A wider window and the ended ones, paged: the window and counts hold on every page.
  req.set_within_days(100);
  req.set_include_ended(true);
  req.set_page_size(2);
  std::vector<std::string> seen;
  do {
    ASSERT_TRUE(stub_->ListExpiringContracts(Ctx(kKupangToken).get(), req, &resp).ok());
    EXPECT_EQ(resp.total_size(), 4);
    EXPECT_EQ(resp.reviews_missing(), 3);
    EXPECT_EQ(Iso(resp.until()), "2021-04-10");
    for (const auto& e : resp.contracts()) seen.push_back(e.contract().honorer());
    req.set_page_token(resp.next_page_token());
    SetClock(absl::CivilSecond(2021, 1, 5, 0, 0, 0));  // the window is the first page's
  } while (!req.page_token().empty());
  EXPECT_THAT(seen, ElementsAre(d, a, b, c));

  req.clear_page_token();
  req.set_within_days(367);
  EXPECT_THAT(Fields(stub_->ListExpiringContracts(Ctx(kKupangToken).get(), req, &resp)),
              ElementsAre("within_days"));
  req.set_within_days(0);
  EXPECT_THAT(Fields(stub_->ListExpiringContracts(Ctx(kKemenpanToken).get(), req, &resp)),
              ElementsAre("instansi_code"));
}

// ---- Renewal -----------------------------------------------------------------------

class RenewalTest : public RegistryContractsTest {
 protected:
  void SetUp() override {
    RegistryContractsTest::SetUp();
    if (IsSkipped()) return;
    v1::Honorer with_email = Person(1, "Agustina Bani", "Dinas Pendidikan");
    with_email.mutable_contact()->set_email("agustina@example.id");
    a_ = Create(with_email);
    b_ = Create(Person(2, "Benyamin Tefa", "Puskesmas Oesapa"));
    v1::Honorer with_whatsapp = Person(3, "Christina Lay", "Dinas Pendidikan");
    with_whatsapp.mutable_contact()->set_whatsapp("081234567890");
    c_ = Create(with_whatsapp);
    d_ = Create(Person(4, "Daniel Sabu", "Dinas Pendidikan"));
    e_ = Create(Person(5, "Elisabeth Nenobais", "Dinas Pendidikan"));
    f_ = Create(Person(6, "Fransiskus Kase", "Dinas Pendidikan"));
    g_ = Create(Person(7, "Gabriel Toelle", "Dinas Pendidikan"));
    h_ = Create(Person(8, "Hendrik Lalang", "Dinas Pendidikan"));
    v1::Honorer overlapping = Person(9, "Imanuel Bessie", "Dinas Pendidikan");
    *overlapping.mutable_contract_start() = Date(2021, 1, 1);
    *overlapping.mutable_contract_end() = Date(2021, 3, 31);
    i_ = Create(overlapping);
    v1::Honorer sent_home = Person(10, "Yakobus Nope", "Dinas Pariwisata");
    sent_home.mutable_contact()->set_email("yakobus@example.id");
    j_ = Create(sent_home);
    k_ = Create(Person(11, "Kristofel Dethan", "Dinas Pemadam Kebakaran"));
    x_ = Create(Person(12, "Xaverius Bekasi", "Dinas Pendidikan", "3275"), kBekasiToken);
    v1::PerformanceReview review;
    ASSERT_TRUE(SetReview(a_, 2020, v1::BAIK, "Kepala Dinas Pendidikan", &review).ok());
    ASSERT_TRUE(SetReview(b_, 2020, v1::KURANG, "Kepala Puskesmas Oesapa", &review).ok());
    ChangeStatus(d_, v1::RESIGNED);
    ChangeStatus(e_, v1::MOVED_TO_CPNS);
    ChangeStatus(f_, v1::PPPK_PARUH_WAKTU);
    ChangeStatus(g_, v1::CONTRACT_ENDED);
    // The expiry step (another component) sent J home at the end of the 2020 SK
    // and kept K at work in a crucial unit: its writes, by hand.
    ChangeStatus(j_, v1::DIRUMAHKAN);
    Exec("UPDATE contracts SET expiry = ?, status_before = ? WHERE honorer_id = ?",
         {int64_t{v1::Contract::SENT_HOME}, int64_t{v1::ACTIVE}, IdOf(j_)});
    Exec("UPDATE contracts SET expiry = ? WHERE honorer_id = ?",
         {int64_t{v1::Contract::KEPT_AT_WORK}, IdOf(k_)});
    Exec("UPDATE honorers SET working_without_contract = 1 WHERE id = ?", {IdOf(k_)});
  }

  v1::RenewContractsRequest Kupang2021(const std::string& request_id = "") {
    v1::RenewContractsRequest req = Renewal(request_id);
    req.add_exclude_honorers(h_);
    return req;
  }

  std::string a_, b_, c_, d_, e_, f_, g_, h_, i_, j_, k_, x_;
};

TEST_P(RenewalTest, EveryExclusionWithItsReasonAndDryRunsWriteNothing) {
  const std::vector<int64_t> before = Footprint();
  v1::RenewContractsRequest req = Kupang2021("dry-request-id-is-not-looked-at");
  req.set_dry_run(true);
  v1::RenewContractsResponse dry;
  grpc::Status s = Renew(req, &dry);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_TRUE(dry.dry_run());
  EXPECT_EQ(dry.matched(), 11);
  EXPECT_EQ(dry.renewed(), 4);  // A, C, J, K
  EXPECT_EQ(dry.reactivated(), 1);
  EXPECT_EQ(dry.already_renewed(), 0);
  EXPECT_EQ(dry.excluded(), 7);
  EXPECT_FALSE(dry.exclusions_truncated());
  std::map<std::string, std::pair<Reason::Reason, std::string>> why;
  for (const auto& e : dry.exclusions()) why[e.honorer()] = {e.reason(), e.message()};
  using P = std::pair<Reason::Reason, std::string>;
  EXPECT_EQ(why[b_], P(Reason::REVIEW_KURANG,
                       "Penilaian kinerja 2020: KURANG (Kepala Puskesmas Oesapa)"));
  EXPECT_EQ(why[d_], P(Reason::RESIGNED, "Mengundurkan diri"));
  EXPECT_EQ(why[e_], P(Reason::MOVED_TO_CPNS, "Pindah menjadi CPNS"));
  EXPECT_EQ(why[f_].first, Reason::PPPK);
  EXPECT_THAT(why[f_].second, HasSubstr("Sudah PPPK"));
  EXPECT_EQ(why[g_].first, Reason::CONTRACT_ENDED);
  EXPECT_EQ(why[h_].first, Reason::EXCLUDED_BY_REQUEST);
  EXPECT_EQ(why[i_], P(Reason::OVERLAPPING_CONTRACT,
                       "Kontrak yang ada 2021-01-01 s.d. 2021-03-31 bertumpang tindih"));
  EXPECT_EQ(dry.exclusions(0).full_name(), "Benyamin Tefa");
  EXPECT_EQ(dry.exclusions(0).unit_kerja(), "Puskesmas Oesapa");
  EXPECT_EQ(ByReason(dry), (std::map<Reason::Reason, int64_t>{
                               {Reason::REVIEW_KURANG, 1}, {Reason::RESIGNED, 1},
                               {Reason::MOVED_TO_CPNS, 1}, {Reason::PPPK, 1},
                               {Reason::CONTRACT_ENDED, 1}, {Reason::EXCLUDED_BY_REQUEST, 1},
                               {Reason::OVERLAPPING_CONTRACT, 1}}));

  // The options, on dry runs too: KURANG renewed when asked; a missing review
  // excludes when required.
  req.set_include_kurang(true);
  ASSERT_TRUE(Renew(req, &dry).ok());
  EXPECT_EQ(dry.renewed(), 5);
  EXPECT_EQ(ByReason(dry).count(Reason::REVIEW_KURANG), 0u);
  req.set_include_kurang(false);
  req.set_require_review(true);
  ASSERT_TRUE(Renew(req, &dry).ok());
  EXPECT_EQ(dry.renewed(), 1);  // A, the only one reviewed (BAIK)
  EXPECT_EQ(ByReason(dry)[Reason::REVIEW_MISSING], 3);
  req.set_require_review(false);
  req.set_review_year(2019);  // nobody was reviewed KURANG for 2019
  ASSERT_TRUE(Renew(req, &dry).ok());
  EXPECT_EQ(dry.renewed(), 5);
  // A filter: one unit only.
  req.set_review_year(0);
  req.add_unit_kerja("Puskesmas Oesapa");
  ASSERT_TRUE(Renew(req, &dry).ok());
  EXPECT_EQ(dry.matched(), 1);
  EXPECT_EQ(Footprint(), before);  // nothing written by any of them
}

TEST_P(RenewalTest, RenewsReactivatesAndOwesEachRenewedHonorerOneNotice) {
  v1::RenewContractsResponse resp;
  grpc::Status s = Renew(Kupang2021("kupang-2021"), &resp);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_FALSE(resp.dry_run());
  EXPECT_FALSE(resp.replayed());
  EXPECT_EQ(resp.matched(), 11);
  EXPECT_EQ(resp.renewed(), 4);
  EXPECT_EQ(resp.reactivated(), 1);
  EXPECT_EQ(resp.excluded(), 7);

  // The new SK is the current period; the 2020 one was followed.
  std::vector<v1::Contract> periods = Contracts(a_);
  ASSERT_EQ(periods.size(), 2u);
  EXPECT_EQ(periods[0].sk_number(), "800/1234/BKPPD/2021");
  EXPECT_EQ(periods[0].signed_by(), "Wali Kota Kupang");
  EXPECT_EQ(Iso(periods[0].signed_date()), "2021-01-06");
  EXPECT_EQ(periods[1].expiry(), v1::Contract::RENEWED);
  EXPECT_EQ(Iso(Get(a_).contract_start()), "2021-01-01");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM contracts WHERE renewal_id = 'kupang-2021'"), 4);
  // The excluded keep their 2020 SK.
  EXPECT_EQ(Contracts(b_).size(), 1u);
  EXPECT_EQ(Iso(Get(d_).contract_end()), "2020-12-31");

  // J, sent home by the expiry, is back at work, with the SK in the history.
  v1::Honorer j = Get(j_);
  EXPECT_EQ(j.status(), v1::ACTIVE);
  v1::ListStatusHistoryRequest history;
  history.set_name(j_);
  v1::ListStatusHistoryResponse events;
  ASSERT_TRUE(stub_->ListStatusHistory(Ctx(kKupangToken).get(), history, &events).ok());
  ASSERT_GE(events.events_size(), 3);
  const v1::StatusEvent& last = events.events(events.events_size() - 1);
  EXPECT_EQ(last.from_status(), v1::DIRUMAHKAN);
  EXPECT_EQ(last.status(), v1::ACTIVE);
  EXPECT_EQ(last.reason(),
            "SK 800/1234/BKPPD/2021 berlaku 1 Januari 2021 s.d. 31 Desember 2021: kembali bekerja");
  // K, kept at work without an SK, has one again.
  EXPECT_FALSE(Get(k_).working_without_contract());
  EXPECT_EQ(Get(k_).status(), v1::ACTIVE);

  // One kRenewed notice to each renewed honorer with a contact (A, C, J), keyed by
  // honorer and contract; no contact detail in the outbox.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM contract_notices WHERE kind = 4"), 3);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM contract_notices WHERE honorer_id = ?", {IdOf(k_)}), 0);
  auto conn = server_->db().Acquire();
  ASSERT_TRUE(conn.ok());
  auto rows = (*conn)->Query(
      "SELECT n.reference, n.payload, c.id FROM contract_notices n JOIN contracts c"
      " ON c.honorer_id = n.honorer_id AND c.start_date = '2021-01-01' WHERE n.honorer_id = ?",
      {IdOf(j_)});
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].Str(0),
            absl::StrCat("registry/", j_, "/contracts/", (*rows)[0].Int(2), "/renewed"));
  auto values = DecodeNoticeValues((*rows)[0].Str(1));
  ASSERT_TRUE(values.ok());
  EXPECT_EQ((*values)["nama"], "Yakobus Nope");
  EXPECT_EQ((*values)["instansi"], "Pemerintah Kota Kupang");
  EXPECT_EQ((*values)["nomor_sk"], "800/1234/BKPPD/2021");
  EXPECT_EQ((*values)["tanggal_mulai"], "1 Januari 2021");
  EXPECT_EQ((*values)["tanggal_berakhir"], "31 Desember 2021");
  EXPECT_EQ((*values)["kembali_bekerja"],
            "Status dirumahkan Anda berakhir; Anda kembali bekerja mulai 1 Januari 2021.");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM contract_notices WHERE payload LIKE '%@%'"
                  " OR payload LIKE '%0812%' OR payload LIKE '%+62%'"),
            0);
  // Audited with counts, in the page's transaction.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'RenewContracts'"
                  " AND resource = 'instansi/5371/renewals/kupang-2021' AND outcome = 'OK'"),
            1);
}

// An import recorded J's new SK while J was sent home; an import never changes a
// status, so J stays DIRUMAHKAN until RenewContracts gives the same SK: then J
// returns, to the status the expiry recorded (MS here, which the instansi could
// not set by hand), with the history event and the notice, and the SK is not
// written twice.
TEST_P(RenewalTest, TheSameSkAgainReturnsOneSentHomeWhoseSkWasImported) {
  Exec("UPDATE contracts SET status_before = ? WHERE honorer_id = ?",
       {int64_t{v1::MS}, IdOf(j_)});
  v1::ImportRow row = Row(2, 10, "2021-01-01", "2021-12-31");
  row.set_full_name("Yakobus Nope");
  row.set_unit_kerja("Dinas Pariwisata");
  row.set_sk_number("800/1234/BKPPD/2021");
  v1::ImportHonorersResponse imported;
  ASSERT_TRUE(Import("sk-2021-j", {row}, &imported).ok());
  ASSERT_EQ(imported.updated(), 1);
  v1::Honorer j = Get(j_);
  EXPECT_EQ(j.status(), v1::DIRUMAHKAN);
  EXPECT_EQ(Iso(j.contract_start()), "2021-01-01");
  std::vector<v1::Contract> periods = Contracts(j_);
  ASSERT_EQ(periods.size(), 2u);
  EXPECT_EQ(periods[1].expiry(), v1::Contract::SENT_HOME);  // its history stays

  v1::RenewContractsRequest req = Kupang2021("kupang-2021-j");
  req.add_honorers(j_);
  v1::RenewContractsResponse resp;
  grpc::Status s = Renew(req, &resp);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(resp.renewed(), 1);
  EXPECT_EQ(resp.reactivated(), 1);
  EXPECT_EQ(resp.already_renewed(), 0);
  EXPECT_EQ(Get(j_).status(), v1::MS);
  EXPECT_EQ(Contracts(j_).size(), 2u);
  v1::ListStatusHistoryRequest history;
  history.set_name(j_);
  v1::ListStatusHistoryResponse events;
  ASSERT_TRUE(stub_->ListStatusHistory(Ctx(kKupangToken).get(), history, &events).ok());
  const v1::StatusEvent& last = events.events(events.events_size() - 1);
  EXPECT_EQ(last.from_status(), v1::DIRUMAHKAN);
  EXPECT_EQ(last.status(), v1::MS);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM contract_notices WHERE kind = 4 AND honorer_id = ?",
                  {IdOf(j_)}),
            1);

  // Back at work: the same SK again is what it always was, already renewed.
  ASSERT_TRUE(Renew(Kupang2021("kupang-2021-j-again"), &resp).ok());
  EXPECT_EQ(resp.reactivated(), 0);
  EXPECT_EQ(Get(j_).status(), v1::MS);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM contract_notices WHERE kind = 4 AND honorer_id = ?",
                  {IdOf(j_)}),
            1);
}

TEST_P(RenewalTest, ARetryRenewsNobodyTwice) {
  v1::RenewContractsResponse first;
  ASSERT_TRUE(Renew(Kupang2021("kupang-2021"), &first).ok());
  const std::vector<int64_t> after_first = Footprint();

  // The same request_id: the stored answer, replayed; nothing written.
  v1::RenewContractsResponse again;
  ASSERT_TRUE(Renew(Kupang2021("kupang-2021"), &again).ok());
  EXPECT_TRUE(again.replayed());
  EXPECT_EQ(again.matched(), first.matched());
  EXPECT_EQ(again.renewed(), first.renewed());
  EXPECT_EQ(again.reactivated(), first.reactivated());
  EXPECT_EQ(again.exclusions_size(), first.exclusions_size());
  EXPECT_EQ(Footprint(), after_first);

  // The same id for another renewal: refused, naming request_id.
  v1::RenewContractsRequest other = Kupang2021("kupang-2021");
  other.set_sk_number("800/9999/BKPPD/2021");
  grpc::Status s = Renew(other, &again);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(Fields(s), ElementsAre("request_id"));

  // A new request_id for the same SK: everyone renewed is already renewed.
  ASSERT_TRUE(Renew(Kupang2021("kupang-2021-b"), &again).ok());
  EXPECT_FALSE(again.replayed());
  EXPECT_EQ(again.renewed(), 0);
  EXPECT_EQ(again.already_renewed(), 4);
  EXPECT_EQ(again.reactivated(), 0);
  EXPECT_EQ(again.excluded(), 7);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM contracts WHERE start_date = '2021-01-01'"
                  " AND sk_number = '800/1234/BKPPD/2021'"),
            4);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM contract_notices"), 3);
  // Bad requests name their fields.
  v1::RenewContractsRequest bad = Kupang2021("bad one");
  bad.clear_sk_number();
  *bad.mutable_end_date() = Date(2020, 12, 31);
  bad.add_honorers("pegawai/1");
  bad.set_review_year(1999);
  EXPECT_THAT(Fields(Renew(bad, &again)),
              UnorderedElementsAre("sk_number", "end_date", "honorers", "review_year",
                                   "request_id"));
}

TEST_P(RegistryContractsTest, ARenewalCutAfterAPageResumesWhereItStopped) {
  // 1,500 honorers: two pages of the renewal.
  std::vector<v1::ImportRow> rows;
  for (int i = 1; i <= 1500; ++i) rows.push_back(Row(i + 1, i, "2020-01-01", "2020-12-31"));
  v1::ImportHonorersResponse imported;
  ASSERT_TRUE(Import("ptt-2020", rows, &imported).ok());
  ASSERT_EQ(imported.created(), 1500);
  const int64_t victim = Count("SELECT MAX(id) FROM honorers");
  // A fault in the second page's transaction: the database refuses one period.
  if (GetParam() == "sqlite") {
    Exec(absl::StrCat("CREATE TRIGGER fail_renewal BEFORE INSERT ON contracts WHEN NEW.honorer_id = ",
                      victim, " BEGIN SELECT RAISE(ABORT, 'injected fault'); END"));
  } else {
    Exec(absl::StrCat("CREATE TRIGGER fail_renewal BEFORE INSERT ON contracts FOR EACH ROW BEGIN"
                      " IF NEW.honorer_id = ",
                      victim,
                      " THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'injected fault';"
                      " END IF; END"));
  }
  v1::RenewContractsResponse resp;
  EXPECT_FALSE(Renew(Renewal("ptt-2021"), &resp).ok());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM contracts WHERE renewal_id = 'ptt-2021'"), 1000);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM contract_renewals WHERE state = 0"), 1);
  Exec("DROP TRIGGER fail_renewal");

  // A holder still alive (its lease live): the retry is told to wait.
  Exec("UPDATE contract_renewals SET lease_until_us = ?",
       {absl::ToUnixMicros(server_->clock().Now() + absl::Minutes(1))});
  EXPECT_EQ(Renew(Renewal("ptt-2021"), &resp).error_code(), grpc::StatusCode::ABORTED);
  // Its lease expired: the retry goes on from the second page, with the first's counts.
  server_->clock().Advance(absl::Minutes(2));
  grpc::Status s = Renew(Renewal("ptt-2021"), &resp);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_FALSE(resp.replayed());
  EXPECT_EQ(resp.matched(), 1500);
  EXPECT_EQ(resp.renewed(), 1500);
  EXPECT_EQ(resp.already_renewed(), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM contracts WHERE renewal_id = 'ptt-2021'"), 1500);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM honorers WHERE contract_start = '2021-01-01'"), 1500);
  ASSERT_TRUE(Renew(Renewal("ptt-2021"), &resp).ok());
  EXPECT_TRUE(resp.replayed());
  EXPECT_EQ(resp.renewed(), 1500);
}

// ---- Another instansi --------------------------------------------------------------

TEST_P(RegistryContractsTest, AnotherInstansiIsRefusedAndLearnsNothing) {
  const std::string h = Create(Person(1, "A", "Puskesmas Oesapa"));
  v1::PerformanceReview review;
  ASSERT_TRUE(SetReview(h, 2020, v1::BAIK, "Kepala Puskesmas Oesapa", &review).ok());
  const std::vector<int64_t> before = Footprint();
  const int64_t reviews = Count("SELECT COUNT(*) FROM performance_reviews");

  // Another instansi's honorer is NOT_FOUND exactly like one that does not exist.
  v1::ListContractsRequest list;
  list.set_honorer(h);
  v1::ListContractsResponse contracts;
  grpc::Status foreign = stub_->ListContracts(Ctx(kBekasiToken).get(), list, &contracts);
  list.set_honorer("honorers/999999");
  grpc::Status missing = stub_->ListContracts(Ctx(kBekasiToken).get(), list, &contracts);
  EXPECT_EQ(foreign.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(missing.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Refusals("ListContracts"), 1);
  foreign = SetReview(h, 2020, v1::KURANG, "Kepala", &review, kBekasiToken);
  missing = SetReview("honorers/999999", 2020, v1::KURANG, "Kepala", &review, kBekasiToken);
  EXPECT_EQ(foreign.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(foreign.error_message(), absl::StrCat("honorer ", h, " not found"));
  EXPECT_EQ(missing.error_message(), "honorer honorers/999999 not found");
  EXPECT_EQ(Refusals("SetPerformanceReview"), 1);

  // Naming Kupang is PERMISSION_DENIED, before anything is read.
  const grpc::StatusCode denied = grpc::StatusCode::PERMISSION_DENIED;
  v1::ListExpiringContractsRequest expiring;
  expiring.set_instansi_code("5371");
  v1::ListExpiringContractsResponse expiring_resp;
  EXPECT_EQ(stub_->ListExpiringContracts(Ctx(kBekasiToken).get(), expiring, &expiring_resp)
                .error_code(),
            denied);
  v1::RenewContractsResponse renewed;
  EXPECT_EQ(Renew(Renewal("bekasi-try"), &renewed, kBekasiToken).error_code(), denied);
  v1::GetContractPolicyRequest get;
  get.set_instansi_code("5371");
  v1::ContractPolicy policy;
  EXPECT_EQ(stub_->GetContractPolicy(Ctx(kBekasiToken).get(), get, &policy).error_code(), denied);
  v1::UpdateContractPolicyRequest update;
  update.mutable_policy()->set_instansi_code("5371");
  update.mutable_policy()->set_expiry_notice_days(1);
  EXPECT_EQ(stub_->UpdateContractPolicy(Ctx(kBekasiToken).get(), update, &policy).error_code(),
            denied);
  v1::ImportPerformanceReviewsRequest import;
  import.set_instansi_code("5371");
  auto* row = import.add_rows();
  row->set_row_number(2);
  row->set_honorer(h);
  row->set_year(2020);
  row->set_outcome("KURANG");
  row->set_reviewer("Kepala");
  v1::ImportPerformanceReviewsResponse imported;
  EXPECT_EQ(stub_->ImportPerformanceReviews(Ctx(kBekasiToken).get(), import, &imported)
                .error_code(),
            denied);
  v1::ListPerformanceReviewsRequest reviews_req;
  reviews_req.set_instansi_code("5371");
  reviews_req.set_year(2020);
  v1::ListPerformanceReviewsResponse reviews_resp;
  EXPECT_EQ(stub_->ListPerformanceReviews(Ctx(kBekasiToken).get(), reviews_req, &reviews_resp)
                .error_code(),
            denied);
  for (const char* action : {"ListExpiringContracts", "RenewContracts", "GetContractPolicy",
                             "UpdateContractPolicy", "ImportPerformanceReviews",
                             "ListPerformanceReviews"}) {
    EXPECT_EQ(Refusals(action), 1) << action;
  }

  // Within its own instansi, Kupang's honorer is just not there: an import naming
  // it is a bad row like an unknown one, and a renewal naming it matches nobody.
  import.set_instansi_code("3275");
  grpc::Status s = stub_->ImportPerformanceReviews(Ctx(kBekasiToken).get(), import, &imported);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(RowsNamed(s), ElementsAre(std::make_pair(int64_t{2}, std::string("honorer"))));
  EXPECT_EQ(s.error_message().find("5371"), std::string::npos);
  v1::RenewContractsRequest own = Renewal("bekasi-2021");
  own.set_instansi_code("3275");
  own.add_honorers(h);
  ASSERT_TRUE(Renew(own, &renewed, kBekasiToken).ok());
  EXPECT_EQ(renewed.matched(), 0);
  EXPECT_EQ(renewed.renewed(), 0);

  std::vector<int64_t> after = Footprint();
  after[3] -= 1;  // Bekasi's own (empty) renewal row
  EXPECT_EQ(after, before);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM performance_reviews"), reviews);
}

INSTANTIATE_TEST_SUITE_P(Backends, RegistryContractsTest, ::testing::Values("sqlite", "mysql"),
                         [](const auto& info) { return info.param; });
INSTANTIATE_TEST_SUITE_P(Backends, RenewalTest, ::testing::Values("sqlite", "mysql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace penataan::registry
