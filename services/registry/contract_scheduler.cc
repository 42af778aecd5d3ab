#include "services/registry/contract_scheduler.h"

#include <unistd.h>

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/audit_record.h"
#include "common/log.h"
#include "common/peer/notification_batch.h"
#include "common/server/caller.h"
#include "common/status_macros.h"
#include "services/registry/contract_messages.h"
#include "services/registry/contract_metrics.h"
#include "services/registry/contract_sends.h"
#include "services/registry/crucial_units.h"

namespace penataan::registry {
namespace {

using storage::Connection;

constexpr int kInstansiPage = 1000;
constexpr int kMarkTries = 5;

// Who the scheduler is in audit records, history events and calls to notification.
Caller Self(const std::string& request_id) { return ServiceSelf("registry", request_id); }

absl::TimeZone ZoneOf(const Instansi& instansi) {
  absl::TimeZone zone;
  if (!absl::LoadTimeZone(instansi.time_zone, &zone)) zone = absl::UTCTimeZone();
  return zone;
}

std::string DisplayName(const Instansi& instansi) {
  return instansi.display_name.empty() ? instansi.code : instansi.display_name;
}

// Per end date, the units whose workers' contracts end then (only workers the
// expiry would act on: a RESIGNED honorer's last SK is no one's business).
std::map<absl::CivilDay, std::vector<UnitEnding>> UnitsByEndDate(
    const std::vector<EndingGroup>& groups, const std::vector<CrucialUnit>& crucial) {
  std::map<absl::CivilDay, std::map<std::string, UnitEnding>> by_day;
  for (const EndingGroup& g : groups) {
    if (!WorksOnContract(g.status)) continue;
    UnitEnding& u = by_day[g.end_date][g.unit_kerja];
    u.unit_kerja = g.unit_kerja;
    u.contracts += g.contracts;
    u.reviews_missing += g.reviews_missing;
    u.crucial = IsCrucialUnit(crucial, g.unit_kerja);
  }
  std::map<absl::CivilDay, std::vector<UnitEnding>> out;
  for (auto& [day, units] : by_day) {
    for (auto& [name, u] : units) out[day].push_back(std::move(u));
  }
  return out;
}

}  // namespace

std::string DefaultContractSchedulerOwner() {
  char host[256] = {0};
  if (gethostname(host, sizeof(host) - 1) != 0) host[0] = '\0';
  std::random_device random;
  return absl::StrFormat("%s/%d/%08x", host[0] ? host : "localhost", getpid(), random());
}

ContractScheduler::ContractScheduler(storage::Database& db, const Clock& clock,
                                     const PeerClient* notification,
                                     ContractSchedulerOptions options)
    : db_(db),
      clock_(clock),
      notification_(notification),
      options_(std::move(options)),
      random_(std::random_device{}()) {
  if (options_.owner.empty()) options_.owner = DefaultContractSchedulerOwner();
  options_.workers = std::max(options_.workers, 0);
  options_.page_size = std::clamp(options_.page_size, 1, 500);
  options_.claim_batch = std::clamp(options_.claim_batch, 1, 1000);
  options_.max_overdue_days = std::max(options_.max_overdue_days, 0);
}

ContractScheduler::~ContractScheduler() { Stop(); }

void ContractScheduler::Start() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = false;
  }
  if (options_.sweep) threads_.emplace_back([this] { SweeperLoop(); });
  const int workers = notification_ == nullptr ? 0 : options_.workers;
  for (int i = 0; i < workers; ++i) threads_.emplace_back([this] { WorkerLoop(); });
  LogEvent(LogLevel::kInfo, "contract_scheduler_started",
           {{"owner", owner()}, {"workers", absl::StrCat(workers)},
            {"sweeping", options_.sweep ? "yes" : "no"},
            {"lease_s", absl::StrCat(absl::ToInt64Seconds(options_.lease))},
            {"max_overdue_days", absl::StrCat(options_.max_overdue_days)}});
  if (notification_ == nullptr) {
    LogEvent(LogLevel::kWarning, "contract_notices_not_sent",
             {{"owner", owner()},
              {"why", "no identity towards the notification service (--peer_token_file or "
                      "--peer_tls_cert_file); notices wait in the outbox"}});
  }
}

void ContractScheduler::Stop() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  for (std::thread& t : threads_) t.join();
  if (!threads_.empty()) {
    LogEvent(LogLevel::kInfo, "contract_scheduler_stopped", {{"owner", owner()}});
  }
  threads_.clear();
}

