#ifndef PENATAAN_SERVICES_NOTIFICATION_DELIVERY_OUTCOME_H_
#define PENATAAN_SERVICES_NOTIFICATION_DELIVERY_OUTCOME_H_

// What one delivery attempt came to, and what happens next: the retry rules of
// the outbox in one place. Plain functions over plain values.

#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/utf8.h"

namespace penataan::notification {

struct DeliveryOutcome {
  enum class Kind { kDelivered, kTemporary, kPermanent };
  Kind kind = Kind::kDelivered;
  std::string error;  // empty when delivered; safe to log
  // What the other side answered (a few hundred bytes at most): stored with the
  // attempt for the admin, never logged, since a gateway may echo personal data.
  std::string response;
  // The other side asked us to wait this long before trying again (Retry-After).
  absl::Duration retry_after;

  // The error as stored: with the response when there is one, made valid UTF-8
  // (a gateway may answer in Latin-1, and a reply cut at a byte count may end
  // inside a character), which MariaDB's text columns require.
  std::string StoredError() const {
    return ValidUtf8(response.empty() ? error : error + ": " + response);
  }

  static DeliveryOutcome Delivered() { return {Kind::kDelivered, "", "", {}}; }
  static DeliveryOutcome Temporary(std::string e) {
    return {Kind::kTemporary, std::move(e), "", {}};
  }
  static DeliveryOutcome Permanent(std::string e) {
    return {Kind::kPermanent, std::move(e), "", {}};
  }
};

// An HTTP answer: 2xx delivered; 408, 425, 429 and 5xx worth retrying; any other
// 4xx (and 3xx: redirects are not followed) a refusal that a retry will not change.
DeliveryOutcome ClassifyHttpStatus(long code);

// A final SMTP reply code: 2xx delivered, 4xx temporary, 5xx permanent (RFC 5321).
// 0 (no reply: the connection failed) is temporary.
DeliveryOutcome ClassifySmtpReply(long code, absl::string_view error);

struct RetryPolicy {
  int max_attempts = 8;
  absl::Duration initial_backoff = absl::Seconds(30);
  absl::Duration max_backoff = absl::Hours(1);
};

// The wait before attempt `attempts + 1` after `attempts` failed ones (>= 1):
// initial * 2^(attempts-1), capped at max, then "equal jitter": a uniformly random
// point in its upper half (`unit_random` in [0, 1)), so that replicas retrying a
// gateway that came back do not all call it in the same instant.
absl::Duration RetryDelay(const RetryPolicy& policy, int attempts, double unit_random);

// A Retry-After header's delay-seconds (RFC 9110 10.2.3); zero when absent or an
// HTTP-date (rare from gateways; the backoff applies then).
absl::Duration ParseRetryAfter(absl::string_view value);

// The wait before the next attempt: the backoff, or longer when the other side
// asked for longer, but never beyond the policy's cap.
absl::Duration NextAttemptDelay(const RetryPolicy& policy, int attempts, double unit_random,
                                absl::Duration retry_after);

// After a temporary failure: another attempt, unless this was the last allowed.
bool ShouldRetry(const RetryPolicy& policy, int attempts);

}  // namespace penataan::notification

#endif  // PENATAAN_SERVICES_NOTIFICATION_DELIVERY_OUTCOME_H_
