// The reminders through the real formasi service: a period created by RPC is
// planned for every instansi of the registry, ListReminders shows them (national:
// all, paged; an instansi: its own; another's refused), and a grant of an
// extension supersedes the unsent ones inside GrantExtension's own transaction
// (FormasiHooks::deadlines_changed) before the planner adds the new ones.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "absl/strings/str_cat.h"
#include "common/proto_time.h"
#include "services/formasi/reminder_scheduler.h"
#include "tests/testing/formasi_server.h"
#include "tests/testing/notification_server.h"
#include "tests/testing/test_tokens.h"

namespace penataan::formasi {
namespace {

using testing::Ctx;

class ReminderServiceTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (storage::testing::TestDatabase::ShouldSkip(GetParam())) GTEST_SKIP() << "no MySQL";
    testing::FormasiServerOptions options;
    // The scheduler is made after the server (it needs its database): the hook
    // reaches it through this pointer.
    options.hooks.deadlines_changed = [this](storage::Connection& c, const Period& p) {
      return scheduler_ ? scheduler_->DeadlinesChanged(c, p.id) : absl::OkStatus();
    };
    auto server = testing::FormasiServer::Start(GetParam(), options);
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server);
    auto notification = testing::NotificationServer::Start(GetParam());
    ASSERT_TRUE(notification.ok()) << notification.status();
    notification_ = std::move(*notification);

    token_file_ = absl::StrCat(::testing::TempDir(), "/reminder-service-token-", getpid());
    std::ofstream(token_file_) << testing::kFormasiToken << "\n";
    PeerOptions registry{"registry", server_->registry()->address(), {}};
    registry.identity.token_file = token_file_;
    PeerOptions notify{"notification", notification_->address(), {}};
    notify.identity.token_file = token_file_;
    registry_peer_ = *PeerClient::Create(registry);
    notification_peer_ = *PeerClient::Create(notify);
    ReminderSchedulerOptions o;
    o.workers = 0;
    scheduler_ = std::make_unique<ReminderScheduler>(server_->db(), server_->clock(),
                                                     *registry_peer_, *notification_peer_, o);
    stub_ = server_->NewStub();

    v1::CreatePeriodRequest req;
    v1::Period* p = req.mutable_period();
    p->set_display_name("PPPK Penuh Waktu 2025");
    p->set_kind(v1::PPPK_PENUH_WAKTU);
    SetTimestamp(server_->clock().Now() - absl::Hours(24), p->mutable_open_time());
    p->set_deadline_civil_time("2025-08-25 23:59:59");
    p->set_deadline_time_zone("Asia/Jakarta");
    p->add_reminder_offsets()->set_seconds(72 * 3600);
    p->add_reminder_offsets()->set_seconds(2 * 3600);
    grpc::Status s = stub_->CreatePeriod(Ctx(testing::kKemenpanToken).get(), req, &period_);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }

  void TearDown() override { scheduler_.reset(); }

  // Every reminder `token` sees with `code`, paged by `page_size`.
  std::vector<v1::Reminder> List(const std::string& token, const std::string& code,
                                 int page_size, v1::Reminder::State state = {},
                                 int* pages = nullptr) {
    v1::ListRemindersRequest req;
    req.set_period(period_.name());
    req.set_instansi_code(code);
    req.set_page_size(page_size);
    req.set_state(state);
    std::vector<v1::Reminder> out;
    for (int n = 1;; ++n) {
      v1::ListRemindersResponse resp;
      grpc::Status s = stub_->ListReminders(Ctx(token).get(), req, &resp);
      EXPECT_TRUE(s.ok()) << s.error_message();
      out.insert(out.end(), resp.reminders().begin(), resp.reminders().end());
      if (!s.ok() || resp.next_page_token().empty()) {
        if (pages) *pages = n;
        return out;
      }
      req.set_page_token(resp.next_page_token());
    }
  }

  std::unique_ptr<testing::FormasiServer> server_;
  std::unique_ptr<testing::NotificationServer> notification_;
  std::string token_file_;
  std::unique_ptr<PeerClient> registry_peer_, notification_peer_;
  std::unique_ptr<ReminderScheduler> scheduler_;
  std::unique_ptr<v1::FormasiService::Stub> stub_;
  v1::Period period_;
};

