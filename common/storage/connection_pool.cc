#include "common/storage/connection_pool.h"

#include <chrono>

namespace penataan::storage {

PooledConnection::~PooledConnection() {
  if (conn_ != nullptr && pool_ != nullptr) pool_->Release(std::move(conn_));
}

absl::StatusOr<PooledConnection> ConnectionPool::Acquire() {
  std::unique_lock<std::mutex> lock(mu_);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms_);
  while (idle_.empty() && open_ >= max_size_) {
    if (cv_.wait_until(lock, deadline) == std::cv_status::timeout && idle_.empty() &&
        open_ >= max_size_) {
      return absl::UnavailableError("database busy: no free connection in the pool");
    }
  }
  if (!idle_.empty()) {
    Idle idle = std::move(idle_.back());
    idle_.pop_back();
    lock.unlock();
    if (std::chrono::steady_clock::now() - idle.since < validate_after_ || idle.conn->Ping()) {
      return PooledConnection(this, std::move(idle.conn));
    }
    // Closed by the server while idle: replace it rather than fail a caller with it.
    idle.conn.reset();
    return Open();
  }
  ++open_;
  lock.unlock();
  return Open();
}

absl::StatusOr<PooledConnection> ConnectionPool::Open() {
  absl::StatusOr<std::unique_ptr<Connection>> conn = factory_();
  if (!conn.ok()) {
    std::lock_guard<std::mutex> relock(mu_);
    --open_;
    cv_.notify_one();
    return conn.status();
  }
  return PooledConnection(this, std::move(*conn));
}

void ConnectionPool::Release(std::unique_ptr<Connection> conn) {
  // A borrower that began a transaction and left without ending it (or whose
  // commit failed and could not be rolled back) must not pass it on: the next
  // borrower's writes would join that transaction, or wait on its locks. Rolled
  // back here, outside the lock (a round trip); dropped if that fails.
  if (conn->healthy() && conn->in_transaction()) conn->Rollback().IgnoreError();
  const bool reusable = conn->healthy() && !conn->in_transaction();
  if (!reusable) conn.reset();  // closed outside the lock too
  std::lock_guard<std::mutex> lock(mu_);
  if (reusable) {
    idle_.push_back(Idle{std::move(conn), std::chrono::steady_clock::now()});
  } else {
    --open_;
  }
  cv_.notify_one();
}

}  // namespace penataan::storage