bool ContractScheduler::stopping() const {
  absl::MutexLock lock(&mu_);
  return stopping_;
}

void ContractScheduler::Idle(absl::Duration d) {
  absl::MutexLock lock(&mu_);
  auto stop = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return stopping_; };
  mu_.AwaitWithTimeout(absl::Condition(&stop), d);
}

void ContractScheduler::SweeperLoop() {
  // While the database is down, sweeping is tried less often (up to once a
  // minute), so that the log is not a line per tick.
  int failures = 0;
  while (!stopping()) {
    absl::StatusOr<SweepResult> swept = SweepOnce();
    failures = swept.ok() ? 0 : failures + 1;
    if (!swept.ok()) {
      LogEvent(LogLevel::kWarning, "contract_sweep_failed",
               {{"owner", owner()}, {"failures", absl::StrCat(failures)},
                {"error", std::string(swept.status().message())}});
    }
    Idle(failures == 0 ? options_.tick
                       : std::min(options_.tick * (1 << std::min(failures, 10)),
                                  absl::Minutes(1)));
  }
}

void ContractScheduler::WorkerLoop() {
  while (!stopping()) {
    absl::StatusOr<int> claimed = SendOnce();
    if (!claimed.ok()) {
      LogEvent(LogLevel::kWarning, "contract_notices_sending_failed",
               {{"owner", owner()}, {"error", std::string(claimed.status().message())}});
    }
    if (claimed.ok() && *claimed > 0) continue;
    Idle(options_.tick);
  }
}

// ---- Sweeping ----------------------------------------------------------------------

absl::StatusOr<SweepResult> ContractScheduler::SweepOnce() {
  SweepResult total;
  absl::Status first_error;
  std::string after;
  // Only instansi that look due are claimed (a write each): most ticks claim none.
  std::map<std::string, SweepState> states;
  {
    ASSIGN_OR_RETURN(storage::PooledConnection conn, db_.Acquire());
    ASSIGN_OR_RETURN(states, sweeps_.List(*conn));
  }
  for (;;) {
    std::vector<Instansi> page;
    {
      ASSIGN_OR_RETURN(storage::PooledConnection conn, db_.Acquire());
      ASSIGN_OR_RETURN(page, registry_.ListInstansi(*conn, after, kInstansiPage));
    }
    for (const Instansi& instansi : page) {
      if (stopping()) return total;
      const absl::Time now = clock_.Now();
      auto state = states.find(instansi.code);
      if (state != states.end() &&
          !ContractSweepStore::Due(state->second, absl::ToCivilDay(now, ZoneOf(instansi)), now,
                                   now - options_.resweep_every)) {
        continue;
      }
      absl::StatusOr<SweepResult> r = SweepInstansi(instansi);
      if (!r.ok()) {
        // One instansi's trouble (its data, a lock) does not hold up the others.
        if (first_error.ok()) first_error = r.status();
        continue;
      }
      total.swept |= r->swept;
      total.reminders += r->reminders;
      total.sent_home += r->sent_home;
      total.kept_at_work += r->kept_at_work;
      total.not_applicable += r->not_applicable;
      total.overdue += r->overdue;
      total.notices += r->notices;
    }
    if (page.size() < static_cast<size_t>(kInstansiPage)) break;
    after = page.back().code;
  }
  if (!first_error.ok()) return first_error;
  return total;
}

