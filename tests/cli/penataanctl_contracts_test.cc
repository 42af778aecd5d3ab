// `penataanctl registry contract …` and `registry crucial-units …` as Kota Kupang's
// admin runs them: the real binary against a real registry with its contract
// scheduler (driven by hand on the registry's FakeClock) and a real notification
// service, on SQLite and MariaDB, over a small piece of the quick start's Kupang
// data (bench/contracts_demo.h): 13 PTT on 2020 SKs. The import with its SK
// columns; the crucial units set (a bad file and a stale etag refused); the reviews
// imported (a bad file refused naming each row, twice: by penataanctl, then by the
// registry, and nothing written); the SKs ending as a table and as JSON; the expiry
// on 4 January 2021; the facts; the renewal as a dry run, then for real with its
// exclusions; the same request id again renewing nobody twice; another instansi
// refused; usage errors naming what is wrong.

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "bench/contracts_demo.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "tests/testing/ctl_runner.h"
#include "tests/testing/notification_server.h"
#include "tests/testing/registry_server.h"
#include "tests/testing/test_tokens.h"

namespace penataan::cli {
namespace {

namespace rv1 = registry::v1;
namespace nv1 = notification::v1;
using bench::DemoPtt;
using bench::PttFact;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::CtlResult;

// 1 December 2020 09:00 WITA and 4 January 2021 08:00 WITA.
const absl::Time kDecember = absl::FromCivil(absl::CivilSecond(2020, 12, 1, 1, 0, 0),
                                             absl::UTCTimeZone());
const absl::Time kJanuary = absl::FromCivil(absl::CivilSecond(2021, 1, 4, 0, 0, 0),
                                            absl::UTCTimeZone());

template <typename M>
M FromJson(const std::string& text) {
  M m;
  auto s = google::protobuf::util::JsonStringToMessage(text, &m);
  EXPECT_TRUE(s.ok()) << s.ToString() << ": " << text.substr(0, 300);
  return m;
}

enum class Kind { kKept, kKurang, kMissing, kCpns, kMoved, kBumn };

Kind KindOf(const DemoPtt& p) {
  if (p.fact == PttFact::kPassedCpns) return Kind::kCpns;
  if (p.fact == PttFact::kMovedAway) return Kind::kMoved;
  if (p.fact == PttFact::kJoinedBumn) return Kind::kBumn;
  if (p.review == rv1::KURANG) return Kind::kKurang;
  if (p.review == rv1::REVIEW_OUTCOME_UNSPECIFIED) return Kind::kMissing;
  return Kind::kKept;
}

// 13 of the demo's PTT: in the crucial units 3 to renew, 1 KURANG, 1 passed CPNS;
// outside them 4 to renew (2 of which the test excludes by name), 1 KURANG, 1 not
// reviewed (renewed all the same), 1 moved away, 1 joined a BUMN.
struct SmallKupang {
  std::vector<DemoPtt> crucial_ok, crucial_kurang, crucial_cpns;
  std::vector<DemoPtt> ok, kurang, missing, moved, bumn;
  std::vector<DemoPtt> all() const {
    std::vector<DemoPtt> out;
    for (const auto* group : {&crucial_ok, &crucial_kurang, &crucial_cpns, &ok, &kurang, &missing,
                              &moved, &bumn}) {
      out.insert(out.end(), group->begin(), group->end());
    }
    return out;
  }
};

SmallKupang PickSmallKupang() {
  SmallKupang s;
  struct Want {
    bool crucial;
    Kind kind;
    std::vector<DemoPtt>* into;
    size_t n;
  };
  const Want wants[] = {{true, Kind::kKept, &s.crucial_ok, 3},
                        {true, Kind::kKurang, &s.crucial_kurang, 1},
                        {true, Kind::kCpns, &s.crucial_cpns, 1},
                        {false, Kind::kKept, &s.ok, 4},
                        {false, Kind::kKurang, &s.kurang, 1},
                        {false, Kind::kMissing, &s.missing, 1},
                        {false, Kind::kMoved, &s.moved, 1},
                        {false, Kind::kBumn, &s.bumn, 1}};
  for (const DemoPtt& p : bench::KupangPtt2020(5371)) {
    for (const Want& w : wants) {
      // Those renewed need a contact, so that their messages can be counted.
      const bool contact = !p.row.email().empty() || !p.row.whatsapp().empty();
      if (p.crucial == w.crucial && KindOf(p) == w.kind && w.into->size() < w.n &&
          (w.kind != Kind::kKept || contact)) {
        w.into->push_back(p);
      }
    }
  }
  return s;
}

int Addresses(const DemoPtt& p) { return !p.row.email().empty() + !p.row.whatsapp().empty(); }

class PenataanctlContractsTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (storage::testing::TestDatabase::ShouldSkip(GetParam())) GTEST_SKIP() << "no MariaDB";
    auto notification = testing::NotificationServer::Start(GetParam());
    ASSERT_TRUE(notification.ok()) << notification.status();
    notification_ = std::move(*notification);
    testing::RegistryServerOptions o;
    o.contract_scheduler = true;
    o.notification_address = notification_->address();
    o.contract.workers = 0;  // driven by hand: SweepOnce, SendOnce
    auto registry = testing::RegistryServer::Start(GetParam(), o);
    ASSERT_TRUE(registry.ok()) << registry.status();
    registry_ = std::move(*registry);
    registry_->clock().Set(kDecember);
    dir_ = std::filesystem::temp_directory_path() /
           absl::StrCat("penataanctl_contracts_", getpid(), "_", GetParam());
    std::filesystem::create_directories(dir_);
    kupang_ = PickSmallKupang();
  }
  void TearDown() override {
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  CtlResult Ctl(const std::vector<std::string>& args,
                const std::string& token = testing::kKupangToken) {
    return testing::RunCtl(PENATAANCTL_BINARY,
                           absl::StrCat("--registry ", registry_->address(), " --token ", token),
                           args, (dir_ / "stderr").string());
  }

  std::string Write(const std::string& name, const std::string& text) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path) << text;
    return path;
  }
  template <typename Writer>
  std::string Write(const std::string& name, Writer writer, const std::vector<DemoPtt>& ptt) {
    std::ostringstream text;
    writer(text, ptt);
    return Write(name, text.str());
  }

  // Every owed contract message handed to notification.
  void SendAll() {
    for (int i = 0; i < 100; ++i) {
      auto sent = registry_->scheduler()->SendOnce();
      ASSERT_TRUE(sent.ok()) << sent.status();
      if (*sent == 0) return;
    }
  }

  // The registry's notifications stored by the notification service, by template.
  std::map<std::string, int> Messages() {
    auto stub = notification_->NewStub();
    nv1::ListNotificationsRequest req;
    req.set_reference_prefix("registry/");
    req.set_page_size(1000);
    std::map<std::string, int> out;
    do {
      nv1::ListNotificationsResponse page;
      grpc::Status s = stub->ListNotifications(testing::Ctx(testing::kKemenpanToken).get(), req,
                                               &page);
      EXPECT_TRUE(s.ok()) << s.error_message();
      if (!s.ok()) break;
      for (const auto& n : page.notifications()) ++out[n.template_id()];
      req.set_page_token(page.next_page_token());
    } while (!req.page_token().empty());
    return out;
  }

  std::vector<std::string> RenewArgs() {
    return {"registry", "contract", "renew", "--instansi", "5371", "--sk-number",
            "800/0012/BKPPD/2021", "--start", "2021-01-01", "--end", "2021-12-31",
            "--signed-by", "Wali Kota Kupang", "--signed-date", "2021-01-04", "--current-end",
            "2020-12-31"};
  }

  int64_t CountWithStatus(const std::string& status) {
    CtlResult r = Ctl({"-o", "json", "registry", "honorer", "list", "--status", status,
                       "--page-size", "1"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return FromJson<rv1::ListHonorersResponse>(r.out).total_size();
  }

  int Periods(const DemoPtt& p) {
    CtlResult r = Ctl({"-o", "json", "registry", "contract", "list", p.row.nik()});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return FromJson<rv1::ListContractsResponse>(r.out).contracts_size();
  }

  // The story up to 1 December: imported, crucial units set, reviews in.
  void December() {
    CtlResult r = Ctl({"registry", "import",
                       Write("ptt.csv", bench::WritePttCsv, kupang_.all()), "--instansi",
                       "5371"});
    ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
    ASSERT_THAT(r.out, HasSubstr("created 13"));
    std::vector<std::string> set = {"registry", "crucial-units", "set", "--instansi", "5371"};
    for (const bench::DemoCrucialUnit& u : bench::KupangCrucialUnits()) {
      set.push_back(u.prefix ? "--prefix-unit" : "--unit");
      set.push_back(absl::StrCat(u.unit, "=", u.reason));
    }
    r = Ctl(set);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    r = Ctl({"registry", "contract", "review", "import",
             Write("reviews.csv", bench::WriteReviewsCsv, kupang_.all()), "--instansi", "5371"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    ASSERT_THAT(r.out, HasSubstr("created 12"));
  }

  std::unique_ptr<testing::NotificationServer> notification_;
  std::unique_ptr<testing::RegistryServer> registry_;
  std::filesystem::path dir_;
  SmallKupang kupang_;
};

TEST_P(PenataanctlContractsTest, KupangFromTheSksEndingToTheRenewal) {
  ASSERT_EQ(kupang_.all().size(), 13u);
  CtlResult r = Ctl({"registry", "contacts", "set", "5371", "--email",
                     "admin.bkppd@kupangkota.go.id"});
  ASSERT_EQ(r.exit_code, 0) << r.err;

  // The import records each PTT's 2020 SK from the SK columns.
  r = Ctl({"registry", "import", Write("ptt.csv", bench::WritePttCsv, kupang_.all()),
           "--instansi", "5371"});
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  EXPECT_THAT(r.out, HasSubstr("created 13, updated 0, unchanged 0, rejected 0"));
  const DemoPtt& bpbd = kupang_.crucial_ok[0];
  r = Ctl({"registry", "contract", "list", bpbd.row.nik()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, AllOf(HasSubstr(bpbd.row.sk_number()), HasSubstr("2020-01-01"),
                           HasSubstr("2020-12-31"), HasSubstr("Wali Kota Kupang"),
                           HasSubstr("2019-12-30")));

  // Crucial units: a bad file is refused naming its line, then the flags; a stale
  // etag changes nothing.
  r = Ctl({"registry", "crucial-units", "set", "--instansi", "5371", "--file",
           Write("units.csv", "unit_kerja,alasan,awalan\nBPBD Kota Kupang,Bencana,\n"
                              "Puskesmas,,mungkin\n")});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, AllOf(HasSubstr("line 3, column alasan: is required"),
                           HasSubstr("line 3, column awalan"), HasSubstr("nothing was sent")));
  std::vector<std::string> set = {"registry", "crucial-units", "set", "--instansi", "5371"};
  for (const bench::DemoCrucialUnit& u : bench::KupangCrucialUnits()) {
    set.push_back(u.prefix ? "--prefix-unit" : "--unit");
    set.push_back(absl::StrCat(u.unit, "=", u.reason));
  }
  r = Ctl(set);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, AllOf(HasSubstr("RSUD S. K. Lerik"), HasSubstr("every unit starting with it"),
                           HasSubstr("5 crucial units")));
  r = Ctl({"registry", "crucial-units", "set", "--instansi", "5371", "--unit", "Dinas Sosial=x",
           "--etag", "999"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("changed by someone else"));
  r = Ctl({"-o", "json", "registry", "crucial-units", "list"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(FromJson<rv1::ContractPolicy>(r.out).crucial_units_size(), 5);

  // Reviews: penataanctl refuses a wrong file naming each row, sending nothing;
  // the registry refuses rows only it can judge, naming each, writing nothing.
  const std::string good = Write("reviews.csv", bench::WriteReviewsCsv, kupang_.all());
  std::ifstream in(good);
  std::string header, first;
  std::getline(in, header);
  std::getline(in, first);
  r = Ctl({"registry", "contract", "review", "import",
           Write("bad.csv", header + "\n" + first + "\n53710112078,Ruth,BPBD,2020,BAIK,Kepala,\n" +
                                bpbd.row.nik() + ",Ruth,BPBD,2020,LUAR BIASA,Kepala,\n"),
           "--instansi", "5371"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, AllOf(HasSubstr("line 3, column nik: not a NIK of 16 digits"),
                           HasSubstr("line 4, column hasil: \"LUAR BIASA\" is not BAIK"),
                           HasSubstr("nothing was sent"), Not(HasSubstr(bpbd.row.nik()))));
  std::string text;
  {
    std::ostringstream all;
    all << std::ifstream(good).rdbuf();
    text = all.str();
  }
  const int lines = static_cast<int>(std::count(text.begin(), text.end(), '\n'));
  // An honorer of Kota Bekasi, and a NIK nobody holds: the same "unknown" for both.
  rv1::CreateHonorerRequest bekasi;
  bekasi.mutable_honorer()->set_nik("3275011207850001");
  bekasi.mutable_honorer()->set_full_name("Budi Saputra");
  *bekasi.mutable_honorer()->mutable_birth_date() = [] {
    common::v1::Date d;
    d.set_year(1985);
    d.set_month(7);
    d.set_day(12);
    return d;
  }();
  bekasi.mutable_honorer()->set_gender(rv1::MALE);
  bekasi.mutable_honorer()->set_education(common::v1::SMA);
  bekasi.mutable_honorer()->set_instansi_code("3275");
  bekasi.mutable_honorer()->set_unit_kerja("Dinas Perhubungan");
  bekasi.mutable_honorer()->set_jabatan_category(common::v1::TENAGA_TEKNIS);
  bekasi.mutable_honorer()->mutable_service_start_date()->set_year(2010);
  bekasi.mutable_honorer()->mutable_service_start_date()->set_month(1);
  bekasi.mutable_honorer()->mutable_service_start_date()->set_day(4);
  rv1::Honorer made;
  auto stub = registry_->NewStub();
  ASSERT_TRUE(stub->CreateHonorer(testing::Ctx(testing::kBekasiToken).get(), bekasi, &made).ok());
  r = Ctl({"registry", "contract", "review", "import",
           Write("unknown.csv", text + "3275011207850001,Budi,Dinas,2020,BAIK,Kepala,\n" +
                                    "5371011207850999,Nobody,Dinas,2020,BAIK,Kepala,\n"),
           "--instansi", "5371"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, AllOf(HasSubstr(absl::StrCat("line ", lines + 1, ", column")),
                           HasSubstr(absl::StrCat("line ", lines + 2, ", column")),
                           HasSubstr("nothing was written"), Not(HasSubstr("3275011207850001"))));
  r = Ctl({"registry", "contract", "review", "list", "--year", "2020"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("0 reviews of 2020"));
  r = Ctl({"registry", "contract", "review", "import", good, "--instansi", "5371"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("12 reviews: created 12, updated 0, unchanged 0"));
  r = Ctl({"registry", "contract", "review", "list", "--year", "2020", "--outcome", "kurang"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, AllOf(HasSubstr(kupang_.kurang[0].row.full_name()),
                           HasSubstr(kupang_.kurang[0].reviewer), HasSubstr("2 reviews of 2020: KURANG 2")));

  // 1 December 2020: the SKs ending within the policy's 30 days, with their reviews.
  r = Ctl({"registry", "contract", "expiring"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, AllOf(HasSubstr("UNIT"), HasSubstr("DAYS LEFT"), HasSubstr("CRUCIAL"),
                           HasSubstr(bpbd.row.unit_kerja()), HasSubstr(bpbd.row.sk_number()),
                           HasSubstr("2020-12-31")));
  EXPECT_THAT(r.out, HasSubstr("13 contracts end 2020-12-01..2020-12-31; reviews missing: 1\n"));
  r = Ctl({"-o", "json", "registry", "contract", "expiring", "--instansi", "5371",
           "--within-days", "31"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto expiring = FromJson<rv1::ListExpiringContractsResponse>(r.out);
  EXPECT_EQ(expiring.total_size(), 13);
  EXPECT_EQ(expiring.reviews_missing(), 1);
  ASSERT_EQ(expiring.contracts_size(), 13);
  int crucial = 0;
  for (const auto& e : expiring.contracts()) {
    crucial += e.crucial_unit();
    EXPECT_EQ(e.days_left(), 30);
  }
  EXPECT_EQ(crucial, 5);
  // The scheduler tells the admins, once.
  ASSERT_TRUE(registry_->scheduler()->SweepOnce().ok());
  SendAll();
  EXPECT_EQ(Messages()["contract-expiring"], 1);

  // 4 January 2021: the expiry has run.
  registry_->clock().Set(kJanuary);
  ASSERT_TRUE(registry_->scheduler()->SweepOnce().ok());
  r = Ctl({"-o", "json", "registry", "contract", "expiring", "--include-ended"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  expiring = FromJson<rv1::ListExpiringContractsResponse>(r.out);
  std::map<rv1::Contract::Expiry, int> expiry;
  for (const auto& e : expiring.contracts()) {
    EXPECT_EQ(e.days_left(), -4);
    ++expiry[e.contract().expiry()];
  }
  EXPECT_EQ(expiry[rv1::Contract::SENT_HOME], 8);
  EXPECT_EQ(expiry[rv1::Contract::KEPT_AT_WORK], 5);
  r = Ctl({"registry", "contract", "expiring", "--include-ended"});
  EXPECT_THAT(r.out, AllOf(HasSubstr("ended 4d ago"), HasSubstr("DIRUMAHKAN"),
                           HasSubstr("(13 ended); reviews missing: 1")));
  EXPECT_EQ(CountWithStatus("DIRUMAHKAN"), 8);

  // The facts, by NIK: passed CPNS, moved away, joined a BUMN.
  for (const DemoPtt* p : {&kupang_.crucial_cpns[0], &kupang_.moved[0], &kupang_.bumn[0]}) {
    r = Ctl({"registry", "honorer", "status", p->row.nik(), "--to",
             p->fact == PttFact::kPassedCpns ? "MOVED_TO_CPNS" : "RESIGNED", "--reason",
             "Mengundurkan diri per 31 Desember 2020"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }

  // The renewal as a dry run: two more excluded by name (one by NIK on the command
  // line, one in a file); what it prints is what the real one does; nothing written.
  std::vector<std::string> renew = RenewArgs();
  renew.insert(renew.end(), {"--exclude", kupang_.ok[0].row.nik(), "--exclude-file",
                             Write("exclude.csv", "nik,nama,alasan\n" + kupang_.ok[1].row.nik() +
                                                      ",x,Tidak direkomendasikan\n")});
  std::vector<std::string> dry = renew;
  dry.push_back("--dry-run");
  r = Ctl(dry);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, AllOf(HasSubstr("dry run: nothing was written"),
                           HasSubstr("13 matched: 6 would be renewed (3 of them would return to "
                                     "work from DIRUMAHKAN), 0 already had this SK, 7 excluded"),
                           Not(HasSubstr("request id"))));
  for (const char* reason : {"REVIEW_KURANG", "EXCLUDED_BY_REQUEST", "RESIGNED"}) {
    EXPECT_THAT(r.out, ::testing::ContainsRegex(absl::StrCat(reason, " +2 ")));
  }
  EXPECT_THAT(r.out, ::testing::ContainsRegex("MOVED_TO_CPNS +1 "));
  for (const DemoPtt* p : {&kupang_.crucial_kurang[0], &kupang_.kurang[0], &kupang_.moved[0],
                           &kupang_.bumn[0], &kupang_.crucial_cpns[0], &kupang_.ok[0],
                           &kupang_.ok[1]}) {
    EXPECT_THAT(r.out, HasSubstr(p->row.full_name()));
  }
  EXPECT_EQ(Periods(kupang_.ok[2]), 1);
  EXPECT_EQ(CountWithStatus("DIRUMAHKAN"), 6);  // 8 less the two who resigned

  // For real, with a request id.
  std::vector<std::string> real = renew;
  real.insert(real.begin(), {"-o", "json"});
  real.insert(real.end(), {"--request-id", "ctl-renewal-2021"});
  r = Ctl(real);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("request id ctl-renewal-2021"));
  auto renewed = FromJson<rv1::RenewContractsResponse>(r.out);
  EXPECT_FALSE(renewed.dry_run());
  EXPECT_FALSE(renewed.replayed());
  EXPECT_EQ(renewed.matched(), 13);
  EXPECT_EQ(renewed.renewed(), 6);
  EXPECT_EQ(renewed.reactivated(), 3);
  EXPECT_EQ(renewed.excluded(), 7);
  EXPECT_EQ(renewed.exclusions_size(), 7);
  EXPECT_EQ(Periods(kupang_.ok[2]), 2);
  EXPECT_EQ(Periods(kupang_.missing[0]), 2);   // not reviewed: renewed by default
  EXPECT_EQ(Periods(kupang_.kurang[0]), 1);
  EXPECT_EQ(CountWithStatus("DIRUMAHKAN"), 3);  // the KURANG one and the two named
  SendAll();
  int renewal_messages = 0;
  for (const auto* group : {&kupang_.crucial_ok, &kupang_.ok, &kupang_.missing}) {
    for (const DemoPtt& p : *group) {
      if (&p != &kupang_.ok[0] && &p != &kupang_.ok[1]) renewal_messages += Addresses(p);
    }
  }
  const std::map<std::string, int> messages = Messages();
  auto count = [&](const char* template_id) {
    auto it = messages.find(template_id);
    return it == messages.end() ? 0 : it->second;
  };
  EXPECT_EQ(count("contract-renewed") + count("contract-renewed-whatsapp"), renewal_messages);

  // The same request id again: the renewal's answer, nobody renewed twice.
  real.erase(real.begin(), real.begin() + 2);
  r = Ctl(real);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, AllOf(HasSubstr("answered from the renewal made earlier"),
                           HasSubstr("13 matched: 6 renewed")));
  EXPECT_EQ(Periods(kupang_.ok[2]), 2);
  SendAll();
  EXPECT_EQ(Messages(), messages);

  // Without a request id one is made and printed before the call; the same command
  // with it answers that renewal again. One of those named before is renewed now.
  std::vector<std::string> one = RenewArgs();
  one.insert(one.end(), {"--honorer", kupang_.ok[0].row.nik()});
  r = Ctl(one);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("1 matched: 1 renewed (1 of them returned to work"));
  const size_t at = r.out.find("request id renew-5371-");
  ASSERT_NE(at, std::string::npos) << r.out;
  const std::string id = r.out.substr(at + 11, std::string("renew-5371-").size() + 16);
  one.insert(one.end(), {"--request-id", id});
  r = Ctl(one);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, AllOf(HasSubstr("answered from the renewal made earlier with request id " + id),
                           HasSubstr("1 matched: 1 renewed")));
  EXPECT_EQ(Periods(kupang_.ok[0]), 2);
  // The first renewal asked again under a new id, for every current SK whatever its
  // end: those renewed already have the SK (even the one named among the
  // exclusions), nobody is renewed.
  renew.erase(renew.begin() + 15, renew.begin() + 17);  // --current-end 2020-12-31
  renew.insert(renew.end(), {"--request-id", "ctl-renewal-2021-again"});
  r = Ctl(renew);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("13 matched: 0 renewed (0 of them returned to work from "
                               "DIRUMAHKAN), 7 already had this SK, 6 excluded"));
  EXPECT_EQ(Periods(kupang_.ok[0]), 2);
}

TEST_P(PenataanctlContractsTest, AnotherInstansiIsRefusedAndLearnsNothing) {
  December();
  const std::string bekasi = testing::kBekasiToken;
  const std::string nik = kupang_.ok[0].row.nik();
  CtlResult r = Ctl({"registry", "contract", "expiring", "--instansi", "5371"}, bekasi);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("permission denied"));
  std::vector<std::string> renew = RenewArgs();
  renew.push_back("--dry-run");
  r = Ctl(renew, bekasi);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("permission denied"));
  r = Ctl({"registry", "crucial-units", "set", "--instansi", "5371", "--none"}, bekasi);
  EXPECT_EQ(r.exit_code, 1);
  r = Ctl({"registry", "contract", "review", "import",
           Write("reviews.csv", bench::WriteReviewsCsv, kupang_.all()), "--instansi", "5371"},
          bekasi);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("permission denied"));
  // Kupang's honorer is not found for Bekasi, by NIK as by name: nothing is said
  // of whether it exists.
  r = Ctl({"registry", "contract", "list", nik}, bekasi);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, AllOf(HasSubstr("no honorer has this NIK"), Not(HasSubstr(nik))));
  r = Ctl({"-o", "json", "registry", "honorer", "get", "--nik", nik});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string name = FromJson<rv1::Honorer>(r.out).name();
  r = Ctl({"registry", "contract", "list", name}, bekasi);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("not found"));
  r = Ctl({"registry", "contract", "review", "set", name, "--year", "2020", "--outcome", "KURANG",
           "--reviewer", "Kepala Dinas"},
          bekasi);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("not found"));
  // What Kupang set is as it was.
  r = Ctl({"-o", "json", "registry", "crucial-units", "list"});
  EXPECT_EQ(FromJson<rv1::ContractPolicy>(r.out).crucial_units_size(), 5);
}

TEST_P(PenataanctlContractsTest, UsageErrorsNameWhatIsWrongAndSendNothing) {
  December();
  std::vector<std::string> renew = RenewArgs();
  renew[8] = "2021-13-01";  // --start
  CtlResult r = Ctl(renew);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--start \"2021-13-01\" is not a date YYYY-MM-DD"));
  renew = RenewArgs();
  renew.insert(renew.end(), {"--exclude", "Maria Manafe"});
  r = Ctl(renew);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--exclude \"Maria Manafe\" is not an honorer"));
  renew = RenewArgs();
  renew.insert(renew.end(), {"--exclude", "53710112078509"});  // a NIK typed short
  r = Ctl(renew);
  EXPECT_EQ(r.exit_code, 2);
  renew = RenewArgs();
  renew.insert(renew.end(), {"--exclude", "5371011207850999"});
  r = Ctl(renew);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, AllOf(HasSubstr("--exclude: no honorer of 5371 has this NIK"),
                           Not(HasSubstr("5371011207850999"))));
  renew = RenewArgs();
  renew.insert(renew.end(), {"--exclude-file", Write("x.csv", "nama\nRuth\n")});
  r = Ctl(renew);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("want one column \"honorer\" or \"nik\""));
  r = Ctl({"registry", "contract", "review", "set", kupang_.ok[0].row.nik(), "--year", "2020",
           "--outcome", "SANGAT BAIK", "--reviewer", "Kepala"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--outcome \"SANGAT BAIK\" is not BAIK, CUKUP or KURANG"));
  r = Ctl({"registry", "crucial-units", "set", "--instansi", "5371", "--unit", "BPBD"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("want UNIT=REASON"));
  r = Ctl({"registry", "crucial-units", "set", "--instansi", "5371", "--none", "--unit", "A=b"});
  EXPECT_EQ(r.exit_code, 2);
  // Nothing of it reached the registry: no renewal, the units as they were.
  EXPECT_EQ(Periods(kupang_.ok[0]), 1);
  r = Ctl({"-o", "json", "registry", "crucial-units", "list"});
  EXPECT_EQ(FromJson<rv1::ContractPolicy>(r.out).crucial_units_size(), 5);
  // A review set singly replaces that year's.
  r = Ctl({"registry", "contract", "review", "set", kupang_.ok[0].row.nik(), "--year", "2020",
           "--outcome", "kurang", "--reviewer", "Kepala Dinas Sosial Kota Kupang", "--note",
           "Sering tidak masuk"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, AllOf(HasSubstr("KURANG"), HasSubstr("Sering tidak masuk")));
}

INSTANTIATE_TEST_SUITE_P(Backends, PenataanctlContractsTest, ::testing::Values("sqlite", "mysql"));

}  // namespace
}  // namespace penataan::cli
