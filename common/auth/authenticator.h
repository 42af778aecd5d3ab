#ifndef PENATAAN_COMMON_AUTH_AUTHENTICATOR_H_
#define PENATAAN_COMMON_AUTH_AUTHENTICATOR_H_

// Who is calling. Production: mutual TLS, the principal taken from the verified
// client certificate's SPIFFE ID (spiffe://penataan/instansi/5371). Local mode: a
// bearer token from the tokens file (a local-only file's tokens only from a
// loopback peer). A call over mTLS is identified by its certificate alone; a token
// it also sends is ignored. Immutable; thread-safe.

#include <optional>

#include <grpcpp/grpcpp.h>

#include "absl/status/statusor.h"
#include "common/auth/principal.h"
#include "common/auth/token_authenticator.h"

namespace penataan {

class Authenticator {
 public:
  // `tokens`: accept bearer tokens (local mode); without, only client certificates.
  explicit Authenticator(std::optional<TokenAuthenticator> tokens)
      : tokens_(std::move(tokens)) {}

  // UNAUTHENTICATED when the call carries no identity this server accepts.
  absl::StatusOr<Principal> Authenticate(const grpc::ServerContext& context) const;

  // Whether bearer tokens from a local-only tokens file are configured.
  bool local_tokens() const { return tokens_ && tokens_->local_only(); }

 private:
  std::optional<TokenAuthenticator> tokens_;
};

// "spiffe://penataan/instansi/5371" -> instansi:5371 (also national/…, service/…).
absl::StatusOr<Principal> PrincipalFromSpiffeId(absl::string_view uri);

}  // namespace penataan

#endif  // PENATAAN_COMMON_AUTH_AUTHENTICATOR_H_
