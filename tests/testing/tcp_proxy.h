#ifndef PENATAAN_TESTS_TESTING_TCP_PROXY_H_
#define PENATAAN_TESTS_TESTING_TCP_PROXY_H_

// A TCP proxy on 127.0.0.1:0 in front of a real server, for tests that need a peer
// to go away and come back on the same address in the middle of a call sequence (a
// registry outage during a run): Cut() closes every open connection and refuses new
// ones (accepted and closed at once, as a peer that is down), Restore() lets them
// through again. A real network path, not a mock. For tests only.

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"

namespace penataan::testing {

class TcpProxy {
 public:
  static absl::StatusOr<std::unique_ptr<TcpProxy>> Start(int upstream_port);
  ~TcpProxy();

  std::string address() const;
  void Cut();
  void Restore();

 private:
  TcpProxy() = default;
  void AcceptLoop();
  void Pump(int client, int upstream, int generation);

  int listen_fd_ = -1;
  int port_ = 0;
  int upstream_port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<bool> cut_{false};
  std::atomic<int> generation_{0};  // bumped by Cut: pumps of older ones close
  std::thread acceptor_;
  absl::Mutex mu_;
  std::vector<std::thread> pumps_ ABSL_GUARDED_BY(mu_);
};

}  // namespace penataan::testing

#endif  // PENATAAN_TESTS_TESTING_TCP_PROXY_H_
