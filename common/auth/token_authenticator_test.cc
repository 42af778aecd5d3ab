#include "common/auth/token_authenticator.h"

#include "gtest/gtest.h"

namespace penataan {
namespace {

constexpr char kCsv[] =
    "token,principal\n"
    "# local only\n"
    "aaaaaaaaaaaaaaaaaaaa,national:kemenpanrb\n"
    "bbbbbbbbbbbbbbbbbbbb,instansi:5371\n";

TEST(TokenAuthenticator, MapsBearerTokenToPrincipal) {
  auto auth = TokenAuthenticator::FromCsvText(kCsv);
  ASSERT_TRUE(auth.ok()) << auth.status();
  auto p = auth->Authenticate("Bearer bbbbbbbbbbbbbbbbbbbb");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->ToString(), "instansi:5371");
}

TEST(TokenAuthenticator, RefusesMissingMalformedOrUnknownWithoutEchoingTheToken) {
  auto auth = *TokenAuthenticator::FromCsvText(kCsv);
  for (const char* header : {"", "bbbbbbbbbbbbbbbbbbbb", "Basic abc", "Bearer cccccccccccccccccccc"}) {
    SCOPED_TRACE(header);
    auto p = auth.Authenticate(header);
    EXPECT_EQ(p.status().code(), absl::StatusCode::kUnauthenticated);
    EXPECT_EQ(std::string(p.status().message()).find("cccc"), std::string::npos);
  }
}

TEST(TokenAuthenticator, BadLineNamesTheLine) {
  auto auth = TokenAuthenticator::FromCsvText("token,principal\nshort,national:bkn\n");
  EXPECT_EQ(auth.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(std::string(auth.status().message()).find("line 2"), std::string::npos);
}

}  // namespace
}  // namespace penataan
