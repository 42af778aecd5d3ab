#ifndef PENATAAN_COMMON_CLOCK_H_
#define PENATAAN_COMMON_CLOCK_H_

// Every service reads the time through a Clock, so that tests can stand one second
// before and after a deadline. Implementations are thread-safe.

#include <mutex>

#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace penataan {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual absl::Time Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  absl::Time Now() const override { return absl::Now(); }
};

// Local and demo mode: a clock that starts at a chosen instant (say 22 August 2025,
// three days before a deadline) and then runs at real speed, so that a demo can
// replay a deadline without waiting for the calendar.
class DemoClock final : public Clock {
 public:
  explicit DemoClock(absl::Time start) : start_(start), real_start_(absl::Now()) {}
  absl::Time Now() const override { return start_ + (absl::Now() - real_start_); }

 private:
  const absl::Time start_;
  const absl::Time real_start_;
};

// A clock that moves only when told to.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(absl::Time start) : now_(start) {}
  absl::Time Now() const override {
    std::lock_guard<std::mutex> lock(mu_);
    return now_;
  }
  void Set(absl::Time t) {
    std::lock_guard<std::mutex> lock(mu_);
    now_ = t;
  }
  void Advance(absl::Duration d) {
    std::lock_guard<std::mutex> lock(mu_);
    now_ += d;
  }

 private:
  mutable std::mutex mu_;
  absl::Time now_;
};

}  // namespace penataan

#endif  // PENATAAN_COMMON_CLOCK_H_
