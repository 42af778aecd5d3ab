#ifndef PENATAAN_COMMON_STORAGE_CONNECTION_POOL_H_
#define PENATAAN_COMMON_STORAGE_CONNECTION_POOL_H_

// A bounded pool shared by both backends. Connections are made lazily up to
// max_size; a borrower waits for one up to a timeout; an unhealthy connection is
// dropped on return instead of being handed out again. Thread-safe.

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "absl/status/statusor.h"
#include "common/storage/database.h"

namespace penataan::storage {

class ConnectionPool {
 public:
  using Factory = std::function<absl::StatusOr<std::unique_ptr<Connection>>()>;
  ConnectionPool(Factory factory, int max_size, int acquire_timeout_ms)
      : factory_(std::move(factory)), max_size_(max_size), timeout_ms_(acquire_timeout_ms) {}

  absl::StatusOr<PooledConnection> Acquire();
  void Release(std::unique_ptr<Connection> conn);

 private:
  Factory factory_;
  const int max_size_;
  const int timeout_ms_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Connection>> idle_;  // guarded by mu_
  int open_ = 0;                                   // guarded by mu_
};

}  // namespace penataan::storage

#endif  // PENATAAN_COMMON_STORAGE_CONNECTION_POOL_H_
