#include "services/formasi/reminder_scheduler.h"

#include <unistd.h>

#include <algorithm>
#include <set>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "common/log.h"
#include "common/server/caller.h"
#include "common/status_macros.h"
#include "penataan/notification/v1/notification.grpc.pb.h"
#include "penataan/registry/v1/registry.grpc.pb.h"
#include "services/formasi/reminder_message.h"
#include "services/formasi/reminder_rules.h"
#include "services/formasi/reminder_sends.h"

namespace penataan::formasi {
namespace {

namespace nv1 = notification::v1;
namespace rv1 = registry::v1;
using storage::Connection;

// Periods whose latest deadline passed longer ago than this are no longer planned
// (their missed notices were planned well before).
constexpr absl::Duration kPlanGrace = absl::Hours(24);
// The registry answers at most this many instansi per page and contacts per call.
constexpr int kRegistryPage = 1000;
constexpr int kMaxSendBatch = 10000;
constexpr int kMarkTries = 5;

Caller Self(const std::string& what) {
  return ServiceSelf("formasi", absl::StrCat("reminders-", what));
}

}  // namespace

std::string DefaultSchedulerOwner() {
  char host[256] = {0};
  if (gethostname(host, sizeof(host) - 1) != 0) host[0] = '\0';
  std::random_device random;
  return absl::StrFormat("%s/%d/%08x", host[0] ? host : "localhost", getpid(), random());
}

ReminderScheduler::ReminderScheduler(storage::Database& db, const Clock& clock,
                                     const PeerClient& registry, const PeerClient& notification,
                                     ReminderSchedulerOptions options)
    : db_(db),
      clock_(clock),
      registry_(registry),
      notification_(notification),
      options_(std::move(options)),
      random_(std::random_device{}()) {
  if (options_.owner.empty()) options_.owner = DefaultSchedulerOwner();
  options_.workers = std::max(options_.workers, 0);
  options_.claim_batch = std::clamp(options_.claim_batch, 1, kRegistryPage);
}

ReminderScheduler::~ReminderScheduler() { Stop(); }

void ReminderScheduler::Start() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = false;
  }
  if (options_.plan) threads_.emplace_back([this] { PlannerLoop(); });
  for (int i = 0; i < options_.workers; ++i) threads_.emplace_back([this, i] { WorkerLoop(i); });
  LogEvent(LogLevel::kInfo, "reminders_started",
           {{"owner", options_.owner}, {"workers", absl::StrCat(options_.workers)},
            {"planning", options_.plan ? "yes" : "no"},
            {"lease_s", absl::StrCat(absl::ToInt64Seconds(options_.lease))}});
}

void ReminderScheduler::Stop() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  for (std::thread& t : threads_) t.join();
  if (!threads_.empty()) LogEvent(LogLevel::kInfo, "reminders_stopped", {{"owner", owner()}});
  threads_.clear();
}

void ReminderScheduler::Wake() {
  absl::MutexLock lock(&mu_);
  ++wakeups_;
}

bool ReminderScheduler::stopping() const {
  absl::MutexLock lock(&mu_);
  return stopping_;
}

void ReminderScheduler::Idle(absl::Duration d, int seen) {
  absl::MutexLock lock(&mu_);
  auto woken = [this, seen]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return stopping_ || wakeups_ != seen;
  };
  mu_.AwaitWithTimeout(absl::Condition(&woken), d);
}

void ReminderScheduler::PlannerLoop() {
  // While the registry or the database is down, planning is tried less often
  // (up to once a minute), so that the log is not a line per tick.
  int failures = 0;
  while (!stopping()) {
    int seen;
    {
      absl::MutexLock lock(&mu_);
      seen = wakeups_;
    }
    absl::StatusOr<int64_t> planned = PlanOnce();
    failures = planned.ok() ? 0 : failures + 1;
    if (!planned.ok()) {
      LogEvent(LogLevel::kWarning, "reminder_planning_failed",
               {{"owner", owner()}, {"failures", absl::StrCat(failures)},
                {"error", std::string(planned.status().message())}});
    }
    Idle(failures == 0 ? options_.tick
                       : std::min(options_.tick * (1 << std::min(failures, 10)), absl::Minutes(1)),
         seen);
  }
}

