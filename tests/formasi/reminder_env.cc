#include "tests/formasi/reminder_env.h"

#include <unistd.h>

#include <fstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status_macros.h"
#include "common/storage/migrations.h"
#include "penataan/registry/v1/registry.grpc.pb.h"
#include "services/formasi/migrations/formasi_migrations.h"
#include "tests/testing/test_tokens.h"

namespace penataan::testing {
namespace {

namespace rv1 = registry::v1;
using storage::Row;

absl::Status FromGrpc(const grpc::Status& s) {
  if (s.ok()) return absl::OkStatus();
  return absl::Status(static_cast<absl::StatusCode>(s.error_code()), s.error_message());
}

}  // namespace

absl::StatusOr<std::unique_ptr<ReminderEnv>> ReminderEnv::Start(const std::string& backend) {
  auto env = std::unique_ptr<ReminderEnv>(new ReminderEnv());
  ASSIGN_OR_RETURN(env->registry_, RegistryServer::Start(backend));
  ASSIGN_OR_RETURN(env->notification_, NotificationServer::Start(backend));
  ASSIGN_OR_RETURN(env->test_db_, storage::testing::TestDatabase::Create(backend));
  storage::DatabaseOptions options{env->test_db_->url(), 16, 10000};
  options.read_committed = true;  // as penataan-formasi opens it: the reminders are a queue
  ASSIGN_OR_RETURN(env->db_, storage::Database::Open(options));
  RETURN_IF_ERROR(storage::ApplyMigrations(*env->db_, formasi::FormasiMigrations()));

  char path[] = "/tmp/penataan-formasi-token-XXXXXX";
  const int fd = mkstemp(path);
  if (fd < 0) return absl::InternalError("mkstemp failed");
  close(fd);
  env->token_file_ = path;
  std::ofstream(env->token_file_) << kFormasiToken << "\n";
  PeerOptions registry{"registry", env->registry_->address(), {}};
  registry.identity.token_file = env->token_file_;
  ASSIGN_OR_RETURN(env->registry_peer_, PeerClient::Create(registry));
  PeerOptions notification{"notification", env->notification_->address(), {}};
  notification.identity.token_file = env->token_file_;
  ASSIGN_OR_RETURN(env->notification_peer_, PeerClient::Create(notification));
  return env;
}

std::unique_ptr<formasi::ReminderScheduler> ReminderEnv::NewScheduler(
    formasi::ReminderSchedulerOptions options) {
  return std::make_unique<formasi::ReminderScheduler>(*db_, clock_, *registry_peer_,
                                                      *notification_peer_, std::move(options));
}

absl::Status ReminderEnv::CreateInstansi(const std::string& code, const std::string& name,
                                         const std::string& zone) {
  rv1::CreateInstansiRequest req;
  req.mutable_instansi()->set_code(code);
  req.mutable_instansi()->set_display_name(name);
  req.mutable_instansi()->set_level(rv1::Instansi::KABUPATEN);
  req.mutable_instansi()->set_time_zone(zone);
  rv1::Instansi out;
  return FromGrpc(registry_->NewStub()->CreateInstansi(Ctx(kKemenpanToken).get(), req, &out));
}

absl::Status ReminderEnv::SetContacts(const std::string& code,
                                      const std::vector<std::string>& emails,
                                      const std::vector<std::string>& webhooks) {
  rv1::UpdateInstansiContactsRequest req;
  req.mutable_contacts()->set_instansi_code(code);
  for (size_t i = 0; i < emails.size(); ++i) {
    rv1::InstansiContact* c = req.mutable_contacts()->add_contacts();
    c->set_display_name(absl::StrCat("Admin ", i + 1));
    c->set_email(emails[i]);
    if (i < webhooks.size()) c->set_webhook_url(webhooks[i]);
  }
  rv1::InstansiContacts out;
  return FromGrpc(
      registry_->NewStub()->UpdateInstansiContacts(Ctx(kKemenpanToken).get(), req, &out));
}

absl::StatusOr<int64_t> ReminderEnv::CreatePeriod(const std::string& name, absl::Time open,
                                                  absl::Time deadline,
                                                  const std::vector<absl::Duration>& offsets) {
  std::vector<std::string> seconds;
  for (absl::Duration d : offsets) seconds.push_back(absl::StrCat(absl::ToInt64Seconds(d)));
  const int64_t now = absl::ToUnixMicros(clock_.Now());
  ASSIGN_OR_RETURN(storage::PooledConnection c, db_->Acquire());
  RETURN_IF_ERROR(
      c->Execute("INSERT INTO periods (display_name, kind, open_time_us, deadline_us,"
                 " deadline_zone, deadline_letter, reminder_offsets, close_time_us,"
                 " close_reason, request_id, created_by, version, create_time_us,"
                 " update_time_us) VALUES (?, 2, ?, ?, 'Asia/Jakarta', '', ?, NULL, '', ?,"
                 " 'national:kemenpanrb', 1, ?, ?)",
                 {name, absl::ToUnixMicros(open), absl::ToUnixMicros(deadline),
                  absl::StrJoin(seconds, ","), absl::StrCat("test-", name), now, now})
          .status());
  return c->LastInsertId();
}

absl::Status ReminderEnv::MoveDeadline(int64_t period_id, absl::Time deadline) {
  ASSIGN_OR_RETURN(storage::PooledConnection c, db_->Acquire());
  return c
      ->Execute("UPDATE periods SET deadline_us = ?, version = version + 1 WHERE id = ?",
                {absl::ToUnixMicros(deadline), period_id})
      .status();
}

absl::Status ReminderEnv::ClosePeriod(int64_t period_id, absl::Time at) {
  ASSIGN_OR_RETURN(storage::PooledConnection c, db_->Acquire());
  return c
      ->Execute("UPDATE periods SET close_time_us = ?, version = version + 1 WHERE id = ?",
                {absl::ToUnixMicros(at), period_id})
      .status();
}

absl::Status ReminderEnv::GrantExtension(int64_t period_id, const std::string& code,
                                         absl::Time deadline, const std::string& zone) {
  ASSIGN_OR_RETURN(storage::PooledConnection c, db_->Acquire());
  RETURN_IF_ERROR(c->Execute("DELETE FROM extensions WHERE period_id = ? AND instansi_code = ?",
                             {period_id, code})
                      .status());
  return c
      ->Execute("INSERT INTO extensions (period_id, instansi_code, deadline_us, deadline_zone,"
                " reason, letter_number, granted_by, grant_time_us)"
                " VALUES (?, ?, ?, ?, 'test', 'B/4014/M.SM.01.00/2025',"
                " 'national:kemenpanrb', ?)",
                {period_id, code, absl::ToUnixMicros(deadline), zone,
                 absl::ToUnixMicros(clock_.Now())})
      .status();
}

absl::Status ReminderEnv::SetProposalState(int64_t period_id, const std::string& code,
                                           formasi::ProposalState state) {
  ASSIGN_OR_RETURN(storage::PooledConnection c, db_->Acquire());
  ASSIGN_OR_RETURN(int64_t changed,
                   c->Execute("UPDATE proposals SET state = ?, version = version + 1"
                              " WHERE period_id = ? AND instansi_code = ?",
                              {int64_t{state}, period_id, code}));
  if (changed > 0) return absl::OkStatus();
  const int64_t now = absl::ToUnixMicros(clock_.Now());
  return c
      ->Execute("INSERT INTO proposals (period_id, instansi_code, state, budget_capacity_idr,"
                " estimated_annual_cost_idr, sptjm_reference, decision_note, submit_time_us,"
                " decide_time_us, decided_by, request_id, created_by, version, create_time_us,"
                " update_time_us) VALUES (?, ?, ?, 0, 0, '', '', NULL, NULL, '', ?, ?, 1, ?, ?)",
                {period_id, code, int64_t{state}, absl::StrCat("test-", period_id, "-", code),
                 absl::StrCat("instansi:", code), now, now})
      .status();
}

absl::StatusOr<std::map<std::string, formasi::ReminderRow>> ReminderEnv::Reminders(
    int64_t period_id) {
  formasi::ReminderStore store;
  ASSIGN_OR_RETURN(storage::PooledConnection c, db_->Acquire());
  std::map<std::string, formasi::ReminderRow> out;
  int64_t after = 0;
  for (;;) {
    ASSIGN_OR_RETURN(std::vector<formasi::ReminderRow> page,
                     store.List(*c, {period_id, "", formasi::v1::Reminder::STATE_UNSPECIFIED},
                                after, 1000));
    for (formasi::ReminderRow& r : page) {
      after = r.id;
      out[r.reference] = std::move(r);
    }
    if (page.size() < 1000) break;
  }
  return out;
}

absl::StatusOr<std::map<std::string, std::string>> ReminderEnv::Notifications() {
  ASSIGN_OR_RETURN(storage::PooledConnection c, notification_->db().Acquire());
  ASSIGN_OR_RETURN(std::vector<Row> rows,
                   c->Query("SELECT reference, template_id FROM notifications ORDER BY id"));
  std::map<std::string, std::string> out;
  for (const Row& r : rows) {
    if (!out.emplace(r.Str(0), r.Str(1)).second) {
      return absl::InternalError(absl::StrCat("reference stored twice: ", r.Str(0)));
    }
  }
  return out;
}

absl::StatusOr<std::string> ReminderEnv::PersonalisationOf(const std::string& reference) {
  ASSIGN_OR_RETURN(storage::PooledConnection c, notification_->db().Acquire());
  ASSIGN_OR_RETURN(std::vector<Row> rows,
                   c->Query("SELECT personalisation FROM notifications WHERE reference = ?",
                            {reference}));
  if (rows.empty()) return absl::NotFoundError(reference);
  return rows[0].Str(0);
}

absl::StatusOr<int64_t> ReminderEnv::AlreadySent() {
  ASSIGN_OR_RETURN(storage::PooledConnection c, notification_->db().Acquire());
  ASSIGN_OR_RETURN(std::vector<Row> rows,
                   c->Query("SELECT COALESCE(SUM(already_sent), 0) FROM batches"));
  return rows[0].Int(0);
}

}  // namespace penataan::testing
