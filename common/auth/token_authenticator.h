#ifndef PENATAAN_COMMON_AUTH_TOKEN_AUTHENTICATOR_H_
#define PENATAAN_COMMON_AUTH_TOKEN_AUTHENTICATOR_H_

// Local mode: bearer tokens from a CSV file (header "token,principal"). A file
// with a comment line containing "LOCAL DEVELOPMENT ONLY" (deploy/local/tokens.csv,
// whose tokens are public) is local-only: its tokens are accepted from this
// machine only (see Authenticator), and a server will not listen beyond loopback
// with it. Immutable after construction, so it is safe to share between threads.

#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "common/auth/principal.h"

namespace penataan {

class TokenAuthenticator {
 public:
  static absl::StatusOr<TokenAuthenticator> FromCsvText(absl::string_view csv);
  static absl::StatusOr<TokenAuthenticator> FromFile(const std::string& path);

  // From the value of the "authorization" header: "Bearer <token>".
  // UNAUTHENTICATED when missing or unknown; the message never echoes the token.
  absl::StatusOr<Principal> Authenticate(absl::string_view authorization) const;

  bool local_only() const { return local_only_; }

 private:
  absl::flat_hash_map<std::string, Principal> by_token_;
  bool local_only_ = false;
};

}  // namespace penataan

#endif  // PENATAAN_COMMON_AUTH_TOKEN_AUTHENTICATOR_H_
