#ifndef PENATAAN_COMMON_STORAGE_CONNECTION_POOL_H_
#define PENATAAN_COMMON_STORAGE_CONNECTION_POOL_H_

// A bounded pool shared by both backends. Connections are made lazily up to
// max_size; a borrower waits for one up to a timeout; an unhealthy connection is
// dropped on return instead of being handed out again. Thread-safe.
//
// Every pool of the process adds to the penataan_db_pool_* metrics (connections
// open, in use, idle and allowed; acquires that waited, the time they waited, and
// those that timed out), and takes its share back when destroyed.
//
// Guarantees: a connection handed out is in no transaction and has autocommit on
// (one returned inside a transaction is rolled back, or dropped if that fails).

#include <chrono>
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
  ConnectionPool(Factory factory, const DatabaseOptions& options);
  ~ConnectionPool();

  absl::StatusOr<PooledConnection> Acquire();
  void Release(std::unique_ptr<Connection> conn);

 private:
  struct Idle {
    std::unique_ptr<Connection> conn;
    std::chrono::steady_clock::time_point since;
  };
  // A new connection, or UNAVAILABLE; `open_` was already counted for it.
  absl::StatusOr<PooledConnection> Open();
  void CountWait(std::chrono::steady_clock::time_point start, bool timed_out);

  Factory factory_;
  const int max_size_;
  const int timeout_ms_;
  const std::chrono::milliseconds validate_after_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<Idle> idle_;  // guarded by mu_; most recently used last
  int open_ = 0;            // guarded by mu_
};

}  // namespace penataan::storage

#endif  // PENATAAN_COMMON_STORAGE_CONNECTION_POOL_H_
