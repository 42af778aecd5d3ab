#include "common/peer/inflight_limit.h"

#include <thread>

#include "absl/time/clock.h"
#include "gtest/gtest.h"

namespace penataan {
namespace {

TEST(InflightLimit, HoldsAtMostItsLimitAndAWaiterGivesUpAtItsDeadline) {
  InflightLimit limit("registry", 2);
  auto a = limit.Acquire(absl::InfiniteFuture());
  auto b = limit.Acquire(absl::InfiniteFuture());
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(limit.in_flight(), 2);

  auto late = limit.Acquire(absl::Now() + absl::Milliseconds(20));
  ASSERT_TRUE(absl::IsUnavailable(late.status()));
  EXPECT_NE(late.status().message().find("registry is busy"), std::string::npos);
  EXPECT_EQ(limit.in_flight(), 2);
}

TEST(InflightLimit, AWaiterGetsTheSlotReleasedBeforeItsDeadline) {
  InflightLimit limit("registry", 1);
  std::optional<InflightLimit::Slot> held;
  held.emplace(*limit.Acquire(absl::InfiniteFuture()));
  std::thread releaser([&] {
    absl::SleepFor(absl::Milliseconds(20));
    held.reset();
  });
  auto waited = limit.Acquire(absl::InfiniteFuture());
  releaser.join();
  ASSERT_TRUE(waited.ok());
  EXPECT_EQ(limit.in_flight(), 1);
}

TEST(InflightLimit, ASlotIsReturnedWhenItGoesOutOfScope) {
  InflightLimit limit("registry", 1);
  { auto slot = limit.Acquire(absl::InfiniteFuture()); }
  EXPECT_EQ(limit.in_flight(), 0);
  EXPECT_TRUE(limit.Acquire(absl::Now()).ok());
}

}  // namespace
}  // namespace penataan
