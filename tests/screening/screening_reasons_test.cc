// RunScreening over 3,000 honorers on SQLite and MariaDB whose data produces every
// reason code with a known count (issue 9 point 10). The honorers are built through
// the registry's own API as an instansi and BKN would: ImportHonorers (one stream
// per instansi), VerifyHonorers (BKN's database and its record of each worker),
// AddApplicants, ChangeHonorerStatus before the run. Nothing is mocked, so a count
// off by one says which rule, store or write-back disagrees with the data. Also: the
// resigned and those sent home (DIRUMAHKAN) fail NOT_ACTIVE, and the registry keeps
// their status: a round's write-back moves only ACTIVE, MS and TMS workers, so the
// run reports them as refused.

#include <grpcpp/grpcpp.h>

#include <chrono>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/import_upload.h"
#include "tests/testing/screening_server.h"
#include "tests/testing/test_tokens.h"

namespace penataan {
namespace {

namespace sv1 = screening::v1;
namespace rv1 = registry::v1;
using testing::Ctx;
using ::testing::HasSubstr;

// What one block of honorers is like; the base is a GURU with an S1, born
// 1 March 1985, working since 1 July 2010, in BKN's database with the same name and
// birth date, applying where they work: MS.
enum class Kind {
  kMs,
  kNotInBkn,           // VerifyHonorers in_bkn_database = false
  kBknBirthDate,       // BKN's birth date is a day later
  kBknName,            // BKN spells the name otherwise
  kServiceShort,       // TMT 1 March 2023: 1 year 9 months at the cut-off
  kTooYoung,           // born 1 March 2006: 18 at the cut-off, minimum 20
  kTooOld,             // born 1 March 1960: 64, GENERAL's maximum 57
  kGeneral58,          // born 1 March 1966: 58, over GENERAL's 57
  kMadya58,            // 58, TENAGA_KESEHATAN applying as FUNCTIONAL_AHLI_MADYA (59): MS
  kMadya61,            // born 1 March 1963: 61, over AHLI_MADYA's 59
  kDirumahkan,         // ChangeHonorerStatus DIRUMAHKAN after being added
  kResigned,           // ChangeHonorerStatus RESIGNED: a final status, refused on write-back
  kTeknis,             // TENAGA_TEKNIS: category not open
  kD3,                 // GURU with a D3: minimum S1
  kWrongInstansi,      // a TENAGA_KESEHATAN working at 3275, added at 5371 by BKN
  kShortAndD3,         // two reasons: service and education
  kNotInBknAndTeknis,  // two reasons: BKN database and category
};

struct Block {
  Kind kind;
  const char* instansi;  // where the honorer works
  int count;
};

// 2,490 honorers at Kupang (5371) and 510 at Bekasi (3275): 3,000 applicants,
// 2,500 at 5371 (with Bekasi's 10 who applied there) and 500 at 3275.
constexpr Block kBlocks[] = {
    {Kind::kMs, "5371", 1503},
    {Kind::kNotInBkn, "5371", 150},
    {Kind::kBknBirthDate, "5371", 60},
    {Kind::kBknName, "5371", 60},
    {Kind::kServiceShort, "5371", 300},
    {Kind::kTooYoung, "5371", 40},
    {Kind::kTooOld, "5371", 100},
    {Kind::kGeneral58, "5371", 1},
    {Kind::kMadya58, "5371", 1},
    {Kind::kMadya61, "5371", 1},
    {Kind::kDirumahkan, "5371", 20},
    {Kind::kResigned, "5371", 5},
    {Kind::kTeknis, "5371", 99},
    {Kind::kD3, "5371", 100},
    {Kind::kShortAndD3, "5371", 30},
    {Kind::kNotInBknAndTeknis, "5371", 20},
    {Kind::kMs, "3275", 400},
    {Kind::kServiceShort, "3275", 100},
    {Kind::kWrongInstansi, "3275", 10},
};
constexpr int kApplicants = 3000;

struct Person {
  Kind kind;
  std::string instansi;
  std::string nik;
  std::string name;
  int birth_year;
};

int BirthYear(Kind k) {
  switch (k) {
    case Kind::kTooYoung: return 2006;
    case Kind::kTooOld: return 1960;
    case Kind::kGeneral58:
    case Kind::kMadya58: return 1966;
    case Kind::kMadya61: return 1963;
    default: return 1985;
  }
}

std::vector<Person> People() {
  std::vector<Person> out;
  int serial = 0;
  for (const Block& b : kBlocks) {
    for (int i = 0; i < b.count; ++i) {
      ++serial;
      const int year = BirthYear(b.kind);
      // PP KK CC DDMMYY SSSS: the instansi's region, 1 March of the birth year, a serial.
      out.push_back(Person{b.kind, b.instansi,
                           absl::StrFormat("%s01%02d03%02d%04d", b.instansi, 1, year % 100, serial),
                           absl::StrCat("Honorer ", serial), year});
    }
  }
  return out;
}

rv1::ImportRow RowOf(const Person& p, int64_t row_number) {
  rv1::ImportRow row;
  row.set_row_number(row_number);
  row.set_nik(p.nik);
  row.set_full_name(p.name);
  row.set_birth_date(absl::StrFormat("%04d-03-01", p.birth_year));
  row.set_gender("L");
  const bool d3 = p.kind == Kind::kD3 || p.kind == Kind::kShortAndD3;
  row.set_education(d3 ? "D3" : "S1");
  const bool teknis = p.kind == Kind::kTeknis || p.kind == Kind::kNotInBknAndTeknis;
  // Bekasi's ten who apply at Kupang are nurses, so that Bekasi's own GURU leave them out.
  const bool nurse = p.kind == Kind::kMadya58 || p.kind == Kind::kMadya61 ||
                     p.kind == Kind::kWrongInstansi;
  row.set_unit_kerja(nurse ? "RSUD" : "Dinas Pendidikan");
  row.set_jabatan_category(teknis ? "TENAGA_TEKNIS" : nurse ? "TENAGA_KESEHATAN" : "GURU");
  const bool short_service = p.kind == Kind::kServiceShort || p.kind == Kind::kShortAndD3 ||
                             p.kind == Kind::kTooYoung;
  // The young ones started at 16 (TMT 2022: 2 years 10 months at the cut-off); the
  // service-too-short ones in 2023.
  row.set_service_start_date(p.kind == Kind::kTooYoung ? "2022-03-01"
                             : short_service         ? "2023-03-01"
                                                     : "2010-07-01");
  return row;
}

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

std::map<std::string, int64_t> AsMap(const google::protobuf::Map<std::string, int64_t>& m) {
  return std::map<std::string, int64_t>(m.begin(), m.end());
}

class ScreeningReasonsTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (storage::testing::TestDatabase::ShouldSkip(GetParam())) GTEST_SKIP() << "no MariaDB";
    auto server = testing::ScreeningServer::Start(GetParam());
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server);
    stub_ = server_->NewStub();
    registry_ = server_->registry()->NewStub();
    people_ = People();
    ASSERT_EQ(people_.size(), static_cast<size_t>(kApplicants));
  }

  void SetContacts(const std::string& instansi, const std::string& token) {
    rv1::UpdateInstansiContactsRequest req;
    req.mutable_contacts()->set_instansi_code(instansi);
    auto* c = req.mutable_contacts()->add_contacts();
    c->set_display_name("Admin BKPSDM");
    c->set_email(absl::StrCat("bkpsdm-", instansi, "@example.go.id"));
    rv1::InstansiContacts got;
    grpc::Status s = registry_->UpdateInstansiContacts(Ctx(token).get(), req, &got);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }

  // One import stream per instansi, as its admin uploads its spreadsheet.
  void Import(const std::string& instansi, const std::string& token) {
    std::vector<rv1::ImportRow> rows;
    for (const Person& p : people_) {
      if (p.instansi == instansi) rows.push_back(RowOf(p, static_cast<int64_t>(rows.size()) + 2));
    }
    rv1::ImportHonorersResponse out;
    grpc::Status s = testing::ImportAll(*registry_, instansi, absl::StrCat("reasons-", instansi),
                                        rows, &out, token);
    ASSERT_TRUE(s.ok()) << s.error_message();
    ASSERT_EQ(out.rejected(), 0) << (out.errors_size() > 0 ? out.errors(0).description() : "");
    ASSERT_EQ(out.created(), static_cast<int64_t>(rows.size()));
  }

  // BKN's answer for every honorer, in one call.
  void Verify() {
    rv1::VerifyHonorersRequest req;
    for (const Person& p : people_) {
      auto* e = req.add_entries();
      e->set_nik(p.nik);
      if (p.kind == Kind::kNotInBkn || p.kind == Kind::kNotInBknAndTeknis) {
        e->set_in_bkn_database(false);
        continue;
      }
      e->set_in_bkn_database(true);
      e->set_full_name(p.kind == Kind::kBknName ? absl::StrCat(p.name, " Ndun") : p.name);
      SetDay(p.birth_year, 3, p.kind == Kind::kBknBirthDate ? 2 : 1, e->mutable_birth_date());
    }
    rv1::VerifyHonorersResponse out;
    grpc::Status s = registry_->VerifyHonorers(Ctx(testing::kBknToken).get(), req, &out);
    ASSERT_TRUE(s.ok()) << s.error_message();
    EXPECT_EQ(out.not_found_size(), 0);
  }

  std::string NameOf(const Person& p) {
    rv1::GetHonorerRequest get;
    get.set_nik(p.nik);
    rv1::Honorer h;
    grpc::Status s = registry_->GetHonorer(Ctx(testing::kKemenpanToken).get(), get, &h);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return h.name();
  }

  rv1::Honorer Get(const std::string& name) {
    rv1::GetHonorerRequest get;
    get.set_name(name);
    rv1::Honorer h;
    grpc::Status s = registry_->GetHonorer(Ctx(testing::kKemenpanToken).get(), get, &h);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return h;
  }

  std::vector<std::string> NamesOf(Kind kind) {
    std::vector<std::string> out;
    for (const Person& p : people_) {
      if (p.kind == kind) out.push_back(NameOf(p));
    }
    return out;
  }

  std::string CreateRound() {
    sv1::CreateRoundRequest req;
    sv1::Round* r = req.mutable_round();
    r->set_display_name("Seleksi PPPK 2024 Tahap II");
    SetDay(2024, 12, 31, r->mutable_cutoff_date());
    const std::string reg = "KepmenPANRB 347/2024";
    sv1::Rules* rules = r->mutable_rules();
    rules->mutable_min_continuous_service_years()->set_value(2);
    rules->mutable_min_continuous_service_years()->set_regulation(reg);
    rules->mutable_min_age_years()->set_value(20);
    rules->mutable_min_age_years()->set_regulation(reg);
    auto* general = rules->add_max_age();
    general->set_post_kind(sv1::GENERAL);
    general->set_max_age_years(57);
    general->set_regulation(reg);
    auto* madya = rules->add_max_age();
    madya->set_post_kind(sv1::FUNCTIONAL_AHLI_MADYA);
    madya->set_max_age_years(59);
    madya->set_regulation(reg);
    rules->mutable_require_in_bkn_database()->set_required(true);
    rules->mutable_require_in_bkn_database()->set_regulation(reg);
    rules->mutable_require_active()->set_required(true);
    rules->mutable_require_active()->set_regulation(reg);
    rules->mutable_open_categories()->add_categories(common::v1::GURU);
    rules->mutable_open_categories()->add_categories(common::v1::TENAGA_KESEHATAN);
    rules->mutable_open_categories()->set_regulation(reg);
    auto* edu = rules->add_min_education();
    edu->set_category(common::v1::GURU);
    edu->set_education(common::v1::S1);
    edu->set_regulation(reg);
    rules->mutable_require_bkn_data_match()->set_required(true);
    rules->mutable_require_bkn_data_match()->set_regulation(reg);
    SetDay(2025, 2, 19, r->mutable_appeal_start_date());
    SetDay(2025, 2, 21, r->mutable_appeal_end_date());
    r->set_appeal_time_zone("Asia/Makassar");
    sv1::Round out;
    grpc::Status s = stub_->CreateRound(Ctx(testing::kBknToken).get(), req, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out.name();
  }

  int64_t Add(sv1::AddApplicantsRequest req) {
    req.set_round(round_);
    sv1::AddApplicantsResponse out;
    grpc::Status s = stub_->AddApplicants(Ctx(testing::kBknToken).get(), req, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out.added();
  }

  std::unique_ptr<testing::ScreeningServer> server_;
  std::unique_ptr<sv1::ScreeningService::Stub> stub_;
  std::unique_ptr<rv1::RegistryService::Stub> registry_;
  std::vector<Person> people_;
  std::string round_;
};

TEST_P(ScreeningReasonsTest, EveryReasonCodeCountedPerInstansi) {
  const absl::Time start = absl::Now();
  SetContacts("5371", testing::kKupangToken);
  SetContacts("3275", testing::kBekasiToken);
  Import("5371", testing::kKupangToken);
  Import("3275", testing::kBekasiToken);
  Verify();
  round_ = CreateRound();
  ASSERT_FALSE(round_.empty());

  // Kupang's GURU and TENAGA_TEKNIS as GENERAL posts, its TENAGA_KESEHATAN as
  // FUNCTIONAL_AHLI_MADYA; Bekasi's GURU at Bekasi; Bekasi's ten TENAGA_KESEHATAN
  // named at Kupang by BKN (national:bkn may add any honorer anywhere).
  sv1::AddApplicantsRequest add;
  add.set_instansi_code("5371");
  add.add_categories(common::v1::GURU);
  add.add_categories(common::v1::TENAGA_TEKNIS);
  EXPECT_EQ(Add(add), 2488);
  add.clear_categories();
  add.add_categories(common::v1::TENAGA_KESEHATAN);
  add.set_post_kind(sv1::FUNCTIONAL_AHLI_MADYA);
  EXPECT_EQ(Add(add), 2);
  add.Clear();
  add.set_instansi_code("3275");
  add.add_categories(common::v1::GURU);
  EXPECT_EQ(Add(add), 500);
  add.Clear();
  add.set_instansi_code("5371");
  for (const std::string& name : NamesOf(Kind::kWrongInstansi)) add.add_honorers(name);
  EXPECT_EQ(Add(add), 10);

  // Between adding and the run, Kupang sends 20 home and 5 resign.
  std::vector<std::string> dirumahkan = NamesOf(Kind::kDirumahkan);
  std::vector<std::string> resigned = NamesOf(Kind::kResigned);
  auto change = [&](const std::string& name, rv1::HonorerStatus to) {
    rv1::ChangeHonorerStatusRequest req;
    req.set_name(name);
    req.set_status(to);
    req.set_reason("Efisiensi anggaran 2025");
    rv1::Honorer out;
    grpc::Status s = registry_->ChangeHonorerStatus(Ctx(testing::kKupangToken).get(), req, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
  };
  for (const std::string& n : dirumahkan) change(n, rv1::DIRUMAHKAN);
  for (const std::string& n : resigned) change(n, rv1::RESIGNED);
  const absl::Duration setup = absl::Now() - start;

  sv1::RunScreeningRequest req;
  req.set_round(round_);
  req.set_request_id("reasons");
  auto ctx = Ctx(testing::kBknToken);
  ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(120));
  auto reader = stub_->RunScreening(ctx.get(), req);
  sv1::RunScreeningProgress last;
  for (sv1::RunScreeningProgress p; reader->Read(&p);) last = p;
  grpc::Status s = reader->Finish();
  ASSERT_TRUE(s.ok()) << s.error_message();
  const absl::Duration run = absl::Now() - start - setup;
  EXPECT_EQ(last.phase(), sv1::Run::DONE);
  EXPECT_EQ(last.processed(), kApplicants);
  EXPECT_EQ(last.ms(), 1904);
  EXPECT_EQ(last.tms(), 1096);

  // The resigned and those sent home keep their status: the registry refuses their
  // TMS (a round's result must not undo what a person decided), and the run says so.
  sv1::GetRunRequest get_run;
  get_run.set_name(last.run());
  sv1::Run got;
  ASSERT_TRUE(stub_->GetRun(Ctx(testing::kBknToken).get(), get_run, &got).ok());
  EXPECT_EQ(got.state(), sv1::Run::SUCCEEDED);
  EXPECT_THAT(got.error(), HasSubstr("25 hasil ditolak registry"));
  EXPECT_EQ(Count(server_->db(), "SELECT COUNT(*) FROM results WHERE registry_state = 2"), 25);
  EXPECT_EQ(Count(server_->db(), "SELECT COUNT(*) FROM results WHERE registry_state = 0"), 0);
  for (const std::string& n : resigned) EXPECT_EQ(Get(n).status(), rv1::RESIGNED) << n;
  for (const std::string& n : dirumahkan) EXPECT_EQ(Get(n).status(), rv1::DIRUMAHKAN) << n;
  EXPECT_EQ(Count(server_->registry()->db(),
                  "SELECT COUNT(*) FROM status_events WHERE status IN (2, 3)"),
            kApplicants - 25);
  EXPECT_EQ(Count(server_->registry()->db(), "SELECT COUNT(*) FROM honorers WHERE status = 2"),
            1904);

  // No honorer has a contact: only each instansi's summary is sent.
  EXPECT_EQ(Count(server_->db(), "SELECT COUNT(*) FROM notices WHERE state = 1"), 2);
  EXPECT_EQ(Count(server_->notification()->db(), "SELECT COUNT(*) FROM notifications"), 2);

  // The summary: per instansi (where the honorers applied) and in total.
  sv1::SummarizeResultsRequest sum;
  sum.set_round(round_);
  sv1::ResultSummary summary;
  ASSERT_TRUE(stub_->SummarizeResults(Ctx(testing::kBknToken).get(), sum, &summary).ok());
  const std::map<std::string, int64_t> kupang_reasons = {
      {"NOT_IN_BKN_DATABASE", 170}, {"SERVICE_TOO_SHORT", 330}, {"AGE_BELOW_MIN", 40},
      {"AGE_ABOVE_MAX", 102},       {"NOT_ACTIVE", 25},         {"CATEGORY_NOT_OPEN", 119},
      {"EDUCATION_TOO_LOW", 130},   {"WRONG_INSTANSI", 10},     {"BKN_DATA_MISMATCH", 120},
  };
  std::map<std::string, int64_t> total_reasons = kupang_reasons;
  total_reasons["SERVICE_TOO_SHORT"] += 100;
  ASSERT_EQ(summary.rows_size(), 2);
  const sv1::ResultSummary::Row& bekasi = summary.rows(0);
  const sv1::ResultSummary::Row& kupang = summary.rows(1);
  EXPECT_EQ(bekasi.instansi_code(), "3275");
  EXPECT_EQ(bekasi.ms(), 400);
  EXPECT_EQ(bekasi.tms(), 100);
  EXPECT_EQ(AsMap(bekasi.tms_by_reason()),
            (std::map<std::string, int64_t>{{"SERVICE_TOO_SHORT", 100}}));
  EXPECT_EQ(AsMap(bekasi.tms_by_category()), (std::map<std::string, int64_t>{{"GURU", 100}}));
  EXPECT_EQ(kupang.instansi_code(), "5371");
  EXPECT_EQ(kupang.ms(), 1504);
  EXPECT_EQ(kupang.tms(), 996);
  EXPECT_EQ(AsMap(kupang.tms_by_reason()), kupang_reasons);
  EXPECT_EQ(AsMap(kupang.tms_by_category()),
            (std::map<std::string, int64_t>{
                {"GURU", 866}, {"TENAGA_TEKNIS", 119}, {"TENAGA_KESEHATAN", 11}}));
  EXPECT_EQ(summary.total().ms(), 1904);
  EXPECT_EQ(summary.total().tms(), 1096);
  EXPECT_EQ(AsMap(summary.total().tms_by_reason()), total_reasons);

  // An instansi's own summary is its row.
  sum.set_instansi_code("5371");
  ASSERT_TRUE(stub_->SummarizeResults(Ctx(testing::kKupangToken).get(), sum, &summary).ok());
  ASSERT_EQ(summary.rows_size(), 1);
  EXPECT_EQ(summary.total().tms(), 996);
  EXPECT_EQ(AsMap(summary.total().tms_by_reason()), kupang_reasons);

  // The two 58-year-olds: the AHLI_MADYA one passes (59), the GENERAL one fails (57).
  auto outcome_of = [&](Kind kind) {
    for (const Person& p : people_) {
      if (p.kind != kind) continue;
      sv1::GetResultRequest get;
      get.set_name(absl::StrCat(round_, "/results/", NameOf(p).substr(9)));
      sv1::Result r;
      grpc::Status rs = stub_->GetResult(Ctx(testing::kBknToken).get(), get, &r);
      EXPECT_TRUE(rs.ok()) << rs.error_message();
      return r;
    }
    return sv1::Result();
  };
  EXPECT_EQ(outcome_of(Kind::kMadya58).outcome(), sv1::MS);
  const sv1::Result general58 = outcome_of(Kind::kGeneral58);
  EXPECT_EQ(general58.outcome(), sv1::TMS);
  ASSERT_EQ(general58.reasons_size(), 1);
  EXPECT_EQ(general58.reasons(0).code(), sv1::AGE_ABOVE_MAX);
  const sv1::Result two = outcome_of(Kind::kShortAndD3);
  ASSERT_EQ(two.reasons_size(), 2);
  EXPECT_EQ(two.reasons(0).code(), sv1::SERVICE_TOO_SHORT);
  EXPECT_EQ(two.reasons(1).code(), sv1::EDUCATION_TOO_LOW);

  // Runtime kept in view: the machine is a loaded 2-core VM.
  std::cerr << "setup " << setup << ", run " << run << "\n";
}

INSTANTIATE_TEST_SUITE_P(Backends, ScreeningReasonsTest, ::testing::Values("sqlite", "mysql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace penataan
