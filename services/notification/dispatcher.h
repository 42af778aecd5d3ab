#ifndef PENATAAN_SERVICES_NOTIFICATION_DISPATCHER_H_
#define PENATAAN_SERVICES_NOTIFICATION_DISPATCHER_H_

// Delivers the outbox. Worker threads claim due notifications in small batches
// under a lease (NotificationStore::Claim), render each from the template version
// it was sent with, wait for the channel's rate limit, send, and record every
// attempt. Several dispatchers (threads, processes, replicas) share one database:
// a claim never overlaps another, and the claim of a dispatcher that died is
// taken again when its lease runs out.
//
// Delivery is at least once. A dispatcher that dies after a send and before
// recording it leaves that notification to be sent again by another, with the
// same notification name, which webhook receivers get as the Idempotency-Key and
// email as the Message-ID.

#include <map>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/clock.h"
#include "common/storage/database.h"
#include "services/notification/channels/channel.h"
#include "services/notification/delivery_outcome.h"
#include "services/notification/notification_store.h"
#include "services/notification/rate_limiter.h"

namespace penataan::notification {

struct RateLimit {
  double per_second = 0;  // 0: unlimited
  int burst = 1;
};

struct DispatcherOptions {
  int workers = 4;
  int claim_batch = 50;
  absl::Duration lease = absl::Seconds(60);
  // How often an idle worker looks for due notifications (sends in this process
  // wake it at once; scheduled ones and other replicas' sends are found this way).
  absl::Duration idle_poll = absl::Milliseconds(500);
  // Results are written in one transaction per this many attempts, or sooner
  // when this much time has passed since the last write, and at the end of a claim.
  int record_every = 25;
  absl::Duration record_within = absl::Milliseconds(200);
  RetryPolicy retry;
  std::map<Channel, RateLimit> rate_limits;
  // Settled notifications (and their attempts) older than this are deleted, a
  // thousand at a time, every `purge_every`; zero keeps them for ever.
  absl::Duration retention;
  absl::Duration purge_every = absl::Hours(1);
  // Names this dispatcher in leases and attempts; default "<host>/<pid>/<random>".
  std::string owner;
};

// The channels a dispatcher delivers to; one left null is "not configured", and
// its notifications wait (temporary failure) until a dispatcher that has it runs,
// except WhatsApp ones without a gateway: those fail permanently at once, since a
// deployment either has a gateway or has none.
struct Channels {
  ChannelSender* email = nullptr;
  ChannelSender* webhook = nullptr;
  ChannelSender* log = nullptr;
  ChannelSender* whatsapp = nullptr;  // WEBHOOK recipients "whatsapp:+628…"
};

class Dispatcher {
 public:
  Dispatcher(storage::Database& db, const Clock& clock, Channels channels,
             DispatcherOptions options);
  ~Dispatcher();  // Stop()s

  void Start();
  // Lets each worker finish the message it is sending, records it, hands the rest
  // of its claim back to the queue, and joins the workers.
  void Stop();
  // A send was stored: an idle worker looks now instead of at its next poll.
  void Wake();

  // One claim, delivered and recorded, on the calling thread (for tests and the
  // benchmark's single-threaded runs). Returns how many notifications it handled.
  absl::StatusOr<int> RunOnce();

  // Deletes the DELIVERED and PERMANENT_FAILURE notifications last changed before
  // `cutoff`, with their attempts; returns how many.
  absl::StatusOr<int64_t> PurgeSettledBefore(absl::Time cutoff);

  const std::string& owner() const { return options_.owner; }

 private:
  struct Worker;
  void WorkerLoop(int index);
  void JanitorLoop();
  // Sleeps until `d` has passed or Stop(); false when stopping.
  bool SleepUnlessStopping(absl::Duration d);
  absl::StatusOr<int> ClaimAndDeliver(std::mt19937_64& random);
  // `wait`: the rate limit's, reserved by the caller, slept before sending.
  AttemptResult Deliver(const Notification& n, absl::Duration wait, std::mt19937_64& random);
  absl::StatusOr<Template> TemplateFor(const Notification& n);
  // By channel; a WEBHOOK notification to "whatsapp:+628…" goes to the gateway.
  ChannelSender* SenderFor(const Notification& n) const;
  RateLimiter* LimiterFor(Channel channel);
  // Writes the outcomes; clears `results` when written, or when `final` and
  // every try failed.
  absl::Status Record(std::vector<AttemptResult>& results, bool final);
  bool stopping() const;

  storage::Database& db_;
  const Clock& clock_;
  const Channels channels_;
  DispatcherOptions options_;
  NotificationStore store_;
  std::map<Channel, std::unique_ptr<RateLimiter>> limiters_;

  mutable absl::Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  int wakeups_ ABSL_GUARDED_BY(mu_) = 0;
  std::vector<std::thread> threads_;

  absl::Mutex templates_mu_;
  absl::flat_hash_map<std::pair<std::string, int>, Template> templates_
      ABSL_GUARDED_BY(templates_mu_);
};

// "<host>/<pid>/<8 random hex digits>": unique across restarts, also in
// containers where every process is pid 1.
std::string DefaultDispatcherOwner();

}  // namespace penataan::notification

#endif  // PENATAAN_SERVICES_NOTIFICATION_DISPATCHER_H_