absl::StatusOr<SweepResult> ContractScheduler::SweepInstansi(const Instansi& instansi) {
  SweepResult result;
  const absl::Time now = clock_.Now();
  // The instansi's own day: an SK ending 31 December has ended at 00:00 there.
  const absl::CivilDay today = absl::ToCivilDay(now, ZoneOf(instansi));
  bool claimed = false;
  RETURN_IF_ERROR(storage::InTransaction(db_, [&](Connection& c) -> absl::Status {
    ASSIGN_OR_RETURN(claimed, sweeps_.Claim(c, instansi.code, owner(), today, now,
                                            now - options_.resweep_every, now + options_.lease));
    return absl::OkStatus();
  }));
  if (!claimed) return result;
  result.swept = true;
  const absl::Time start = clock_.Now();

  absl::Status swept = [&]() -> absl::Status {
    RETURN_IF_ERROR(Reminders(instansi, today, result));
    for (;;) {
      if (stopping()) return absl::CancelledError("stopping");
      ASSIGN_OR_RETURN(int decided, ExpiryPage(instansi, today, result));
      if (decided == 0) break;
    }
    return Summaries(instansi, today, result);
  }();

  absl::Status released = storage::InTransaction(db_, [&](Connection& c) {
    return swept.ok() ? sweeps_.Finish(c, instansi.code, owner(), today, clock_.Now())
                      : sweeps_.Release(c, instansi.code, owner());
  });
  if (!swept.ok()) {
    if (absl::IsCancelled(swept)) return result;
    LogEvent(LogLevel::kWarning, "contract_sweep_incomplete",
             {{"instansi", instansi.code}, {"owner", owner()},
              {"error", std::string(swept.message())}});
    return swept;
  }
  RETURN_IF_ERROR(released);

  SetContractsOverdue(instansi.code, result.overdue);
  if (result.overdue > 0) {
    // Left for an admin: listed by ListExpiringContracts with include_ended.
    LogEvent(LogLevel::kWarning, "contracts_overdue",
             {{"instansi", instansi.code}, {"contracts", absl::StrCat(result.overdue)},
              {"max_overdue_days", absl::StrCat(options_.max_overdue_days)},
              {"today", FormatIsoDate(today)}});
  }
  if (result.reminders > 0 || result.sent_home > 0 || result.kept_at_work > 0 ||
      result.not_applicable > 0 || result.notices > 0) {
    LogEvent(LogLevel::kInfo, "contracts_swept",
             {{"instansi", instansi.code}, {"today", FormatIsoDate(today)},
              {"reminders", absl::StrCat(result.reminders)},
              {"sent_home", absl::StrCat(result.sent_home)},
              {"kept_at_work", absl::StrCat(result.kept_at_work)},
              {"not_applicable", absl::StrCat(result.not_applicable)},
              {"notices", absl::StrCat(result.notices)},
              {"ms", absl::StrCat(absl::ToInt64Milliseconds(clock_.Now() - start))}});
  }
  return result;
}

absl::Status ContractScheduler::Reminders(const Instansi& instansi, absl::CivilDay today,
                                          SweepResult& result) {
  std::vector<ContractNotice> notices;
  {
    ASSIGN_OR_RETURN(storage::PooledConnection conn, db_.Acquire());
    ASSIGN_OR_RETURN(ContractPolicy policy, contracts_.GetPolicy(*conn, instansi.code, false));
    const int days = std::clamp(policy.expiry_notice_days, 0, kMaxExpiryNoticeDays);
    ASSIGN_OR_RETURN(std::vector<EndingGroup> groups,
                     sweeps_.Ending(*conn, instansi.code, today, today + days));
    std::map<absl::CivilDay, std::vector<UnitEnding>> by_date =
        UnitsByEndDate(groups, policy.crucial_units);
    std::vector<std::string> references;
    for (const auto& [end, units] : by_date) {
      if (InReminderWindow(end, today, days)) {
        references.push_back(ExpiringReference(instansi.code, end));
      }
    }
    // The lists are read only for a date whose notice is still to be written: an
    // instansi is swept every hour, and the admins hear of a date once.
    ASSIGN_OR_RETURN(std::set<std::string> written,
                     ExistingContractNotices(*conn, references));
    for (const auto& [end, units] : by_date) {
      ContractNotice n;
      n.reference = ExpiringReference(instansi.code, end);
      if (!InReminderWindow(end, today, days) || written.count(n.reference) > 0) continue;
      ASSIGN_OR_RETURN(std::vector<EndingContract> ending,
                       sweeps_.EndingList(*conn, instansi.code, end, /*review_missing=*/false,
                                          kMaxListedContracts));
      ASSIGN_OR_RETURN(std::vector<EndingContract> missing,
                       sweeps_.EndingList(*conn, instansi.code, end, /*review_missing=*/true,
                                          kMaxListedContracts));
      n.instansi_code = instansi.code;
      n.kind = ContractNoticeKind::kExpiringSoon;
      n.values = ExpiringValues(DisplayName(instansi), instansi.code, end, today, units, ending,
                                missing);
      notices.push_back(std::move(n));
    }
  }
  if (notices.empty()) return absl::OkStatus();
  // Written once per end date (the reference): the admins hear the first day the
  // date is in the window, not every sweep after.
  return storage::InTransaction(db_, [&](Connection& c) -> absl::Status {
    ASSIGN_OR_RETURN(result.reminders, InsertContractNotices(c, notices, clock_.Now()));
    return absl::OkStatus();
  });
}