void ReminderScheduler::WorkerLoop(int index) {
  while (!stopping()) {
    int seen;
    {
      absl::MutexLock lock(&mu_);
      seen = wakeups_;
    }
    absl::StatusOr<int> claimed = SendOnce();
    if (!claimed.ok()) {
      LogEvent(LogLevel::kWarning, "reminder_sending_failed",
               {{"owner", owner()}, {"error", std::string(claimed.status().message())}});
    }
    if (claimed.ok() && *claimed > 0) continue;
    Idle(options_.tick, seen);
  }
}

// ---- Planning ----------------------------------------------------------------------

absl::Status ReminderScheduler::RefreshInstansi() {
  rv1::RegistryService::Stub stub(registry_.channel());
  std::vector<PlanInstansi> list;
  std::map<std::string, InstansiInfo> info;
  rv1::ListInstansiRequest req;
  req.set_page_size(kRegistryPage);
  for (;;) {
    rv1::ListInstansiResponse resp;
    std::unique_ptr<grpc::ClientContext> ctx = registry_.NewContext(Self("plan"));
    RETURN_IF_ERROR(PeerStatus(registry_.name(), stub.ListInstansi(ctx.get(), req, &resp)));
    for (const rv1::Instansi& i : resp.instansi()) {
      list.push_back({i.code(), i.time_zone()});
      info[i.code()] = {i.display_name(), i.time_zone()};
    }
    if (resp.next_page_token().empty()) break;
    req.set_page_token(resp.next_page_token());
  }
  absl::MutexLock lock(&instansi_mu_);
  instansi_ = std::move(list);
  instansi_info_ = std::move(info);
  instansi_time_ = clock_.Now();
  return absl::OkStatus();
}

std::map<std::string, ReminderScheduler::InstansiInfo> ReminderScheduler::InstansiSnapshot() {
  absl::MutexLock lock(&instansi_mu_);
  return instansi_info_;
}

absl::StatusOr<int64_t> ReminderScheduler::PlanOnce(bool force) {
  absl::MutexLock plan_lock(&plan_mu_);
  const absl::Time now = clock_.Now();
  std::vector<PeriodFacts> periods;
  std::map<int64_t, std::string> extension_prints;
  {
    ASSIGN_OR_RETURN(storage::PooledConnection conn, db_.Acquire());
    ASSIGN_OR_RETURN(periods, store_.ListPlannablePeriods(*conn, now - kPlanGrace));
    ASSIGN_OR_RETURN(extension_prints, store_.ExtensionFingerprints(*conn));
  }
  const bool full = force || now - last_full_plan_ >= options_.replan_every;
  std::vector<std::pair<int64_t, std::string>> todo;
  for (const PeriodFacts& p : periods) {
    const std::string print = absl::StrCat(p.version, "|", extension_prints[p.plan.id], "|",
                                           p.close_time ? absl::ToUnixMicros(*p.close_time) : 0);
    auto it = planned_fingerprint_.find(p.plan.id);
    if (full || it == planned_fingerprint_.end() || it->second != print) {
      todo.emplace_back(p.plan.id, print);
    }
  }
  if (todo.empty()) {
    if (full) last_full_plan_ = now;
    return 0;
  }
  bool have_instansi;
  {
    absl::MutexLock lock(&instansi_mu_);
    have_instansi = !instansi_.empty();
  }
  if (full || !have_instansi) RETURN_IF_ERROR(RefreshInstansi());
  std::vector<PlanInstansi> list;
  {
    absl::MutexLock lock(&instansi_mu_);
    list = instansi_;
  }
  int64_t inserted = 0;
  for (const auto& [id, print] : todo) {
    ASSIGN_OR_RETURN(int64_t n, PlanPeriod(id, list));
    inserted += n;
    planned_fingerprint_[id] = print;
  }
  if (full) last_full_plan_ = now;
  return inserted;
}

