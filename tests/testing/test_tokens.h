#ifndef PENATAAN_TESTS_TESTING_TEST_TOKENS_H_
#define PENATAAN_TESTS_TESTING_TEST_TOKENS_H_

// Tokens of the test principals (the same scheme as deploy/local/tokens.csv), and
// a client context that carries one. For tests only.

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "common/auth/token_authenticator.h"

namespace penataan::testing {

inline constexpr char kKemenpanToken[] = "test-token-kemenpanrb-0001";
inline constexpr char kBknToken[] = "test-token-bkn-000000000001";
inline constexpr char kKupangToken[] = "test-token-instansi-5371-01";
inline constexpr char kBekasiToken[] = "test-token-instansi-3275-01";
inline constexpr char kJayapuraToken[] = "test-token-instansi-9471-01";
inline constexpr char kScreeningToken[] = "test-token-service-screening";
inline constexpr char kFormasiToken[] = "test-token-service-formasi-01";
inline constexpr char kRegistryServiceToken[] = "test-token-service-registry-01";
inline constexpr char kNotificationServiceToken[] = "test-token-service-notification-01";

// An authenticator that knows every token above.
absl::StatusOr<TokenAuthenticator> TestTokens();

// A client context with a 10 s deadline and the bearer token.
std::unique_ptr<grpc::ClientContext> Ctx(const std::string& token);

}  // namespace penataan::testing

#endif  // PENATAAN_TESTS_TESTING_TEST_TOKENS_H_