absl::StatusOr<int> ContractScheduler::ExpiryPage(const Instansi& instansi, absl::CivilDay today,
                                                  SweepResult& result) {
  // Ended on or after `since`: not overdue (IsOverdue); before it, left alone.
  const absl::CivilDay since = today - options_.max_overdue_days;
  const std::string request_id =
      absl::StrCat("contract-expiry-", instansi.code, "-", FormatIsoDate(today));
  const Caller self = Self(request_id);
  int decided = 0;
  int64_t sent_home = 0, kept = 0, not_applicable = 0, notices_written = 0, refused = 0;
  RETURN_IF_ERROR(storage::InTransaction(db_, [&](Connection& c) -> absl::Status {
    decided = 0;
    sent_home = kept = not_applicable = notices_written = refused = 0;
    const absl::Time now = clock_.Now();
    // The lease is checked where the page commits: a sweep that lost it (a stall
    // longer than the lease) writes nothing more.
    ASSIGN_OR_RETURN(bool held,
                     sweeps_.Renew(c, instansi.code, owner(), now, now + options_.lease));
    if (!held) {
      return absl::AbortedError(absl::StrCat("the sweep of instansi ", instansi.code,
                                             " lost its lease to another replica"));
    }
    ASSIGN_OR_RETURN(ContractPolicy policy, contracts_.GetPolicy(c, instansi.code, false));
    ASSIGN_OR_RETURN(std::vector<EndedContract> page,
                     sweeps_.EndedPage(c, instansi.code, since, today, options_.page_size));
    if (page.empty()) return absl::OkStatus();

    std::vector<StatusChange> changes;
    std::vector<int64_t> kept_ids;
    std::vector<ExpiryWrite> writes;
    std::vector<ContractNotice> notices;
    std::set<int64_t> honorers;
    for (const EndedContract& e : page) {
      if (IsOverdue(e.end_date, today, options_.max_overdue_days)) continue;
      // Only current periods are read, so one per honorer; not trusted here: a
      // second waits for the next page, where it meets the status the first left.
      if (!honorers.insert(e.honorer_id).second) continue;
      ContractExpiry expiry =
          DecideExpiry(e.end_date, today, e.status, IsCrucialUnit(policy.crucial_units,
                                                                  e.unit_kerja));
      // The expiry moves a status only as the instansi itself could.
      if (expiry == v1::Contract::SENT_HOME && !CheckSendHome(e.status).ok()) {
        expiry = v1::Contract::NOT_APPLICABLE;
        ++refused;
      }
      ExpiryWrite w{e.contract_id, expiry, v1::HONORER_STATUS_UNSPECIFIED};
      ContractNoticeKind kind = ContractNoticeKind::kSentHome;
      switch (expiry) {
        case v1::Contract::SENT_HOME:
          changes.push_back({e.honorer_id, e.status, v1::DIRUMAHKAN,
                             SentHomeReason(e.sk_number, e.end_date)});
          w.status_before = e.status;
          ++sent_home;
          break;
        case v1::Contract::KEPT_AT_WORK:
          kept_ids.push_back(e.honorer_id);
          kind = ContractNoticeKind::kKeptAtWork;
          ++kept;
          break;
        default:
          ++not_applicable;
          break;
      }
      writes.push_back(w);
      ++decided;
      if (e.has_contact && (expiry == v1::Contract::SENT_HOME ||
                            expiry == v1::Contract::KEPT_AT_WORK)) {
        ContractNotice n;
        n.reference = EndedReference(e.honorer_id, e.contract_id);
        n.instansi_code = instansi.code;
        n.honorer_id = e.honorer_id;
        n.kind = kind;
        n.values = EndedValues(e.full_name, DisplayName(instansi), e.unit_kerja, e.sk_number,
                               e.end_date);
        notices.push_back(std::move(n));
      }
    }
    const std::string principal = self.principal.ToString();
    RETURN_IF_ERROR(registry_.ChangeStatuses(c, changes, principal, request_id, self.origin, now));
    RETURN_IF_ERROR(sweeps_.FlagWorkingWithoutContract(c, kept_ids, now));
    RETURN_IF_ERROR(sweeps_.SetExpiries(c, writes, now));
    ASSIGN_OR_RETURN(notices_written, InsertContractNotices(c, notices, now));
    return registry_.InsertAudit(
        c, AuditRecord{principal, "ContractExpiry", absl::StrCat("instansi/", instansi.code),
                       request_id, "OK",
                       absl::StrCat(decided, " ended contracts (end ",
                                    FormatIsoDate(page.front().end_date), " to ",
                                    FormatIsoDate(page.back().end_date), "): ", sent_home,
                                    " sent home, ", kept, " kept at work, ", not_applicable,
                                    " not applicable; ", notices_written, " notices"),
                       now, self.origin});
  }));
  CountContractExpiry(sent_home, kept, not_applicable);
  if (refused > 0) {
    // DecideExpiry and the status rules disagree: a defect to fix, not data.
    LogEvent(LogLevel::kError, "contract_expiry_refused_by_status_rules",
             {{"instansi", instansi.code}, {"contracts", absl::StrCat(refused)}});
  }
  result.sent_home += sent_home;
  result.kept_at_work += kept;
  result.not_applicable += not_applicable;
  result.notices += notices_written;
  return decided;
}

