#ifndef PENATAAN_COMMON_PEER_INFLIGHT_LIMIT_H_
#define PENATAAN_COMMON_PEER_INFLIGHT_LIMIT_H_

// At most N calls to a peer at once from this process; the rest wait their turn,
// each no longer than its own deadline. On the last day 550 instansi may submit in
// the same minute: without a limit each submission would open its own calls to
// the registry at once and the registry's thread pool would refuse the overflow
// (RESOURCE_EXHAUSTED); with it they queue here and are answered in turn.
//
// Guarantees:
//  - never more than `limit` Slots held at once;
//  - a waiter gets a Slot or, once `deadline` has passed, UNAVAILABLE saying the
//    peer is busy (so the caller may retry), never a Slot after its deadline;
//  - a Slot is returned when it goes out of scope. Thread-safe.

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace penataan {

class InflightLimit {
 public:
  class Slot {
   public:
    explicit Slot(InflightLimit* owner) : owner_(owner) {}
    Slot(Slot&& other) noexcept : owner_(other.owner_) { other.owner_ = nullptr; }
    Slot& operator=(Slot&&) = delete;
    ~Slot() {
      if (owner_ != nullptr) owner_->Release();
    }

   private:
    InflightLimit* owner_;
  };

  InflightLimit(std::string peer, int limit) : peer_(std::move(peer)), limit_(limit) {}

  // A Slot, waiting (on the real clock) until `deadline` at most.
  absl::StatusOr<Slot> Acquire(absl::Time deadline);

  int in_flight() const {
    absl::MutexLock lock(&mu_);
    return in_flight_;
  }

 private:
  void Release();
  bool HasRoom() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return in_flight_ < limit_; }

  const std::string peer_;
  const int limit_;
  mutable absl::Mutex mu_;
  int in_flight_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace penataan

#endif  // PENATAAN_COMMON_PEER_INFLIGHT_LIMIT_H_
