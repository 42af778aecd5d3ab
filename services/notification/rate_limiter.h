#ifndef PENATAAN_SERVICES_NOTIFICATION_RATE_LIMITER_H_
#define PENATAAN_SERVICES_NOTIFICATION_RATE_LIMITER_H_

// A token bucket shared by a channel's dispatcher workers: at most `per_second`
// messages a second on average, with bursts of up to `burst`. Reserve() takes a
// token now and says how long the caller must wait before using it, so that the
// rule is a pure computation over the times it is given (tested with a FakeClock)
// and the waiting is the caller's. Thread-safe.

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace penataan::notification {

class RateLimiter {
 public:
  // per_second <= 0: unlimited. burst < 1 is taken as 1.
  RateLimiter(double per_second, int burst);

  // The wait before the caller may send one message (zero when a token is free).
  absl::Duration Reserve(absl::Time now);

  bool unlimited() const { return per_second_ <= 0; }

 private:
  const double per_second_;
  const double burst_;
  absl::Mutex mu_;
  double tokens_ ABSL_GUARDED_BY(mu_);
  absl::Time last_ ABSL_GUARDED_BY(mu_) = absl::InfinitePast();
};

}  // namespace penataan::notification

#endif  // PENATAAN_SERVICES_NOTIFICATION_RATE_LIMITER_H_
