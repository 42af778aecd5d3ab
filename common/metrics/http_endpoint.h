#ifndef PENATAAN_COMMON_METRICS_HTTP_ENDPOINT_H_
#define PENATAAN_COMMON_METRICS_HTTP_ENDPOINT_H_

// The HTTP listener Prometheus scrapes: GET /metrics answers a registry's text
// format; every other path is 404. Plain HTTP on purpose: the figures carry no
// personal data (method names, codes, counts), and a scraper rarely speaks mTLS;
// bind it to loopback or a pod network only.
//
// Served by cpp-httplib (Debian's libcpp-httplib) on two threads of its own, so a
// slow scraper never takes a gRPC handler thread.

#include <memory>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "common/metrics/registry.h"

namespace httplib {
class Server;
}

namespace penataan::metrics {

class HttpEndpoint {
 public:
  // `address` is "host:port" ("127.0.0.1:51051", "0.0.0.0:9100", "[::1]:0"); port 0
  // takes a free one (see port()). UNAVAILABLE when it cannot bind.
  static absl::StatusOr<std::unique_ptr<HttpEndpoint>> Start(const std::string& address,
                                                             const Registry& registry = Default());
  ~HttpEndpoint();  // Stop()s

  int port() const { return port_; }
  // Closes the listener and waits for the scrapes in progress. Idempotent.
  void Stop();

 private:
  HttpEndpoint() = default;
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  int port_ = 0;
};

}  // namespace penataan::metrics

#endif  // PENATAAN_COMMON_METRICS_HTTP_ENDPOINT_H_
