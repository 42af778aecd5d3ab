// The formasi service against a real registry, on SQLite and MariaDB, with the
// clock in the test's hand: deadlines to the second in WIB, WITA and WIT, an
// extension, a period-wide move, the accounting of every eligible honorer, other
// instansi's data, illegal moves, the registry down, validate_only, decisions and
// the summary.

#include <grpcpp/grpcpp.h>

#include <cstring>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "bench/synthetic_honorers.h"
#include "common/errors.h"
#include "common/proto_time.h"
#include "common/server/grpc_status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "penataan/common/v1/common.pb.h"
#include "services/formasi/proposal_rules.h"
#include "tests/testing/formasi_server.h"
#include "tests/testing/import_upload.h"
#include "tests/testing/test_tokens.h"

namespace penataan {
namespace {

namespace fv1 = formasi::v1;
namespace rv1 = registry::v1;
using testing::Ctx;
using ::testing::HasSubstr;

absl::Time At(const char* zone, int y, int mo, int d, int h, int mi, int s) {
  absl::TimeZone tz;
  absl::LoadTimeZone(zone, &tz);
  return absl::FromCivil(absl::CivilSecond(y, mo, d, h, mi, s), tz);
}

const absl::Time kDeadline = At("Asia/Jakarta", 2025, 8, 25, 23, 59, 59);

std::vector<std::string> ViolationFields(const grpc::Status& s) {
  std::vector<std::string> out;
  for (const Violation& v : ViolationsOf(FromGrpcStatus(s))) {
    out.push_back(absl::StrCat(v.field, " ", v.description));
  }
  return out;
}

class FormasiTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (storage::testing::TestDatabase::ShouldSkip(GetParam())) GTEST_SKIP() << "no MariaDB";
    auto server = testing::FormasiServer::Start(GetParam());
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server);
    stub_ = server_->NewStub();
    registry_ = server_->registry()->NewStub();
  }

  FakeClock& clock() { return server_->clock(); }

  fv1::Period CreatePeriod(fv1::FormasiKind kind, const std::string& civil = "2025-08-25 23:59:59",
                           const std::string& request_id = "") {
    fv1::CreatePeriodRequest req;
    fv1::Period* p = req.mutable_period();
    p->set_display_name(kind == fv1::PPPK_PARUH_WAKTU ? "PPPK Paruh Waktu 2025"
                                                      : "PPPK Penuh Waktu 2025");
    p->set_kind(kind);
    SetTimestamp(At("Asia/Jakarta", 2025, 8, 7, 0, 0, 0), p->mutable_open_time());
    p->set_deadline_civil_time(civil);
    p->set_deadline_time_zone("Asia/Jakarta");
    p->add_reminder_offsets()->set_seconds(7 * 86400);
    p->add_reminder_offsets()->set_seconds(86400);
    req.set_request_id(request_id);
    fv1::Period out;
    grpc::Status s = stub_->CreatePeriod(Ctx(testing::kKemenpanToken).get(), req, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  // `n` new honorers of `instansi`, ACTIVE; in BKN's database when `in_bkn`.
  std::vector<std::string> Honorers(const std::string& instansi, int n, bool in_bkn = true) {
    bench::HonorerGenerator gen({static_cast<uint64_t>(++seed_ * 7919)});
    std::vector<rv1::ImportRow> rows;
    for (int i = 0; i < n; ++i) rows.push_back(gen.Next());
    rv1::ImportHonorersResponse imported;
    grpc::Status s = testing::ImportAll(*registry_, instansi, absl::StrCat("t", seed_), rows,
                                        &imported, testing::kKemenpanToken);
    EXPECT_TRUE(s.ok()) << s.error_message();
    EXPECT_EQ(imported.created(), n) << imported.DebugString();
    std::vector<std::string> names;
    rv1::VerifyHonorersRequest verify;
    for (const rv1::ImportRow& row : rows) {
      rv1::GetHonorerRequest get;
      get.set_nik(row.nik());
      rv1::Honorer h;
      s = registry_->GetHonorer(Ctx(testing::kKemenpanToken).get(), get, &h);
      EXPECT_TRUE(s.ok()) << s.error_message();
      names.push_back(h.name());
      auto* e = verify.add_entries();
      e->set_nik(row.nik());
      e->set_in_bkn_database(in_bkn);
    }
    rv1::VerifyHonorersResponse verified;
    s = registry_->VerifyHonorers(Ctx(testing::kBknToken).get(), verify, &verified);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return names;
  }

  void SetStatus(const std::string& honorer, rv1::HonorerStatus status) {
    rv1::ChangeHonorerStatusRequest req;
    req.set_name(honorer);
    req.set_status(status);
    req.set_reason("uji formasi");
    rv1::Honorer out;
    const bool screening = status == rv1::MS || status == rv1::TMS;
    grpc::Status s = registry_->ChangeHonorerStatus(
        Ctx(screening ? testing::kScreeningToken : testing::kKemenpanToken).get(), req, &out);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }

  static fv1::ProposalLine Line(common::v1::JabatanCategory category, int count,
                                std::vector<std::string> honorers = {}) {
    fv1::ProposalLine l;
    l.set_jabatan_category(category);
    l.set_position_title(category == common::v1::GURU ? "Guru Kelas" : "Pengelola Umum");
    l.set_education_qualification(common::v1::S1);
    l.set_unit_kerja(category == common::v1::GURU ? "Dinas Pendidikan" : "Sekretariat Daerah");
    l.set_count(count);
    l.set_monthly_pay_idr(2'500'000);
    for (const std::string& h : honorers) l.add_honorers(h);
    return l;
  }

  static fv1::LeftOutHonorer Left(const std::string& h, fv1::LeaveOutReason reason) {
    fv1::LeftOutHonorer l;
    l.set_honorer(h);
    l.set_reason(reason);
    return l;
  }

  grpc::Status CreateProposal(const std::string& token, const fv1::Period& period,
                              const std::string& instansi, std::vector<fv1::ProposalLine> lines,
                              std::vector<fv1::LeftOutHonorer> left, fv1::Proposal* out) {
    fv1::CreateProposalRequest req;
    fv1::Proposal* p = req.mutable_proposal();
    p->set_period(period.name());
    p->set_instansi_code(instansi);
    for (auto& l : lines) *p->add_lines() = l;
    for (auto& l : left) *p->add_left_out() = l;
    p->set_sptjm_reference("800/123/BKPSDM/2025");
    p->set_budget_capacity_idr(1'000'000'000);
    return stub_->CreateProposal(Ctx(token).get(), req, out);
  }

  fv1::Proposal MustCreate(const std::string& token, const fv1::Period& period,
                           const std::string& instansi, std::vector<fv1::ProposalLine> lines,
                           std::vector<fv1::LeftOutHonorer> left = {}) {
    fv1::Proposal out;
    grpc::Status s = CreateProposal(token, period, instansi, lines, left, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  grpc::Status Submit(const std::string& token, const std::string& name, fv1::Proposal* out,
                      bool validate_only = false, const std::string& etag = "") {
    fv1::SubmitProposalRequest req;
    req.set_name(name);
    req.set_validate_only(validate_only);
    req.set_etag(etag);
    return stub_->SubmitProposal(Ctx(token).get(), req, out);
  }

  grpc::Status Decide(const std::string& name, fv1::DecideProposalRequest::Decision d,
                      const std::string& note, fv1::Proposal* out) {
    fv1::DecideProposalRequest req;
    req.set_name(name);
    req.set_decision(d);
    req.set_note(note);
    return stub_->DecideProposal(Ctx(testing::kKemenpanToken).get(), req, out);
  }

  fv1::Proposal Get(const std::string& name) {
    fv1::GetProposalRequest req;
    req.set_name(name);
    fv1::Proposal out;
    grpc::Status s = stub_->GetProposal(Ctx(testing::kKemenpanToken).get(), req, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  int64_t Count(const std::string& sql, const std::vector<storage::Value>& params = {}) {
    auto conn = server_->db().Acquire();
    EXPECT_TRUE(conn.ok());
    auto rows = (*conn)->Query(sql, params);
    EXPECT_TRUE(rows.ok()) << rows.status();
    return rows.ok() ? (*rows)[0].Int(0) : -1;
  }

  std::unique_ptr<testing::FormasiServer> server_;
  std::unique_ptr<fv1::FormasiService::Stub> stub_;
  std::unique_ptr<rv1::RegistryService::Stub> registry_;
  int seed_ = 0;
};

struct Zone {
  const char* code;
  const char* token;
  const char* late_message;
};

const Zone kZones[] = {
    {"3275", testing::kBekasiToken,
     "Batas waktu pengiriman usulan ditutup 25 Agustus 2025 pukul 23.59 WIB"},
    {"5371", testing::kKupangToken,
     "Batas waktu pengiriman usulan ditutup 25 Agustus 2025 pukul 23.59 WIB "
     "(26 Agustus 2025 pukul 00.59 WITA)"},
    {"9471", testing::kJayapuraToken,
     "Batas waktu pengiriman usulan ditutup 25 Agustus 2025 pukul 23.59 WIB "
     "(26 Agustus 2025 pukul 01.59 WIT)"},
};

TEST_P(FormasiTest, SubmissionIsJudgedToTheSecondInEachInstansisZone) {
  // One period per moment, so that each instansi has a fresh proposal in each.
  const fv1::Period before = CreatePeriod(fv1::PPPK_PENUH_WAKTU);
  const fv1::Period at = CreatePeriod(fv1::PPPK_PENUH_WAKTU);
  const fv1::Period after = CreatePeriod(fv1::PPPK_PENUH_WAKTU);
  EXPECT_EQ(before.deadline_display(), "25 Agustus 2025 pukul 23.59 WIB");
  EXPECT_EQ(before.deadline_civil_time(), "2025-08-25 23:59:59");
  EXPECT_EQ(FromTimestamp(before.deadline()), kDeadline);
  EXPECT_EQ(before.state(), fv1::Period::OPEN);
  for (const Zone& z : kZones) {
    SCOPED_TRACE(z.code);
    for (const fv1::Period* p : {&before, &at, &after}) {
      fv1::Proposal made = MustCreate(z.token, *p, z.code, {Line(common::v1::GURU, 2)});
      EXPECT_EQ(made.state(), fv1::Proposal::DRAFT);
    }
  }
  for (const Zone& z : kZones) {
    SCOPED_TRACE(z.code);
    fv1::Proposal out;
    clock().Set(kDeadline - absl::Seconds(1));
    grpc::Status s = Submit(z.token, absl::StrCat(before.name(), "/proposals/", z.code), &out);
    ASSERT_TRUE(s.ok()) << s.error_message();
    EXPECT_EQ(out.state(), fv1::Proposal::SUBMITTED);
    EXPECT_EQ(FromTimestamp(out.submit_time()), kDeadline - absl::Seconds(1));

    clock().Set(kDeadline);
    s = Submit(z.token, absl::StrCat(at.name(), "/proposals/", z.code), &out);
    ASSERT_TRUE(s.ok()) << s.error_message();
    EXPECT_EQ(out.state(), fv1::Proposal::SUBMITTED);

    clock().Set(kDeadline + absl::Seconds(1));
    s = Submit(z.token, absl::StrCat(after.name(), "/proposals/", z.code), &out);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
    EXPECT_EQ(s.error_message(), z.late_message);
    fv1::Proposal late = Get(absl::StrCat(after.name(), "/proposals/", z.code));
    EXPECT_EQ(late.state(), fv1::Proposal::DRAFT);
    EXPECT_TRUE(late.deadline_missed());
    EXPECT_EQ(late.time_left(), "sudah lewat");
    EXPECT_EQ(late.deadline_display(),
              std::string(z.late_message).substr(strlen("Batas waktu pengiriman usulan ditutup ")));
  }
}

TEST_P(FormasiTest, AnExtensionLetsOneInstansiSubmitAfterThePeriodsDeadline) {
  clock().Set(At("Asia/Jakarta", 2025, 8, 18, 9, 0, 0));
  const fv1::Period period = CreatePeriod(fv1::PPPK_PENUH_WAKTU, "2025-08-20 23:59:59");
  const fv1::Proposal bekasi = MustCreate(testing::kBekasiToken, period, "3275",
                                          {Line(common::v1::GURU, 1)});
  const fv1::Proposal kupang = MustCreate(testing::kKupangToken, period, "5371",
                                          {Line(common::v1::GURU, 1)});
  fv1::GrantExtensionRequest grant;
  fv1::Extension* e = grant.mutable_extension();
  e->set_period(period.name());
  e->set_instansi_code("3275");
  e->set_deadline_civil_time("2025-08-25 23:59:59");
  e->set_reason("Banyak honorer belum terdata");
  fv1::Extension out;
  // The letter is required; the deadline must be later; the instansi must exist.
  grpc::Status s = stub_->GrantExtension(Ctx(testing::kKemenpanToken).get(), grant, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  e->set_letter_number("B/4014/M.SM.01.00/2025");
  e->set_deadline_civil_time("2025-08-19 23:59:59");
  s = stub_->GrantExtension(Ctx(testing::kKemenpanToken).get(), grant, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  e->set_deadline_civil_time("2025-08-25 23:59:59");
  e->set_instansi_code("9999");
  s = stub_->GrantExtension(Ctx(testing::kKemenpanToken).get(), grant, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  e->set_instansi_code("3275");
  s = stub_->GrantExtension(Ctx(testing::kKemenpanToken).get(), grant, &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(out.name(), absl::StrCat(period.name(), "/extensions/3275"));
  EXPECT_EQ(FromTimestamp(out.deadline()), kDeadline);
  EXPECT_EQ(out.deadline_display(), "25 Agustus 2025 pukul 23.59 WIB");
  EXPECT_EQ(out.granted_by(), "national:kemenpanrb");

  clock().Set(At("Asia/Jakarta", 2025, 8, 22, 9, 0, 0));
  fv1::Proposal submitted;
  s = Submit(testing::kBekasiToken, bekasi.name(), &submitted);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(FromTimestamp(submitted.effective_deadline()), kDeadline);
  s = Submit(testing::kKupangToken, kupang.name(), &submitted);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(s.error_message(),
            "Batas waktu pengiriman usulan ditutup 20 Agustus 2025 pukul 23.59 WIB "
            "(21 Agustus 2025 pukul 00.59 WITA)");

  // The period stays open until the last extension's deadline.
  fv1::GetPeriodRequest get;
  get.set_name(period.name());
  fv1::Period now;
  ASSERT_TRUE(stub_->GetPeriod(Ctx(testing::kKupangToken).get(), get, &now).ok());
  EXPECT_EQ(now.state(), fv1::Period::OPEN);
  clock().Set(kDeadline + absl::Seconds(1));
  ASSERT_TRUE(stub_->GetPeriod(Ctx(testing::kKupangToken).get(), get, &now).ok());
  EXPECT_EQ(now.state(), fv1::Period::CLOSED);

  // Extensions are listed: an instansi its own, national principals all.
  fv1::ListExtensionsRequest list;
  list.set_period(period.name());
  fv1::ListExtensionsResponse listed;
  ASSERT_TRUE(stub_->ListExtensions(Ctx(testing::kBekasiToken).get(), list, &listed).ok());
  EXPECT_EQ(listed.extensions_size(), 1);
  listed.Clear();
  ASSERT_TRUE(stub_->ListExtensions(Ctx(testing::kKupangToken).get(), list, &listed).ok());
  EXPECT_EQ(listed.extensions_size(), 0);
  list.set_instansi_code("3275");
  s = stub_->ListExtensions(Ctx(testing::kKupangToken).get(), list, &listed);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
}

TEST_P(FormasiTest, ANationalMovePastAnExtensionHoldsForTheExtendedInstansiToo) {
  clock().Set(At("Asia/Jakarta", 2025, 8, 18, 9, 0, 0));
  const fv1::Period period = CreatePeriod(fv1::PPPK_PENUH_WAKTU, "2025-08-20 23:59:59");
  const fv1::Proposal bekasi = MustCreate(testing::kBekasiToken, period, "3275",
                                          {Line(common::v1::GURU, 1)});
  fv1::GrantExtensionRequest grant;
  fv1::Extension* e = grant.mutable_extension();
  e->set_period(period.name());
  e->set_instansi_code("3275");
  e->set_deadline_civil_time("2025-08-22 23:59:59");
  e->set_deadline_time_zone("Asia/Makassar");
  e->set_reason("Banyak honorer belum terdata");
  e->set_letter_number("B/4014/M.SM.01.00/2025");
  fv1::Extension granted;
  grpc::Status s = stub_->GrantExtension(Ctx(testing::kKemenpanToken).get(), grant, &granted);
  ASSERT_TRUE(s.ok()) << s.error_message();

  fv1::UpdatePeriodRequest move;
  move.mutable_period()->set_name(period.name());
  move.mutable_period()->set_deadline_civil_time("2025-08-25 23:59:59");
  move.mutable_update_mask()->add_paths("deadline");
  move.set_reason("Perpanjangan nasional");
  move.set_letter_number("B/3832/M.SM.01.00/2025");
  fv1::Period moved;
  s = stub_->UpdatePeriod(Ctx(testing::kKemenpanToken).get(), move, &moved);
  ASSERT_TRUE(s.ok()) << s.error_message();

  // After the extension's deadline, before the national one.
  clock().Set(At("Asia/Jakarta", 2025, 8, 23, 9, 0, 0));
  fv1::Proposal submitted;
  s = Submit(testing::kBekasiToken, bekasi.name(), &submitted);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(submitted.state(), fv1::Proposal::SUBMITTED);
  EXPECT_EQ(FromTimestamp(submitted.effective_deadline()), kDeadline);
  EXPECT_EQ(submitted.deadline_display(), "25 Agustus 2025 pukul 23.59 WIB");
}

TEST_P(FormasiTest, APeriodWideMoveNeedsTheLetterAndMovesEveryone) {
  clock().Set(At("Asia/Jakarta", 2025, 8, 18, 9, 0, 0));
  const fv1::Period period = CreatePeriod(fv1::PPPK_PENUH_WAKTU, "2025-08-20 23:59:59");
  const fv1::Proposal kupang = MustCreate(testing::kKupangToken, period, "5371",
                                          {Line(common::v1::GURU, 1)});
  fv1::UpdatePeriodRequest req;
  req.mutable_period()->set_name(period.name());
  req.mutable_period()->set_deadline_civil_time("2025-08-25 23:59:59");
  req.mutable_update_mask()->add_paths("deadline");
  req.set_reason("Perpanjangan nasional");
  fv1::Period out;
  grpc::Status s = stub_->UpdatePeriod(Ctx(testing::kKemenpanToken).get(), req, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("letter_number"));
  req.set_letter_number("B/3832/M.SM.01.00/2025");
  req.set_etag("999");
  s = stub_->UpdatePeriod(Ctx(testing::kKemenpanToken).get(), req, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::ABORTED);
  req.set_etag(period.etag());
  s = stub_->UpdatePeriod(Ctx(testing::kKemenpanToken).get(), req, &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(out.deadline_display(), "25 Agustus 2025 pukul 23.59 WIB");
  EXPECT_EQ(out.deadline_letter_number(), "B/3832/M.SM.01.00/2025");
  EXPECT_NE(out.etag(), period.etag());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'UpdatePeriod' AND outcome = 'OK'"
                  " AND detail LIKE '%B/3832/M.SM.01.00/2025%'"),
            1);

  clock().Set(At("Asia/Jakarta", 2025, 8, 22, 9, 0, 0));
  fv1::Proposal submitted;
  s = Submit(testing::kKupangToken, kupang.name(), &submitted);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(submitted.deadline_display(),
            "25 Agustus 2025 pukul 23.59 WIB (26 Agustus 2025 pukul 00.59 WITA)");
}

TEST_P(FormasiTest, AClosedPeriodTakesNoMoreSubmissions) {
  const fv1::Period period = CreatePeriod(fv1::PPPK_PENUH_WAKTU);
  const fv1::Proposal p = MustCreate(testing::kKupangToken, period, "5371",
                                     {Line(common::v1::GURU, 1)});
  fv1::ClosePeriodRequest close;
  close.set_name(period.name());
  close.set_reason("Ditutup lebih awal");
  close.set_etag(period.etag());
  fv1::Period closed;
  ASSERT_TRUE(stub_->ClosePeriod(Ctx(testing::kKemenpanToken).get(), close, &closed).ok());
  EXPECT_EQ(closed.state(), fv1::Period::CLOSED);
  EXPECT_TRUE(closed.has_close_time());
  clock().Advance(absl::Seconds(1));
  fv1::Proposal out;
  grpc::Status s = Submit(testing::kKupangToken, p.name(), &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(s.error_message(), HasSubstr("Periode usulan telah ditutup"));
  close.clear_etag();
  EXPECT_EQ(stub_->ClosePeriod(Ctx(testing::kKemenpanToken).get(), close, &closed).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'ClosePeriod' AND outcome = 'OK'"),
            1);
}

TEST_P(FormasiTest, CreatePeriodIsIdempotentByRequestIdAndRefusesBadDeadlines) {
  const fv1::Period a = CreatePeriod(fv1::PPPK_PARUH_WAKTU, "2025-08-25 23:59:59", "req-1");
  const fv1::Period b = CreatePeriod(fv1::PPPK_PARUH_WAKTU, "2025-08-25 23:59:59", "req-1");
  EXPECT_EQ(a.name(), b.name());
  fv1::CreatePeriodRequest req;
  req.mutable_period()->set_display_name("x");
  req.mutable_period()->set_kind(fv1::PPPK_PARUH_WAKTU);
  SetTimestamp(At("Asia/Jakarta", 2025, 8, 7, 0, 0, 0), req.mutable_period()->mutable_open_time());
  req.mutable_period()->set_deadline_civil_time("2025-08-25 23:59:59");
  req.mutable_period()->set_deadline_time_zone("Asia/Bekasi");
  fv1::Period out;
  grpc::Status s = stub_->CreatePeriod(Ctx(testing::kKemenpanToken).get(), req, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("period.deadline_time_zone"));
  req.mutable_period()->set_deadline_time_zone("Asia/Jakarta");
  req.mutable_period()->set_deadline_civil_time("2025-08-01 23:59:59");  // before opening
  s = stub_->CreatePeriod(Ctx(testing::kKemenpanToken).get(), req, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);

  // A deadline already past would owe every instansi a missed notice at once.
  clock().Set(At("Asia/Jakarta", 2025, 8, 22, 9, 0, 0));
  req.mutable_period()->set_deadline_civil_time("2025-08-20 23:59:59");
  s = stub_->CreatePeriod(Ctx(testing::kKemenpanToken).get(), req, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(s.error_message(),
              HasSubstr("period.deadline: 20 Agustus 2025 pukul 23.59 WIB has already passed"));
  // The retry of a create that succeeded is answered, even once its deadline is past.
  clock().Set(At("Asia/Jakarta", 2025, 8, 26, 9, 0, 0));
  EXPECT_EQ(CreatePeriod(fv1::PPPK_PARUH_WAKTU, "2025-08-25 23:59:59", "req-1").name(), a.name());
  fv1::UpdatePeriodRequest move;
  move.mutable_period()->set_name(a.name());
  move.mutable_period()->set_deadline_civil_time("2025-08-21 23:59:59");
  move.mutable_update_mask()->add_paths("deadline");
  move.set_letter_number("B/1/M.SM.01.00/2025");
  s = stub_->UpdatePeriod(Ctx(testing::kKemenpanToken).get(), move, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(s.error_message(), HasSubstr("has already passed"));
}

TEST_P(FormasiTest, CreateProposalChecksItsRequestIdAsCreatePeriodDoes) {
  const fv1::Period period = CreatePeriod(fv1::PPPK_PENUH_WAKTU);
  // (Invalid UTF-8 does not get past proto3's parser; TextViolation's table has it.)
  for (const std::string& bad : {std::string(101, 'r')}) {
    fv1::CreateProposalRequest req;
    req.mutable_proposal()->set_period(period.name());
    req.mutable_proposal()->set_instansi_code("3275");
    *req.mutable_proposal()->add_lines() = Line(common::v1::GURU, 1);
    req.set_request_id(bad);
    fv1::Proposal out;
    grpc::Status s = stub_->CreateProposal(Ctx(testing::kBekasiToken).get(), req, &out);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_THAT(s.error_message(), HasSubstr("request_id"));
  }
  EXPECT_EQ(Count("SELECT COUNT(*) FROM proposals"), 0);
}

TEST_P(FormasiTest, OversizedProposalsAreRefusedAtTheEdgeNamingTheField) {
  const fv1::Period period = CreatePeriod(fv1::PPPK_PARUH_WAKTU);
  struct Case {
    const char* what;
    int lines, honorers_per_line, left_out;
    const char* field;
  } cases[] = {
      {"too many lines", 2001, 0, 0, "proposal.lines"},
      {"too many left out", 1, 0, 20001, "proposal.left_out"},
      {"too many honorers across lines", 3, 7000, 0, "proposal.lines"},
      {"named and left out together", 1, 15000, 6000, "proposal.lines"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    fv1::CreateProposalRequest req;
    fv1::Proposal* p = req.mutable_proposal();
    p->set_period(period.name());
    p->set_instansi_code("3275");
    int64_t next = 1;
    for (int i = 0; i < c.lines; ++i) {
      fv1::ProposalLine* l = p->add_lines();
      *l = Line(common::v1::GURU, c.honorers_per_line);
      for (int j = 0; j < c.honorers_per_line; ++j) l->add_honorers(absl::StrCat("honorers/", next++));
    }
    for (int k = 0; k < c.left_out; ++k) {
      *p->add_left_out() = Left(absl::StrCat("honorers/", next++), fv1::ANGGARAN_TIDAK_CUKUP);
    }
    fv1::Proposal out;
    grpc::Status s = stub_->CreateProposal(Ctx(testing::kBekasiToken).get(), req, &out);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_TRUE(absl::StartsWith(s.error_message(), c.field)) << s.error_message();
  }
  EXPECT_EQ(Count("SELECT COUNT(*) FROM proposals"), 0);
}

// The largest proposals the limits allow (docs/security.md "Limits"; one past each
// is refused above) are stored whole: 2000 lines, and 20,000 honorers named or left
// out.
TEST_P(FormasiTest, ProposalsAtTheLimitsAreStoredWhole) {
  ASSERT_EQ(formasi::kMaxLines, 2000u);  // as documented
  ASSERT_EQ(formasi::kMaxHonorersPerProposal, 20000u);
  const fv1::Period period = CreatePeriod(fv1::PPPK_PARUH_WAKTU);
  int64_t next = 1;
  auto name = [&] { return absl::StrCat("honorers/", next++); };
  std::vector<fv1::ProposalLine> lines;
  for (size_t i = 0; i < formasi::kMaxLines; ++i) lines.push_back(Line(common::v1::GURU, 1, {name()}));
  const fv1::Proposal most_lines = MustCreate(testing::kBekasiToken, period, "3275", lines);
  EXPECT_EQ(most_lines.lines_size(), 2000);

  lines.clear();
  std::vector<fv1::LeftOutHonorer> left;
  for (int l = 0; l < 4; ++l) {
    std::vector<std::string> named;
    for (int j = 0; j < 4000; ++j) named.push_back(name());
    lines.push_back(Line(common::v1::GURU, 4000, named));
  }
  for (int k = 0; k < 4000; ++k) left.push_back(Left(name(), fv1::ANGGARAN_TIDAK_CUKUP));
  const fv1::Proposal most_honorers =
      MustCreate(testing::kKupangToken, period, "5371", lines, left);
  fv1::GetProposalRequest get;
  get.set_name(most_honorers.name());
  fv1::Proposal read;
  ASSERT_TRUE(stub_->GetProposal(Ctx(testing::kKupangToken).get(), get, &read).ok());
  EXPECT_EQ(read.lines_size(), 4);
  EXPECT_EQ(read.lines(3).honorers_size(), 4000);
  EXPECT_EQ(read.left_out_size(), 4000);
}

TEST_P(FormasiTest, ConcurrentCreatesWithOneRequestIdMakeOnePeriod) {
  // Two without a request id are two periods (an empty id is no key).
  CreatePeriod(fv1::PPPK_PENUH_WAKTU);
  CreatePeriod(fv1::PPPK_PENUH_WAKTU);
  constexpr int kCallers = 8;
  std::vector<std::string> names(kCallers);
  std::vector<std::thread> threads;
  for (int i = 0; i < kCallers; ++i) {
    threads.emplace_back([&, i] {
      names[i] = CreatePeriod(fv1::PPPK_PARUH_WAKTU, "2025-08-25 23:59:59", "req-race").name();
    });
  }
  for (std::thread& t : threads) t.join();
  for (const std::string& n : names) EXPECT_EQ(n, names[0]);
  EXPECT_FALSE(names[0].empty());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM periods WHERE request_id = 'req-race'"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM periods WHERE request_key IS NULL"), 2);
}

TEST_P(FormasiTest, EveryEligibleHonorerIsNamedOrLeftOut) {
  const fv1::Period period = CreatePeriod(fv1::PPPK_PARUH_WAKTU);
  const std::vector<std::string> h = Honorers("3275", 5);
  fv1::Proposal p = MustCreate(testing::kBekasiToken, period, "3275",
                               {Line(common::v1::GURU, 2, {h[0], h[1]}),
                                Line(common::v1::TENAGA_TEKNIS, 1, {h[2]})},
                               {Left(h[3], fv1::ANGGARAN_TIDAK_CUKUP)});
  fv1::Proposal out;
  grpc::Status s = Submit(testing::kBekasiToken, p.name(), &out, /*validate_only=*/true);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(s.error_message(), HasSubstr("1 eligible honorer"));
  EXPECT_THAT(s.error_message(), HasSubstr(absl::StrCat("the first is ", h[4])));

  fv1::UpdateProposalRequest update;
  update.mutable_proposal()->set_name(p.name());
  *update.mutable_proposal()->add_left_out() = Left(h[3], fv1::ANGGARAN_TIDAK_CUKUP);
  *update.mutable_proposal()->add_left_out() = Left(h[4], fv1::TIDAK_AKTIF_BEKERJA);
  update.mutable_update_mask()->add_paths("left_out");
  update.set_etag(p.etag());
  ASSERT_TRUE(stub_->UpdateProposal(Ctx(testing::kBekasiToken).get(), update, &p).ok());
  s = Submit(testing::kBekasiToken, p.name(), &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(out.state(), fv1::Proposal::SUBMITTED);
}

TEST_P(FormasiTest, IneligibleHonorersAreRefusedEachWithItsReason) {
  const fv1::Period period = CreatePeriod(fv1::PPPK_PARUH_WAKTU);
  const std::vector<std::string> ok = Honorers("3275", 2);
  const std::vector<std::string> kupang = Honorers("5371", 1);
  const std::vector<std::string> not_in_bkn = Honorers("3275", 1, /*in_bkn=*/false);
  SetStatus(ok[1], rv1::DIRUMAHKAN);
  fv1::Proposal p = MustCreate(testing::kBekasiToken, period, "3275",
                               {Line(common::v1::GURU, 4, {ok[0], ok[1], kupang[0], not_in_bkn[0]})});
  fv1::Proposal out;
  grpc::Status s = Submit(testing::kBekasiToken, p.name(), &out, /*validate_only=*/true);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(ViolationFields(s),
              ::testing::ElementsAre(
                  absl::StrCat("lines[0].honorers[1] ", ok[1],
                               " has status DIRUMAHKAN; only ACTIVE or TMS honorers may be proposed"),
                  absl::StrCat("lines[0].honorers[2] ", kupang[0],
                               " is not a registered honorer of instansi 3275"),
                  absl::StrCat("lines[0].honorers[3] ", not_in_bkn[0],
                               " is not in the BKN database")));
  // The other instansi is not named: its honorer reads like a missing one.
  EXPECT_EQ(s.error_message().find("5371"), std::string::npos);
}

TEST_P(FormasiTest, AnotherInstansisDataIsRefusedWithoutSayingWhatExists) {
  const fv1::Period period = CreatePeriod(fv1::PPPK_PENUH_WAKTU);
  const fv1::Proposal p = MustCreate(testing::kBekasiToken, period, "3275",
                                     {Line(common::v1::GURU, 1)});
  const std::string missing = absl::StrCat(period.name(), "/proposals/9471");
  for (const std::string& name : {p.name(), missing}) {
    SCOPED_TRACE(name);
    fv1::GetProposalRequest get;
    get.set_name(name);
    fv1::Proposal out;
    grpc::Status s = stub_->GetProposal(Ctx(testing::kKupangToken).get(), get, &out);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
    const std::string refusal = s.error_message();
    s = Submit(testing::kKupangToken, name, &out);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
    EXPECT_EQ(s.error_message(), refusal);
    fv1::UpdateProposalRequest update;
    update.mutable_proposal()->set_name(name);
    update.mutable_update_mask()->add_paths("sptjm_reference");
    s = stub_->UpdateProposal(Ctx(testing::kKupangToken).get(), update, &out);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
    EXPECT_EQ(s.error_message(), refusal);
  }
  // Creating for another instansi reads alike whether it has a proposal (3275)
  // or not (9471).
  std::vector<std::string> create_refusals;
  for (const char* code : {"3275", "9471"}) {
    SCOPED_TRACE(code);
    fv1::CreateProposalRequest create;
    create.mutable_proposal()->set_period(period.name());
    create.mutable_proposal()->set_instansi_code(code);
    *create.mutable_proposal()->add_lines() = Line(common::v1::GURU, 1);
    fv1::Proposal out;
    grpc::Status s = stub_->CreateProposal(Ctx(testing::kKupangToken).get(), create, &out);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
    create_refusals.push_back(s.error_message());
  }
  EXPECT_EQ(create_refusals[0], create_refusals[1]);
  fv1::GetPeriodSummaryRequest summary;
  summary.set_period(period.name());
  fv1::PeriodSummary sum;
  EXPECT_EQ(stub_->GetPeriodSummary(Ctx(testing::kKupangToken).get(), summary, &sum).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  summary.set_instansi_code("3275");
  EXPECT_EQ(stub_->GetPeriodSummary(Ctx(testing::kKupangToken).get(), summary, &sum).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  fv1::ListProposalsRequest list;
  list.set_instansi_code("3275");
  fv1::ListProposalsResponse listed;
  EXPECT_EQ(stub_->ListProposals(Ctx(testing::kKupangToken).get(), list, &listed).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  list.clear_instansi_code();
  ASSERT_TRUE(stub_->ListProposals(Ctx(testing::kKupangToken).get(), list, &listed).ok());
  EXPECT_EQ(listed.proposals_size(), 0);
  // Each refusal is in the audit log.
  EXPECT_GE(Count("SELECT COUNT(*) FROM audit_log WHERE principal = 'instansi:5371'"
                  " AND outcome = 'PERMISSION_DENIED'"),
            10);
}

TEST_P(FormasiTest, IllegalMovesAndStaleEtags) {
  const fv1::Period period = CreatePeriod(fv1::PPPK_PENUH_WAKTU);
  fv1::Proposal p = MustCreate(testing::kBekasiToken, period, "3275", {Line(common::v1::GURU, 1)});
  fv1::Proposal out;
  // A second proposal of the same instansi in the period.
  EXPECT_EQ(CreateProposal(testing::kBekasiToken, period, "3275", {Line(common::v1::GURU, 1)}, {},
                           &out)
                .error_code(),
            grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(Decide(p.name(), fv1::DecideProposalRequest::APPROVE, "", &out).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Submit(testing::kBekasiToken, p.name(), &out, false, "999").error_code(),
            grpc::StatusCode::ABORTED);
  fv1::UpdateProposalRequest update;
  update.mutable_proposal()->set_name(p.name());
  update.mutable_proposal()->set_sptjm_reference("800/124/BKPSDM/2025");
  update.mutable_update_mask()->add_paths("sptjm_reference");
  update.set_etag("999");
  EXPECT_EQ(stub_->UpdateProposal(Ctx(testing::kBekasiToken).get(), update, &out).error_code(),
            grpc::StatusCode::ABORTED);
  ASSERT_TRUE(Submit(testing::kBekasiToken, p.name(), &out).ok());
  EXPECT_EQ(Submit(testing::kBekasiToken, p.name(), &out).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  update.clear_etag();
  EXPECT_EQ(stub_->UpdateProposal(Ctx(testing::kBekasiToken).get(), update, &out).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Decide(p.name(), fv1::DecideProposalRequest::REJECT, "", &out).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_P(FormasiTest, RegistryDownAtSubmitLeavesTheProposalUnchanged) {
  const fv1::Period period = CreatePeriod(fv1::PPPK_PARUH_WAKTU);
  const std::vector<std::string> h = Honorers("3275", 1);
  const fv1::Proposal p = MustCreate(testing::kBekasiToken, period, "3275",
                                     {Line(common::v1::GURU, 1, {h[0]})});
  // Past the instansi zone cache's time (5 minutes), so that GetInstansi itself
  // has to reach the registry.
  clock().Advance(absl::Minutes(6));
  server_->registry()->Stop();
  fv1::Proposal out;
  grpc::Status s = Submit(testing::kBekasiToken, p.name(), &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_THAT(s.error_message(), HasSubstr("registry tidak dapat dihubungi; usulan tidak berubah"));
  const fv1::Proposal after = Get(p.name());
  EXPECT_EQ(after.state(), fv1::Proposal::DRAFT);
  EXPECT_EQ(after.etag(), p.etag());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'SubmitProposal'"), 0);

  // Past the deadline, the answer is the deadline's, registry or not.
  clock().Set(kDeadline + absl::Seconds(1));
  s = Submit(testing::kBekasiToken, p.name(), &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(s.error_message(), kZones[0].late_message);
}

TEST_P(FormasiTest, ValidateOnlyReportsEveryViolationAtOnce) {
  const fv1::Period period = CreatePeriod(fv1::PPPK_PARUH_WAKTU);
  const std::vector<std::string> h = Honorers("3275", 2);
  SetStatus(h[1], rv1::DIRUMAHKAN);
  fv1::CreateProposalRequest req;
  req.mutable_proposal()->set_period(period.name());
  req.mutable_proposal()->set_instansi_code("3275");
  *req.mutable_proposal()->add_lines() = Line(common::v1::GURU, 2, {h[0], h[1]});
  fv1::Proposal p;  // no SPTJM reference
  ASSERT_TRUE(stub_->CreateProposal(Ctx(testing::kBekasiToken).get(), req, &p).ok());
  fv1::Proposal out;
  for (bool validate_only : {true, false}) {
    SCOPED_TRACE(validate_only);
    grpc::Status s = Submit(testing::kBekasiToken, p.name(), &out, validate_only);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
    EXPECT_THAT(s.error_message(), HasSubstr("sptjm_reference: is required to submit"));
    EXPECT_THAT(s.error_message(), HasSubstr("(and 1 more)"));
    EXPECT_THAT(
        ViolationFields(s),
        ::testing::ElementsAre(
            HasSubstr("sptjm_reference is required to submit"),
            absl::StrCat("lines[0].honorers[1] ", h[1],
                         " has status DIRUMAHKAN; only ACTIVE or TMS honorers may be proposed")));
  }
  EXPECT_EQ(Get(p.name()).state(), fv1::Proposal::DRAFT);
}

TEST_P(FormasiTest, AParuhWaktuInstansiMayProposeNobodyWithEveryoneAccountedFor) {
  const fv1::Period period = CreatePeriod(fv1::PPPK_PARUH_WAKTU);
  const std::vector<std::string> h = Honorers("3275", 2);
  // Nothing at all is refused.
  fv1::Proposal empty = MustCreate(testing::kBekasiToken, period, "3275", {});
  fv1::Proposal out;
  grpc::Status s = Submit(testing::kBekasiToken, empty.name(), &out, /*validate_only=*/true);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(ViolationFields(s), ::testing::Contains(HasSubstr("lines at least one line")));

  fv1::UpdateProposalRequest update;
  update.mutable_proposal()->set_name(empty.name());
  *update.mutable_proposal()->add_left_out() = Left(h[0], fv1::ANGGARAN_TIDAK_CUKUP);
  *update.mutable_proposal()->add_left_out() = Left(h[1], fv1::TIDAK_AKTIF_BEKERJA);
  update.mutable_update_mask()->add_paths("left_out");
  fv1::Proposal p;
  ASSERT_TRUE(stub_->UpdateProposal(Ctx(testing::kBekasiToken).get(), update, &p).ok());
  s = Submit(testing::kBekasiToken, p.name(), &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(out.state(), fv1::Proposal::SUBMITTED);
}

TEST_P(FormasiTest, ValidateOnlyRunsEveryCheckAndWritesNothing) {
  const fv1::Period period = CreatePeriod(fv1::PPPK_PARUH_WAKTU);
  const std::vector<std::string> h = Honorers("3275", 2);
  const fv1::Proposal p = MustCreate(testing::kBekasiToken, period, "3275",
                                     {Line(common::v1::GURU, 1, {h[0]})},
                                     {Left(h[1], fv1::MENINGGAL_DUNIA)});
  clock().Advance(absl::Minutes(5));
  fv1::Proposal out;
  grpc::Status s = Submit(testing::kBekasiToken, p.name(), &out, /*validate_only=*/true);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(out.state(), fv1::Proposal::DRAFT);
  const fv1::Proposal after = Get(p.name());
  EXPECT_EQ(after.etag(), p.etag());
  EXPECT_EQ(after.update_time().seconds(), p.update_time().seconds());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'SubmitProposal'"), 0);
  // validate_only after the deadline answers what a submission would.
  clock().Set(kDeadline + absl::Seconds(1));
  s = Submit(testing::kBekasiToken, p.name(), &out, /*validate_only=*/true);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
}

TEST_P(FormasiTest, ADecisionWritesItsNoticeForTheInstansi) {
  const fv1::Period period = CreatePeriod(fv1::PPPK_PENUH_WAKTU);
  fv1::Proposal p = MustCreate(testing::kBekasiToken, period, "3275",
                               {Line(common::v1::GURU, 3), Line(common::v1::TENAGA_TEKNIS, 2)});
  ASSERT_TRUE(Submit(testing::kBekasiToken, p.name(), &p).ok());
  fv1::Proposal returned;
  ASSERT_TRUE(Decide(p.name(), fv1::DecideProposalRequest::RETURN, "Lengkapi SPTJM", &returned).ok());
  EXPECT_EQ(returned.state(), fv1::Proposal::RETURNED);
  EXPECT_EQ(returned.decision_note(), "Lengkapi SPTJM");
  ASSERT_TRUE(Submit(testing::kBekasiToken, p.name(), &p).ok());
  fv1::Proposal approved;
  ASSERT_TRUE(Decide(p.name(), fv1::DecideProposalRequest::APPROVE, "", &approved).ok());
  EXPECT_EQ(approved.state(), fv1::Proposal::APPROVED);
  EXPECT_EQ(approved.decided_by(), "national:kemenpanrb");
  const std::string period_id = period.name().substr(strlen("periods/"));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM reminders WHERE kind = 3 AND state = 1"
                  " AND instansi_code = '3275'"),
            2);
  auto conn = server_->db().Acquire();
  ASSERT_TRUE(conn.ok());
  auto rows = (*conn)->Query("SELECT reference, payload, due_time_us FROM reminders"
                             " WHERE reference = ?",
                             {absl::StrCat("formasi/", period_id, "/3275/decision/",
                                           approved.etag())});
  ASSERT_TRUE(rows.ok()) << rows.status();
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_THAT((*rows)[0].Str(1), HasSubstr("\"keputusan\":\"DISETUJUI\""));
  EXPECT_THAT((*rows)[0].Str(1), HasSubstr("\"jumlah_disetujui\":\"5\""));
  EXPECT_EQ((*rows)[0].Int(2), absl::ToUnixMicros(clock().Now()));
}

TEST_P(FormasiTest, TheSummaryCountsEveryInstansiAndWhoHasNotSubmitted) {
  const fv1::Period period = CreatePeriod(fv1::PPPK_PARUH_WAKTU);
  const std::vector<std::string> h = Honorers("3275", 5);
  fv1::Proposal bekasi = MustCreate(
      testing::kBekasiToken, period, "3275",
      {Line(common::v1::GURU, 2, {h[0], h[1]}), Line(common::v1::TENAGA_TEKNIS, 1, {h[2]})},
      {Left(h[3], fv1::ANGGARAN_TIDAK_CUKUP), Left(h[4], fv1::TIDAK_AKTIF_BEKERJA)});
  EXPECT_EQ(bekasi.estimated_annual_cost_idr(), 3 * 2'500'000LL * 12);
  ASSERT_TRUE(Submit(testing::kBekasiToken, bekasi.name(), &bekasi).ok());
  const std::vector<std::string> k = Honorers("5371", 1);
  MustCreate(testing::kKupangToken, period, "5371", {Line(common::v1::GURU, 1, {k[0]})});

  fv1::GetPeriodSummaryRequest req;
  req.set_period(period.name());
  fv1::PeriodSummary sum;
  grpc::Status s = stub_->GetPeriodSummary(Ctx(testing::kKemenpanToken).get(), req, &sum);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(sum.instansi_total(), 3);
  EXPECT_EQ(sum.instansi_submitted(), 1);
  EXPECT_THAT(sum.not_submitted(), ::testing::ElementsAre("5371", "9471"));
  EXPECT_EQ(sum.total_posts(), 3);
  EXPECT_EQ(sum.honorers_named(), 3);
  EXPECT_EQ(sum.honorers_left_out(), 2);
  EXPECT_DOUBLE_EQ(sum.share_proposed_percent(), 60.0);
  ASSERT_EQ(sum.posts_by_category_size(), 2);
  EXPECT_EQ(sum.posts_by_category(0).jabatan_category(), common::v1::GURU);
  EXPECT_EQ(sum.posts_by_category(0).posts(), 2);
  ASSERT_EQ(sum.left_out_size(), 2);
  ASSERT_EQ(sum.rows_size(), 3);
  EXPECT_EQ(sum.rows(0).instansi_code(), "3275");
  EXPECT_EQ(sum.rows(0).state(), fv1::Proposal::SUBMITTED);
  EXPECT_EQ(sum.rows(0).honorers_named(), 3);
  EXPECT_EQ(sum.rows(0).estimated_annual_cost_idr(), 90'000'000);
  EXPECT_TRUE(sum.rows(0).has_submit_time());
  EXPECT_EQ(sum.rows(1).state(), fv1::Proposal::DRAFT);
  EXPECT_EQ(sum.rows(1).deadline_display(),
            "25 Agustus 2025 pukul 23.59 WIB (26 Agustus 2025 pukul 00.59 WITA)");
  // Until the end of the deadline's second (26 Aug 00:00:00 WIB), from 22 Aug 09:00.
  EXPECT_EQ(sum.rows(1).time_left(), "3 hari 15 jam");
  EXPECT_EQ(sum.rows(2).instansi_code(), "9471");
  EXPECT_EQ(sum.rows(2).state(), fv1::Proposal::STATE_UNSPECIFIED);

  // An instansi reads its own row.
  req.set_instansi_code("5371");
  s = stub_->GetPeriodSummary(Ctx(testing::kKupangToken).get(), req, &sum);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(sum.rows_size(), 1);
  EXPECT_EQ(sum.rows(0).honorers_named(), 1);
  // After the deadline, the draft is missed.
  clock().Set(kDeadline + absl::Seconds(1));
  s = stub_->GetPeriodSummary(Ctx(testing::kKupangToken).get(), req, &sum);
  ASSERT_TRUE(s.ok());
  EXPECT_TRUE(sum.rows(0).deadline_missed());
}

INSTANTIATE_TEST_SUITE_P(Backends, FormasiTest, ::testing::Values("sqlite", "mysql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace penataan
