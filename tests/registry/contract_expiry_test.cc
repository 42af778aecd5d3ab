// The registry's contract scheduler against a real registry and a real notification
// service (LOG channel), on SQLite and MariaDB: an SK ends on its instansi's own day,
// crucial units keep their workers, the admins hear N days before, every honorer
// with a contact is told exactly once (across a scheduler stopped between its sends
// and its marks, and with two registry replicas on one database), a notification
// outage only delays the messages, and contracts ended long ago are left alone.
//
// The schedulers are driven by hand (SweepOnce, SendOnce) on the registry's
// FakeClock, except with two replicas, whose threads run at once.

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <functional>
#include <future>
#include <map>
#include <set>
#include <thread>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "common/notice_values.h"
#include "common/storage/testing/test_database.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/registry/contract_notices.h"
#include "services/registry/contract.h"
#include "services/registry/contract_scheduler.h"
#include "services/registry/contract_messages.h"
#include "services/registry/migrations/registry_migrations.h"
#include "tests/testing/notification_server.h"
#include "tests/testing/registry_server.h"
#include "tests/testing/tcp_proxy.h"
#include "tests/testing/test_tokens.h"

namespace penataan::registry {
namespace {

using ::penataan::testing::Ctx;
using ::penataan::testing::kBekasiToken;
using ::penataan::testing::kBknToken;
using ::penataan::testing::kKemenpanToken;
using ::penataan::testing::kKupangToken;
using storage::Row;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

// Kota Kupang's one-year SKs.
const absl::CivilDay kStart(2020, 1, 1);
const absl::CivilDay kEnd(2020, 12, 31);
// 31 December 2020 16:00 UTC: 1 January 2021 00:00 WITA, still 23:00 WIB.
const absl::Time kKupangNewYear = absl::FromCivil(absl::CivilSecond(2020, 12, 31, 16, 0, 0),
                                                  absl::UTCTimeZone());
const absl::Time kBekasiNewYear = kKupangNewYear + absl::Hours(1);

std::string Iso(absl::CivilDay d) { return absl::FormatCivilTime(d); }

struct Person {
  std::string unit = "Dinas Pendidikan";
  std::string email;
  std::string whatsapp;
  std::string instansi = "5371";
  std::string sk = "800/1/2020";
  absl::CivilDay start = kStart;
  absl::CivilDay end = kEnd;
};

struct Made {
  int64_t honorer = 0;
  int64_t contract = 0;
};

class ContractExpiryTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (storage::testing::TestDatabase::ShouldSkip(GetParam())) GTEST_SKIP() << "no MariaDB";
    auto notification = testing::NotificationServer::Start(GetParam());
    ASSERT_TRUE(notification.ok()) << notification.status();
    notification_ = std::move(*notification);
  }

  // A registry with its scheduler driven by hand (no threads).
  void StartRegistry(registry::ContractSchedulerOptions contract = {},
                     std::string notification_address = "") {
    testing::RegistryServerOptions o;
    o.contract_scheduler = true;
    o.notification_address =
        notification_address.empty() ? notification_->address() : notification_address;
    o.contract.workers = 0;
    o.contract.owner = contract.owner.empty() ? "host/1/first" : contract.owner;
    o.contract.before_mark_for_test = contract.before_mark_for_test;
    if (contract.max_overdue_days != kDefaultMaxOverdueDays) {
      o.contract.max_overdue_days = contract.max_overdue_days;
    }
    o.contract.page_size = contract.page_size;
    auto server = testing::RegistryServer::Start(GetParam(), o);
    ASSERT_TRUE(server.ok()) << server.status();
    registry_ = std::move(*server);
    stub_ = registry_->NewStub();
    // The registrations happen before the SKs end.
    registry_->clock().Set(absl::FromCivil(absl::CivilSecond(2020, 11, 2, 1, 0, 0),
                                           absl::UTCTimeZone()));
  }

  ContractScheduler& scheduler() { return *registry_->scheduler(); }
  FakeClock& clock() { return registry_->clock(); }

