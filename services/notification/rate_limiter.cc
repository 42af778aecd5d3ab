#include "services/notification/rate_limiter.h"

#include <algorithm>

namespace penataan::notification {

RateLimiter::RateLimiter(double per_second, int burst)
    : per_second_(per_second), burst_(std::max(burst, 1)), tokens_(burst_) {}

absl::Duration RateLimiter::Reserve(absl::Time now) {
  if (unlimited()) return absl::ZeroDuration();
  absl::MutexLock lock(&mu_);
  if (last_ != absl::InfinitePast() && now > last_) {
    tokens_ = std::min(burst_, tokens_ + absl::ToDoubleSeconds(now - last_) * per_second_);
  }
  last_ = std::max(last_, now);
  tokens_ -= 1;
  // A negative balance is a queue of reservations: this one waits for its token.
  if (tokens_ >= 0) return absl::ZeroDuration();
  return absl::Seconds(-tokens_ / per_second_);
}

}  // namespace penataan::notification
