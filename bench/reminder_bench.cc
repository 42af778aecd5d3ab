// A national period through the formasi reminder scheduler (issue 8 point 12):
// INSTANSI instansi (550 by default, each with one email contact) in the real
// registry, a period with four reminder offsets (7 d, 3 d, 1 d, 2 h), and the real
// notification server taking every SendBatch; all on one machine, in this
// process, on the backend named (MariaDB from PENATAAN_TEST_MYSQL_URL, as the
// tests use it; bench/run_reminder_benchmark.sh starts one).
//
// Prints: the time to plan the period (ListInstansi pages + the insert of
// instansi x (offsets + 1) rows), the time to drain each offset's reminders
// (the FakeClock set to the offset's due time, the scheduler's workers started,
// until every row of that offset is SENT), and the process's peak RSS (which
// includes the in-process registry and notification servers).

#include <sys/resource.h>

#include <cstdio>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "common/storage/database.h"
#include "services/formasi/reminder_scheduler.h"
#include "tests/formasi/reminder_env.h"

ABSL_FLAG(std::string, backend, "mysql", "sqlite or mysql (PENATAAN_TEST_MYSQL_URL)");
ABSL_FLAG(int, instansi, 550, "instansi in the period");
ABSL_FLAG(int, workers, 2, "scheduler workers (--reminder_workers)");
ABSL_FLAG(int, claim_batch, 100, "rows per claim");

namespace penataan {
namespace {

const absl::Time kDeadline = absl::FromUnixSeconds(1756141199);

int64_t CountSent(testing::ReminderEnv& env, int64_t period, absl::Duration offset) {
  auto c = env.db().Acquire();
  if (!c.ok()) return -1;
  auto rows = (*c)->Query(
      "SELECT COUNT(*) FROM reminders WHERE period_id = ? AND offset_s = ? AND kind = 1"
      " AND state = 2",
      {period, absl::ToInt64Seconds(offset)});
  return rows.ok() ? (*rows)[0].Int(0) : -1;
}

long PeakRssKb() {
  struct rusage u;
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

int Run() {
  const std::string backend = absl::GetFlag(FLAGS_backend);
  const int n = absl::GetFlag(FLAGS_instansi);
  auto env_or = testing::ReminderEnv::Start(backend);
  if (!env_or.ok()) {
    std::fprintf(stderr, "start: %s\n", std::string(env_or.status().message()).c_str());
    return 1;
  }
  testing::ReminderEnv& env = **env_or;
  const char* zones[] = {"Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"};
  const absl::Time setup_start = absl::Now();
  int created = 2;  // 5371 and 3275 come with the registry
  if (!env.SetContacts("5371", {"bkpsdm@kupangkota.go.id"}).ok() ||
      !env.SetContacts("3275", {"bkpsdm@bekasikota.go.id"}).ok()) {
    std::fprintf(stderr, "contacts failed\n");
    return 1;
  }
  for (int i = 0; created < n; ++i, ++created) {
    const std::string code = absl::StrFormat("8%03d", i);
    absl::Status s = env.CreateInstansi(code, absl::StrFormat("Pemerintah Daerah Uji %d", i),
                                        zones[i % 3]);
    if (s.ok()) s = env.SetContacts(code, {absl::StrFormat("bkpsdm%d@pemda-uji.go.id", i)});
    if (!s.ok()) {
      std::fprintf(stderr, "setup: %s\n", std::string(s.message()).c_str());
      return 1;
    }
  }
  const std::vector<absl::Duration> offsets = {absl::Hours(24 * 7), absl::Hours(72),
                                               absl::Hours(24), absl::Hours(2)};
  auto period = env.CreatePeriod("PPPK Paruh Waktu 2025", kDeadline - absl::Hours(24 * 18),
                                 kDeadline, offsets);
  if (!period.ok()) return 1;
  std::printf("backend=%s instansi=%d offsets=4 workers=%d claim_batch=%d setup_s=%.1f\n",
              backend.c_str(), n, absl::GetFlag(FLAGS_workers), absl::GetFlag(FLAGS_claim_batch),
              absl::ToDoubleSeconds(absl::Now() - setup_start));

  formasi::ReminderSchedulerOptions options;
  options.workers = absl::GetFlag(FLAGS_workers);
  options.claim_batch = absl::GetFlag(FLAGS_claim_batch);
  options.tick = absl::Milliseconds(50);
  options.plan = false;  // planned once below, timed
  auto scheduler = env.NewScheduler(options);

  absl::Time t0 = absl::Now();
  auto planned = scheduler->PlanOnce(/*force=*/true);
  if (!planned.ok()) {
    std::fprintf(stderr, "plan: %s\n", std::string(planned.status().message()).c_str());
    return 1;
  }
  std::printf("plan: %lld rows in %.3f s\n", static_cast<long long>(*planned),
              absl::ToDoubleSeconds(absl::Now() - t0));

  for (absl::Duration offset : offsets) {
    env.clock().Set(kDeadline - offset);
    t0 = absl::Now();
    scheduler->Start();
    scheduler->Wake();
    const absl::Time give_up = t0 + absl::Minutes(10);
    int64_t sent = 0;
    while ((sent = CountSent(env, *period, offset)) < n && absl::Now() < give_up) {
      absl::SleepFor(absl::Milliseconds(10));
    }
    const absl::Duration took = absl::Now() - t0;
    scheduler->Stop();
    std::printf("offset %lld s: %lld/%d reminders sent in %.3f s (%.0f/s)\n",
                static_cast<long long>(absl::ToInt64Seconds(offset)),
                static_cast<long long>(sent), n, absl::ToDoubleSeconds(took),
                sent / absl::ToDoubleSeconds(took));
  }
  auto notifications = env.Notifications();
  std::printf("notifications stored: %zu; already_sent answers: %lld; peak RSS %.1f MiB\n",
              notifications.ok() ? notifications->size() : 0,
              static_cast<long long>(env.AlreadySent().value_or(-1)), PeakRssKb() / 1024.0);
  return 0;
}

}  // namespace
}  // namespace penataan

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  return penataan::Run();
}
