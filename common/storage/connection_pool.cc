#include "common/storage/connection_pool.h"

#include <chrono>

#include "common/metrics/registry.h"

namespace penataan::storage {
namespace {

struct PoolMetrics {
  metrics::Gauge& open = metrics::Default()
                             .AddGauge("penataan_db_pool_open_connections",
                                       "Database connections open (in use and idle)")
                             .WithLabels({});
  metrics::Gauge& in_use = metrics::Default()
                               .AddGauge("penataan_db_pool_in_use_connections",
                                         "Database connections lent out")
                               .WithLabels({});
  metrics::Gauge& idle = metrics::Default()
                             .AddGauge("penataan_db_pool_idle_connections",
                                       "Database connections open and waiting in the pool")
                             .WithLabels({});
  metrics::Gauge& max = metrics::Default()
                            .AddGauge("penataan_db_pool_max_connections",
                                      "Database connections the pool may open (--db_pool_size)")
                            .WithLabels({});
  metrics::Counter& waits = metrics::Default()
                                .AddCounter("penataan_db_pool_acquire_waits_total",
                                            "Acquires that found no free connection and waited")
                                .WithLabels({});
  metrics::Counter& wait_seconds =
      metrics::Default()
          .AddCounter("penataan_db_pool_acquire_wait_seconds_total",
                      "Time acquires spent waiting for a free connection")
          .WithLabels({});
  metrics::Counter& timeouts =
      metrics::Default()
          .AddCounter("penataan_db_pool_acquire_timeouts_total",
                      "Acquires that waited the whole timeout and failed UNAVAILABLE")
          .WithLabels({});
};

PoolMetrics& Metrics() {
  static PoolMetrics* m = new PoolMetrics();
  return *m;
}

}  // namespace

PooledConnection::~PooledConnection() {
  if (conn_ != nullptr && pool_ != nullptr) pool_->Release(std::move(conn_));
}

ConnectionPool::ConnectionPool(Factory factory, const DatabaseOptions& options)
    : factory_(std::move(factory)),
      max_size_(options.pool_size),
      timeout_ms_(options.acquire_timeout_ms),
      validate_after_(std::chrono::milliseconds(options.validate_after_idle_ms)) {
  Metrics().max.Add(max_size_);
}

ConnectionPool::~ConnectionPool() {
  std::lock_guard<std::mutex> lock(mu_);
  PoolMetrics& m = Metrics();
  m.max.Add(-max_size_);
  m.open.Add(-open_);
  m.idle.Add(-static_cast<double>(idle_.size()));
}

absl::StatusOr<PooledConnection> ConnectionPool::Acquire() {
  std::unique_lock<std::mutex> lock(mu_);
  const auto start = std::chrono::steady_clock::now();
  const auto deadline = start + std::chrono::milliseconds(timeout_ms_);
  bool waited = false;
  while (idle_.empty() && open_ >= max_size_) {
    waited = true;
    if (cv_.wait_until(lock, deadline) == std::cv_status::timeout && idle_.empty() &&
        open_ >= max_size_) {
      CountWait(start, true);
      return absl::UnavailableError("database busy: no free connection in the pool");
    }
  }
  if (waited) CountWait(start, false);
  if (!idle_.empty()) {
    Idle idle = std::move(idle_.back());
    idle_.pop_back();
    Metrics().idle.Add(-1);
    lock.unlock();
    if (std::chrono::steady_clock::now() - idle.since < validate_after_ || idle.conn->Ping()) {
      Metrics().in_use.Add(1);
      return PooledConnection(this, std::move(idle.conn));
    }
    // Closed by the server while idle: replace it rather than fail a caller with it.
    idle.conn.reset();
    return Open();
  }
  ++open_;
  Metrics().open.Add(1);
  lock.unlock();
  return Open();
}

void ConnectionPool::CountWait(std::chrono::steady_clock::time_point start, bool timed_out) {
  PoolMetrics& m = Metrics();
  m.waits.Increment();
  m.wait_seconds.Increment(
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  if (timed_out) m.timeouts.Increment();
}

absl::StatusOr<PooledConnection> ConnectionPool::Open() {
  absl::StatusOr<std::unique_ptr<Connection>> conn = factory_();
  if (!conn.ok()) {
    std::lock_guard<std::mutex> relock(mu_);
    --open_;
    Metrics().open.Add(-1);
    cv_.notify_one();
    return conn.status();
  }
  Metrics().in_use.Add(1);
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
  Metrics().in_use.Add(-1);
  if (reusable) {
    idle_.push_back(Idle{std::move(conn), std::chrono::steady_clock::now()});
    Metrics().idle.Add(1);
  } else {
    --open_;
    Metrics().open.Add(-1);
  }
  cv_.notify_one();
}

}  // namespace penataan::storage
