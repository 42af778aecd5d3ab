#include "services/notification/delivery_outcome.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace penataan::notification {

DeliveryOutcome ClassifyHttpStatus(long code) {
  if (code >= 200 && code < 300) return DeliveryOutcome::Delivered();
  const std::string error = absl::StrCat("HTTP ", code);
  if (code == 408 || code == 425 || code == 429 || code >= 500) {
    return DeliveryOutcome::Temporary(error);
  }
  return DeliveryOutcome::Permanent(error);
}

DeliveryOutcome ClassifySmtpReply(long code, absl::string_view error) {
  if (code >= 200 && code < 300) return DeliveryOutcome::Delivered();
  const std::string text =
      code > 0 ? absl::StrCat("SMTP ", code, ": ", error) : std::string(error);
  if (code >= 500) return DeliveryOutcome::Permanent(text);
  return DeliveryOutcome::Temporary(text);
}

absl::Duration RetryDelay(const RetryPolicy& policy, int attempts, double unit_random) {
  absl::Duration delay = policy.initial_backoff;
  for (int i = 1; i < attempts && delay < policy.max_backoff; ++i) delay *= 2;
  delay = std::min(delay, policy.max_backoff);
  const double u = std::clamp(unit_random, 0.0, 1.0);
  return delay / 2 + (delay / 2) * u;
}

absl::Duration ParseRetryAfter(absl::string_view value) {
  int64_t seconds = 0;
  if (!absl::SimpleAtoi(absl::StripAsciiWhitespace(value), &seconds) || seconds < 0) {
    return absl::ZeroDuration();
  }
  return absl::Seconds(seconds);
}

absl::Duration NextAttemptDelay(const RetryPolicy& policy, int attempts, double unit_random,
                                absl::Duration retry_after) {
  const absl::Duration backoff = RetryDelay(policy, attempts, unit_random);
  return std::min(std::max(backoff, retry_after), policy.max_backoff);
}

bool ShouldRetry(const RetryPolicy& policy, int attempts) {
  return attempts < policy.max_attempts;
}

}  // namespace penataan::notification
