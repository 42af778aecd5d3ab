#include "common/peer/peer_flags.h"

#include "absl/flags/flag.h"

ABSL_FLAG(std::string, peer_token_file, "",
          "local mode: file holding this service's bearer token for calling peers");
ABSL_FLAG(std::string, peer_tls_cert_file, "",
          "mutual TLS: this service's client certificate for calling peers");
ABSL_FLAG(std::string, peer_tls_key_file, "", "mutual TLS: key of --peer_tls_cert_file");
ABSL_FLAG(std::string, peer_tls_ca_file, "", "mutual TLS: the CA that signed the peers");
ABSL_FLAG(int, peer_max_deadline_seconds, 30,
          "a call to a peer never takes longer than this (nor than the request it serves)");

namespace penataan {

PeerOptions PeerOptionsFromFlags(const std::string& name, const std::string& address) {
  PeerOptions o;
  o.name = name;
  o.address = address;
  o.identity = {absl::GetFlag(FLAGS_peer_tls_ca_file), absl::GetFlag(FLAGS_peer_tls_cert_file),
                absl::GetFlag(FLAGS_peer_tls_key_file), absl::GetFlag(FLAGS_peer_token_file)};
  o.max_deadline = absl::Seconds(absl::GetFlag(FLAGS_peer_max_deadline_seconds));
  o.default_deadline = std::min(o.default_deadline, o.max_deadline);
  return o;
}

}  // namespace penataan
