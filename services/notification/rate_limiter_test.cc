#include "services/notification/rate_limiter.h"

#include <gtest/gtest.h>

namespace penataan::notification {
namespace {

const absl::Time kStart = absl::FromUnixSeconds(1756000000);

TEST(RateLimiter, UnlimitedNeverWaits) {
  RateLimiter limiter(0, 1);
  for (int i = 0; i < 1000; ++i) EXPECT_EQ(limiter.Reserve(kStart), absl::ZeroDuration());
}

TEST(RateLimiter, BurstIsFreeThenEachMessageWaitsItsShare) {
  RateLimiter limiter(10, 3);  // 10/s: one token per 100 ms
  EXPECT_EQ(limiter.Reserve(kStart), absl::ZeroDuration());
  EXPECT_EQ(limiter.Reserve(kStart), absl::ZeroDuration());
  EXPECT_EQ(limiter.Reserve(kStart), absl::ZeroDuration());
  EXPECT_EQ(limiter.Reserve(kStart), absl::Milliseconds(100));
  EXPECT_EQ(limiter.Reserve(kStart), absl::Milliseconds(200));
}

TEST(RateLimiter, TokensComeBackWithTimeButNeverAboveTheBurst) {
  RateLimiter limiter(10, 2);
  limiter.Reserve(kStart);
  limiter.Reserve(kStart);
  EXPECT_EQ(limiter.Reserve(kStart + absl::Milliseconds(100)), absl::ZeroDuration());
  // An hour idle refills two tokens, not 36,000.
  const absl::Time later = kStart + absl::Hours(1);
  EXPECT_EQ(limiter.Reserve(later), absl::ZeroDuration());
  EXPECT_EQ(limiter.Reserve(later), absl::ZeroDuration());
  EXPECT_EQ(limiter.Reserve(later), absl::Milliseconds(100));
}

TEST(RateLimiter, ByOneSecondAtMostRatePlusBurstHaveGoneOut) {
  RateLimiter limiter(50, 5);
  int sent_in_first_second = 0;
  for (int i = 0; i < 200; ++i) {
    if (limiter.Reserve(kStart) <= absl::Seconds(1)) ++sent_in_first_second;
  }
  EXPECT_EQ(sent_in_first_second, 55);
}

}  // namespace
}  // namespace penataan::notification