  // An honorer registered through the API, with their current SK.
  Made Register(const Person& p) {
    v1::CreateHonorerRequest req;
    v1::Honorer& h = *req.mutable_honorer();
    const int serial = ++serial_;
    h.set_nik(absl::StrFormat("%s011207850%03d", p.instansi, serial));
    h.set_full_name(absl::StrCat("Yohanes Ndun ", serial));
    h.mutable_birth_date()->set_year(1985);
    h.mutable_birth_date()->set_month(7);
    h.mutable_birth_date()->set_day(12);
    h.set_gender(v1::MALE);  // the NIK's day of birth is not +40
    h.set_education(common::v1::SMA);
    h.set_instansi_code(p.instansi);
    h.set_unit_kerja(p.unit);
    h.set_jabatan_category(common::v1::TENAGA_KEPENDIDIKAN);
    h.mutable_service_start_date()->set_year(2012);
    h.mutable_service_start_date()->set_month(1);
    h.mutable_service_start_date()->set_day(2);
    for (auto [date, day] : {std::pair{h.mutable_contract_start(), p.start},
                             std::pair{h.mutable_contract_end(), p.end}}) {
      date->set_year(static_cast<int32_t>(day.year()));
      date->set_month(day.month());
      date->set_day(day.day());
    }
    h.mutable_contact()->set_email(p.email);
    h.mutable_contact()->set_whatsapp(p.whatsapp);
    v1::Honorer out;
    grpc::Status s = stub_->CreateHonorer(
        Ctx(p.instansi == "5371" ? kKupangToken : kBekasiToken).get(), req, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    int64_t id = 0;
    EXPECT_TRUE(absl::SimpleAtoi(out.name().substr(out.name().find('/') + 1), &id));
    return {id, SetContract(id, p)};
  }

  // The honorer's current SK period, which CreateHonorer wrote from the contract
  // dates; the SK number (CreateHonorer carries none) is set here.
  int64_t SetContract(int64_t honorer, const Person& p) {
    auto c = registry_->db().Acquire();
    EXPECT_TRUE(c.ok());
    auto rows = (*c)->Query("SELECT id FROM contracts WHERE honorer_id = ? AND start_date = ?",
                            {honorer, Iso(p.start)});
    EXPECT_TRUE(rows.ok() && rows->size() == 1) << "CreateHonorer wrote no period";
    if (!rows.ok() || rows->empty()) return 0;
    EXPECT_TRUE(
        (*c)->Execute("UPDATE contracts SET sk_number = ? WHERE id = ?", {p.sk, (*rows)[0].Int(0)})
            .ok());
    return (*rows)[0].Int(0);
  }

  // The instansi's ContractPolicy: crucial units ("Puskesmas" a prefix) and the
  // notice days.
  void SetPolicy(const std::string& code, int days, const std::vector<std::string>& units) {
    v1::UpdateContractPolicyRequest req;
    req.mutable_policy()->set_instansi_code(code);
    req.mutable_policy()->set_expiry_notice_days(days);
    for (const std::string& unit : units) {
      v1::CrucialUnit* u = req.mutable_policy()->add_crucial_units();
      u->set_unit_kerja(unit);
      u->set_prefix(unit == "Puskesmas");
      u->set_reason("Pelayanan dasar");
    }
    v1::ContractPolicy out;
    grpc::Status s = stub_->UpdateContractPolicy(Ctx(kKemenpanToken).get(), req, &out);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }

  void Review(int64_t honorer, int year) {
    v1::SetPerformanceReviewRequest req;
    req.mutable_review()->set_honorer(absl::StrCat("honorers/", honorer));
    req.mutable_review()->set_year(year);
    req.mutable_review()->set_outcome(v1::BAIK);
    req.mutable_review()->set_reviewer("Kepala Dinas Pendidikan");
    v1::PerformanceReview out;
    grpc::Status s = stub_->SetPerformanceReview(Ctx(kKupangToken).get(), req, &out);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }

  // A new SK for the honorers of 5371 whose current one ends 31 December 2020.
  v1::RenewContractsResponse Renew2021(const std::vector<int64_t>& except = {}) {
    return Renew(kEnd, absl::CivilDay(2021, 1, 1), absl::CivilDay(2021, 12, 31), "800/1/2021",
                 absl::StrCat("renew-2021-", except.size()), except);
  }

  // A new SK from `start` to `end` for the honorers of 5371 whose current one ends
  // on `current_end`. A call the database aborted (a deadlock with the sweep) is
  // sent again with the same request id, as penataanctl's user would: it resumes.
  v1::RenewContractsResponse Renew(absl::CivilDay current_end, absl::CivilDay start,
                                   absl::CivilDay end, const std::string& sk,
                                   const std::string& request_id,
                                   const std::vector<int64_t>& except = {}) {
    v1::RenewContractsRequest req;
    req.set_instansi_code("5371");
    req.set_sk_number(sk);
    auto date = [](absl::CivilDay d) {
      common::v1::Date out;
      out.set_year(static_cast<int32_t>(d.year()));
      out.set_month(d.month());
      out.set_day(d.day());
      return out;
    };
    *req.mutable_current_contract_end() = date(current_end);
    *req.mutable_start_date() = date(start);
    *req.mutable_end_date() = date(end);
    req.set_signed_by("Wali Kota Kupang");
    *req.mutable_signed_date() = date(start + 5);
    for (int64_t h : except) req.add_exclude_honorers(absl::StrCat("honorers/", h));
    req.set_request_id(request_id);
    v1::RenewContractsResponse out;
    grpc::Status s;
    for (int attempt = 0; attempt < 5; ++attempt) {
      auto ctx = Ctx(kKupangToken);
      ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
      s = stub_->RenewContracts(ctx.get(), req, &out);
      if (s.error_code() != grpc::StatusCode::ABORTED) break;
    }
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  // ListExpiringContracts with include_ended: the names listed.
  std::vector<std::string> Expiring() {
    v1::ListExpiringContractsRequest req;
    req.set_instansi_code("5371");
    req.set_include_ended(true);
    req.set_page_size(1000);
    v1::ListExpiringContractsResponse resp;
    grpc::Status s = stub_->ListExpiringContracts(Ctx(kKupangToken).get(), req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    std::vector<std::string> out;
    for (const v1::ExpiringContract& e : resp.contracts()) out.push_back(e.contract().name());
    return out;
  }

  void SetContacts(const std::string& code, const std::string& email,
                   const std::string& webhook = "") {
    v1::UpdateInstansiContactsRequest req;
    req.mutable_contacts()->set_instansi_code(code);
    v1::InstansiContact* c = req.mutable_contacts()->add_contacts();
    c->set_display_name("Admin BKPSDM");
    c->set_email(email);
    c->set_webhook_url(webhook);
    v1::InstansiContacts out;
    grpc::Status s = stub_->UpdateInstansiContacts(Ctx(kKemenpanToken).get(), req, &out);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }

  void ChangeStatus(int64_t honorer, v1::HonorerStatus status, const std::string& token) {
    v1::ChangeHonorerStatusRequest req;
    req.set_name(absl::StrCat("honorers/", honorer));
    req.set_status(status);
    req.set_reason("test");
    v1::Honorer out;
    grpc::Status s = stub_->ChangeHonorerStatus(Ctx(token).get(), req, &out);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }

  struct HonorerNow {
    v1::HonorerStatus status;
    bool working_without_contract;
  };
  HonorerNow Now(int64_t honorer) {
    auto c = registry_->db().Acquire();
    EXPECT_TRUE(c.ok());
    auto rows = (*c)->Query("SELECT status, working_without_contract FROM honorers WHERE id = ?",
                            {honorer});
    EXPECT_TRUE(rows.ok() && rows->size() == 1);
    return {static_cast<v1::HonorerStatus>((*rows)[0].Int(0)), (*rows)[0].Int(1) != 0};
  }

  struct ContractNow {
    ContractExpiry expiry;
    v1::HonorerStatus status_before;
  };
  ContractNow Contract(int64_t contract) {
    auto c = registry_->db().Acquire();
    EXPECT_TRUE(c.ok());
    auto rows =
        (*c)->Query("SELECT expiry, status_before FROM contracts WHERE id = ?", {contract});
    EXPECT_TRUE(rows.ok() && rows->size() == 1);
    return {static_cast<ContractExpiry>((*rows)[0].Int(0)),
            static_cast<v1::HonorerStatus>((*rows)[0].Int(1))};
  }

  // A period written straight into the table, as some older or other writer
  // could have left it.
  int64_t InsertPeriod(int64_t honorer, const std::string& sk, absl::CivilDay start,
                       absl::CivilDay end, ContractExpiry expiry) {
    auto c = registry_->db().Acquire();
    EXPECT_TRUE(c.ok());
    EXPECT_TRUE((*c)->Execute("INSERT INTO contracts (honorer_id, instansi_code, sk_number,"
                              " start_date, end_date, signed_by, signed_date, expiry,"
                              " status_before, renewal_id, created_by, create_time_us,"
                              " update_time_us) VALUES (?, '5371', ?, ?, ?, '', NULL, ?, 0, '',"
                              " 'instansi:5371', 0, 0)",
                              {honorer, sk, Iso(start), Iso(end), int64_t{expiry}})
                    .ok());
    auto rows = (*c)->Query("SELECT id FROM contracts WHERE honorer_id = ? AND start_date = ?",
                            {honorer, Iso(start)});
    EXPECT_TRUE(rows.ok() && rows->size() == 1);
    return rows.ok() && !rows->empty() ? (*rows)[0].Int(0) : 0;
  }

  // Honorer.contract_start: the start of the current period.
  std::string CurrentStart(int64_t honorer) {
    auto c = registry_->db().Acquire();
    EXPECT_TRUE(c.ok());
    auto rows = (*c)->Query("SELECT contract_start FROM honorers WHERE id = ?", {honorer});
    EXPECT_TRUE(rows.ok() && rows->size() == 1);
    return rows.ok() && !rows->empty() ? (*rows)[0].Str(0) : "";
  }

  std::vector<v1::StatusEvent> Changes(int64_t honorer) {
    v1::ListStatusHistoryRequest req;
    req.set_name(absl::StrCat("honorers/", honorer));
    v1::ListStatusHistoryResponse resp;
    grpc::Status s = stub_->ListStatusHistory(Ctx(kKemenpanToken).get(), req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    // The changes after the registration (the history's first event, "Didaftarkan").
    std::vector<v1::StatusEvent> out;
    for (const v1::StatusEvent& e : resp.events()) {
      if (e.from_status() != v1::HONORER_STATUS_UNSPECIFIED) out.push_back(e);
    }
    return out;
  }

  std::vector<ContractNotice> Notices(const std::string& prefix = "") {
    auto c = registry_->db().Acquire();
    EXPECT_TRUE(c.ok());
    auto notices = ListContractNotices(**c, prefix, 0, 10000);
    EXPECT_TRUE(notices.ok()) << notices.status();
    return *notices;
  }

  // The notification service's notifications: reference -> template id.
  std::map<std::string, std::string> Notifications() {
    auto c = notification_->db().Acquire();
    EXPECT_TRUE(c.ok());
    auto rows = (*c)->Query("SELECT reference, template_id FROM notifications ORDER BY id");
    EXPECT_TRUE(rows.ok()) << rows.status();
    std::map<std::string, std::string> out;
    for (const Row& r : *rows) {
      EXPECT_TRUE(out.emplace(r.Str(0), r.Str(1)).second) << "stored twice: " << r.Str(0);
    }
    return out;
  }

  std::map<std::string, std::string> ValuesOf(const std::string& reference) {
    auto c = notification_->db().Acquire();
    EXPECT_TRUE(c.ok());
    auto rows = (*c)->Query("SELECT personalisation FROM notifications WHERE reference = ?",
                            {reference});
    EXPECT_TRUE(rows.ok() && rows->size() == 1) << reference;
    if (!rows.ok() || rows->empty()) return {};
    auto values = DecodeNoticeValues((*rows)[0].Str(0));
    EXPECT_TRUE(values.ok());
    return values.ok() ? *values : std::map<std::string, std::string>{};
  }

  // How many recipients SendBatch answered already_sent, over every batch.
  int64_t AlreadySent() {
    auto c = notification_->db().Acquire();
    EXPECT_TRUE(c.ok());
    auto rows = (*c)->Query("SELECT COALESCE(SUM(already_sent), 0) FROM batches");
    EXPECT_TRUE(rows.ok());
    return (*rows)[0].Int(0);
  }

  // How many of `made` the expiry has sent home so far.
  int64_t SentHomeAmong(const std::vector<Made>& made) {
    std::vector<storage::Value> ids = {int64_t{v1::Contract::SENT_HOME}};
    for (const Made& m : made) ids.push_back(m.contract);
    auto c = registry_->db().Acquire();
    EXPECT_TRUE(c.ok());
    auto rows = (*c)->Query(absl::StrCat("SELECT COUNT(*) FROM contracts WHERE expiry = ?"
                                         " AND id IN (",
                                         storage::Placeholders(made.size()), ")"),
                            ids);
    EXPECT_TRUE(rows.ok()) << rows.status();
    return rows.ok() ? (*rows)[0].Int(0) : 0;
  }

  // Each instansi's last day fully swept (contract_sweeps).
  std::map<std::string, std::string> SweptOn() {
    auto c = registry_->db().Acquire();
    EXPECT_TRUE(c.ok());
    auto rows = (*c)->Query("SELECT instansi_code, swept_day FROM contract_sweeps");
    EXPECT_TRUE(rows.ok()) << rows.status();
    std::map<std::string, std::string> out;
    if (rows.ok()) {
      for (const Row& r : *rows) out[r.Str(0)] = r.Str(1);
    }
    return out;
  }

  // Checks `done` until it holds. The deadline is a safety net against a hang,
  // far above any machine's time: the tests assert states, never speed.
  static bool WaitUntil(const std::function<bool()>& done) {
    const absl::Time safety_net = absl::Now() + absl::Minutes(5);
    while (!done()) {
      if (absl::Now() > safety_net) return false;
      absl::SleepFor(absl::Milliseconds(20));
    }
    return true;
  }

  SweepResult Sweep() {
    auto r = scheduler().SweepOnce();
    EXPECT_TRUE(r.ok()) << r.status();
    return r.ok() ? *r : SweepResult{};
  }

  // Sends until nothing is due; returns the notices claimed.
  int SendAll() {
    int total = 0;
    for (;;) {
      auto n = scheduler().SendOnce();
      EXPECT_TRUE(n.ok()) << n.status();
      if (!n.ok() || *n == 0) return total;
      total += *n;
    }
  }

  std::unique_ptr<testing::NotificationServer> notification_;
  std::unique_ptr<testing::RegistryServer> registry_;
  std::unique_ptr<v1::RegistryService::Stub> stub_;
  int serial_ = 0;
};

std::string Ended(const Made& m) {
  return absl::StrCat("registry/honorers/", m.honorer, "/contracts/", m.contract, "/ended/");
}

// The notifications under `prefix`: their templates, in reference order.
std::vector<std::string> TemplatesUnder(const std::map<std::string, std::string>& sent,
                                        const std::string& prefix) {
  std::vector<std::string> out;
  for (const auto& [ref, template_id] : sent) {
    if (absl::StartsWith(ref, prefix)) out.push_back(template_id);
  }
  return out;
}

TEST_P(ContractExpiryTest, AnSkEndsAtMidnightInItsInstansisZone) {
  StartRegistry();
  const Made kupang = Register({.email = "maria@example.id"});
  const Made bekasi = Register({.email = "budi@example.id", .instansi = "3275"});

  clock().Set(kKupangNewYear - absl::Seconds(1));  // 31 December 23:59:59 WITA
  Sweep();
  EXPECT_EQ(Now(kupang.honorer).status, v1::ACTIVE);
  EXPECT_EQ(Contract(kupang.contract).expiry, v1::Contract::NOT_ENDED);

  clock().Set(kKupangNewYear);  // 1 January 2021 00:00 WITA; 31 December 23:00 WIB
  const SweepResult r = Sweep();
  EXPECT_EQ(r.sent_home, 1);
  EXPECT_EQ(Now(kupang.honorer).status, v1::DIRUMAHKAN);
  EXPECT_EQ(Contract(kupang.contract).expiry, v1::Contract::SENT_HOME);
  EXPECT_EQ(Contract(kupang.contract).status_before, v1::ACTIVE);
  EXPECT_EQ(Now(bekasi.honorer).status, v1::ACTIVE) << "still 31 December in Bekasi";
  EXPECT_EQ(Contract(bekasi.contract).expiry, v1::Contract::NOT_ENDED);

  const std::vector<v1::StatusEvent> history = Changes(kupang.honorer);
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].from_status(), v1::ACTIVE);
  EXPECT_EQ(history[0].status(), v1::DIRUMAHKAN);
  EXPECT_EQ(history[0].reason(),
            "SK 800/1/2020 berakhir 31 Desember 2020: dirumahkan sampai SK baru terbit");
  EXPECT_EQ(history[0].principal(), "service:registry");

  clock().Set(kBekasiNewYear);  // 1 January 2021 00:00 WIB
  Sweep();
  EXPECT_EQ(Now(bekasi.honorer).status, v1::DIRUMAHKAN);
  // Swept again the same day: nothing more happens to anyone.
  clock().Advance(absl::Hours(2));
  const SweepResult again = Sweep();
  EXPECT_EQ(again.sent_home + again.kept_at_work + again.not_applicable, 0);
  EXPECT_EQ(Changes(kupang.honorer).size(), 1u);
}

TEST_P(ContractExpiryTest, CrucialUnitsKeepTheirWorkersWithTheFlag) {
  StartRegistry();
  SetPolicy("5371", 30, {"RSUD S. K. Lerik", "Puskesmas", "Damkar"});
  SetContacts("5371", "bkpsdm@kupangkota.go.id");
  const Made teacher = Register({.email = "guru@example.id", .whatsapp = "081234560001"});
  const Made nurse = Register({.unit = "Puskesmas Oesapa", .whatsapp = "081234560002"});
  const Made doctor = Register({.unit = "rsud  s. k. lerik", .email = "rsud@example.id"});
  const Made no_contact = Register({});
  const Made tms = Register({.unit = "Dinas Kesehatan", .email = "tms@example.id"});
  const Made resigned = Register({.unit = "Damkar", .email = "keluar@example.id"});
  const Made renewed = Register({.email = "baru@example.id"});
  // On a PPPK contract: the renewal excludes PPPK, so the expiry leaves them be.
  const Made pppk = Register({.email = "pppk@example.id"});
  ChangeStatus(tms.honorer, v1::TMS, kBknToken);
  ChangeStatus(resigned.honorer, v1::RESIGNED, kKupangToken);
  ChangeStatus(pppk.honorer, v1::PPPK_PARUH_WAKTU, kKupangToken);
  // Renewed in time (its old period becomes RENEWED): the others are excluded.
  clock().Set(kKupangNewYear - absl::Hours(48));
  EXPECT_EQ(Renew2021({teacher.honorer, nurse.honorer, doctor.honorer, no_contact.honorer,
                       tms.honorer})
                .renewed(),
            1);
  EXPECT_EQ(Contract(renewed.contract).expiry, v1::Contract::RENEWED);

  clock().Set(kKupangNewYear + absl::Hours(24 * 3));  // 4 January 2021
  const SweepResult r = Sweep();
  EXPECT_EQ(r.sent_home, 3);  // the teacher, the one without contact, the TMS one
  EXPECT_EQ(r.kept_at_work, 2);
  EXPECT_EQ(r.not_applicable, 2);  // the resigned one, the PPPK paruh waktu

  EXPECT_EQ(Now(teacher.honorer).status, v1::DIRUMAHKAN);
  EXPECT_FALSE(Now(teacher.honorer).working_without_contract);
  for (const Made& kept : {nurse, doctor}) {
    EXPECT_EQ(Now(kept.honorer).status, v1::ACTIVE);
    EXPECT_TRUE(Now(kept.honorer).working_without_contract);
    EXPECT_EQ(Contract(kept.contract).expiry, v1::Contract::KEPT_AT_WORK);
    EXPECT_THAT(Changes(kept.honorer), IsEmpty());
  }
  EXPECT_EQ(Now(tms.honorer).status, v1::DIRUMAHKAN);
  EXPECT_EQ(Contract(tms.contract).status_before, v1::TMS);
  EXPECT_EQ(Now(resigned.honorer).status, v1::RESIGNED);
  EXPECT_EQ(Contract(resigned.contract).expiry, v1::Contract::NOT_APPLICABLE);
  EXPECT_EQ(Now(pppk.honorer).status, v1::PPPK_PARUH_WAKTU);
  EXPECT_FALSE(Now(pppk.honorer).working_without_contract);
  EXPECT_EQ(Contract(pppk.contract).expiry, v1::Contract::NOT_APPLICABLE);
  EXPECT_EQ(Changes(pppk.honorer).size(), 1u) << "only the move to PPPK";
  EXPECT_EQ(Now(renewed.honorer).status, v1::ACTIVE);

  EXPECT_EQ(SendAll(), 6);  // four honorers with a contact, the summary, the renewal
  const auto sent = Notifications();
  EXPECT_THAT(TemplatesUnder(sent, Ended(teacher)),
              UnorderedElementsAre("contract-sent-home", "contract-sent-home-whatsapp"));
  EXPECT_THAT(TemplatesUnder(sent, Ended(nurse)), ElementsAre("contract-kept-at-work-whatsapp"));
  EXPECT_THAT(TemplatesUnder(sent, Ended(doctor)), ElementsAre("contract-kept-at-work"));
  EXPECT_THAT(TemplatesUnder(sent, Ended(tms)), ElementsAre("contract-sent-home"));
  EXPECT_THAT(TemplatesUnder(sent, Ended(no_contact)), IsEmpty());
  EXPECT_THAT(TemplatesUnder(sent, Ended(resigned)), IsEmpty());
  EXPECT_THAT(TemplatesUnder(sent, Ended(pppk)), IsEmpty());
  const std::string summary = "registry/instansi/5371/contracts-ended/2020-12-31/";
  ASSERT_THAT(TemplatesUnder(sent, summary), ElementsAre("contract-expiry-summary"));
  for (const auto& [ref, t] : sent) {
    if (!absl::StartsWith(ref, Ended(teacher))) continue;
    const auto v = ValuesOf(ref);
    EXPECT_EQ(v.at("tanggal_berakhir"), "31 Desember 2020");
    EXPECT_EQ(v.at("nomor_sk"), "800/1/2020");
    EXPECT_EQ(v.at("instansi"), "Pemerintah Kota Kupang");
  }
  for (const auto& [ref, t] : sent) {
    if (!absl::StartsWith(ref, summary)) continue;
    const auto v = ValuesOf(ref);
    EXPECT_EQ(v.at("jumlah_dirumahkan"), "3");
    EXPECT_EQ(v.at("jumlah_tetap_bekerja"), "2");
    EXPECT_EQ(v.at("tanpa_kontak"), "1");
  }
  for (const ContractNotice& n : Notices()) {
    EXPECT_EQ(n.state, ContractNoticeState::kSent) << n.reference << " " << n.detail;
  }
}

TEST_P(ContractExpiryTest, AdminsHearNDaysBeforeOnceWithCountsAndMissingReviews) {
  StartRegistry();
  SetPolicy("3275", 7, {});
  SetPolicy("5371", 30, {"Puskesmas"});
  SetContacts("5371", "bkpsdm@kupangkota.go.id", "https://wa.kupangkota.go.id/hook");
  SetContacts("3275", "bkpsdm@bekasikota.go.id");
  const Made a = Register({.email = "a@example.id"});
  Register({});
  Register({.unit = "Puskesmas Oesapa"});
  const Made resigned = Register({});
  Register({.instansi = "3275"});
  Register({.end = absl::CivilDay(2021, 6, 30)});  // another date, far off
  Review(a.honorer, 2020);
  ChangeStatus(resigned.honorer, v1::RESIGNED, kKupangToken);

  const absl::TimeZone wita = absl::FixedTimeZone(8 * 3600);
  clock().Set(absl::FromCivil(absl::CivilSecond(2020, 11, 30, 12, 0, 0), wita));  // 31 days
  Sweep();
  EXPECT_THAT(Notices(), IsEmpty());

  clock().Set(absl::FromCivil(absl::CivilSecond(2020, 12, 1, 0, 30, 0), wita));  // 30 days
  EXPECT_EQ(Sweep().reminders, 1);  // Kupang only: Bekasi hears 7 days before
  EXPECT_EQ(SendAll(), 1);
  const std::string kupang = "registry/instansi/5371/contracts-ending/2020-12-31/";
  auto sent = Notifications();
  ASSERT_THAT(TemplatesUnder(sent, kupang),
              UnorderedElementsAre("contract-expiring", "contract-expiring-webhook"));
  std::string email, webhook;
  for (const auto& [ref, t] : sent) (t == "contract-expiring" ? email : webhook) = ref;
  const auto v = ValuesOf(email);
  EXPECT_EQ(v.at("jumlah_kontrak"), "3") << "the resigned worker's SK is nobody's concern";
  // The list of contracts about to end and of reviews still missing (point 5).
  EXPECT_EQ(v.at("daftar_kontrak"),
            "- Yohanes Ndun 1, Dinas Pendidikan, SK 800/1/2020\n"
            "- Yohanes Ndun 2, Dinas Pendidikan, SK 800/1/2020\n"
            "- Yohanes Ndun 3, Puskesmas Oesapa, SK 800/1/2020");
  EXPECT_EQ(v.at("daftar_belum_dinilai"),
            "- Yohanes Ndun 2, Dinas Pendidikan\n- Yohanes Ndun 3, Puskesmas Oesapa");
  const auto short_form = ValuesOf(webhook);
  EXPECT_EQ(short_form.count("daftar_kontrak") + short_form.count("daftar_belum_dinilai"), 0u)
      << "the webhook keeps short";
  EXPECT_EQ(short_form.at("jumlah_kontrak"), "3");
  EXPECT_EQ(v.at("penilaian_belum"), "2");
  EXPECT_EQ(v.at("sisa_hari"), "30 hari lagi");
  EXPECT_EQ(v.at("tanggal_berakhir"), "31 Desember 2020");
  EXPECT_EQ(v.at("rincian_unit"),
            "- Dinas Pendidikan: 2 kontrak, 1 belum dinilai\n"
            "- Puskesmas Oesapa: 1 kontrak, 1 belum dinilai (unit krusial: tetap bekerja bila "
            "SK tidak diperpanjang)");

  // Later days of the window: not again.
  for (int day = 2; day <= 24; day += 11) {
    clock().Set(absl::FromCivil(absl::CivilSecond(2020, 12, day, 9, 0, 0), wita));
    Sweep();
    SendAll();
  }
  sent = Notifications();
  EXPECT_EQ(TemplatesUnder(sent, kupang).size(), 2u);
  // 24 December: 7 days before in Bekasi.
  EXPECT_THAT(TemplatesUnder(sent, "registry/instansi/3275/contracts-ending/2020-12-31/"),
              ElementsAre("contract-expiring"));
  EXPECT_EQ(Notices("registry/instansi/").size(), 2u);
}

TEST_P(ContractExpiryTest, NoOneIsToldTwiceAcrossAStopBetweenSendAndMark) {
  // As if the process died after SendBatch answered and before the marks.
  registry::ContractSchedulerOptions crashing;
  crashing.owner = "host/1/crashing";
  crashing.before_mark_for_test = [] { return absl::UnavailableError("killed before marking"); };
  StartRegistry(crashing);
  SetContacts("5371", "bkpsdm@kupangkota.go.id");
  std::vector<Made> told;
  for (int i = 0; i < 6; ++i) {
    told.push_back(Register({.email = i % 3 == 2 ? "" : absl::StrCat("w", i, "@example.id"),
                             .whatsapp = i % 3 == 0 ? "" : absl::StrFormat("0812345600%02d", i)}));
  }
  Register({});  // no contact: counted in the summary only
  clock().Set(kKupangNewYear);
  Sweep();
  EXPECT_FALSE(scheduler().SendOnce().ok());
  // Emails and WhatsApp numbers of the six, and the summary to the admin.
  const size_t recipients = 1 + 2 + 1 + 1 + 2 + 1 + 1;
  EXPECT_EQ(Notifications().size(), recipients);
  for (const ContractNotice& n : Notices()) EXPECT_EQ(n.state, ContractNoticeState::kOwed);

  // "Restarted": a new process on the same database, the same clock.
  testing::RegistryServerOptions o;
  o.database_url = registry_->database_url();
  o.shared_clock = &clock();
  o.contract_scheduler = true;
  o.notification_address = notification_->address();
  o.contract.workers = 0;
  o.contract.owner = "host/2/restarted";
  auto restarted = testing::RegistryServer::Start(GetParam(), o);
  ASSERT_TRUE(restarted.ok()) << restarted.status();
  ContractScheduler& second = *(*restarted)->scheduler();
  EXPECT_EQ(*second.SendOnce(), 0) << "still under the first one's lease";
  clock().Advance(absl::Seconds(6));
  EXPECT_EQ(*second.SendOnce(), 7);
  EXPECT_EQ(*second.SendOnce(), 0);

  const auto sent = Notifications();
  EXPECT_EQ(sent.size(), recipients);  // one notification per reference
  EXPECT_EQ(AlreadySent(), static_cast<int64_t>(recipients))
      << "every second send was answered already_sent";
  for (const Made& m : told) EXPECT_FALSE(TemplatesUnder(sent, Ended(m)).empty());
  const std::vector<ContractNotice> notices = Notices();
  EXPECT_EQ(notices.size(), 7u);
  for (const ContractNotice& n : notices) {
    EXPECT_EQ(n.state, ContractNoticeState::kSent) << n.reference;
    EXPECT_EQ(n.attempts, 2) << n.reference;
  }
}

TEST_P(ContractExpiryTest, TwoReplicasOnOneDatabaseTellEachHonorerOnce) {
  StartRegistry();
  SetContacts("5371", "bkpsdm@kupangkota.go.id");
  SetContacts("3275", "bkpsdm@bekasikota.go.id");
  std::vector<Made> people;
  for (int i = 0; i < 30; ++i) {
    people.push_back(Register({.email = absl::StrCat("w", i, "@example.id"),
                               .instansi = i % 3 == 0 ? "3275" : "5371"}));
  }
  clock().Set(kBekasiNewYear + absl::Hours(1));
  std::vector<std::unique_ptr<testing::RegistryServer>> replicas;
  for (int r = 0; r < 2; ++r) {
    testing::RegistryServerOptions o;
    o.database_url = registry_->database_url();
    o.shared_clock = &clock();
    o.contract_scheduler = true;
    o.notification_address = notification_->address();
    o.contract.workers = 2;
    o.contract.claim_batch = 3;
    o.contract.owner = absl::StrCat("host/", r, "/replica");
    auto replica = testing::RegistryServer::Start(GetParam(), o);
    ASSERT_TRUE(replica.ok()) << replica.status();
    replicas.push_back(std::move(*replica));
  }
  // Both at once: the sweeps race for the instansi, the senders for the notices.
  for (auto& r : replicas) r->scheduler()->Start();
  // Until both instansi are swept (then every notice is written) and every notice
  // has settled: sent, failed, or left owed for a retry the stopped clock never
  // reaches. How long that takes is not what is tested.
  auto settled = [&] {
    if (SweptOn() != std::map<std::string, std::string>{{"3275", "2021-01-01"},
                                                          {"5371", "2021-01-01"}}) {
      return false;
    }
    for (const ContractNotice& n : Notices()) {
      const bool waiting_for_a_retry = n.owner.empty() && n.next_attempt > clock().Now();
      if (n.state == ContractNoticeState::kOwed && !waiting_for_a_retry) return false;
    }
    return true;
  };
  ASSERT_TRUE(WaitUntil(settled)) << "the replicas hung";
  for (auto& r : replicas) r->Stop();

  const size_t notices = people.size() + 2;  // and one summary per instansi
  ASSERT_EQ(Notices().size(), notices);
  for (const ContractNotice& n : Notices()) {
    EXPECT_EQ(n.state, ContractNoticeState::kSent) << n.reference << " " << n.detail;
  }
  const auto sent = Notifications();
  EXPECT_EQ(sent.size(), notices);
  EXPECT_EQ(AlreadySent(), 0) << "a notice was claimed by both replicas";
  for (const Made& m : people) {
    EXPECT_EQ(Now(m.honorer).status, v1::DIRUMAHKAN);
    EXPECT_EQ(Changes(m.honorer).size(), 1u);
    EXPECT_THAT(TemplatesUnder(sent, Ended(m)), ElementsAre("contract-sent-home"));
  }
}

TEST_P(ContractExpiryTest, NotificationDownThenUpTheMessagesGoOutAfter) {
  auto port = notification_->address().substr(notification_->address().rfind(':') + 1);
  auto proxy = testing::TcpProxy::Start(std::stoi(port));
  ASSERT_TRUE(proxy.ok()) << proxy.status();
  StartRegistry({}, (*proxy)->address());
  SetContacts("5371", "bkpsdm@kupangkota.go.id");
  const Made m = Register({.email = "maria@example.id", .whatsapp = "081234567890"});
  const std::string notice = Ended(m).substr(0, Ended(m).size() - 1);
  (*proxy)->Cut();
  clock().Set(kKupangNewYear);
  Sweep();
  EXPECT_EQ(*scheduler().SendOnce(), 2);  // the honorer's and the summary
  std::vector<ContractNotice> owed = Notices(notice);
  ASSERT_EQ(owed.size(), 1u);
  EXPECT_EQ(owed[0].state, ContractNoticeState::kOwed);
  EXPECT_THAT(owed[0].detail, HasSubstr("notification"));
  EXPECT_GT(owed[0].next_attempt, clock().Now()) << "retried later, not at once";
  EXPECT_EQ(*scheduler().SendOnce(), 0);
  clock().Advance(absl::Seconds(1));
  EXPECT_EQ(*scheduler().SendOnce(), 2);  // still down: again later
  EXPECT_THAT(Notifications(), IsEmpty());

  (*proxy)->Restore();
  // gRPC may wait out its reconnect backoff first: each try is one more attempt.
  for (int i = 0; i < 100 && Notices(notice)[0].state == ContractNoticeState::kOwed; ++i) {
    clock().Advance(absl::Seconds(2));
    ASSERT_TRUE(scheduler().SendOnce().ok());
    absl::SleepFor(absl::Milliseconds(100));
  }
  EXPECT_THAT(TemplatesUnder(Notifications(), Ended(m)),
              UnorderedElementsAre("contract-sent-home", "contract-sent-home-whatsapp"));
  owed = Notices(notice);
  EXPECT_EQ(owed[0].state, ContractNoticeState::kSent);
  EXPECT_GE(owed[0].attempts, 3);
}

TEST_P(ContractExpiryTest, ContractsEndedLongAgoAreLeftToAnAdmin) {
  StartRegistry();
  // A registry restored from a backup of 2020, first swept on 1 February 2021.
  std::vector<Made> old;
  for (int i = 0; i < 4; ++i) old.push_back(Register({.email = "lama@example.id"}));
  const Made recent = Register({.email = "baru@example.id", .end = absl::CivilDay(2021, 1, 1)});
  clock().Set(absl::FromCivil(absl::CivilSecond(2021, 2, 1, 9, 0, 0),
                              absl::FixedTimeZone(8 * 3600)));
  const SweepResult r = Sweep();
  EXPECT_EQ(r.overdue, 4);
  EXPECT_EQ(r.sent_home, 1);  // ended 31 days ago: still acted on
  for (const Made& m : old) {
    EXPECT_EQ(Now(m.honorer).status, v1::ACTIVE);
    EXPECT_EQ(Contract(m.contract).expiry, v1::Contract::NOT_ENDED);
  }
  EXPECT_EQ(Now(recent.honorer).status, v1::DIRUMAHKAN);
  SendAll();
  for (const Made& m : old) EXPECT_THAT(TemplatesUnder(Notifications(), Ended(m)), IsEmpty());
  EXPECT_THAT(Notices("registry/instansi/5371/contracts-ended/2020-12-31"), IsEmpty());
  // Listed for an admin to decide on.
  std::vector<std::string> listed;
  for (const Made& m : old) listed.push_back(ContractName(m.honorer, m.contract));
  EXPECT_THAT(Expiring(), ::testing::IsSupersetOf(listed));
  // Swept again later: still left alone.
  clock().Advance(absl::Hours(24));
  EXPECT_EQ(Sweep().overdue, 4);
  for (const Made& m : old) EXPECT_EQ(Now(m.honorer).status, v1::ACTIVE);
}

TEST_P(ContractExpiryTest, ARenewalReturnsTheSentHomeAndTellsThem) {
  StartRegistry();
  SetContacts("5371", "bkpsdm@kupangkota.go.id");
  const Made m = Register({.email = "maria@example.id", .whatsapp = "081234567890"});
  clock().Set(kKupangNewYear + absl::Hours(24 * 3));  // 4 January 2021
  Sweep();
  ASSERT_EQ(Now(m.honorer).status, v1::DIRUMAHKAN);
  clock().Advance(absl::Hours(24 * 3));
  const v1::RenewContractsResponse renewed = Renew2021();
  EXPECT_EQ(renewed.renewed(), 1);
  EXPECT_EQ(renewed.reactivated(), 1);
  EXPECT_EQ(Now(m.honorer).status, v1::ACTIVE);
  SendAll();
  const auto sent = Notifications();
  std::string renewal;
  for (const auto& [ref, t] : sent) {
    if (absl::StrContains(ref, "/renewed/") &&
        absl::StartsWith(ref, absl::StrCat("registry/honorers/", m.honorer, "/"))) {
      if (t == "contract-renewed") renewal = ref;
      EXPECT_THAT(t, ::testing::AnyOf("contract-renewed", "contract-renewed-whatsapp"));
    }
  }
  ASSERT_FALSE(renewal.empty()) << "the renewal was not sent";
  const auto v = ValuesOf(renewal);
  EXPECT_THAT(v.at("kembali_bekerja"), ::testing::HasSubstr("kembali bekerja mulai"));
  EXPECT_EQ(v.at("nomor_sk"), "800/1/2021");
  EXPECT_THAT(TemplatesUnder(sent, Ended(m)),
              UnorderedElementsAre("contract-sent-home", "contract-sent-home-whatsapp"));
  for (const ContractNotice& n : Notices()) {
    EXPECT_EQ(n.state, ContractNoticeState::kSent) << n.reference << " " << n.detail;
  }
}

TEST_P(ContractExpiryTest, AnInstansiLeasedByAnotherReplicaIsLeftToIt) {
  StartRegistry();
  const Made m = Register({});
  clock().Set(kKupangNewYear);
  {
    auto c = registry_->db().Acquire();
    ASSERT_TRUE(c.ok());
    ASSERT_TRUE((*c)->Execute("INSERT INTO contract_sweeps (instansi_code, owner, lease_until_us,"
                              " swept_day, update_time_us) VALUES ('5371', 'host/9/other', ?,"
                              " '2020-12-31', 0)",
                              {absl::ToUnixMicros(clock().Now() + absl::Seconds(30))})
                    .ok());
  }
  Sweep();
  EXPECT_EQ(Now(m.honorer).status, v1::ACTIVE) << "the other replica is sweeping 5371";
  clock().Advance(absl::Seconds(31));  // its lease ran out: it died
  Sweep();
  EXPECT_EQ(Now(m.honorer).status, v1::DIRUMAHKAN);
}

// An older period some writer left NOT_ENDED (an import of last year's SK after
// this year's, a renewal whose SK starts before the current one) is not the
// honorer's current contract: the expiry never acts on it, counts it, or tells.
TEST_P(ContractExpiryTest, AnOlderPeriodLeftNotEndedIsNeverActedOn) {
  StartRegistry();
  SetContacts("5371", "bkpsdm@kupangkota.go.id");
  const Made m = Register({.email = "maria@example.id",
                           .whatsapp = "081234567890",
                           .sk = "800/1/2021",
                           .start = absl::CivilDay(2021, 1, 1),
                           .end = absl::CivilDay(2021, 12, 31)});
  const int64_t old = InsertPeriod(m.honorer, "800/1/2020", kStart, kEnd,
                                   v1::Contract::NOT_ENDED);
  ASSERT_EQ(CurrentStart(m.honorer), "2021-01-01") << "the 2021 SK is the current one";

  clock().Set(absl::FromCivil(absl::CivilSecond(2021, 1, 5, 9, 0, 0),
                              absl::FixedTimeZone(8 * 3600)));  // 5 January 2021, WITA
  const SweepResult r = Sweep();
  EXPECT_EQ(r.sent_home + r.kept_at_work + r.not_applicable, 0);
  EXPECT_EQ(Now(m.honorer).status, v1::ACTIVE);
  EXPECT_FALSE(Now(m.honorer).working_without_contract);
  EXPECT_THAT(Changes(m.honorer), IsEmpty());
  EXPECT_THAT(Contract(old).expiry,
              ::testing::AnyOf(v1::Contract::NOT_ENDED, v1::Contract::RENEWED));
  EXPECT_EQ(Contract(m.contract).expiry, v1::Contract::NOT_ENDED);
  SendAll();
  EXPECT_THAT(Notices(), IsEmpty());
  EXPECT_THAT(Notifications(), IsEmpty());

  // Nor is it overdue once it ended long ago.
  clock().Set(absl::FromCivil(absl::CivilSecond(2021, 3, 1, 9, 0, 0),
                              absl::FixedTimeZone(8 * 3600)));
  EXPECT_EQ(Sweep().overdue, 0);
  EXPECT_EQ(Now(m.honorer).status, v1::ACTIVE);
}

// Migration 7 copies the honorers' dates into periods: only a worker on an SK
// gets one for the expiry to act on; the others' dates are history, not overdue.
TEST_P(ContractExpiryTest, TheBackfillLeavesThoseNotWorkingOutOfTheExpiry) {
  StartRegistry();
  const Made active = Register({});
  const Made tms = Register({});
  std::vector<Made> gone = {Register({}), Register({}), Register({}), Register({})};
  ChangeStatus(tms.honorer, v1::TMS, kBknToken);
  ChangeStatus(gone[0].honorer, v1::RESIGNED, kKupangToken);
  ChangeStatus(gone[1].honorer, v1::PPPK_PARUH_WAKTU, kKupangToken);
  ChangeStatus(gone[2].honorer, v1::DIRUMAHKAN, kKupangToken);
  ChangeStatus(gone[3].honorer, v1::PPPK_PENUH_WAKTU, kKemenpanToken);
  std::string backfill;
  for (const storage::Migration& m : RegistryMigrations()) {
    if (m.version != 7) continue;
    for (const std::string& statement : m.statements) {
      if (absl::StartsWith(statement, "INSERT INTO contracts")) backfill = statement;
    }
  }
  ASSERT_FALSE(backfill.empty()) << "migration 7 has no backfill";
  {
    // As before migration 7: the honorers' dates, no periods.
    auto c = registry_->db().Acquire();
    ASSERT_TRUE(c.ok());
    ASSERT_TRUE((*c)->Execute("DELETE FROM contracts").ok());
    ASSERT_TRUE((*c)->Execute(backfill).ok());
    auto rows = (*c)->Query("SELECT honorer_id, expiry FROM contracts");
    ASSERT_TRUE(rows.ok()) << rows.status();
    std::map<int64_t, int64_t> expiry;
    for (const Row& r : *rows) expiry[r.Int(0)] = r.Int(1);
    EXPECT_EQ(expiry[active.honorer], v1::Contract::NOT_ENDED);
    EXPECT_EQ(expiry[tms.honorer], v1::Contract::NOT_ENDED);
    for (const Made& m : gone) {
      EXPECT_EQ(expiry[m.honorer], v1::Contract::NOT_APPLICABLE) << Now(m.honorer).status;
    }
  }
  // Swept first long after their end: only the two workers are overdue.
  clock().Set(absl::FromCivil(absl::CivilSecond(2021, 3, 1, 9, 0, 0),
                              absl::FixedTimeZone(8 * 3600)));
  EXPECT_EQ(Sweep().overdue, 2);
}

// The outbox keeps 8,000 bytes of values. An oversized value is cut before the
// values are encoded, never the JSON: what is stored always decodes.
TEST_P(ContractExpiryTest, AnOversizedValueIsCutNotTheStoredJson) {
  StartRegistry();
  ContractNotice n;
  n.reference = "registry/instansi/5371/contracts-ended/2020-12-31";
  n.instansi_code = "5371";
  n.kind = ContractNoticeKind::kExpirySummary;
  std::string long_text;
  while (long_text.size() < 20000) long_text += "Puskesmas Oesapa — é ";
  n.values = {{"instansi", "Pemerintah Kota Kupang"},
              {"rincian", long_text},
              {"kutipan", std::string(3000, '"')},  // each escaped in the JSON
              {"tanpa_kontak", "3"}};
  ASSERT_TRUE(storage::InTransaction(registry_->db(), [&](storage::Connection& c) {
                return InsertContractNotices(c, {n}, clock().Now()).status();
              }).ok());

  auto c = registry_->db().Acquire();
  ASSERT_TRUE(c.ok());
  auto rows = (*c)->Query("SELECT payload FROM contract_notices WHERE reference = ?",
                          {n.reference});
  ASSERT_TRUE(rows.ok() && rows->size() == 1);
  const std::string payload = (*rows)[0].Str(0);
  EXPECT_LE(payload.size(), kMaxNoticePayloadBytes);
  auto values = DecodeNoticeValues(payload);
  ASSERT_TRUE(values.ok()) << "the stored JSON was cut";
  EXPECT_EQ(values->at("instansi"), "Pemerintah Kota Kupang");
  EXPECT_EQ(values->at("tanpa_kontak"), "3");
  EXPECT_TRUE(absl::EndsWith(values->at("rincian"), "…"));
  EXPECT_TRUE(absl::StartsWith(values->at("rincian"), "Puskesmas Oesapa — é "));
  EXPECT_LE(values->at("rincian").size(), kMaxNoticeValueBytes);
  EXPECT_FALSE(values->at("kutipan").empty());
  EXPECT_EQ(Notices()[0].values, *values) << "read back as stored";
}

// A renewal (through the API) and the expiry sweep on the same honorers at once,
// on the day after their SK ended, in a few rounds. Whichever commits first for an
// honorer, they end up working on the new SK: renewed before the sweep reached
// them (the old period RENEWED, no history, not told they were sent home), or sent
// home and brought back by the renewal (two history events, told both). Never
// DIRUMAHKAN with a current new SK, never a move recorded twice.
TEST_P(ContractExpiryTest, ARenewalRacingTheSweepLeavesEveryoneWorkingOnTheNewSk) {
  registry::ContractSchedulerOptions small_pages;
  small_pages.page_size = 3;  // many sweep transactions for the renewal to fall between
  StartRegistry(small_pages);
  SetContacts("5371", "bkpsdm@kupangkota.go.id");
  constexpr int kRounds = 4;
  constexpr int kPerRound = 18;
  std::vector<std::vector<Made>> rounds(kRounds);
  std::set<int64_t> with_contact;
  std::vector<absl::CivilDay> ends;
  for (int round = 0; round < kRounds; ++round) {
    ends.push_back(kEnd + 7 * round);
    for (int i = 0; i < kPerRound; ++i) {
      const std::string email = i % 2 == 0 ? absl::StrCat("w", i, "@example.id") : "";
      rounds[round].push_back(Register({.email = email, .end = ends[round]}));
      if (!email.empty()) with_contact.insert(rounds[round].back().honorer);
    }
  }
  int64_t sent_first = 0, renewed_first = 0;
  for (int round = 0; round < kRounds; ++round) {
    SCOPED_TRACE(absl::StrCat("round ", round));
    const absl::CivilDay start = ends[round] + 1;
    clock().Set(absl::FromCivil(absl::CivilSecond(start.year(), start.month(), start.day(), 8, 0,
                                                  0),
                                absl::FixedTimeZone(8 * 3600)));
    std::promise<void> go;
    std::shared_future<void> ready = go.get_future().share();
    absl::Status swept;
    std::atomic<bool> sweep_done{false};
    std::thread sweeper([&] {
      ready.wait();
      swept = scheduler().SweepOnce().status();
      sweep_done = true;
    });
    go.set_value();
    if (round % 2 == 1) {
      // The renewal set off once the sweep has committed its first page, so that
      // it lands among the pages (at once, it tends to win every honorer).
      ASSERT_TRUE(WaitUntil([&] { return sweep_done || SentHomeAmong(rounds[round]) > 0; }));
    }
    const v1::RenewContractsResponse renewal =
        Renew(ends[round], start, start + 364, absl::StrCat("800/", round, "/2021"),
              absl::StrCat("race-", round));
    sweeper.join();
    // A sweep the database aborted (a deadlock with the renewal, after its
    // retries) is finished by the next one; whatever it committed stands.
    if (!swept.ok()) {
      EXPECT_TRUE(absl::IsAborted(swept)) << swept;
      Sweep();
    }
    EXPECT_EQ(renewal.renewed() + renewal.already_renewed(), kPerRound);
    EXPECT_EQ(renewal.excluded(), 0);
    SendAll();

    int64_t sent_home = 0;
    for (const Made& m : rounds[round]) {
      SCOPED_TRACE(absl::StrCat("honorers/", m.honorer));
      EXPECT_EQ(Now(m.honorer).status, v1::ACTIVE);
      EXPECT_FALSE(Now(m.honorer).working_without_contract);
      EXPECT_EQ(CurrentStart(m.honorer), Iso(start)) << "the new SK is current";
      const ContractExpiry expiry = Contract(m.contract).expiry;
      ASSERT_THAT(expiry, ::testing::AnyOf(v1::Contract::RENEWED, v1::Contract::SENT_HOME));
      const bool was_sent_home = expiry == v1::Contract::SENT_HOME;
      sent_home += was_sent_home ? 1 : 0;
      const std::vector<v1::StatusEvent> changes = Changes(m.honorer);
      if (was_sent_home) {
        ASSERT_EQ(changes.size(), 2u);
        EXPECT_EQ(changes[0].status(), v1::DIRUMAHKAN);
        EXPECT_EQ(changes[1].from_status(), v1::DIRUMAHKAN);
        EXPECT_EQ(changes[1].status(), v1::ACTIVE);
      } else {
        EXPECT_THAT(changes, IsEmpty());
      }
      // What they were told matches what happened to them.
      std::vector<ContractNotice> told =
          Notices(absl::StrCat("registry/honorers/", m.honorer, "/"));
      int ended = 0, renewed = 0;
      for (const ContractNotice& n : told) {
        EXPECT_EQ(n.state, ContractNoticeState::kSent) << n.reference << " " << n.detail;
        if (n.kind == ContractNoticeKind::kSentHome) ++ended;
        if (n.kind == ContractNoticeKind::kRenewed) {
          ++renewed;
          EXPECT_EQ(absl::StrContains(n.values.at("kembali_bekerja"), "kembali bekerja mulai"),
                    was_sent_home);
        }
        EXPECT_NE(n.kind, ContractNoticeKind::kKeptAtWork);
      }
      EXPECT_EQ(ended + renewed, static_cast<int>(told.size()));
      if (with_contact.count(m.honorer) == 0) {
        EXPECT_THAT(told, IsEmpty()) << "no contact: told in person";
        continue;
      }
      EXPECT_EQ(renewed, 1);
      EXPECT_EQ(ended, was_sent_home ? 1 : 0);
    }
    // The admins' count is the sweep's: those it sent home, renewed since or not.
    const std::vector<ContractNotice> summary = Notices(SummaryReference("5371", ends[round]));
    if (sent_home == 0) {
      EXPECT_THAT(summary, IsEmpty());
    } else {
      ASSERT_EQ(summary.size(), 1u);
      EXPECT_EQ(summary[0].values.at("jumlah_dirumahkan"), absl::StrCat(sent_home));
    }
    sent_first += sent_home;
    renewed_first += kPerRound - sent_home;
  }
  // Which came first is the race's: logged, not asserted.
  RecordProperty("sent_home_first", static_cast<int>(sent_first));
  RecordProperty("renewed_first", static_cast<int>(renewed_first));
}

INSTANTIATE_TEST_SUITE_P(Backends, ContractExpiryTest, ::testing::Values("sqlite", "mysql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace penataan::registry