absl::Status ContractScheduler::Summaries(const Instansi& instansi, absl::CivilDay today,
                                          SweepResult& result) {
  const absl::CivilDay since = today - options_.max_overdue_days;
  std::vector<ContractNotice> notices;
  {
    ASSIGN_OR_RETURN(storage::PooledConnection conn, db_.Acquire());
    ASSIGN_OR_RETURN(result.overdue, sweeps_.CountEndedBefore(*conn, instansi.code, since));
    // Every page of these end dates has committed by now, so the counts are whole;
    // a sweep cut short writes no summary, and the one that finishes does.
    ASSIGN_OR_RETURN(auto ended, sweeps_.CountEnded(*conn, instansi.code, since, today));
    for (const auto& [end, counts] : ended) {
      ContractNotice n;
      n.reference = SummaryReference(instansi.code, end);
      n.instansi_code = instansi.code;
      n.kind = ContractNoticeKind::kExpirySummary;
      n.values = SummaryValues(DisplayName(instansi), end, counts.sent_home, counts.kept_at_work,
                               counts.without_contact);
      notices.push_back(std::move(n));
    }
  }
  if (notices.empty()) return absl::OkStatus();
  return storage::InTransaction(db_, [&](Connection& c) -> absl::Status {
    ASSIGN_OR_RETURN(int64_t written, InsertContractNotices(c, notices, clock_.Now()));
    result.notices += written;
    return absl::OkStatus();
  });
}

// ---- Sending -----------------------------------------------------------------------

absl::Time ContractScheduler::NextAttempt(int attempts, absl::Time now) {
  absl::Duration d = options_.retry_initial;
  for (int i = 1; i < attempts && d < options_.retry_max; ++i) d *= 2;
  d = std::min(d, options_.retry_max);
  double jitter;
  {
    absl::MutexLock lock(&random_mu_);
    jitter = std::uniform_real_distribution<double>(0.5, 1.5)(random_);
  }
  return now + d * jitter;
}

