#ifndef PENATAAN_COMMON_SERVER_SERVER_RUNNER_H_
#define PENATAAN_COMMON_SERVER_SERVER_RUNNER_H_

// The bootstrap every service shares: health checking (grpc.health.v1), server
// reflection, keepalive, message size limits, a bounded pool of handler threads,
// and graceful shutdown (NOT_SERVING, then drain the calls in flight).

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace penataan {

struct ServerOptions {
  std::string listen_address = "127.0.0.1:0";
  int max_message_bytes = 16 * 1024 * 1024;
  // The sync server runs handlers (and their blocking database work) on at most
  // this many threads; past it, calls are refused with RESOURCE_EXHAUSTED.
  int max_threads = 64;
};

class RunningServer {
 public:
  RunningServer(std::unique_ptr<grpc::Server> server, int port)
      : server_(std::move(server)), port_(port) {}
  int port() const { return port_; }
  // Health goes NOT_SERVING, new calls are refused, calls in flight get `grace`
  // to finish and are cancelled after it. Blocks until done. Idempotent.
  void Shutdown(absl::Duration grace);
  ~RunningServer() { Shutdown(absl::Seconds(5)); }

 private:
  std::unique_ptr<grpc::Server> server_;
  int port_;
  bool stopped_ = false;
};

absl::StatusOr<std::unique_ptr<RunningServer>> StartServer(
    const ServerOptions& options, const std::vector<grpc::Service*>& services);

// Call first in main, before any thread exists, so that SIGTERM and SIGINT reach
// only WaitForTerminationSignal.
void BlockTerminationSignals();
// Blocks until SIGTERM or SIGINT; returns the signal's name.
std::string WaitForTerminationSignal();

}  // namespace penataan

#endif  // PENATAAN_COMMON_SERVER_SERVER_RUNNER_H_
