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
  std::lock_guard<std::mutex> lock(mu_);
  if (conn->healthy()) {
    idle_.push_back(Idle{std::move(conn), std::chrono::steady_clock::now()});
  } else {
    --open_;
  }
  cv_.notify_one();
}

}  // namespace penataan::storage
