// The registry's side of a screening, over real gRPC on SQLite and MariaDB: honorer
// contacts (validated, imported, updated, shown only in the views that carry them),
// BKN's record compared with the registry's and its differences shown, and the
// screening's MS/TMS write-back (RecordScreeningOutcomes).

#include <grpcpp/grpcpp.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "common/errors.h"
#include "common/server/call.h"
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
using ::penataan::testing::kScreeningToken;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

// 12 July 1985, a man, serial `serial`, of Kota Kupang.
std::string Nik(int serial) { return absl::StrFormat("5371011207850%03d", serial); }

v1::Honorer Kupang(int serial) {
  v1::Honorer h;
  h.set_nik(Nik(serial));
  h.set_full_name(absl::StrCat("Yohanes Ndun ", serial));
  h.mutable_birth_date()->set_year(1985);
  h.mutable_birth_date()->set_month(7);
  h.mutable_birth_date()->set_day(12);
  h.set_gender(v1::MALE);
  h.set_education(common::v1::SMA);
  h.set_instansi_code("5371");
  h.set_unit_kerja("Dinas Pendidikan");
  h.set_jabatan_category(common::v1::TENAGA_KEPENDIDIKAN);
  h.mutable_service_start_date()->set_year(2005);
  h.mutable_service_start_date()->set_month(1);
  h.mutable_service_start_date()->set_day(3);
  return h;
}

std::vector<std::string> Fields(const grpc::Status& s) {
  std::vector<std::string> out;
  for (const Violation& v : ViolationsOf(FromGrpcStatus(s))) out.push_back(v.field);
  return out;
}

class RegistryScreeningTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (storage::testing::TestDatabase::ShouldSkip(GetParam())) GTEST_SKIP() << "no MariaDB";
    auto server = testing::RegistryServer::Start(GetParam());
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server);
    stub_ = server_->NewStub();
  }

  grpc::Status Create(const v1::Honorer& h, v1::Honorer* out) {
    v1::CreateHonorerRequest req;
    *req.mutable_honorer() = h;
    return stub_->CreateHonorer(Ctx(kKupangToken).get(), req, out);
  }

  v1::Honorer MustCreate(const v1::Honorer& h) {
    v1::Honorer out;
    grpc::Status s = Create(h, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  // The first honorer of Kupang's list in `view`, as `token` sees it.
  grpc::Status ListOne(const char* token, v1::HonorerView view, v1::Honorer* out) {
    v1::ListHonorersRequest req;
    req.set_instansi_code("5371");
    req.set_view(view);
    v1::ListHonorersResponse resp;
    grpc::Status s = stub_->ListHonorers(Ctx(token).get(), req, &resp);
    if (s.ok() && resp.honorers_size() > 0) *out = resp.honorers(0);
    return s;
  }

  v1::Honorer Get(const std::string& name, const char* token = kKupangToken) {
    v1::GetHonorerRequest req;
    req.set_name(name);
    v1::Honorer out;
    grpc::Status s = stub_->GetHonorer(Ctx(token).get(), req, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  grpc::Status Record(const std::vector<std::tuple<std::string, v1::HonorerStatus, std::string>>&
                          entries,
                      v1::RecordScreeningOutcomesResponse* out,
                      const char* token = kScreeningToken) {
    v1::RecordScreeningOutcomesRequest req;
    for (const auto& [name, status, reason] : entries) {
      auto* e = req.add_entries();
      e->set_name(name);
      e->set_status(status);
      e->set_reason(reason);
    }
    auto ctx = Ctx(token);
    ctx->AddMetadata(kOriginHeader, "national:bkn");
    return stub_->RecordScreeningOutcomes(ctx.get(), req, out);
  }

  int64_t Count(const std::string& sql) {
    auto conn = server_->db().Acquire();
    auto rows = (*conn)->Query(sql);
    EXPECT_TRUE(rows.ok()) << rows.status();
    return rows.ok() && !rows->empty() ? (*rows)[0].Int(0) : -1;
  }

  std::unique_ptr<testing::RegistryServer> server_;
  std::unique_ptr<v1::RegistryService::Stub> stub_;
};

// ---- Contacts ------------------------------------------------------------------

TEST_P(RegistryScreeningTest, ContactsAreNormalizedAndBadOnesNamedWithoutBeingQuoted) {
  v1::Honorer h = Kupang(1);
  h.mutable_contact()->set_email("Maria <maria@kupang.go.id>");
  h.mutable_contact()->set_whatsapp("021 555 1234");
  v1::Honorer out;
  grpc::Status bad = Create(h, &out);
  EXPECT_EQ(bad.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(Fields(bad), ElementsAre("honorer.contact.email", "honorer.contact.whatsapp"));
  EXPECT_EQ(bad.error_message().find("maria@"), std::string::npos);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM honorers"), 0);

  h.mutable_contact()->set_email(" maria.bria@KUPANG.go.id ");
  h.mutable_contact()->set_whatsapp("+62 812-3456-7890");
  ASSERT_TRUE(Create(h, &out).ok());
  EXPECT_EQ(out.contact().email(), "maria.bria@kupang.go.id");
  EXPECT_EQ(out.contact().whatsapp(), "+6281234567890");
  EXPECT_EQ(Get(out.name()).contact().whatsapp(), "+6281234567890");
}

TEST_P(RegistryScreeningTest, UpdateSetsAndClearsContactsByPath) {
  v1::Honorer h = MustCreate(Kupang(1));
  EXPECT_FALSE(h.has_contact());
  v1::UpdateHonorerRequest req;
  req.mutable_honorer()->set_name(h.name());
  req.mutable_honorer()->mutable_contact()->set_whatsapp("081234567890");
  req.mutable_honorer()->mutable_contact()->set_email("ignored@desa.id");
  req.mutable_update_mask()->add_paths("contact.whatsapp");
  v1::Honorer out;
  ASSERT_TRUE(stub_->UpdateHonorer(Ctx(kKupangToken).get(), req, &out).ok());
  EXPECT_EQ(out.contact().whatsapp(), "+6281234567890");
  EXPECT_EQ(out.contact().email(), "");  // not in the mask

  req.mutable_update_mask()->clear_paths();
  req.mutable_update_mask()->add_paths("contact");
  req.mutable_honorer()->mutable_contact()->set_whatsapp("");
  req.mutable_honorer()->mutable_contact()->set_email("yohanes@Desa.ID");
  ASSERT_TRUE(stub_->UpdateHonorer(Ctx(kKupangToken).get(), req, &out).ok());
  EXPECT_EQ(out.contact().email(), "yohanes@desa.id");
  EXPECT_EQ(out.contact().whatsapp(), "");  // an empty value clears

  req.mutable_update_mask()->clear_paths();
  req.mutable_update_mask()->add_paths("contact.email");
  req.mutable_honorer()->mutable_contact()->set_email("not an address");
  grpc::Status bad = stub_->UpdateHonorer(Ctx(kKupangToken).get(), req, &out);
  EXPECT_EQ(bad.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(Fields(bad), ElementsAre("honorer.contact.email"));

  req.mutable_honorer()->mutable_contact()->set_email("");
  ASSERT_TRUE(stub_->UpdateHonorer(Ctx(kKupangToken).get(), req, &out).ok());
  EXPECT_FALSE(out.has_contact());
  // Only the paths' names are audited, never a value.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE detail LIKE '%desa%'"), 0);
}

TEST_P(RegistryScreeningTest, ImportCarriesContactsAndEmptyCellsKeepThem) {
  std::vector<v1::ImportRow> rows;
  for (int i = 1; i <= 3; ++i) {
    v1::ImportRow row;
    row.set_row_number(i + 1);
    row.set_nik(Nik(i));
    row.set_full_name(absl::StrCat("Honorer ", i));
    row.set_birth_date("1985-07-12");
    row.set_gender("L");
    row.set_education("SMA");
    row.set_unit_kerja("Dinas Pendidikan");
    row.set_jabatan_category("PENGELOLA_UMUM_OPERASIONAL");
    row.set_service_start_date("2010-01-04");
    row.set_email(absl::StrCat("honorer", i, "@Kupang.go.id"));
    row.set_whatsapp(absl::StrCat("0812345678", 10 + i));
    rows.push_back(row);
  }
  rows[2].set_whatsapp("12345");  // not a number: the row is rejected, naming the column
  v1::ImportHonorersResponse out;
  grpc::Status s = testing::ImportAll(*stub_, "5371", "contacts-1", rows, &out, kKupangToken);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(out.created(), 2);
  ASSERT_EQ(out.errors_size(), 1);
  EXPECT_EQ(out.errors(0).row(), 4);
  EXPECT_EQ(out.errors(0).field(), "whatsapp");
  EXPECT_EQ(out.errors(0).description().find("12345"), std::string::npos);

  v1::GetHonorerRequest get;
  get.set_nik(Nik(1));
  v1::Honorer h;
  ASSERT_TRUE(stub_->GetHonorer(Ctx(kKupangToken).get(), get, &h).ok());
  EXPECT_EQ(h.contact().email(), "honorer1@kupang.go.id");
  EXPECT_EQ(h.contact().whatsapp(), "+62812345678" "11");
  EXPECT_EQ(h.jabatan_category(), common::v1::PENGELOLA_UMUM_OPERASIONAL);

  // The same honorers again from a file without contacts: nothing changes.
  rows.pop_back();
  for (v1::ImportRow& row : rows) {
    row.clear_email();
    row.clear_whatsapp();
  }
  s = testing::ImportAll(*stub_, "5371", "contacts-2", rows, &out, kKupangToken);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(out.unchanged(), 2);
  // A new address for one: updated, the number kept.
  rows[0].set_email("baru@kupang.go.id");
  s = testing::ImportAll(*stub_, "5371", "contacts-3", rows, &out, kKupangToken);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(out.updated(), 1);
  EXPECT_EQ(out.unchanged(), 1);
  ASSERT_TRUE(stub_->GetHonorer(Ctx(kKupangToken).get(), get, &h).ok());
  EXPECT_EQ(h.contact().email(), "baru@kupang.go.id");
  EXPECT_EQ(h.contact().whatsapp(), "+6281234567811");
}

// ---- Views ---------------------------------------------------------------------

TEST_P(RegistryScreeningTest, BasicNeverHasTheContactAndScreeningNeverTheNik) {
  v1::Honorer h = Kupang(1);
  h.mutable_contact()->set_email("yohanes@desa.id");
  MustCreate(h);
  v1::Honorer out;
  ASSERT_TRUE(ListOne(kKupangToken, v1::HONORER_VIEW_FULL, &out).ok());
  EXPECT_EQ(out.nik(), Nik(1));
  EXPECT_EQ(out.contact().email(), "yohanes@desa.id");

  for (const char* token : {kKupangToken, kFormasiToken, kScreeningToken}) {
    SCOPED_TRACE(token);
    out.Clear();
    ASSERT_TRUE(ListOne(token, v1::HONORER_VIEW_BASIC, &out).ok());
    EXPECT_EQ(out.nik(), "");
    EXPECT_FALSE(out.has_contact());
    EXPECT_FALSE(out.has_birth_date());
    EXPECT_EQ(out.full_name(), "Yohanes Ndun 1");
  }
  for (const char* token : {kKupangToken, kScreeningToken}) {
    SCOPED_TRACE(token);
    out.Clear();
    ASSERT_TRUE(ListOne(token, v1::HONORER_VIEW_SCREENING, &out).ok());
    EXPECT_EQ(out.nik(), "");
    EXPECT_EQ(out.gender(), v1::GENDER_UNSPECIFIED);
    EXPECT_EQ(out.birth_date().year(), 1985);
    EXPECT_EQ(out.contact().email(), "yohanes@desa.id");
    EXPECT_EQ(out.service_start_date().year(), 2005);
  }
}

TEST_P(RegistryScreeningTest, AServiceNeverReceivesTheNik) {
  v1::Honorer created = MustCreate(Kupang(1));
  for (const char* token : {kFormasiToken, kScreeningToken}) {
    SCOPED_TRACE(token);
    v1::Honorer out;
    grpc::Status full = ListOne(token, v1::HONORER_VIEW_FULL, &out);
    EXPECT_EQ(full.error_code(), grpc::StatusCode::PERMISSION_DENIED);
    EXPECT_THAT(Fields(full), ElementsAre("view"));
    v1::BatchGetHonorersRequest batch;
    batch.add_names(created.name());
    batch.set_view(v1::HONORER_VIEW_FULL);
    v1::BatchGetHonorersResponse resp;
    EXPECT_EQ(stub_->BatchGetHonorers(Ctx(token).get(), batch, &resp).error_code(),
              grpc::StatusCode::PERMISSION_DENIED);
    // No view asked: BASIC for a service, wherever a read has no view to ask.
    ASSERT_TRUE(ListOne(token, v1::HONORER_VIEW_UNSPECIFIED, &out).ok());
    EXPECT_EQ(out.nik(), "");
    batch.set_view(v1::HONORER_VIEW_UNSPECIFIED);
    ASSERT_TRUE(stub_->BatchGetHonorers(Ctx(token).get(), batch, &resp).ok());
    EXPECT_EQ(resp.honorers(0).nik(), "");
    EXPECT_EQ(Get(created.name(), token).nik(), "");
  }
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE outcome = 'PERMISSION_DENIED'"
                  " AND detail = 'view=FULL'"),
            4);
}

// Contacts, BKN's values and the birth date are for the service that tells honorers
// their results: formasi (which checks posts and statuses) is refused SCREENING on
// every read that takes a view, audited like FULL, and keeps reading BASIC.
TEST_P(RegistryScreeningTest, OfTheServicesOnlyTheScreeningReadsTheScreeningView) {
  v1::Honorer h = Kupang(1);
  h.mutable_contact()->set_email("yohanes@desa.id");
  h.mutable_contact()->set_whatsapp("081234567890");
  const v1::Honorer created = MustCreate(h);

  v1::Honorer out;
  grpc::Status list = ListOne(kFormasiToken, v1::HONORER_VIEW_SCREENING, &out);
  EXPECT_EQ(list.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_THAT(Fields(list), ElementsAre("view"));
  EXPECT_FALSE(out.has_contact());
  v1::BatchGetHonorersRequest batch;
  batch.add_names(created.name());
  batch.set_view(v1::HONORER_VIEW_SCREENING);
  v1::BatchGetHonorersResponse resp;
  grpc::Status get = stub_->BatchGetHonorers(Ctx(kFormasiToken).get(), batch, &resp);
  EXPECT_EQ(get.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_THAT(Fields(get), ElementsAre("view"));
  EXPECT_EQ(resp.honorers_size(), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE outcome = 'PERMISSION_DENIED'"
                  " AND detail = 'view=SCREENING' AND principal = 'service:formasi'"),
            2);

  // formasi's own reads, BASIC asked or implied, go on as before.
  for (v1::HonorerView view : {v1::HONORER_VIEW_BASIC, v1::HONORER_VIEW_UNSPECIFIED}) {
    SCOPED_TRACE(v1::HonorerView_Name(view));
    out.Clear();
    ASSERT_TRUE(ListOne(kFormasiToken, view, &out).ok());
    EXPECT_EQ(out.name(), created.name());
    EXPECT_FALSE(out.has_contact());
    batch.set_view(view);
    grpc::Status s = stub_->BatchGetHonorers(Ctx(kFormasiToken).get(), batch, &resp);
    ASSERT_TRUE(s.ok()) << s.error_message();
    ASSERT_EQ(resp.honorers_size(), 1);
    EXPECT_FALSE(resp.honorers(0).has_contact());
    EXPECT_EQ(resp.honorers(0).status(), v1::ACTIVE);
  }
  // The screening still reads the honorer's contact.
  batch.set_view(v1::HONORER_VIEW_SCREENING);
  ASSERT_TRUE(stub_->BatchGetHonorers(Ctx(kScreeningToken).get(), batch, &resp).ok());
  ASSERT_EQ(resp.honorers_size(), 1);
  EXPECT_EQ(resp.honorers(0).contact().whatsapp(), "+6281234567890");
}

// ---- BKN's record --------------------------------------------------------------

TEST_P(RegistryScreeningTest, VerifyStoresDifferencesShowsThemAndClearsThem) {
  v1::Honorer one = MustCreate(Kupang(1));
  MustCreate(Kupang(2));
  auto verify = [&](bool in_bkn, const std::string& name, int day, v1::VerifyHonorersResponse* out) {
    v1::VerifyHonorersRequest req;
    auto* e = req.add_entries();
    e->set_nik(Nik(1));
    e->set_in_bkn_database(in_bkn);
    e->set_full_name(name);
    if (day > 0) {
      e->mutable_birth_date()->set_year(1985);
      e->mutable_birth_date()->set_month(7);
      e->mutable_birth_date()->set_day(day);
    }
    auto* same = req.add_entries();  // BKN's record of honorer 2 agrees
    same->set_nik(Nik(2));
    same->set_in_bkn_database(true);
    same->set_full_name("  YOHANES   ndun 2 ");
    return stub_->VerifyHonorers(Ctx(kBknToken).get(), req, out);
  };
  v1::VerifyHonorersResponse out;
  ASSERT_TRUE(verify(true, "Yohanis Ndun", 21, &out).ok());
  EXPECT_EQ(out.updated(), 2);
  v1::Honorer h = Get(one.name());
  ASSERT_EQ(h.bkn_differences_size(), 2);
  EXPECT_EQ(h.bkn_differences(0).field(), "full_name");
  EXPECT_EQ(h.bkn_differences(0).registry_value(), "Yohanes Ndun 1");
  EXPECT_EQ(h.bkn_differences(0).bkn_value(), "Yohanis Ndun");
  EXPECT_EQ(h.bkn_differences(1).field(), "birth_date");
  EXPECT_EQ(h.bkn_differences(1).registry_value(), "1985-07-12");
  EXPECT_EQ(h.bkn_differences(1).bkn_value(), "1985-07-21");
  v1::ListHonorersRequest list;
  list.set_instansi_code("5371");
  list.set_view(v1::HONORER_VIEW_SCREENING);
  v1::ListHonorersResponse page;
  ASSERT_TRUE(stub_->ListHonorers(Ctx(kScreeningToken).get(), list, &page).ok());
  ASSERT_EQ(page.honorers_size(), 2);
  EXPECT_EQ(page.honorers(0).bkn_differences_size(), 2);
  EXPECT_EQ(page.honorers(1).bkn_differences_size(), 0);  // folded names agree
  list.set_view(v1::HONORER_VIEW_BASIC);
  ASSERT_TRUE(stub_->ListHonorers(Ctx(kScreeningToken).get(), list, &page).ok());
  EXPECT_EQ(page.honorers(0).bkn_differences_size(), 0);

  // The same again: nothing written.
  ASSERT_TRUE(verify(true, "Yohanis Ndun", 21, &out).ok());
  EXPECT_EQ(out.updated(), 0);
  EXPECT_EQ(out.unchanged(), 2);
  // A later record replaces the earlier: only the name differs now.
  ASSERT_TRUE(verify(true, "Yohanis Ndun", 0, &out).ok());
  EXPECT_EQ(out.updated(), 1);
  h = Get(one.name());
  ASSERT_EQ(h.bkn_differences_size(), 1);
  EXPECT_EQ(h.bkn_differences(0).field(), "full_name");
  // The instansi corrects the name: the difference is gone with it.
  v1::UpdateHonorerRequest fix;
  fix.mutable_honorer()->set_name(one.name());
  fix.mutable_honorer()->set_full_name("Yohanis  Ndun");
  fix.mutable_update_mask()->add_paths("full_name");
  ASSERT_TRUE(stub_->UpdateHonorer(Ctx(kKupangToken).get(), fix, &h).ok());
  EXPECT_EQ(h.bkn_differences_size(), 0);
  // Not in BKN (a record sent along is ignored): no differences, flag cleared.
  ASSERT_TRUE(verify(false, "Someone Else", 1, &out).ok());
  h = Get(one.name());
  EXPECT_FALSE(h.in_bkn_database());
  EXPECT_EQ(h.bkn_differences_size(), 0);
  ASSERT_TRUE(verify(true, "Someone Else", 0, &out).ok());
  EXPECT_EQ(Get(one.name()).bkn_differences_size(), 1);
  ASSERT_TRUE(verify(true, "", 0, &out).ok());  // in BKN, no record: cleared
  EXPECT_EQ(Get(one.name()).bkn_differences_size(), 0);

  // A date that is no day is named.
  v1::VerifyHonorersRequest bad;
  auto* e = bad.add_entries();
  e->set_nik(Nik(1));
  e->set_in_bkn_database(true);
  e->mutable_birth_date()->set_year(1985);
  e->mutable_birth_date()->set_month(2);
  e->mutable_birth_date()->set_day(30);
  grpc::Status s = stub_->VerifyHonorers(Ctx(kBknToken).get(), bad, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(Fields(s), ElementsAre("entries[0].birth_date"));
}

// ---- RecordScreeningOutcomes -----------------------------------------------------

TEST_P(RegistryScreeningTest, OutcomesChangeOnceAndARepeatChangesNothing) {
  const std::string a = MustCreate(Kupang(1)).name(), b = MustCreate(Kupang(2)).name(),
                    pppk = MustCreate(Kupang(3)).name();
  v1::ChangeHonorerStatusRequest to_pppk;
  to_pppk.set_name(pppk);
  to_pppk.set_status(v1::PPPK_PENUH_WAKTU);
  to_pppk.set_reason("Diangkat PPPK 2024");
  v1::Honorer ignored;
  ASSERT_TRUE(stub_->ChangeHonorerStatus(Ctx(kKupangToken).get(), to_pppk, &ignored).ok());
  const int64_t events_before = Count("SELECT COUNT(*) FROM status_events");

  const std::vector<std::tuple<std::string, v1::HonorerStatus, std::string>> round = {
      {a, v1::MS, "Seleksi PPPK 2024 Tahap II: MS"},
      {b, v1::TMS, "Seleksi PPPK 2024 Tahap II: TMS (SERVICE_TOO_SHORT)"},
      {pppk, v1::TMS, "Seleksi PPPK 2024 Tahap II: TMS (NOT_ACTIVE)"},
      {"honorers/999999", v1::MS, "Seleksi PPPK 2024 Tahap II: MS"},
  };
  v1::RecordScreeningOutcomesResponse out;
  grpc::Status s = Record(round, &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(out.changed(), 2);
  EXPECT_EQ(out.unchanged(), 0);
  EXPECT_THAT(out.refused(), ElementsAre(2));
  EXPECT_THAT(out.not_found(), ElementsAre(3));
  EXPECT_EQ(Get(a).status(), v1::MS);
  EXPECT_EQ(Get(b).status(), v1::TMS);
  EXPECT_EQ(Get(pppk).status(), v1::PPPK_PENUH_WAKTU);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM status_events") - events_before, 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM status_events WHERE principal = 'service:screening'"
                  " AND origin = 'national:bkn' AND status = 3 AND from_status = 1"),
            1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'RecordScreeningOutcomes'"
                  " AND outcome = 'OK'"),
            1);

  // The round run again: unchanged, no second event.
  ASSERT_TRUE(Record(round, &out).ok());
  EXPECT_EQ(out.changed(), 0);
  EXPECT_EQ(out.unchanged(), 2);
  EXPECT_THAT(out.refused(), ElementsAre(2));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM status_events") - events_before, 2);

  // An appeal accepted: TMS to MS. A later round may judge MS again: MS to TMS.
  ASSERT_TRUE(Record({{b, v1::MS, "Sanggah diterima"}, {a, v1::TMS, "Seleksi ulang"}}, &out).ok());
  EXPECT_EQ(out.changed(), 2);
  EXPECT_EQ(Get(b).status(), v1::MS);
  EXPECT_EQ(Get(a).status(), v1::TMS);
  v1::ListStatusHistoryRequest history;
  history.set_name(b);
  v1::ListStatusHistoryResponse events;
  ASSERT_TRUE(stub_->ListStatusHistory(Ctx(kKupangToken).get(), history, &events).ok());
  ASSERT_EQ(events.events_size(), 3);  // registered, TMS, MS
  EXPECT_EQ(events.events(1).status(), v1::TMS);
  EXPECT_EQ(events.events(1).principal(), "service:screening");
  EXPECT_EQ(events.events(2).reason(), "Sanggah diterima");
}

// What the instansi decided about a worker (sent home, contract ended, part-time
// PPPK) is not a screening's to undo: refused, status and history kept, whatever
// the result.
TEST_P(RegistryScreeningTest, OutcomesMoveOnlyActiveMsAndTmsHonorers) {
  const std::vector<v1::HonorerStatus> kept = {v1::DIRUMAHKAN, v1::CONTRACT_ENDED,
                                               v1::PPPK_PARUH_WAKTU, v1::PPPK_PENUH_WAKTU,
                                               v1::RESIGNED, v1::MOVED_TO_CPNS};
  std::vector<std::string> names;
  for (size_t i = 0; i < kept.size(); ++i) {
    names.push_back(MustCreate(Kupang(static_cast<int>(i) + 1)).name());
    v1::ChangeHonorerStatusRequest req;
    req.set_name(names.back());
    req.set_status(kept[i]);
    req.set_reason("Keputusan instansi");
    v1::Honorer ignored;
    grpc::Status s = stub_->ChangeHonorerStatus(Ctx(kKupangToken).get(), req, &ignored);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }
  const std::string active = MustCreate(Kupang(20)).name();
  const int64_t events_before = Count("SELECT COUNT(*) FROM status_events");

  for (v1::HonorerStatus result : {v1::MS, v1::TMS}) {
    SCOPED_TRACE(v1::HonorerStatus_Name(result));
    std::vector<std::tuple<std::string, v1::HonorerStatus, std::string>> round;
    for (const std::string& name : names) round.emplace_back(name, result, "Seleksi PPPK 2024");
    v1::RecordScreeningOutcomesResponse out;
    grpc::Status s = Record(round, &out);
    ASSERT_TRUE(s.ok()) << s.error_message();
    EXPECT_EQ(out.changed(), 0);
    EXPECT_EQ(out.unchanged(), 0);
    EXPECT_THAT(out.refused(), ElementsAre(0, 1, 2, 3, 4, 5));
    EXPECT_THAT(out.not_found(), IsEmpty());
  }
  for (size_t i = 0; i < kept.size(); ++i) {
    SCOPED_TRACE(v1::HonorerStatus_Name(kept[i]));
    EXPECT_EQ(Get(names[i]).status(), kept[i]);
  }
  EXPECT_EQ(Count("SELECT COUNT(*) FROM status_events"), events_before);

  // The same call still moves the ACTIVE one beside them.
  v1::RecordScreeningOutcomesResponse out;
  ASSERT_TRUE(Record({{names[0], v1::TMS, "r"}, {active, v1::TMS, "r"}}, &out).ok());
  EXPECT_EQ(out.changed(), 1);
  EXPECT_THAT(out.refused(), ElementsAre(0));
  EXPECT_EQ(Get(active).status(), v1::TMS);
  EXPECT_EQ(Get(names[0]).status(), v1::DIRUMAHKAN);
}

TEST_P(RegistryScreeningTest, OutcomesAreValidatedWholeBeforeAnythingIsWritten) {
  const std::string a = MustCreate(Kupang(1)).name();
  v1::RecordScreeningOutcomesResponse out;
  grpc::Status s = Record({{a, v1::MS, "ok"},
                           {a, v1::TMS, "again"},
                           {"honorer/2", v1::ACTIVE, " "},
                           {a, v1::PPPK_PENUH_WAKTU, "x"}},
                          &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(Fields(s), ElementsAre("entries[1].name", "entries[2].name", "entries[2].status",
                                     "entries[2].reason", "entries[3].name",
                                     "entries[3].status"));
  EXPECT_EQ(Get(a).status(), v1::ACTIVE);
  EXPECT_EQ(Record({}, &out).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  std::vector<std::tuple<std::string, v1::HonorerStatus, std::string>> many;
  for (int i = 1; i <= 5001; ++i) many.emplace_back(absl::StrCat("honorers/", i), v1::MS, "r");
  s = Record(many, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(Fields(s), ElementsAre("entries"));
}

TEST_P(RegistryScreeningTest, OnlyTheScreeningServiceRecordsOutcomes) {
  const std::string a = MustCreate(Kupang(1)).name();
  for (const char* token : {kKupangToken, kBekasiToken, kBknToken, kKemenpanToken, kFormasiToken}) {
    SCOPED_TRACE(token);
    v1::RecordScreeningOutcomesResponse out;
    EXPECT_EQ(Record({{a, v1::MS, "r"}}, &out, token).error_code(),
              grpc::StatusCode::PERMISSION_DENIED);
  }
  EXPECT_EQ(Get(a).status(), v1::ACTIVE);
}

TEST_P(RegistryScreeningTest, FiveThousandOutcomesInOneCall) {
  std::vector<v1::ImportRow> rows;
  for (int i = 1; i <= 5000; ++i) {
    v1::ImportRow row;
    row.set_row_number(i + 1);
    row.set_nik(absl::StrFormat("5371011207%06d", i));
    row.set_full_name(absl::StrCat("Honorer ", i));
    row.set_birth_date("2000-07-12");
    row.set_gender("L");
    row.set_education("SMA");
    row.set_unit_kerja("Dinas Pendidikan");
    row.set_jabatan_category("GURU");
    row.set_service_start_date("2020-01-06");
    rows.push_back(std::move(row));
  }
  v1::ImportHonorersResponse imported;
  grpc::Status s = testing::ImportAll(*stub_, "5371", "outcomes-5000", rows, &imported,
                                      kKupangToken);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(imported.created(), 5000);
  auto conn = server_->db().Acquire();
  ASSERT_TRUE(conn.ok());
  auto ids = (*conn)->Query("SELECT id FROM honorers ORDER BY id");
  ASSERT_TRUE(ids.ok());
  std::vector<std::tuple<std::string, v1::HonorerStatus, std::string>> round;
  for (size_t i = 0; i < ids->size(); ++i) {
    round.emplace_back(absl::StrCat("honorers/", (*ids)[i].Int(0)), i % 3 == 0 ? v1::TMS : v1::MS,
                       i % 3 == 0 ? "TMS (SERVICE_TOO_SHORT)" : "MS");
  }
  v1::RecordScreeningOutcomesResponse out;
  const absl::Time start = absl::Now();
  s = Record(round, &out);
  const absl::Duration took = absl::Now() - start;
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(out.changed(), 5000);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM status_events"), 5000);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM honorers WHERE status = 3"), 1667);
  // A few statements, not 5000 round trips: well under the peer's deadline.
  EXPECT_LT(took, absl::Seconds(5)) << took;
  ASSERT_TRUE(Record(round, &out).ok());
  EXPECT_EQ(out.unchanged(), 5000);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM status_events"), 5000);
}

INSTANTIATE_TEST_SUITE_P(Backends, RegistryScreeningTest, ::testing::Values("sqlite", "mysql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace penataan::registry
