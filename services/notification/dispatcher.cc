#include "services/notification/dispatcher.h"

#include <unistd.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/log.h"
#include "common/status_macros.h"
#include "common/utf8.h"
#include "services/notification/message_renderer.h"
#include "services/notification/notification_metrics.h"
#include "services/notification/whatsapp_recipient.h"

namespace penataan::notification {
namespace {

using storage::Connection;

// A worker renews its lease when less than the channel's longest send plus this
// remains, so that a slow gateway never lets a claim expire under a live worker.
constexpr absl::Duration kLeaseMargin = absl::Seconds(2);
// Writing the outcomes at the end of a claim: tries, 100 ms apart and doubling.
constexpr int kFinalRecordTries = 5;

std::vector<int64_t> IdsFrom(const std::vector<Notification>& ns, size_t from) {
  std::vector<int64_t> ids;
  for (size_t i = from; i < ns.size(); ++i) ids.push_back(ns[i].id);
  return ids;
}

AttemptOutcome OutcomeOf(DeliveryOutcome::Kind kind) {
  switch (kind) {
    case DeliveryOutcome::Kind::kDelivered: return v1::DeliveryAttempt::DELIVERED;
    case DeliveryOutcome::Kind::kTemporary: return v1::DeliveryAttempt::TEMPORARY_FAILURE;
    case DeliveryOutcome::Kind::kPermanent: return v1::DeliveryAttempt::PERMANENT_FAILURE;
  }
  return v1::DeliveryAttempt::OUTCOME_UNSPECIFIED;
}

}  // namespace

std::string DefaultDispatcherOwner() {
  char host[256] = {0};
  if (gethostname(host, sizeof(host) - 1) != 0) host[0] = '\0';
  std::random_device random;
  return absl::StrFormat("%s/%d/%08x", host[0] ? host : "localhost", getpid(), random());
}

Dispatcher::Dispatcher(storage::Database& db, const Clock& clock, Channels channels,
                       DispatcherOptions options)
    : db_(db), clock_(clock), channels_(channels), options_(std::move(options)) {
  if (options_.owner.empty()) options_.owner = DefaultDispatcherOwner();
  options_.workers = std::max(options_.workers, 1);
  options_.claim_batch = std::max(options_.claim_batch, 1);
  options_.record_every = std::max(options_.record_every, 1);
  for (Channel c : {v1::EMAIL, v1::WEBHOOK, v1::LOG}) {
    auto it = options_.rate_limits.find(c);
    const RateLimit limit = it == options_.rate_limits.end() ? RateLimit{} : it->second;
    limiters_[c] = std::make_unique<RateLimiter>(limit.per_second, limit.burst);
  }
}

Dispatcher::~Dispatcher() { Stop(); }

void Dispatcher::Start() {
  for (int i = 0; i < options_.workers; ++i) {
    threads_.emplace_back([this, i] { WorkerLoop(i); });
  }
  if (options_.retention > absl::ZeroDuration()) threads_.emplace_back([this] { JanitorLoop(); });
  LogEvent(LogLevel::kInfo, "dispatcher_started",
           {{"owner", options_.owner}, {"workers", absl::StrCat(options_.workers)},
            {"lease_s", absl::StrCat(absl::ToInt64Seconds(options_.lease))},
            {"max_attempts", absl::StrCat(options_.retry.max_attempts)}});
}

void Dispatcher::Stop() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  for (std::thread& t : threads_) t.join();
  if (!threads_.empty()) LogEvent(LogLevel::kInfo, "dispatcher_stopped", {{"owner", owner()}});
  threads_.clear();
}

void Dispatcher::Wake() {
  absl::MutexLock lock(&mu_);
  ++wakeups_;
}

bool Dispatcher::stopping() const {
  absl::MutexLock lock(&mu_);
  return stopping_;
}

void Dispatcher::WorkerLoop(int index) {
  std::mt19937_64 random(std::random_device{}() + index);
  int seen = 0;
  while (!stopping()) {
    {
      absl::MutexLock lock(&mu_);
      seen = wakeups_;
    }
    absl::StatusOr<int> handled = ClaimAndDeliver(random);
    if (!handled.ok()) {
      LogEvent(LogLevel::kWarning, "dispatch_failed",
               {{"owner", owner()}, {"error", std::string(handled.status().message())}});
    }
    if (handled.ok() && *handled > 0) continue;
    absl::MutexLock lock(&mu_);
    auto woken = [this, seen]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
      return stopping_ || wakeups_ != seen;
    };
    mu_.AwaitWithTimeout(absl::Condition(&woken), options_.idle_poll);
  }
}

bool Dispatcher::SleepUnlessStopping(absl::Duration d) {
  absl::MutexLock lock(&mu_);
  auto stop = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return stopping_; };
  return !mu_.AwaitWithTimeout(absl::Condition(&stop), d);
}

