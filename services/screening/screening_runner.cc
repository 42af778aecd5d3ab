#include "services/screening/screening_runner.h"

#include <unistd.h>

#include <atomic>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <thread>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/mutex.h"
#include "common/errors.h"
#include "common/log.h"
#include "common/resource_name.h"
#include "common/status_macros.h"
#include "common/storage/audit_log.h"
#include "google/protobuf/util/field_mask_util.h"
#include "services/screening/notice_sender.h"
#include "services/screening/result_writer.h"
#include "services/screening/run_facts.h"
#include "services/screening/run_notices.h"
#include "services/screening/run_store.h"
#include "services/screening/screening_store.h"
#include "services/screening/what_if.h"

namespace penataan::screening {
namespace {

// A what-if asks "what if the rule were…": its parameters come from no regulation
// yet, so an overridden parameter without one is marked as the what-if's own.
void MarkWhatIfRegulations(const google::protobuf::FieldMask& mask, v1::Rules* rules) {
  const google::protobuf::Reflection* reflection = rules->GetReflection();
  auto mark = [](google::protobuf::Message* param) {
    const google::protobuf::FieldDescriptor* field =
        param->GetDescriptor()->FindFieldByName("regulation");
    if (field != nullptr && param->GetReflection()->GetString(*param, field).empty()) {
      param->GetReflection()->SetString(param, field, "what-if");
    }
  };
  for (const std::string& path : mask.paths()) {
    const google::protobuf::FieldDescriptor* field =
        v1::Rules::descriptor()->FindFieldByName(path);
    if (field == nullptr || field->type() != google::protobuf::FieldDescriptor::TYPE_MESSAGE) {
      continue;
    }
    if (field->is_repeated()) {
      for (int i = 0; i < reflection->FieldSize(*rules, field); ++i) {
        mark(reflection->MutableRepeatedMessage(rules, field, i));
      }
    } else if (reflection->HasField(*rules, field)) {
      mark(reflection->MutableMessage(rules, field));
    }
  }
}

using storage::Connection;

constexpr int kMaxRequestId = 100;

std::string DefaultOwner() {
  char host[256] = {0};
  if (gethostname(host, sizeof(host) - 1) != 0) host[0] = '\0';
  return absl::StrFormat("%s/%d/%08x", host[0] ? host : "localhost", getpid(),
                         std::random_device{}());
}

absl::CivilDay DayOf(const common::v1::Date& d) {
  return absl::CivilDay(d.year(), d.month(), d.day());
}

const char* PhaseWord(v1::Run::Phase p) {
  switch (p) {
    case v1::Run::EVALUATING: return "evaluasi";
    case v1::Run::WRITING_STATUSES: return "penulisan status ke registry";
    case v1::Run::NOTIFYING: return "pengiriman pemberitahuan";
    default: return "selesai";
  }
}

v1::RunScreeningProgress ProgressOf(const RunFigures& f, v1::Run::Phase phase,
                                    const std::string& run) {
  v1::RunScreeningProgress p;
  p.set_processed(f.processed);
  p.set_total(f.total);
  p.set_ms(f.ms);
  p.set_tms(f.tms);
  p.set_run(run);
  p.set_phase(phase);
  return p;
}

NoticeInstansi InstansiOf(RegistryClient& registry, const Caller& caller,
                          const std::string& code, std::map<std::string, NoticeInstansi>& cache,
                          absl::Status* error) {
  auto it = cache.find(code);
  if (it != cache.end()) return it->second;
  NoticeInstansi n{code, code, ""};
  absl::StatusOr<InstansiInfo> info = registry.GetInstansi(caller, code);
  if (info.ok()) {
    n.display_name = info->display_name;
    n.time_zone = info->time_zone;
  } else if (!absl::IsNotFound(info.status())) {
    *error = info.status();
    return n;
  }
  cache[code] = n;
  return n;
}

}  // namespace

class ScreeningRunner::Impl {
 public:
  Impl(storage::Database& db, const Clock& clock, RegistryClient& registry,
       const PeerClient& notification, RunnerOptions options)
      : db_(db),
        clock_(clock),
        registry_(registry),
        sender_(db, clock, notification),
        options_(std::move(options)) {
    if (options_.owner.empty()) options_.owner = DefaultOwner();
    options_.page_size =
        std::clamp(options_.page_size, 1, static_cast<int>(RegistryClient::kBatchSize));
  }
  ~Impl() { Stop(); }

