#ifndef PENATAAN_COMMON_SERVER_LISTEN_ADDRESS_H_
#define PENATAAN_COMMON_SERVER_LISTEN_ADDRESS_H_

// Whether an address stays on this machine: what may be served without TLS, and
// where the committed local tokens are accepted.

#include "absl/strings/string_view.h"

namespace penataan {

// A listen address ("127.0.0.1:50051", "localhost:0", "[::1]:50051",
// "unix:/run/x.sock"): true only when nothing off this machine can connect.
// "0.0.0.0:50051", "[::]:50051", ":50051" and names other than localhost are not.
bool IsLoopbackListen(absl::string_view address);

// A gRPC peer string ("ipv4:127.0.0.1:53412", "ipv6:[::1]:53412", "unix:..."):
// true when the caller is on this machine.
bool IsLoopbackPeer(absl::string_view peer);

}  // namespace penataan

#endif  // PENATAAN_COMMON_SERVER_LISTEN_ADDRESS_H_