void Dispatcher::JanitorLoop() {
  // Replicas start together after a rollout: spread their first purge.
  const absl::Duration first = options_.purge_every * (std::random_device{}() % 100) / 100;
  for (absl::Duration wait = first; SleepUnlessStopping(wait); wait = options_.purge_every) {
    absl::StatusOr<int64_t> purged = PurgeSettledBefore(clock_.Now() - options_.retention);
    if (!purged.ok()) {
      LogEvent(LogLevel::kWarning, "purge_failed",
               {{"error", std::string(purged.status().message())}});
    } else if (*purged > 0) {
      LogEvent(LogLevel::kInfo, "purged", {{"notifications", absl::StrCat(*purged)}});
    }
  }
}

absl::StatusOr<int64_t> Dispatcher::PurgeSettledBefore(absl::Time cutoff) {
  constexpr int kPage = 1000;
  int64_t purged = 0, after = 0;
  for (bool done = false; !done;) {
    int64_t page_purged = 0, next = after;
    RETURN_IF_ERROR(storage::InTransaction(db_, [&](Connection& c) -> absl::Status {
      ASSIGN_OR_RETURN(page_purged, store_.PurgeSettled(c, cutoff, after, kPage, &next, &done));
      return absl::OkStatus();
    }));
    purged += page_purged;
    after = next;
  }
  return purged;
}

absl::StatusOr<int> Dispatcher::RunOnce() {
  std::mt19937_64 random(std::random_device{}());
  return ClaimAndDeliver(random);
}

absl::StatusOr<int> Dispatcher::ClaimAndDeliver(std::mt19937_64& random) {
  const absl::Time now = clock_.Now();
  absl::Time lease_until = now + options_.lease;
  std::vector<Notification> claimed;
  RETURN_IF_ERROR(storage::InTransaction(db_, [&](Connection& c) -> absl::Status {
    ASSIGN_OR_RETURN(claimed,
                     store_.Claim(c, now, lease_until, options_.owner, options_.claim_batch,
                                  options_.retry.max_attempts));
    return absl::OkStatus();
  }));

  std::vector<AttemptResult> results;
  absl::Time last_record = clock_.Now();
  absl::Status recorded = absl::OkStatus();
  size_t next = 0;
  for (; next < claimed.size() && !stopping(); ++next) {
    const Notification& n = claimed[next];
    ChannelSender* sender = SenderFor(n);
    // The token is taken before the lease is checked: the wait for it is time
    // under the lease like the send itself, or a long queue for a slow channel
    // would let the lease run out while this worker waits, and another replica
    // send the message that this one is about to send.
    const absl::Duration wait =
        sender != nullptr ? LimiterFor(n.channel)->Reserve(clock_.Now()) : absl::ZeroDuration();
    const absl::Duration needed =
        wait + (sender ? sender->max_duration() : absl::ZeroDuration()) + kLeaseMargin;
    // Sends not yet recorded are still SENDING under this lease: recorded before a
    // long wait, so that they are not sent again if the process dies meanwhile.
    if (wait >= options_.record_within && !results.empty()) {
      Record(results, /*final=*/false).IgnoreError();  // kept for the next write
      last_record = clock_.Now();
    }
    if (clock_.Now() + needed > lease_until) {
      lease_until = clock_.Now() + std::max(options_.lease, needed);
      // The unsent rest of the claim, and the sent ones whose outcome is not
      // written yet: their lease must outlast the wait too, or another dispatcher
      // takes them over and sends them a second time.
      std::vector<int64_t> remaining = IdsFrom(claimed, next);
      for (const AttemptResult& r : results) remaining.push_back(r.id);
      int64_t held = 0;
      absl::Status extended = storage::InTransaction(db_, [&](Connection& c) -> absl::Status {
        ASSIGN_OR_RETURN(held, store_.ExtendLease(c, options_.owner, remaining, lease_until));
        return absl::OkStatus();
      });
      if (extended.ok() && held < static_cast<int64_t>(remaining.size())) {
        // The lease ran out before it was extended (a slow claim or extension)
        // and another dispatcher holds some of these now: it sends them.
        extended = absl::AbortedError("another dispatcher took over part of this claim");
      }
      if (!extended.ok()) {
        // Stop sending on a claim we may lose; record what was sent.
        recorded.Update(extended);
        break;
      }
    }
    results.push_back(Deliver(n, wait, random));
    // Recording soon keeps short the list of sends that would go out again if
    // this process died now; recording in groups keeps fast channels fast.
    if (results.size() >= static_cast<size_t>(options_.record_every) ||
        clock_.Now() - last_record >= options_.record_within) {
      Record(results, /*final=*/false).IgnoreError();  // kept for the next write
      last_record = clock_.Now();
    }
  }
  recorded.Update(Record(results, /*final=*/true));
  if (next < claimed.size()) {
    recorded.Update(storage::InTransaction(db_, [&](Connection& c) {
      return store_.Release(c, options_.owner, IdsFrom(claimed, next), clock_.Now());
    }));
  }
  RETURN_IF_ERROR(recorded);
  return static_cast<int>(claimed.size());
}

