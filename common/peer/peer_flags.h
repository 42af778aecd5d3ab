#ifndef PENATAAN_COMMON_PEER_PEER_FLAGS_H_
#define PENATAAN_COMMON_PEER_PEER_FLAGS_H_

// The flags of a service that calls peers: its identity towards them
// (--peer_token_file in local mode; --peer_tls_cert_file, --peer_tls_key_file and
// --peer_tls_ca_file under mutual TLS) and how long a call may take. Each peer's
// address is the calling service's own flag (--registry_address, ...).

#include <string>

#include "common/peer/peer_client.h"

namespace penataan {

// PeerOptions for peer `name` at `address`, with the identity and deadlines of the flags.
PeerOptions PeerOptionsFromFlags(const std::string& name, const std::string& address);

}  // namespace penataan

#endif  // PENATAAN_COMMON_PEER_PEER_FLAGS_H_
