#ifndef PENATAAN_TESTS_TESTING_HTTP_RECEIVER_H_
#define PENATAAN_TESTS_TESTING_HTTP_RECEIVER_H_

// A real HTTP/1.1 server on 127.0.0.1 that stands in for a webhook receiver (a
// WhatsApp gateway, another agency's system): it keeps every POST it is sent and
// can be told to fail the first N calls, or to answer slowly. One thread per
// connection, keep-alive. For tests and the benchmark, not for production.

#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace penataan::testing {

struct ReceivedRequest {
  std::string method;
  std::string path;
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
  int answered = 200;
};

class HttpReceiver {
 public:
  static absl::StatusOr<std::unique_ptr<HttpReceiver>> Start();
  ~HttpReceiver();

  int port() const { return port_; }
  std::string url(const std::string& path = "/hook") const;

  // The next `n` requests get `status` (e.g. 503, 429, 400); later ones 200.
  void FailNext(int n, int status);
  // Failed answers carry "Retry-After: <seconds>" (0: none).
  void SetRetryAfter(int seconds);
  // The body of failed answers (default "refused by the test receiver"); any
  // bytes, e.g. Latin-1 text as a misconfigured gateway sends it.
  void SetFailureBody(std::string body);
  // Every request waits this long before its answer.
  void SetDelay(absl::Duration delay);
  // Keep only counts, not the requests (the benchmark's hundreds of thousands).
  void SetKeepBodies(bool keep);

  std::vector<ReceivedRequest> requests() const;
  int64_t count() const { return count_.load(); }
  int64_t delivered_count() const { return delivered_.load(); }
  // Waits until `n` requests have been answered 2xx, or the timeout passes.
  bool WaitForDelivered(int64_t n, absl::Duration timeout) const;

 private:
  HttpReceiver() = default;
  void AcceptLoop();
  void Serve(int fd);
  void ServeRequests(int fd);
  int Answer(ReceivedRequest& request);

  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::thread acceptor_;
  std::atomic<int64_t> count_{0};
  std::atomic<int64_t> delivered_{0};

  mutable absl::Mutex mu_;
  std::vector<std::thread> connections_ ABSL_GUARDED_BY(mu_);
  std::vector<int> open_fds_ ABSL_GUARDED_BY(mu_);
  std::vector<ReceivedRequest> requests_ ABSL_GUARDED_BY(mu_);
  int fail_next_ ABSL_GUARDED_BY(mu_) = 0;
  int fail_status_ ABSL_GUARDED_BY(mu_) = 503;
  int retry_after_ ABSL_GUARDED_BY(mu_) = 0;
  std::string failure_body_ ABSL_GUARDED_BY(mu_) = "refused by the test receiver";
  absl::Duration delay_ ABSL_GUARDED_BY(mu_);
  bool keep_bodies_ ABSL_GUARDED_BY(mu_) = true;
};

}  // namespace penataan::testing

#endif  // PENATAAN_TESTS_TESTING_HTTP_RECEIVER_H_