TEST_P(ReminderServiceTest, ListRemindersShowsEachPrincipalWhatItMaySee) {
  ASSERT_TRUE(scheduler_->PlanOnce(true).ok());
  int pages = 0;
  const std::vector<v1::Reminder> all = List(testing::kKemenpanToken, "", 4, {}, &pages);
  EXPECT_EQ(all.size(), 9u);  // 3 instansi x (2 offsets + the missed notice)
  EXPECT_EQ(pages, 3);
  const std::vector<v1::Reminder> own = List(testing::kKupangToken, "", 100);
  ASSERT_EQ(own.size(), 3u);
  for (const v1::Reminder& r : own) {
    EXPECT_EQ(r.instansi_code(), "5371");
    EXPECT_EQ(r.state(), v1::Reminder::PENDING);
    EXPECT_THAT(r.name(), ::testing::StartsWith(absl::StrCat(period_.name(), "/reminders/")));
  }
  EXPECT_EQ(own[0].kind(), v1::Reminder::DEADLINE_REMINDER);
  EXPECT_EQ(own[0].offset().seconds(), 72 * 3600);
  EXPECT_EQ(own[0].reference(), ReminderReference(std::stoll(period_.name().substr(8)), "5371",
                                                  v1::Reminder::DEADLINE_REMINDER,
                                                  absl::Hours(72), FromTimestamp(period_.deadline())));
  EXPECT_EQ(FromTimestamp(own[0].due_time()),
            FromTimestamp(period_.deadline()) - absl::Hours(72));

  v1::ListRemindersRequest req;
  req.set_period(period_.name());
  req.set_instansi_code("3275");
  v1::ListRemindersResponse resp;
  EXPECT_EQ(stub_->ListReminders(Ctx(testing::kKupangToken).get(), req, &resp).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  req.set_period("periods/999");
  req.set_instansi_code("");
  EXPECT_EQ(stub_->ListReminders(Ctx(testing::kKemenpanToken).get(), req, &resp).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_P(ReminderServiceTest, AGrantedExtensionSupersedesTheUnsentRemindersAtOnce) {
  ASSERT_TRUE(scheduler_->PlanOnce(true).ok());
  v1::GrantExtensionRequest grant;
  v1::Extension* e = grant.mutable_extension();
  e->set_period(period_.name());
  e->set_instansi_code("5371");
  e->set_deadline_civil_time("2025-08-28 23:59:59");
  e->set_reason("Banyak honorer belum terdata");
  e->set_letter_number("B/4014/M.SM.01.00/2025");
  v1::Extension out;
  grpc::Status s = stub_->GrantExtension(Ctx(testing::kKemenpanToken).get(), grant, &out);
  ASSERT_TRUE(s.ok()) << s.error_message();
  std::vector<v1::Reminder> skipped = List(testing::kKupangToken, "", 100, v1::Reminder::SKIPPED);
  ASSERT_EQ(skipped.size(), 3u);
  for (const v1::Reminder& r : skipped) EXPECT_EQ(r.detail(), "deadline moved");
  ASSERT_TRUE(scheduler_->PlanOnce().ok());
  std::vector<v1::Reminder> pending = List(testing::kKupangToken, "", 100, v1::Reminder::PENDING);
  ASSERT_EQ(pending.size(), 3u);
  for (const v1::Reminder& r : pending) {
    EXPECT_EQ(FromTimestamp(r.deadline()), FromTimestamp(out.deadline()));
  }
  EXPECT_EQ(List(testing::kBekasiToken, "", 100, v1::Reminder::PENDING).size(), 3u);
}

TEST_P(ReminderServiceTest, ADecisionNoticeOfDecideProposalIsSent) {
  ASSERT_TRUE(registry_peer_ != nullptr);
  registry::v1::UpdateInstansiContactsRequest contacts;
  contacts.mutable_contacts()->set_instansi_code("3275");
  contacts.mutable_contacts()->add_contacts()->set_email("bkpsdm@bekasikota.go.id");
  registry::v1::InstansiContacts set;
  ASSERT_TRUE(server_->registry()
                  ->NewStub()
                  ->UpdateInstansiContacts(Ctx(testing::kKemenpanToken).get(), contacts, &set)
                  .ok());
  // A proposal submitted and returned through the RPCs: DecideProposal writes
  // the notice in its own transaction.
  v1::CreateProposalRequest create;
  v1::Proposal* draft = create.mutable_proposal();
  draft->set_period(period_.name());
  draft->set_instansi_code("3275");
  v1::ProposalLine* line = draft->add_lines();
  line->set_jabatan_category(common::v1::GURU);
  line->set_position_title("Guru Kelas");
  line->set_education_qualification(common::v1::S1);
  line->set_unit_kerja("Dinas Pendidikan");
  line->set_count(3);
  line->set_monthly_pay_idr(2'500'000);
  draft->set_sptjm_reference("800/123/BKPSDM/2025");
  draft->set_budget_capacity_idr(1'000'000'000);
  v1::Proposal proposal;
  grpc::Status s = stub_->CreateProposal(Ctx(testing::kBekasiToken).get(), create, &proposal);
  ASSERT_TRUE(s.ok()) << s.error_message();
  v1::SubmitProposalRequest submit;
  submit.set_name(proposal.name());
  s = stub_->SubmitProposal(Ctx(testing::kBekasiToken).get(), submit, &proposal);
  ASSERT_TRUE(s.ok()) << s.error_message();
  v1::DecideProposalRequest decide;
  decide.set_name(proposal.name());
  decide.set_decision(v1::DecideProposalRequest::RETURN);
  decide.set_note("Lampirkan SPTJM yang ditandatangani \"Wali Kota\"");
  s = stub_->DecideProposal(Ctx(testing::kKemenpanToken).get(), decide, &proposal);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(proposal.state(), v1::Proposal::RETURNED);
  ASSERT_EQ(*scheduler_->SendOnce(), 1);
  std::vector<v1::Reminder> sent = List(testing::kBekasiToken, "", 100, v1::Reminder::SENT);
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].kind(), v1::Reminder::DECISION);
  auto conn = notification_->db().Acquire();
  ASSERT_TRUE(conn.ok());
  auto rows = (*conn)->Query("SELECT template_id, personalisation FROM notifications");
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].Str(0), "formasi-proposal-decision");
  EXPECT_THAT((*rows)[0].Str(1), ::testing::HasSubstr("DIKEMBALIKAN"));
  EXPECT_THAT((*rows)[0].Str(1), ::testing::HasSubstr("Wali Kota"));
}

INSTANTIATE_TEST_SUITE_P(Backends, ReminderServiceTest, ::testing::Values("sqlite", "mysql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace penataan::formasi
