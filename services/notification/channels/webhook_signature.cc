#include "services/notification/channels/webhook_signature.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"

namespace penataan::notification {

std::string HmacSha256Hex(absl::string_view key, absl::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest, &length);
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(digest), length));
}

std::string WebhookSignature(absl::string_view secret, int64_t unix_seconds,
                             absl::string_view body) {
  return absl::StrCat("sha256=", HmacSha256Hex(secret, absl::StrCat(unix_seconds, ".", body)));
}

}  // namespace penataan::notification