  absl::Status Run(const Caller& caller, const v1::RunScreeningRequest& request,
                   const std::function<bool(const v1::RunScreeningProgress&)>& progress);
  absl::StatusOr<v1::Run> GetRun(const Caller& caller, const std::string& name);
  void SendOwed(const Caller& caller, int64_t round_id);
  void Start();
  void Stop();

 private:
  // One Run call's state.
  struct Job {
    const Caller* caller;
    RoundForRun round;
    RoundRules rules;
    RunRow run;
    std::string owner;  // this call's lease token
    RunFigures figures;
    v1::Run::Phase phase = v1::Run::EVALUATING;
    const std::function<bool(const v1::RunScreeningProgress&)>* progress;
  };

  absl::Status DryRun(const Caller& caller, int64_t round_id,
                      const v1::RunScreeningRequest& request,
                      const std::function<bool(const v1::RunScreeningProgress&)>& progress);
  absl::Status Evaluate(Job& job);
  // One page: `honorers` are the page's registry facts (absent: not in the registry).
  absl::Status EvaluatePage(Job& job, const std::vector<ApplicantRow>& page,
                            const absl::flat_hash_map<int64_t, registry::v1::Honorer>& honorers,
                            int page_number);
  absl::Status WriteSummaries(Job& job);
  // Results of the round the registry has not been told; `after_batch` renews.
  absl::Status WriteStatuses(const Caller& caller, int64_t round_id,
                             const std::string& display_name,
                             const std::function<absl::Status()>& after_batch);
  // WRITING_STATUSES and NOTIFYING of a run, at once (see the definition).
  absl::Status WriteStatusesAndNotify(Job& job, const std::string& run_name);
  absl::Status Renew(Job& job);
  absl::Status Report(Job& job);
  std::string StopMessage(const Job& job, const absl::Status& why) const;
  void SweeperLoop();

  storage::Database& db_;
  const Clock& clock_;
  RegistryClient& registry_;
  NoticeSender sender_;
  RunnerOptions options_;
  std::atomic<int64_t> calls_{0};