absl::StatusOr<int64_t> ReminderScheduler::PlanPeriod(int64_t period_id,
                                                      const std::vector<PlanInstansi>& list) {
  int64_t inserted = 0, revived = 0, superseded = 0;
  const absl::Time start = clock_.Now();
  RETURN_IF_ERROR(storage::InTransaction(db_, [&](Connection& c) -> absl::Status {
    // The period is read locked, so an UpdatePeriod commits before or after this
    // whole plan, never in the middle of it.
    ASSIGN_OR_RETURN(std::optional<PeriodFacts> period,
                     store_.ReadPeriod(c, period_id, /*for_update=*/true));
    if (!period) return absl::OkStatus();
    ASSIGN_OR_RETURN(ExtensionDeadlines extensions, store_.Extensions(c, period_id));
    const absl::Time now = clock_.Now();
    const std::vector<PlannedReminder> plan = PlanReminders(period->plan, list, extensions);
    ASSIGN_OR_RETURN(inserted, store_.InsertPlanned(c, plan, now));
    ASSIGN_OR_RETURN(revived, store_.Revive(c, period_id, plan, now));
    ASSIGN_OR_RETURN(superseded, store_.Supersede(c, period_id, plan, period->plan.closed, now));
    return absl::OkStatus();
  }));
  if (inserted > 0 || revived > 0 || superseded > 0) {
    LogEvent(LogLevel::kInfo, "reminders_planned",
             {{"period", absl::StrCat("periods/", period_id)},
              {"instansi", absl::StrCat(list.size())},
              {"inserted", absl::StrCat(inserted)},
              {"revived", absl::StrCat(revived)},
              {"superseded", absl::StrCat(superseded)},
              {"ms", absl::StrCat(absl::ToInt64Milliseconds(clock_.Now() - start))}});
  }
  return inserted + revived;
}

absl::Status ReminderScheduler::DeadlinesChanged(Connection& c, int64_t period_id) {
  ASSIGN_OR_RETURN(std::optional<PeriodFacts> period,
                   store_.ReadPeriod(c, period_id, /*for_update=*/false));
  if (!period) return absl::OkStatus();
  ASSIGN_OR_RETURN(ExtensionDeadlines extensions, store_.Extensions(c, period_id));
  RETURN_IF_ERROR(store_.SupersedeStale(c, *period, extensions, clock_.Now()).status());
  Wake();
  return absl::OkStatus();
}

// ---- Sending -----------------------------------------------------------------------

