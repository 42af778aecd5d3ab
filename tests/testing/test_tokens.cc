#include "tests/testing/test_tokens.h"

#include "absl/strings/str_cat.h"

namespace penataan::testing {

absl::StatusOr<TokenAuthenticator> TestTokens() {
  return TokenAuthenticator::FromCsvText(absl::StrCat(
      "token,principal\n", kKemenpanToken, ",national:kemenpanrb\n", kBknToken,
      ",national:bkn\n", kKupangToken, ",instansi:5371\n", kBekasiToken, ",instansi:3275\n", kJayapuraToken,
      ",instansi:9471\n",
      kScreeningToken, ",service:screening\n", kFormasiToken, ",service:formasi\n", kRegistryServiceToken, ",service:registry\n",
      kNotificationServiceToken, ",service:notification\n"));
}

std::unique_ptr<grpc::ClientContext> Ctx(const std::string& token) {
  auto ctx = std::make_unique<grpc::ClientContext>();
  ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  if (!token.empty()) ctx->AddMetadata("authorization", absl::StrCat("Bearer ", token));
  return ctx;
}

}  // namespace penataan::testing