  absl::Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread sweeper_;
};

// ---- Run ---------------------------------------------------------------------------

absl::Status ScreeningRunner::Impl::Run(
    const Caller& caller, const v1::RunScreeningRequest& request,
    const std::function<bool(const v1::RunScreeningProgress&)>& progress) {
  ASSIGN_OR_RETURN(int64_t round_id, ParseResourceId(request.round(), "rounds", "round"));
  if (request.dry_run()) return DryRun(caller, round_id, request, progress);
  if (request.override_mask().paths_size() > 0) {
    return InvalidField("override_mask", "overrides are for dry runs only (set dry_run)");
  }
  std::string request_id = request.request_id();
  if (request_id.empty()) request_id = caller.request_id;
  if (request_id.empty()) {
    request_id = absl::StrCat("run-", absl::ToUnixMicros(clock_.Now()), "-",
                              std::random_device{}());
  }
  if (request_id.size() > kMaxRequestId) {
    return InvalidField("request_id", absl::StrCat("at most ", kMaxRequestId, " bytes"));
  }

  Job job;
  job.caller = &caller;
  job.progress = &progress;
  job.owner = absl::StrCat(options_.owner, "#", calls_.fetch_add(1));
  const absl::Time now = clock_.Now();
  RETURN_IF_ERROR(storage::InTransaction(db_, [&](Connection& c) -> absl::Status {
    ASSIGN_OR_RETURN(job.run, ClaimRun(c, round_id, request_id, caller.principal.ToString(),
                                       job.owner, now, now + options_.lease));
    return absl::OkStatus();
  }));
  const std::string run_name = RunName(round_id, job.run.id);
  if (job.run.state == v1::Run::SUCCEEDED) {
    progress(ProgressOf(job.run.figures, v1::Run::DONE, run_name));
    return absl::OkStatus();
  }

  absl::Status status = [&]() -> absl::Status {
    ASSIGN_OR_RETURN(storage::PooledConnection conn, db_.Acquire());
    ASSIGN_OR_RETURN(std::optional<RoundForRun> round, ReadRoundForRun(*conn, round_id));
    if (!round) return absl::NotFoundError(absl::StrCat("rounds/", round_id, " not found"));
    job.round = std::move(*round);
    job.rules = RulesFromProto(job.round.cutoff, job.round.rules);
    return absl::OkStatus();
  }();
  if (status.ok()) {
    status = storage::InTransaction(db_, [&](Connection& c) -> absl::Status {
      ASSIGN_OR_RETURN(int64_t adopted, AdoptUnsummarised(c, round_id, job.run.id));
      if (adopted > 0) {
        LogEvent(LogLevel::kInfo, "screening_run_adopted",
                 {{"run", run_name}, {"results", absl::StrCat(adopted)}});
      }
      ASSIGN_OR_RETURN(job.figures, CountRound(c, round_id));
      return absl::OkStatus();
    });
  }
  LogEvent(LogLevel::kInfo, "screening_run_started",
           {{"run", run_name}, {"request_id", request_id}, {"owner", job.owner},
            {"total", absl::StrCat(job.figures.total)},
            {"done", absl::StrCat(job.figures.processed)}});
  if (status.ok()) status = Report(job);
  if (status.ok()) status = Evaluate(job);
  if (status.ok()) {
    job.phase = v1::Run::WRITING_STATUSES;
    status = Report(job);
  }
  if (status.ok()) status = WriteStatusesAndNotify(job, run_name);

  if (!status.ok()) {
    const std::string error = StopMessage(job, status);
    (void)storage::InTransaction(db_, [&](Connection& c) {
      return FinishRun(c, job.run.id, job.owner, v1::Run::FAILED, job.phase, job.figures, error,
                       clock_.Now());
    });
    LogEvent(LogLevel::kWarning, "screening_run_failed",
             {{"run", run_name}, {"phase", PhaseWord(job.phase)},
              {"processed", absl::StrCat(job.figures.processed)},
              {"total", absl::StrCat(job.figures.total)},
              {"error", std::string(status.message())}});
    return absl::Status(status.code(), error);
  }
  RETURN_IF_ERROR(storage::InTransaction(db_, [&](Connection& c) {
    return FinishRun(c, job.run.id, job.owner, v1::Run::SUCCEEDED, v1::Run::DONE, job.figures,
                     "", clock_.Now());
  }));
  LogEvent(LogLevel::kInfo, "screening_run_succeeded",
           {{"run", run_name}, {"total", absl::StrCat(job.figures.total)},
            {"ms", absl::StrCat(job.figures.ms)}, {"tms", absl::StrCat(job.figures.tms)}});
  progress(ProgressOf(job.figures, v1::Run::DONE, run_name));
  return absl::OkStatus();
}

std::string ScreeningRunner::Impl::StopMessage(const Job& job, const absl::Status& why) const {
  // For a person: what stopped it, how far it got, and what to do.
  return absl::StrCat(why.message(), " (", absl::StatusCodeToString(why.code()), "); tahap ",
                      PhaseWord(job.phase), ": ", FormatCount(job.figures.processed), " dari ",
                      FormatCount(job.figures.total),
                      " dievaluasi; jalankan lagi untuk melanjutkan");
}

absl::Status ScreeningRunner::Impl::WriteStatusesAndNotify(Job& job,
                                                          const std::string& run_name) {
  // The statuses go to the registry and the notices to the notification service:
  // two services, two databases, and neither drain needs the other's outcome (each
  // is durable pending work of its own). Draining both at once, the notices on one
  // helper thread of this run, lets the two services' writes share the machine
  // instead of waiting for each other; at a million applicants these two phases
  // are most of a run. The phase reported is WRITING_STATUSES until the statuses
  // are written, then NOTIFYING until the notices are.
  absl::Mutex mu;  // job's figures, phase and lease renewals
  std::atomic<bool> stop{false};
  auto renew = [&]() -> absl::Status {
    absl::MutexLock lock(&mu);
    return Renew(job);
  };
  absl::StatusOr<SendCounts> sent = SendCounts{};
  std::thread notifier([&] {
    sent = sender_.Drain(*job.caller, job.round.id, [&]() -> absl::Status {
      // The statuses failed: the run stops with their error; the notices not yet
      // sent stay owed for the next run.
      if (stop.load()) return absl::CancelledError("the run is stopping");
      return renew();
    });
  });
  absl::Status status =
      WriteStatuses(*job.caller, job.round.id, job.round.display_name, renew);
  if (status.ok()) {
    {
      absl::MutexLock lock(&mu);
      job.phase = v1::Run::NOTIFYING;
      status = Renew(job);
    }
    if (status.ok() &&
        !(*job.progress)(ProgressOf(job.figures, job.phase, RunName(job.round.id, job.run.id)))) {
      status = absl::CancelledError("the caller went away");
    }
  }
  if (!status.ok()) stop.store(true);
  notifier.join();
  if (!status.ok()) return status;  // the phase the statuses stopped in
  if (!sent.ok()) {
    job.phase = v1::Run::NOTIFYING;
    return sent.status();
  }
  LogEvent(LogLevel::kInfo, "screening_run_notified",
           {{"run", run_name}, {"sent", absl::StrCat(sent->sent)},
            {"refused", absl::StrCat(sent->dropped)}});
  return absl::OkStatus();
}

absl::Status ScreeningRunner::Impl::Renew(Job& job) {
  const absl::Time now = clock_.Now();
  return storage::InTransaction(db_, [&](Connection& c) {
    return SaveProgress(c, job.run.id, job.owner, job.phase, job.figures, now,
                        now + options_.lease);
  });
}

absl::Status ScreeningRunner::Impl::Report(Job& job) {
  RETURN_IF_ERROR(Renew(job));
  if (!(*job.progress)(ProgressOf(job.figures, job.phase, RunName(job.round.id, job.run.id)))) {
    return absl::CancelledError("the caller went away");
  }
  return absl::OkStatus();
}

absl::Status ScreeningRunner::Impl::Evaluate(Job& job) {
  // Reading runs one page ahead of evaluating and storing, on one helper thread of
  // this run: the next page's applicants and registry facts are read while this
  // page's results and notices are written, so the registry's reads and this
  // service's writes overlap instead of taking turns. At most one page waits.
  struct Fetched {
    absl::Status status;
    std::vector<ApplicantRow> page;  // empty: no more applicants
    absl::flat_hash_map<int64_t, registry::v1::Honorer> honorers;
  };
  absl::Mutex mu;
  std::optional<Fetched> ready;  // guarded by mu
  bool stop = false;             // guarded by mu
  std::thread reader([&] {
    int64_t after = 0;
    for (;;) {
      Fetched f;
      f.status = [&]() -> absl::Status {
        {
          ASSIGN_OR_RETURN(storage::PooledConnection conn, db_.Acquire());
          ASSIGN_OR_RETURN(f.page, ApplicantsWithoutResult(*conn, job.round.id, after,
                                                           options_.page_size));
        }
        if (f.page.empty()) return absl::OkStatus();
        after = f.page.back().honorer_id;
        std::vector<int64_t> ids;
        ids.reserve(f.page.size());
        for (const ApplicantRow& a : f.page) ids.push_back(a.honorer_id);
        ASSIGN_OR_RETURN(f.honorers, registry_.GetHonorers(*job.caller, ids));
        return absl::OkStatus();
      }();
      const bool last = !f.status.ok() || f.page.empty();
      absl::MutexLock lock(&mu);
      auto taken = [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu) { return stop || !ready; };
      mu.Await(absl::Condition(&taken));
      if (stop) return;
      ready = std::move(f);
      if (last) return;
    }
  });
  absl::Status status;
  int page_number = 0;
  for (;;) {
    Fetched f;
    {
      absl::MutexLock lock(&mu);
      auto has = [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu) { return ready.has_value(); };
      mu.Await(absl::Condition(&has));
      f = std::move(*ready);
      ready.reset();
    }
    status = f.status;
    if (!status.ok() || f.page.empty()) break;
    status = EvaluatePage(job, f.page, f.honorers, ++page_number);
    if (!status.ok()) break;
    if (!(*job.progress)(
            ProgressOf(job.figures, job.phase, RunName(job.round.id, job.run.id)))) {
      status = absl::CancelledError("the caller went away");
      break;
    }
  }
  {
    absl::MutexLock lock(&mu);
    stop = true;
  }
  reader.join();
  RETURN_IF_ERROR(status);
  return WriteSummaries(job);
}

absl::Status ScreeningRunner::Impl::EvaluatePage(
    Job& job, const std::vector<ApplicantRow>& page,
    const absl::flat_hash_map<int64_t, registry::v1::Honorer>& honorers, int page_number) {
  const Caller& caller = *job.caller;

  std::map<std::string, NoticeInstansi> instansi;
  absl::Status instansi_error;
  const NoticeRound notice_round{job.round.id, job.round.display_name, job.round.appeal_end};
  const absl::CivilDay cutoff = DayOf(job.round.cutoff);

  const absl::Time now = clock_.Now();
  std::vector<Result> results;
  results.reserve(page.size());
  std::vector<Notice> notices;
  std::vector<NoContact> no_contact;
  std::vector<Finding> findings;
  int64_t ms = 0, tms = 0, missing = 0;
  for (const ApplicantRow& a : page) {
    Result r;
    r.round_id = job.round.id;
    r.honorer_id = a.honorer_id;
    r.instansi_code = a.instansi_code;
    r.run_id = job.run.id;
    HonorerNoticeFacts told;
    auto h = honorers.find(a.honorer_id);
    if (h == honorers.end()) {
      ++missing;
      findings.assign(1, MissingFromRegistry());
    } else {
      const ApplicantFacts facts = FactsOf(h->second, a.instansi_code, a.post_kind);
      EvaluateInto(job.rules, facts, &findings);
      const Figures figures = FiguresOf(cutoff, facts);
      r.service_days = figures.service_days;
      r.age_days = figures.age_days;
      r.age_years = figures.age_years;
      r.full_name = h->second.full_name();
      r.jabatan_category = h->second.jabatan_category();
      told.email = h->second.contact().email();
      told.whatsapp = h->second.contact().whatsapp();
    }
    r.outcome = findings.empty() ? v1::MS : v1::TMS;
    (r.outcome == v1::MS ? ms : tms) += 1;
    r.reason_mask = MaskOf(findings);
    r.reasons = ReasonsOf(findings);
    r.registry_state = RegistryState::kOwed;
    r.decide_time = now;
    r.update_time = now;
    told.honorer_id = a.honorer_id;
    told.full_name = r.full_name;
    told.outcome = r.outcome;
    for (const Finding& f : findings) told.reason_messages.push_back(f.message);
    const NoticeInstansi where =
        InstansiOf(registry_, caller, a.instansi_code, instansi, &instansi_error);
    RETURN_IF_ERROR(instansi_error);
    std::vector<Notice> mine = HonorerNotices(notice_round, where, told);
    if (mine.empty()) no_contact.push_back({a.honorer_id, a.instansi_code, r.outcome});
    for (Notice& n : mine) notices.push_back(std::move(n));
    results.push_back(std::move(r));
  }

  RETURN_IF_ERROR(storage::InTransaction(db_, [&](Connection& c) -> absl::Status {
    RETURN_IF_ERROR(ScreeningStore().InsertResults(c, results));
    RETURN_IF_ERROR(InsertNotices(c, notices, absl::ToUnixMicros(now)).status());
    RETURN_IF_ERROR(InsertNoContactMarkers(c, job.round.id, no_contact, now));
    RETURN_IF_ERROR(MarkPublished(c, job.round.id, now));
    AuditRecord audit;
    audit.principal = caller.principal.ToString();
    audit.origin = caller.origin;
    audit.action = "RunScreening";
    audit.resource = RunName(job.round.id, job.run.id);
    audit.request_id = caller.request_id;
    audit.outcome = "OK";
    audit.detail = absl::StrCat("page ", page_number, ": ", page.size(), " evaluated (", ms,
                                " MS, ", tms, " TMS", missing ? absl::StrCat(", ", missing,
                                                                             " not in registry")
                                                              : "",
                                ")");
    audit.time = now;
    RETURN_IF_ERROR(storage::InsertAudit(c, audit));
    RunFigures next = job.figures;
    next.processed += static_cast<int64_t>(page.size());
    next.ms += ms;
    next.tms += tms;
    return SaveProgress(c, job.run.id, job.owner, job.phase, next, now, now + options_.lease);
  }));
  job.figures.processed += static_cast<int64_t>(page.size());
  job.figures.ms += ms;
  job.figures.tms += tms;
  if (missing > 0) {
    LogEvent(LogLevel::kWarning, "screening_applicants_not_in_registry",
             {{"run", RunName(job.round.id, job.run.id)}, {"count", absl::StrCat(missing)}});
  }
  return absl::OkStatus();
}

absl::Status ScreeningRunner::Impl::WriteSummaries(Job& job) {
  std::map<std::string, InstansiTally> tallies;
  {
    ASSIGN_OR_RETURN(storage::PooledConnection conn, db_.Acquire());
    ASSIGN_OR_RETURN(tallies, TallyRun(*conn, job.round.id, job.run.id));
  }
  const NoticeRound notice_round{job.round.id, job.round.display_name, job.round.appeal_end};
  std::map<std::string, NoticeInstansi> instansi;
  std::vector<Notice> notices;
  for (const auto& [code, tally] : tallies) {
    absl::Status error;
    const NoticeInstansi where = InstansiOf(registry_, *job.caller, code, instansi, &error);
    RETURN_IF_ERROR(error);
    absl::StatusOr<registry::v1::InstansiContacts> contacts =
        registry_.GetInstansiContacts(*job.caller, code);
    if (absl::IsNotFound(contacts.status())) {
      LogEvent(LogLevel::kWarning, "screening_instansi_without_contacts",
               {{"run", RunName(job.round.id, job.run.id)}, {"instansi", code}});
      continue;
    }
    RETURN_IF_ERROR(contacts.status());
    for (Notice& n : SummaryNotices(notice_round, job.run.id, where, *contacts, tally)) {
      notices.push_back(std::move(n));
    }
  }
  if (notices.empty()) return absl::OkStatus();
  return storage::InTransaction(db_, [&](Connection& c) {
    return InsertNotices(c, notices, absl::ToUnixMicros(clock_.Now())).status();
  });
}

absl::Status ScreeningRunner::Impl::WriteStatuses(
    const Caller& caller, int64_t round_id, const std::string& display_name,
    const std::function<absl::Status()>& after_batch) {
  int64_t after = 0;
  OutcomeWriteResult total;
  for (;;) {
    std::vector<PendingOutcome> page;
    {
      ASSIGN_OR_RETURN(storage::PooledConnection conn, db_.Acquire());
      ASSIGN_OR_RETURN(page, PendingRegistryPage(*conn, round_id, after,
                                                 static_cast<int>(RegistryClient::kBatchSize)));
    }
    if (page.empty()) break;
    after = page.back().honorer_id;
    std::vector<HonorerOutcome> outcomes;
    outcomes.reserve(page.size());
    for (const PendingOutcome& p : page) {
      outcomes.push_back({p.honorer_id,
                          p.outcome == v1::MS ? registry::v1::MS : registry::v1::TMS,
                          OutcomeHistoryReason(display_name, p.outcome, p.reason_mask)});
    }
    ASSIGN_OR_RETURN(OutcomeWriteResult written, registry_.RecordOutcomes(caller, outcomes));
    // Not found and refused are told too: asking again would get the same answer
    // for ever. They are counted (and logged as counts, never names).
    RETURN_IF_ERROR(storage::InTransaction(
        db_, [&](Connection& c) { return MarkTold(c, round_id, page, clock_.Now()); }));
    total.changed += written.changed;
    total.unchanged += written.unchanged;
    total.not_found.insert(total.not_found.end(), written.not_found.begin(),
                           written.not_found.end());
    total.refused.insert(total.refused.end(), written.refused.begin(), written.refused.end());
    if (after_batch) RETURN_IF_ERROR(after_batch());
  }
  if (total.changed + total.unchanged > 0 || !total.not_found.empty() || !total.refused.empty()) {
    LogEvent(total.not_found.empty() && total.refused.empty() ? LogLevel::kInfo
                                                              : LogLevel::kWarning,
             "screening_statuses_written",
             {{"round", absl::StrCat("rounds/", round_id)},
              {"changed", absl::StrCat(total.changed)},
              {"unchanged", absl::StrCat(total.unchanged)},
              {"not_found", absl::StrCat(total.not_found.size())},
              {"refused", absl::StrCat(total.refused.size())}});
  }
  return absl::OkStatus();
}

// ---- Dry runs ----------------------------------------------------------------------

absl::Status ScreeningRunner::Impl::DryRun(
    const Caller& caller, int64_t round_id, const v1::RunScreeningRequest& request,
    const std::function<bool(const v1::RunScreeningProgress&)>& progress) {
  RoundForRun round;
  RunFigures figures;
  {
    ASSIGN_OR_RETURN(storage::PooledConnection conn, db_.Acquire());
    ASSIGN_OR_RETURN(std::optional<RoundForRun> r, ReadRoundForRun(*conn, round_id));
    if (!r) return absl::NotFoundError(absl::StrCat("rounds/", round_id, " not found"));
    round = std::move(*r);
    ASSIGN_OR_RETURN(figures, CountRound(*conn, round_id));
  }
  // The overridden parameters replace the round's whole (a list such as max_age is
  // replaced, not appended to; a parameter named but left unset is not checked).
  google::protobuf::FieldMask mask;
  for (const std::string& path : request.override_mask().paths()) {
    std::string p = path;
    if (absl::StartsWith(p, "rules.")) p = p.substr(6);
    if (p.empty() || p.find('.') != std::string::npos ||
        v1::Rules::descriptor()->FindFieldByName(p) == nullptr) {
      return InvalidField("override_mask",
                          absl::StrCat("\"", path, "\" is not a rule parameter of the round"));
    }
    mask.add_paths(p);
  }
  v1::Rules rules = round.rules;
  google::protobuf::util::FieldMaskUtil::MergeOptions merge;
  merge.set_replace_message_fields(true);
  merge.set_replace_repeated_fields(true);
  google::protobuf::util::FieldMaskUtil::MergeMessageTo(request.overrides(), mask, merge, &rules);
  MarkWhatIfRegulations(mask, &rules);
  std::vector<RuleViolation> violations = ValidateRules(rules, "overrides");
  if (!violations.empty()) {
    std::vector<Violation> out;
    for (const RuleViolation& v : violations) out.push_back({v.field, 0, v.description});
    return InvalidFields(out);
  }
  const RoundRules what_if_rules = RulesFromProto(round.cutoff, rules);

  WhatIfTally tally;
  std::vector<Finding> findings;
  int64_t after = 0, processed = 0;
  for (;;) {
    std::vector<ApplicantRow> page;
    {
      ASSIGN_OR_RETURN(storage::PooledConnection conn, db_.Acquire());
      ASSIGN_OR_RETURN(page,
                       ApplicantsWithStored(*conn, round_id, after, options_.page_size));
    }
    if (page.empty()) break;
    after = page.back().honorer_id;
    std::vector<int64_t> ids;
    ids.reserve(page.size());
    for (const ApplicantRow& a : page) ids.push_back(a.honorer_id);
    ASSIGN_OR_RETURN(auto honorers, registry_.GetHonorers(caller, ids));
    for (const ApplicantRow& a : page) {
      auto h = honorers.find(a.honorer_id);
      if (h == honorers.end()) {
        findings.assign(1, MissingFromRegistry());
      } else {
        EvaluateInto(what_if_rules, FactsOf(h->second, a.instansi_code, a.post_kind), &findings);
      }
      tally.Add(a.instansi_code, a.stored, a.stored_mask, findings.empty() ? v1::MS : v1::TMS,
                MaskOf(findings));
    }
    processed += static_cast<int64_t>(page.size());
    v1::RunScreeningProgress p;
    p.set_processed(processed);
    p.set_total(figures.total);
    p.set_ms(tally.what_if_ms());
    p.set_tms(tally.what_if_tms());
    p.set_phase(v1::Run::EVALUATING);
    if (!progress(p)) return absl::CancelledError("the caller went away");
  }
  v1::RunScreeningProgress last;
  last.set_processed(processed);
  last.set_total(figures.total);
  last.set_ms(tally.what_if_ms());
  last.set_tms(tally.what_if_tms());
  last.set_phase(v1::Run::DONE);
  *last.mutable_what_if() = tally.Report();
  LogEvent(LogLevel::kInfo, "screening_what_if",
           {{"round", absl::StrCat("rounds/", round_id)},
            {"overrides", absl::StrCat(mask.paths_size())},
            {"evaluated", absl::StrCat(processed)},
            {"changed", absl::StrCat(last.what_if().changed())}});
  progress(last);
  return absl::OkStatus();
}

// ---- GetRun, SendOwed, the sweeper -------------------------------------------------

absl::StatusOr<v1::Run> ScreeningRunner::Impl::GetRun(const Caller&, const std::string& name) {
  ASSIGN_OR_RETURN(auto ids, ParseRunName(name, "name"));
  ASSIGN_OR_RETURN(storage::PooledConnection conn, db_.Acquire());
  ASSIGN_OR_RETURN(std::optional<RunRow> run, GetRunRow(*conn, ids.second));
  if (!run || run->round_id != ids.first) {
    return absl::NotFoundError(absl::StrCat(name, " not found"));
  }
  return RunToProto(*run);
}

void ScreeningRunner::Impl::SendOwed(const Caller& caller, int64_t round_id) {
  absl::Status status = [&]() -> absl::Status {
    std::optional<RoundForRun> round;
    {
      ASSIGN_OR_RETURN(storage::PooledConnection conn, db_.Acquire());
      ASSIGN_OR_RETURN(round, ReadRoundForRun(*conn, round_id));
    }
    if (!round) return absl::OkStatus();
    RETURN_IF_ERROR(WriteStatuses(caller, round_id, round->display_name, {}));
    return sender_.Drain(caller, round_id).status();
  }();
  if (!status.ok()) {
    LogEvent(LogLevel::kWarning, "screening_owed_not_sent",
             {{"round", absl::StrCat("rounds/", round_id)},
              {"error", std::string(status.message())}});
  }
}

void ScreeningRunner::Impl::Start() {
  if (options_.sweep_every <= absl::ZeroDuration() || sweeper_.joinable()) return;
  {
    absl::MutexLock lock(&mu_);
    stopping_ = false;
  }
  sweeper_ = std::thread([this] { SweeperLoop(); });
}

void ScreeningRunner::Impl::Stop() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  if (sweeper_.joinable()) sweeper_.join();
}