absl::StatusOr<int> ReminderScheduler::SendOnce() {
  const absl::Time now = clock_.Now();
  std::vector<ReminderRow> claimed;
  RETURN_IF_ERROR(storage::InTransaction(db_, [&](Connection& c) -> absl::Status {
    ASSIGN_OR_RETURN(claimed, store_.Claim(c, now, now + options_.lease, options_.owner,
                                           options_.claim_batch));
    return absl::OkStatus();
  }));
  if (claimed.empty()) return 0;

  // The facts each row is judged by, as they are now.
  std::map<int64_t, PeriodFacts> periods;
  std::map<int64_t, ExtensionDeadlines> extensions;
  std::map<int64_t, std::map<std::string, std::string>> extension_zones;
  std::map<int64_t, std::map<std::string, ProposalState>> proposals;
  {
    std::map<int64_t, std::vector<std::string>> codes;
    for (const ReminderRow& r : claimed) codes[r.period_id].push_back(r.instansi_code);
    ASSIGN_OR_RETURN(storage::PooledConnection conn, db_.Acquire());
    for (const auto& [period_id, period_codes] : codes) {
      ASSIGN_OR_RETURN(std::optional<PeriodFacts> p,
                       store_.ReadPeriod(*conn, period_id, /*for_update=*/false));
      if (p) periods[period_id] = *p;
      ASSIGN_OR_RETURN(extensions[period_id], store_.Extensions(*conn, period_id));
      ASSIGN_OR_RETURN(extension_zones[period_id], store_.ExtensionZones(*conn, period_id));
      ASSIGN_OR_RETURN(proposals[period_id],
                       store_.ProposalStates(*conn, period_id, period_codes));
    }
  }

  std::vector<ReminderOutcome> outcomes;
  auto retry_later = [&](const ReminderRow& r, const std::string& error) {
    // A reminder is worth trying until its deadline (JudgeReminder then fails it
    // with this error); other notices for give_up_after.
    const bool reminder = r.kind == v1::Reminder::DEADLINE_REMINDER;
    const absl::Time give_up = reminder ? r.deadline + absl::Seconds(1)
                                        : r.due_time + options_.give_up_after;
    if (!reminder && now >= give_up) {
      outcomes.push_back({r.id, v1::Reminder::FAILED, absl::StrCat("gave up: ", error), error,
                          now});
      return;
    }
    double jitter;
    {
      absl::MutexLock lock(&random_mu_);
      jitter = std::uniform_real_distribution<double>(0, 1)(random_);
    }
    const absl::Time next = std::min(
        now + RetryDelay(r.attempts, options_.retry_initial, options_.retry_max, jitter),
        std::max(give_up, now));
    outcomes.push_back({r.id, v1::Reminder::PENDING, "", error, next});
  };

  std::vector<const ReminderRow*> to_send;
  for (const ReminderRow& r : claimed) {
    auto p = periods.find(r.period_id);
    if (p == periods.end()) {
      outcomes.push_back({r.id, v1::Reminder::SKIPPED, "period no longer exists", "", now});
      continue;
    }
    const auto& states = proposals[r.period_id];
    auto s = states.find(r.instansi_code);
    const std::optional<ProposalState> state =
        s == states.end() ? std::nullopt : std::optional<ProposalState>(s->second);
    const ReminderVerdict v = JudgeReminder(r, p->second, extensions[r.period_id], state, now);
    switch (v.action) {
      case ReminderVerdict::Action::kSend: to_send.push_back(&r); break;
      case ReminderVerdict::Action::kSkip:
        outcomes.push_back({r.id, v1::Reminder::SKIPPED, v.detail, r.last_error, now});
        break;
      case ReminderVerdict::Action::kFail:
        outcomes.push_back({r.id, v1::Reminder::FAILED, v.detail, r.last_error, now});
        break;
    }
  }

  if (!to_send.empty()) {
    // The contacts of every instansi of the claim, in one call.
    std::vector<std::string> codes;
    for (const ReminderRow* r : to_send) codes.push_back(r->instansi_code);
    std::sort(codes.begin(), codes.end());
    codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
    SendFacts facts;
    facts.periods = periods;
    facts.extensions = extensions;
    facts.extension_zones = extension_zones;
    rv1::RegistryService::Stub registry(registry_.channel());
    rv1::BatchGetInstansiContactsRequest creq;
    for (const std::string& code : codes) creq.add_instansi_codes(code);
    rv1::BatchGetInstansiContactsResponse cresp;
    std::unique_ptr<grpc::ClientContext> cctx = registry_.NewContext(Self("send"));
    absl::Status fetched = PeerStatus(
        registry_.name(), registry.BatchGetInstansiContacts(cctx.get(), creq, &cresp));
    std::map<std::string, InstansiInfo> info = InstansiSnapshot();
    if (fetched.ok()) {
      for (const rv1::InstansiContacts& ic : cresp.contacts()) {
        for (const rv1::InstansiContact& c : ic.contacts()) {
          facts.contacts[ic.instansi_code()].push_back({c.email(), c.webhook_url()});
        }
      }
      if (std::any_of(codes.begin(), codes.end(),
                      [&](const std::string& c) { return info.count(c) == 0; })) {
        // An instansi new since the last plan: its name and zone.
        if (RefreshInstansi().ok()) info = InstansiSnapshot();
      }
    }
    for (const auto& [code, i] : info) facts.instansi[code] = {i.display_name, i.time_zone};

    ClaimSends built;
    if (fetched.ok()) built = BuildSends(to_send, facts, now);
    std::vector<RowSendState>& state = built.rows;
    std::map<std::string, std::vector<const RecipientSend*>> by_template;
    for (const RecipientSend& r : built.sends) by_template[r.template_id].push_back(&r);

    nv1::NotificationService::Stub notify(notification_.channel());
    auto send = [&](const std::string& template_id,
                    const std::vector<const RecipientSend*>& group) {
      nv1::SendBatchRequest req;
      req.set_template_id(template_id);
      for (const RecipientSend* p : group) {
        nv1::SendBatchRequest::Recipient* r = req.add_recipients();
        r->set_recipient(p->recipient);
        r->set_reference(p->reference);
        r->mutable_personalisation()->insert(p->personalisation.begin(),
                                             p->personalisation.end());
      }
      nv1::SendBatchResponse resp;
      std::unique_ptr<grpc::ClientContext> ctx = notification_.NewContext(Self("send"));
      return PeerStatus(notification_.name(), notify.SendBatch(ctx.get(), req, &resp));
    };
    // A batch is all or none: one recipient notification refuses (an address it
    // will not send to, e.g. a webhook on an internal host) refuses the batch.
    // Refused batches are split, by row and then by recipient, so that the
    // refusal drops only that recipient; the references make resending the
    // others harmless (answered already_sent).
    // Only INVALID_ARGUMENT is about a recipient; PERMISSION_DENIED means this
    // service may not send at all (an access table being deployed), which is
    // retried like an outage rather than failing every row for good.
    auto refused = [](const absl::Status& s) { return absl::IsInvalidArgument(s); };
    auto account = [&](const std::vector<const RecipientSend*>& group, const absl::Status& s) {
      for (const RecipientSend* p : group) {
        if (s.ok()) {
          ++state[p->row].sent;
        } else {
          state[p->row].error = std::string(s.message());
        }
      }
    };
    for (const auto& [template_id, recipients] : by_template) {
      for (size_t start = 0; start < recipients.size(); start += kMaxSendBatch) {
        const std::vector<const RecipientSend*> group(
            recipients.begin() + start,
            recipients.begin() + std::min(recipients.size(), start + kMaxSendBatch));
        absl::Status sent = send(template_id, group);
        if (!refused(sent)) {
          account(group, sent);
          continue;
        }
        std::map<size_t, std::vector<const RecipientSend*>> rows;
        for (const RecipientSend* p : group) rows[p->row].push_back(p);
        for (const auto& [row, own] : rows) {
          absl::Status s = own.size() == group.size() ? sent : send(template_id, own);
          if (!refused(s)) {
            account(own, s);
            continue;
          }
          for (const RecipientSend* p : own) {
            absl::Status one = own.size() == 1 ? s : send(template_id, {p});
            if (!refused(one)) {
              account({p}, one);
              continue;
            }
            state[row].dropped.push_back(absl::StrCat("not sent to ", p->who,
                                                      ": refused by notification (",
                                                      absl::StatusCodeToString(one.code()), ")"));
            state[row].refusal = std::string(one.message());
          }
        }
      }
    }

    for (size_t i = 0; i < to_send.size(); ++i) {
      const ReminderRow& r = *to_send[i];
      if (!fetched.ok()) {
        retry_later(r, std::string(fetched.message()));
        continue;
      }
      const RowOutcome o = OutcomeOfRow(state[i]);
      switch (o.result) {
        case RowOutcome::Result::kRetry: retry_later(r, o.error); break;
        case RowOutcome::Result::kRefused:
          LogEvent(LogLevel::kWarning, "reminder_refused",
                   {{"reminder", r.reference}, {"owner", owner()}});
          outcomes.push_back({r.id, v1::Reminder::FAILED, o.detail, o.error, now});
          break;
        case RowOutcome::Result::kSent:
          if (!state[i].dropped.empty()) {
            LogEvent(LogLevel::kWarning, "reminder_recipients_refused",
                     {{"reminder", r.reference}, {"owner", owner()},
                      {"refused", absl::StrCat(state[i].dropped.size())}});
          }
          outcomes.push_back({r.id, v1::Reminder::SENT, o.detail, "", now});
          break;
      }
    }
    if (!fetched.ok()) {
      LogEvent(LogLevel::kWarning, "reminder_contacts_unavailable",
               {{"owner", owner()}, {"rows", absl::StrCat(to_send.size())},
                {"error", std::string(fetched.message())}});
    }
  }

  if (options_.before_mark_for_test) {
    RETURN_IF_ERROR(options_.before_mark_for_test());
  }
  absl::Status marked;
  for (int i = 0; i < kMarkTries; ++i) {
    if (i > 0) absl::SleepFor(absl::Milliseconds(50) * (1 << i));
    marked = storage::InTransaction(db_, [&](Connection& c) {
      return store_.RecordOutcomes(c, options_.owner, outcomes, clock_.Now()).status();
    });
    if (marked.ok()) break;
  }
  if (!marked.ok()) {
    // The rows come back after their lease; what was sent is answered already_sent.
    LogEvent(LogLevel::kError, "reminder_marking_failed",
             {{"owner", owner()}, {"rows", absl::StrCat(outcomes.size())},
              {"error", std::string(marked.message())}});
    return marked;
  }
  return static_cast<int>(claimed.size());
}

}  // namespace penataan::formasi
