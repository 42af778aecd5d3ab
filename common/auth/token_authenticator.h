#ifndef PENATAAN_COMMON_AUTH_TOKEN_AUTHENTICATOR_H_
#define PENATAAN_COMMON_AUTH_TOKEN_AUTHENTICATOR_H_

// Local mode: bearer tokens from a CSV file (header "token,principal"). Immutable
// after construction, so it is safe to share between threads.

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

 private:
  absl::flat_hash_map<std::string, Principal> by_token_;
};

}  // namespace penataan

#endif  // PENATAAN_COMMON_AUTH_TOKEN_AUTHENTICATOR_H_
