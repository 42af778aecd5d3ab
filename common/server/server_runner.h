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

// PEM files for mutual TLS. With cert_file set the server speaks TLS only and
// requires a client certificate signed by client_ca_file.
struct TlsFiles {
  std::string cert_file, key_file, client_ca_file;
  bool enabled() const { return !cert_file.empty(); }
};

struct ServerOptions {
  std::string listen_address = "127.0.0.1:0";
  TlsFiles tls;
  // When set, a second, plaintext listener that serves only grpc.health.v1, for
  // probes that cannot present a client certificate (the kubelet's gRPC probe).
  std::string health_listen_address;
  int max_message_bytes = 16 * 1024 * 1024;
  // The sync server runs handlers (and their blocking database work) on at most
  // this many threads; past it, calls are refused with RESOURCE_EXHAUSTED.
  int max_threads = 64;
};

class RunningServer {
 public:
  RunningServer(std::unique_ptr<grpc::Server> server, int port,
                std::unique_ptr<grpc::Server> health_server, int health_port)
      : server_(std::move(server)),
        port_(port),
        health_server_(std::move(health_server)),
        health_port_(health_port) {}
  int port() const { return port_; }
  int health_port() const { return health_port_; }
  // Health goes NOT_SERVING, new calls are refused, calls in flight get `grace`
  // to finish and are cancelled after it. Blocks until done. Idempotent.
  void Shutdown(absl::Duration grace);
  ~RunningServer() { Shutdown(absl::Seconds(5)); }

 private:
  std::unique_ptr<grpc::Server> server_;
  int port_;
  std::unique_ptr<grpc::Server> health_server_;
  int health_port_;
  bool stopped_ = false;
};

// INVALID_ARGUMENT naming the file that cannot be read.
absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> ServerCredentialsFor(const TlsFiles& tls);

absl::StatusOr<std::unique_ptr<RunningServer>> StartServer(
    const ServerOptions& options, const std::vector<grpc::Service*>& services);

// Call first in main, before any thread exists, so that SIGTERM and SIGINT reach
// only WaitForTerminationSignal.
void BlockTerminationSignals();
// Blocks until SIGTERM or SIGINT; returns the signal's name.
std::string WaitForTerminationSignal();

}  // namespace penataan

#endif  // PENATAAN_COMMON_SERVER_SERVER_RUNNER_H_
