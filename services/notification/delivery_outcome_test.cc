#include "services/notification/delivery_outcome.h"

#include <gtest/gtest.h>

namespace penataan::notification {
namespace {

using Kind = DeliveryOutcome::Kind;

TEST(ClassifyHttpStatus, Table) {
  const std::pair<long, Kind> cases[] = {
      {200, Kind::kDelivered}, {201, Kind::kDelivered}, {204, Kind::kDelivered},
      {301, Kind::kPermanent}, {400, Kind::kPermanent}, {401, Kind::kPermanent},
      {404, Kind::kPermanent}, {410, Kind::kPermanent}, {422, Kind::kPermanent},
      {408, Kind::kTemporary}, {425, Kind::kTemporary}, {429, Kind::kTemporary},
      {500, Kind::kTemporary}, {502, Kind::kTemporary}, {503, Kind::kTemporary},
      {504, Kind::kTemporary},
  };
  for (const auto& [code, kind] : cases) {
    DeliveryOutcome o = ClassifyHttpStatus(code);
    EXPECT_EQ(o.kind, kind) << code;
    if (kind != Kind::kDelivered) {
      EXPECT_EQ(o.error, "HTTP " + std::to_string(code));
    }
  }
}

TEST(ClassifySmtpReply, Table) {
  EXPECT_EQ(ClassifySmtpReply(250, "").kind, Kind::kDelivered);
  EXPECT_EQ(ClassifySmtpReply(421, "busy").kind, Kind::kTemporary);
  EXPECT_EQ(ClassifySmtpReply(452, "full").kind, Kind::kTemporary);
  EXPECT_EQ(ClassifySmtpReply(550, "no such user").kind, Kind::kPermanent);
  EXPECT_EQ(ClassifySmtpReply(553, "bad address").kind, Kind::kPermanent);
  EXPECT_EQ(ClassifySmtpReply(0, "connection refused").kind, Kind::kTemporary);
  EXPECT_EQ(ClassifySmtpReply(550, "no such user").error, "SMTP 550: no such user");
}

TEST(RetryDelay, DoublesFromTheInitialUpToTheCapWithJitterInTheUpperHalf) {
  const RetryPolicy policy{8, absl::Seconds(30), absl::Minutes(10)};
  struct Case {
    int attempts;
    double u;
    absl::Duration want;
  } cases[] = {
      {1, 0.0, absl::Seconds(15)},  {1, 0.999999, absl::Seconds(30)},
      {2, 0.0, absl::Seconds(30)},  {3, 0.5, absl::Seconds(90)},
      {5, 0.0, absl::Seconds(240)}, {6, 0.0, absl::Minutes(5)},  // 16 min capped at 10
      {40, 0.0, absl::Minutes(5)},  {40, 1.0, absl::Minutes(10)},
  };
  for (const Case& c : cases) {
    const absl::Duration got = RetryDelay(policy, c.attempts, c.u);
    EXPECT_LE(absl::AbsDuration(got - c.want), absl::Milliseconds(1))
        << "attempts " << c.attempts << " u " << c.u << ": " << got;
  }
}

TEST(ParseRetryAfter, DelaySecondsOnly) {
  EXPECT_EQ(ParseRetryAfter(" 120\r\n"), absl::Seconds(120));
  EXPECT_EQ(ParseRetryAfter("0"), absl::ZeroDuration());
  EXPECT_EQ(ParseRetryAfter("Wed, 21 Oct 2025 07:28:00 GMT"), absl::ZeroDuration());
  EXPECT_EQ(ParseRetryAfter("-5"), absl::ZeroDuration());
  EXPECT_EQ(ParseRetryAfter(""), absl::ZeroDuration());
}

TEST(NextAttemptDelay, HonoursALongerRetryAfterUpToTheCap) {
  const RetryPolicy policy{8, absl::Seconds(30), absl::Minutes(10)};
  EXPECT_EQ(NextAttemptDelay(policy, 1, 1.0, absl::ZeroDuration()), absl::Seconds(30));
  EXPECT_EQ(NextAttemptDelay(policy, 1, 1.0, absl::Seconds(5)), absl::Seconds(30));
  EXPECT_EQ(NextAttemptDelay(policy, 1, 1.0, absl::Seconds(90)), absl::Seconds(90));
  EXPECT_EQ(NextAttemptDelay(policy, 1, 1.0, absl::Hours(5)), absl::Minutes(10));
}

TEST(ShouldRetry, StopsAtTheLastAllowedAttempt) {
  const RetryPolicy policy{3, absl::Seconds(1), absl::Seconds(10)};
  EXPECT_TRUE(ShouldRetry(policy, 1));
  EXPECT_TRUE(ShouldRetry(policy, 2));
  EXPECT_FALSE(ShouldRetry(policy, 3));
  EXPECT_FALSE(ShouldRetry(RetryPolicy{1}, 1));
}

}  // namespace
}  // namespace penataan::notification
