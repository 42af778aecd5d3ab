#include "services/notification/channels/webhook_signature.h"

#include <gtest/gtest.h>

namespace penataan::notification {
namespace {

// RFC 4231 test vectors.
TEST(HmacSha256Hex, MatchesRfc4231) {
  EXPECT_EQ(HmacSha256Hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  EXPECT_EQ(HmacSha256Hex(std::string(20, '\x0b'), "Hi There"),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
}

TEST(WebhookSignature, SignsTimestampDotBody) {
  EXPECT_EQ(WebhookSignature("Jefe", 1756141199, "{}"),
            "sha256=" + HmacSha256Hex("Jefe", "1756141199.{}"));
  EXPECT_NE(WebhookSignature("Jefe", 1756141199, "{}"), WebhookSignature("Jefe", 1756141200, "{}"));
}

}  // namespace
}  // namespace penataan::notification