void ScreeningRunner::Impl::SweeperLoop() {
  const Caller self = ServiceSelf("screening", "screening-sweeper");
  for (;;) {
    {
      absl::MutexLock lock(&mu_);
      auto stopping = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return stopping_; };
      mu_.AwaitWithTimeout(absl::Condition(&stopping), options_.sweep_every);
      if (stopping_) return;
    }
    absl::StatusOr<std::vector<int64_t>> rounds = [&]() -> absl::StatusOr<std::vector<int64_t>> {
      ASSIGN_OR_RETURN(storage::PooledConnection conn, db_.Acquire());
      return RoundsWithOwedWork(*conn, clock_.Now());
    }();
    if (!rounds.ok()) {
      LogEvent(LogLevel::kWarning, "screening_sweep_failed",
               {{"error", std::string(rounds.status().message())}});
      continue;
    }
    for (int64_t round_id : *rounds) {
      {
        absl::MutexLock lock(&mu_);
        if (stopping_) return;
      }
      SendOwed(self, round_id);
    }
  }
}

// ---- The facade --------------------------------------------------------------------

ScreeningRunner::ScreeningRunner(storage::Database& db, const Clock& clock,
                                 RegistryClient& registry, const PeerClient& notification,
                                 RunnerOptions options)
    : impl_(std::make_unique<Impl>(db, clock, registry, notification, std::move(options))) {}
ScreeningRunner::~ScreeningRunner() = default;

absl::Status ScreeningRunner::Run(
    const Caller& caller, const v1::RunScreeningRequest& request,
    const std::function<bool(const v1::RunScreeningProgress&)>& progress) {
  return impl_->Run(caller, request, progress);
}
absl::StatusOr<v1::Run> ScreeningRunner::GetRun(const Caller& caller, const std::string& name) {
  return impl_->GetRun(caller, name);
}
void ScreeningRunner::SendOwed(const Caller& caller, int64_t round_id) {
  impl_->SendOwed(caller, round_id);
}
void ScreeningRunner::Start() { impl_->Start(); }
void ScreeningRunner::Stop() { impl_->Stop(); }

}  // namespace penataan::screening
