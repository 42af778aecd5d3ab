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
#include "services/screening/notice_sender.h"
#include "services/screening/owed_sweeper.h"
#include "services/screening/result_writer.h"
#include "services/screening/run_facts.h"
#include "services/screening/run_notices.h"
#include "services/screening/run_store.h"
#include "services/screening/screening_store.h"
#include "services/screening/what_if.h"
#include "services/screening/what_if_run.h"

namespace penataan::screening {
namespace {

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

// The instansi as its notices name it. Its zone, when the registry has none (or
// does not know the instansi), is the round's appeal zone: the window is defined
// there, and a deadline printed "UTC+0" would be wrong for every honorer.
NoticeInstansi InstansiOf(RegistryClient& registry, const Caller& caller,
                          const std::string& code, const std::string& round_zone,
                          std::map<std::string, NoticeInstansi>& cache, absl::Status* error) {
  auto it = cache.find(code);
  if (it != cache.end()) return it->second;
  NoticeInstansi n{code, code, round_zone};
  absl::StatusOr<InstansiInfo> info = registry.GetInstansi(caller, code);
  if (info.ok()) {
    n.display_name = info->display_name;
    if (!info->time_zone.empty()) n.time_zone = info->time_zone;
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
        owed_(db, clock, registry, notification, options.sweep_every),
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
  void SendOwedForResult(const Caller& caller, int64_t round_id, int64_t honorer_id);
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

  absl::Status Evaluate(Job& job);
  // One page: `honorers` are the page's registry facts (absent: not in the registry).
  absl::Status EvaluatePage(Job& job, const std::vector<ApplicantRow>& page,
                            const absl::flat_hash_map<int64_t, registry::v1::Honorer>& honorers,
                            int page_number);
  absl::Status WriteSummaries(Job& job);
  // WRITING_STATUSES and NOTIFYING of a run, at once (see the definition).
  absl::Status WriteStatusesAndNotify(Job& job, const std::string& run_name);
  absl::Status Renew(Job& job);
  absl::Status Report(Job& job);
  std::string StopMessage(const Job& job, const absl::Status& why) const;

  storage::Database& db_;
  const Clock& clock_;
  RegistryClient& registry_;
  OwedSweeper owed_;  // the registry write-back, the sends, the sweeper thread
  RunnerOptions options_;
  std::atomic<int64_t> calls_{0};
};

// ---- Run ---------------------------------------------------------------------------

absl::Status ScreeningRunner::Impl::Run(
    const Caller& caller, const v1::RunScreeningRequest& request,
    const std::function<bool(const v1::RunScreeningProgress&)>& progress) {
  ASSIGN_OR_RETURN(int64_t round_id, ParseResourceId(request.round(), "rounds", "round"));
  if (request.dry_run()) {
    return RunWhatIf(db_, registry_, options_.page_size, caller, round_id, request, progress);
  }
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

  const absl::Time now = clock_.Now();
  {
    // Publishing after the appeal window would tell every TMS honorer a deadline
    // already past (Kupang's failure): refused until the window is moved. A run
    // that succeeded before is still replayed.
    ASSIGN_OR_RETURN(storage::PooledConnection conn, db_.Acquire());
    ASSIGN_OR_RETURN(std::optional<RoundForRun> round, ReadRoundForRun(*conn, round_id));
    if (!round) return absl::NotFoundError(absl::StrCat("rounds/", round_id, " not found"));
    if (now >= round->appeal_end) {
      ASSIGN_OR_RETURN(std::optional<RunRow> earlier, FindRun(*conn, round_id, request_id));
      if (!earlier || earlier->state != v1::Run::SUCCEEDED) {
        return absl::FailedPreconditionError(absl::StrCat(
            "masa sanggah sudah berakhir (",
            BatasSanggah(round->appeal_end, round->appeal_zone),
            "); ubah jendela sanggah (UpdateRound) sebelum menjalankan"));
      }
    }
  }

  Job job;
  job.caller = &caller;
  job.progress = &progress;
  job.owner = absl::StrCat(options_.owner, "#", calls_.fetch_add(1));
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
  std::string note;  // a SUCCEEDED run's remark: results the registry refused
  if (status.ok()) {
    absl::StatusOr<int64_t> refused = [&]() -> absl::StatusOr<int64_t> {
      ASSIGN_OR_RETURN(storage::PooledConnection conn, db_.Acquire());
      return CountRefused(*conn, round_id);
    }();
    status = refused.status();
    if (refused.ok() && *refused > 0) {
      note = absl::StrCat(FormatCount(*refused),
                          " hasil ditolak registry (honorer tidak ditemukan, atau berstatus"
                          " RESIGNED/PPPK): statusnya tidak diubah; periksa data honorer itu");
    }
  }

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
                     note, clock_.Now());
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
    sent = owed_.sender().Drain(*job.caller, job.round.id, [&]() -> absl::Status {
      // The statuses failed: the run stops with their error; the notices not yet
      // sent stay owed for the next run.
      if (stop.load()) return absl::CancelledError("the run is stopping");
      return renew();
    });
  });
  absl::Status status =
      owed_.WriteStatuses(*job.caller, job.round.id, job.round.display_name, renew).status();
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
        InstansiOf(registry_, caller, a.instansi_code, job.round.appeal_zone, instansi,
                   &instansi_error);
    RETURN_IF_ERROR(instansi_error);
    std::vector<Notice> mine = HonorerNotices(notice_round, where, told);
    if (mine.empty()) no_contact.push_back({a.honorer_id, a.instansi_code, r.outcome});
    for (Notice& n : mine) notices.push_back(std::move(n));
    results.push_back(std::move(r));
  }

  RETURN_IF_ERROR(storage::InTransaction(db_, [&](Connection& c) -> absl::Status {
    // The page was judged by the rules read when the run started: if UpdateRound
    // changed the round since, nothing of it is stored, and the run stops.
    RETURN_IF_ERROR(CheckRoundVersion(c, job.round.id, job.round.version));
    // Nor is a page published once the window has closed during the run: its TMS
    // messages would give a deadline already past.
    if (now >= job.round.appeal_end) {
      return absl::FailedPreconditionError(absl::StrCat(
          "masa sanggah berakhir (", BatasSanggah(job.round.appeal_end, job.round.appeal_zone),
          ") selama run berjalan; ubah jendela sanggah (UpdateRound) lalu jalankan lagi"));
    }
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
  // One BatchGetInstansiContacts per thousand instansi, not one call each.
  std::vector<std::string> codes;
  codes.reserve(tallies.size());
  for (const auto& entry : tallies) codes.push_back(entry.first);
  ASSIGN_OR_RETURN(auto contacts, registry_.BatchGetInstansiContacts(*job.caller, codes));
  RETURN_IF_ERROR(Renew(job));
  const NoticeRound notice_round{job.round.id, job.round.display_name, job.round.appeal_end};
  std::map<std::string, NoticeInstansi> instansi;
  std::vector<Notice> notices;
  int64_t without_contacts = 0;
  absl::Time renewed = clock_.Now();
  for (const auto& [code, tally] : tallies) {
    absl::Status error;
    const NoticeInstansi where =
        InstansiOf(registry_, *job.caller, code, job.round.appeal_zone, instansi, &error);
    RETURN_IF_ERROR(error);
    // A slow registry over hundreds of instansi (one GetInstansi each, cached)
    // must not outlast the lease: renewed as the loop goes, at a third of it.
    if (clock_.Now() - renewed > options_.lease / 3) {
      RETURN_IF_ERROR(Renew(job));
      renewed = clock_.Now();
    }
    auto found = contacts.find(code);
    if (found == contacts.end()) {
      ++without_contacts;
      continue;
    }
    for (Notice& n : SummaryNotices(notice_round, job.run.id, where, found->second, tally)) {
      notices.push_back(std::move(n));
    }
  }
  if (without_contacts > 0) {
    LogEvent(LogLevel::kWarning, "screening_instansi_without_contacts",
             {{"run", RunName(job.round.id, job.run.id)},
              {"instansi", absl::StrCat(without_contacts)}});
  }
  if (notices.empty()) return absl::OkStatus();
  return storage::InTransaction(db_, [&](Connection& c) {
    return InsertNotices(c, notices, absl::ToUnixMicros(clock_.Now())).status();
  });
}

// ---- GetRun, SendOwed, the sweeper ------------------------------------------------

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
  owed_.SendOwed(caller, round_id);
}
void ScreeningRunner::Impl::SendOwedForResult(const Caller& caller, int64_t round_id,
                                              int64_t honorer_id) {
  owed_.SendOwedForResult(caller, round_id, honorer_id);
}
void ScreeningRunner::Impl::Start() { owed_.Start(); }
void ScreeningRunner::Impl::Stop() { owed_.Stop(); }

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
void ScreeningRunner::SendOwedForResult(const Caller& caller, int64_t round_id,
                                        int64_t honorer_id) {
  impl_->SendOwedForResult(caller, round_id, honorer_id);
}
void ScreeningRunner::Start() { impl_->Start(); }
void ScreeningRunner::Stop() { impl_->Stop(); }

}  // namespace penataan::screening
