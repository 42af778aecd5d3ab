#ifndef PENATAAN_COMMON_PEER_PEER_CLIENT_H_
#define PENATAAN_COMMON_PEER_PEER_CLIENT_H_

// How a service calls another (ARCHITECTURE.md "Calls between services"): one
// channel per peer, made once per process and shared by every call, carrying the
// calling service's own identity (its client certificate under mutual TLS, or its
// bearer token in local mode), with keepalive and gRPC's own retry of UNAVAILABLE
// with exponential backoff (service config). Each call gets a context from
// NewContext(): a deadline no later than the incoming call's and never more than
// `max_deadline` away, and the request id and the original caller forwarded as
// metadata, so that one user action can be followed through every service's log
// and audit records.
//
// Guarantees:
//  - a call never outlives the request it serves, nor waits for ever;
//  - only UNAVAILABLE is retried (the peer was not reached or is restarting); the
//    peer's methods we call are idempotent (reads, or writes keyed by request ids
//    and references), so a retry after a lost answer stores nothing twice;
//  - a token is read once, at Create, and never logged.
// Thread-safe.

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/server/caller.h"

namespace penataan {

// Who this service is when it calls a peer.
struct PeerIdentity {
  // Mutual TLS: the CA that signed the peers' certificates, and this service's
  // certificate (SPIFFE ID spiffe://penataan/service/<name>) and key.
  std::string tls_ca_file, tls_cert_file, tls_key_file;
  // Local mode: a file holding this service's bearer token; only for peers on
  // loopback (a token is not sent in plaintext off the machine).
  std::string token_file;
};

struct PeerOptions {
  std::string name;     // "registry", for errors and logs
  std::string address;  // "127.0.0.1:50051", "dns:///registry:50051"
  PeerIdentity identity;
  // A call made outside any request (a scheduler) gets this deadline; a call
  // serving a request gets the request's, capped at max_deadline.
  absl::Duration default_deadline = absl::Seconds(10);
  absl::Duration max_deadline = absl::Seconds(30);
  int max_attempts = 4;  // tries of an UNAVAILABLE call, the first included
  absl::Duration initial_backoff = absl::Milliseconds(100);
  absl::Duration max_backoff = absl::Seconds(2);
};

class PeerClient {
 public:
  // INVALID_ARGUMENT naming a file that cannot be read or an identity that is
  // neither TLS nor token.
  static absl::StatusOr<std::unique_ptr<PeerClient>> Create(const PeerOptions& options);

  const std::shared_ptr<grpc::Channel>& channel() const { return channel_; }
  const std::string& name() const { return options_.name; }

  // A context for one call on behalf of `caller` (its deadline, request id and
  // origin). Deadlines are instants on the system clock, as gRPC's are.
  std::unique_ptr<grpc::ClientContext> NewContext(const Caller& caller) const;

  // The service config of the channel (exposed for tests).
  static std::string ServiceConfigJson(const PeerOptions& options);

 private:
  PeerClient(PeerOptions options, std::shared_ptr<grpc::Channel> channel, std::string token)
      : options_(std::move(options)), channel_(std::move(channel)), token_(std::move(token)) {}
  const PeerOptions options_;
  const std::shared_ptr<grpc::Channel> channel_;
  const std::string token_;  // empty under TLS
};

// A peer's absl::Status from its grpc::Status, with the peer named in the message:
// "registry: unavailable (...)". UNAVAILABLE and DEADLINE_EXCEEDED both become
// UNAVAILABLE: to our caller, the peer could not answer in time.
absl::Status PeerStatus(const std::string& peer, const grpc::Status& status);

}  // namespace penataan

#endif  // PENATAAN_COMMON_PEER_PEER_CLIENT_H_