AttemptResult Dispatcher::Deliver(const Notification& n, absl::Duration wait,
                                  std::mt19937_64& random) {
  const absl::Time start = clock_.Now();
  DeliveryOutcome outcome;
  ChannelSender* sender = SenderFor(n);
  absl::StatusOr<Template> t = TemplateFor(n);
  if (sender == nullptr && n.channel == v1::WEBHOOK && IsWhatsAppRecipient(n.recipient)) {
    // Not a passing state like a channel missing on one replica: the operator runs
    // without a gateway, and the sender must learn now to reach the honorer another
    // way.
    outcome = DeliveryOutcome::Permanent(
        "no WhatsApp gateway configured (--whatsapp_gateway_url)");
  } else if (sender == nullptr) {
    outcome = DeliveryOutcome::Temporary(absl::StrCat(
        "channel ", v1::Channel_Name(n.channel), " is not configured on dispatcher ", owner()));
  } else if (!t.ok()) {
    outcome = absl::IsNotFound(t.status())
                  ? DeliveryOutcome::Permanent(std::string(t.status().message()))
                  : DeliveryOutcome::Temporary(std::string(t.status().message()));
  } else {
    if (wait > absl::ZeroDuration()) absl::SleepFor(wait);
    outcome = sender->Send(RenderMessage(*t, n, clock_.Now()));
  }
  const absl::Time end = clock_.Now();
  CountDelivery(n.channel, OutcomeOf(outcome.kind));

  AttemptResult r;
  r.id = n.id;
  const std::string error = outcome.StoredError();
  r.attempt = {n.id, n.attempts, start, n.channel, OutcomeOf(outcome.kind), error, owner(),
               end - start};
  switch (outcome.kind) {
    case DeliveryOutcome::Kind::kDelivered:
      r.status = v1::DELIVERED;
      return r;
    case DeliveryOutcome::Kind::kTemporary:
      if (ShouldRetry(options_.retry, n.attempts)) {
        r.status = v1::TEMPORARY_FAILURE;
        r.last_error = error;
        r.due_time = end + NextAttemptDelay(options_.retry, n.attempts,
                                            std::uniform_real_distribution<double>(0, 1)(random),
                                            outcome.retry_after);
      } else {
        r.status = v1::PERMANENT_FAILURE;
        r.last_error = absl::StrCat("gave up after ", n.attempts, " attempts: ", error);
      }
      break;
    case DeliveryOutcome::Kind::kPermanent:
      r.status = v1::PERMANENT_FAILURE;
      r.last_error = error;
      break;
  }
  LogEvent(LogLevel::kWarning, "delivery_failed",
           {{"notification", NotificationName(n.id)}, {"channel", v1::Channel_Name(n.channel)},
            {"attempt", absl::StrCat(n.attempts)}, {"status", v1::Status_Name(r.status)},
            {"error", ValidUtf8(outcome.error, 200)}});
  return r;
}

absl::Status Dispatcher::Record(std::vector<AttemptResult>& results, bool final) {
  if (results.empty()) return absl::OkStatus();
  // An outcome not recorded is a message sent again after the lease: worth a few
  // tries over a passing deadlock or failover. Mid-claim, a failure keeps the
  // results for the next write instead.
  const int tries = final ? kFinalRecordTries : 1;
  absl::Status s;
  for (int i = 0; i < tries; ++i) {
    if (i > 0) absl::SleepFor(absl::Milliseconds(50) * (1 << i));
    s = storage::InTransaction(db_, [&](Connection& c) {
      return store_.RecordResults(c, options_.owner, results, clock_.Now());
    });
    if (s.ok()) break;
  }
  if (s.ok()) {
    results.clear();
    return s;
  }
  LogEvent(final ? LogLevel::kError : LogLevel::kWarning, "recording_failed",
           {{"owner", owner()}, {"results", absl::StrCat(results.size())},
            {"final", final ? "yes" : "no"}, {"error", std::string(s.message())}});
  // Given up: those notifications stay SENDING until their lease runs out.
  if (final) results.clear();
  return s;
}

absl::StatusOr<Template> Dispatcher::TemplateFor(const Notification& n) {
  const auto key = std::make_pair(n.template_id, n.template_version);
  {
    absl::MutexLock lock(&templates_mu_);
    auto it = templates_.find(key);
    if (it != templates_.end()) return it->second;
  }
  ASSIGN_OR_RETURN(storage::PooledConnection conn, db_.Acquire());
  ASSIGN_OR_RETURN(std::optional<Template> t,
                   store_.GetTemplate(*conn, n.template_id, n.template_version));
  if (!t) {
    return absl::NotFoundError(absl::StrCat("template ", n.template_id, " version ",
                                            n.template_version, " no longer exists"));
  }
  // A template version never changes: cached for good.
  absl::MutexLock lock(&templates_mu_);
  return templates_.emplace(key, *t).first->second;
}

ChannelSender* Dispatcher::SenderFor(const Notification& n) const {
  switch (n.channel) {
    case v1::EMAIL: return channels_.email;
    case v1::WEBHOOK:
      return IsWhatsAppRecipient(n.recipient) ? channels_.whatsapp : channels_.webhook;
    case v1::LOG: return channels_.log;
    default: return nullptr;
  }
}

RateLimiter* Dispatcher::LimiterFor(Channel channel) { return limiters_.at(channel).get(); }

}  // namespace penataan::notification