absl::StatusOr<int> ContractScheduler::SendOnce() {
  if (notification_ == nullptr) return 0;
  const absl::Time now = clock_.Now();
  std::vector<ContractNotice> claimed;
  RETURN_IF_ERROR(storage::InTransaction(db_, [&](Connection& c) -> absl::Status {
    ASSIGN_OR_RETURN(claimed, ClaimContractNotices(c, now, now + options_.lease, owner(),
                                                   options_.claim_batch));
    return absl::OkStatus();
  }));
  if (claimed.empty()) return 0;

  // The recipients as they are now (a contact changed since the notice was
  // written is the one used). A failed read leaves the claim to its lease.
  NoticeAddresses addresses;
  {
    std::vector<int64_t> ids;
    std::vector<std::string> codes;
    for (const ContractNotice& n : claimed) {
      if (ToHonorer(n.kind)) {
        ids.push_back(n.honorer_id);
      } else {
        codes.push_back(n.instansi_code);
      }
    }
    ASSIGN_OR_RETURN(storage::PooledConnection conn, db_.Acquire());
    if (!ids.empty()) {
      ASSIGN_OR_RETURN(std::vector<Honorer> honorers, registry_.GetHonorersById(*conn, ids));
      for (const Honorer& h : honorers) addresses.honorers[h.id] = h.contact;
    }
    if (!codes.empty()) {
      ASSIGN_OR_RETURN(std::vector<InstansiContactList> lists,
                       registry_.GetContactLists(*conn, codes));
      for (InstansiContactList& l : lists) {
        addresses.instansi[l.instansi_code] = std::move(l.contacts);
      }
    }
  }

  ClaimSends built = BuildNoticeSends(claimed, addresses);
  std::map<std::string, std::vector<const NoticeSend*>> by_template;
  for (const NoticeSend& s : built.sends) by_template[s.template_id].push_back(&s);
  const Caller self = Self("contract-notices");
  for (const auto& [template_id, sends] : by_template) {
    for (size_t start = 0; start < sends.size(); start += kMaxSendBatchRecipients) {
      const size_t end = std::min(sends.size(), start + kMaxSendBatchRecipients);
      std::vector<BatchRecipient> recipients;
      recipients.reserve(end - start);
      for (size_t i = start; i < end; ++i) {
        const NoticeSend& s = *sends[i];
        const ContractNotice& n = claimed[s.notice];
        recipients.push_back(
            {s.recipient, s.reference, ValuesForTemplate(n.kind, s.channel, n.values)});
      }
      absl::StatusOr<std::vector<RefusedRecipient>> refused =
          SendBatchDropping(*notification_, self, template_id, recipients);
      std::map<size_t, std::string> why;
      if (refused.ok()) {
        for (RefusedRecipient& r : *refused) why[r.index] = std::move(r.why);
      }
      for (size_t i = start; i < end; ++i) {
        const NoticeSend& s = *sends[i];
        NoticeSendState& state = built.notices[s.notice];
        if (!refused.ok()) {
          state.error = std::string(refused.status().message());
        } else if (auto w = why.find(i - start); w != why.end()) {
          state.dropped.push_back(absl::StrCat("not sent to ", s.who, ": ", w->second));
        } else {
          ++state.sent;
        }
      }
    }
  }

  std::vector<ContractNoticeOutcome> outcomes;
  int retried = 0, failed = 0, partly = 0;
  for (size_t i = 0; i < claimed.size(); ++i) {
    const ContractNotice& n = claimed[i];
    const NoticeVerdict v = JudgeNoticeSends(built.notices[i]);
    switch (v.result) {
      case NoticeVerdict::Result::kSent:
        partly += v.detail.empty() ? 0 : 1;
        outcomes.push_back({n.id, ContractNoticeState::kSent, v.detail, now});
        break;
      case NoticeVerdict::Result::kFailed:
        ++failed;
        outcomes.push_back({n.id, ContractNoticeState::kFailed, v.detail, now});
        break;
      case NoticeVerdict::Result::kRetry:
        if (now - n.create_time >= options_.give_up_after) {
          ++failed;
          outcomes.push_back({n.id, ContractNoticeState::kFailed,
                              absl::StrCat("gave up: ", v.detail), now});
        } else {
          ++retried;
          outcomes.push_back(
              {n.id, ContractNoticeState::kOwed, v.detail, NextAttempt(n.attempts, now)});
        }
        break;
    }
  }
  if (retried > 0 || failed > 0 || partly > 0) {
    LogEvent(LogLevel::kWarning, "contract_notices_not_all_sent",
             {{"owner", owner()}, {"claimed", absl::StrCat(claimed.size())},
              {"retried", absl::StrCat(retried)}, {"failed", absl::StrCat(failed)},
              {"recipients_refused", absl::StrCat(partly)}});
  }

  if (options_.before_mark_for_test) {
    RETURN_IF_ERROR(options_.before_mark_for_test());
  }
  absl::Status marked;
  for (int i = 0; i < kMarkTries; ++i) {
    if (i > 0) absl::SleepFor(absl::Milliseconds(50) * (1 << i));
    marked = storage::InTransaction(db_, [&](Connection& c) {
      return RecordContractNoticeOutcomes(c, owner(), outcomes, clock_.Now()).status();
    });
    if (marked.ok()) break;
  }
  if (!marked.ok()) {
    // The notices come back after their lease; what was sent is answered already_sent.
    LogEvent(LogLevel::kError, "contract_notices_marking_failed",
             {{"owner", owner()}, {"notices", absl::StrCat(outcomes.size())},
              {"error", std::string(marked.message())}});
    return marked;
  }
  return static_cast<int>(claimed.size());
}

}  // namespace penataan::registry
