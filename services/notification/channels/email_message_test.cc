#include "services/notification/channels/email_message.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/escaping.h"
#include "absl/strings/str_split.h"

namespace penataan::notification {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

EmailEnvelope Envelope(std::string subject, std::string body) {
  return {"noreply@penataan.go.id", "admin@kupangkota.go.id", std::move(subject),
          std::move(body), "notification-42", absl::FromUnixSeconds(1756141199)};
}

TEST(EncodeHeaderText, AsciiStaysAndUtf8BecomesEncodedWords) {
  EXPECT_EQ(EncodeHeaderText("Hasil seleksi: MS"), "Hasil seleksi: MS");
  const std::string text = "Keputusan — sanggah ✓ " + std::string(80, 'x');
  const std::string encoded = EncodeHeaderText(text);
  std::string decoded;
  for (absl::string_view word : absl::StrSplit(encoded, "\r\n ")) {
    ASSERT_LE(word.size(), 75u);
    ASSERT_TRUE(absl::ConsumePrefix(&word, "=?UTF-8?B?"));
    ASSERT_TRUE(absl::ConsumeSuffix(&word, "?="));
    std::string part;
    ASSERT_TRUE(absl::Base64Unescape(word, &part));
    decoded += part;
  }
  EXPECT_EQ(decoded, text);
}

TEST(BuildEmailMessage, HeadersAndBase64Body) {
  const std::string body = "Yth. Maria,\n\nHasil: TMS — alasan:\n- usia\n";
  const std::string m = BuildEmailMessage(Envelope("Hasil seleksi", body));
  EXPECT_THAT(m, HasSubstr("From: noreply@penataan.go.id\r\n"));
  EXPECT_THAT(m, HasSubstr("To: admin@kupangkota.go.id\r\n"));
  EXPECT_THAT(m, HasSubstr("Subject: Hasil seleksi\r\n"));
  EXPECT_THAT(m, HasSubstr("Message-ID: <notification-42@penataan.go.id>\r\n"));
  EXPECT_THAT(m, HasSubstr("Date: Mon, 25 Aug 2025 16:59:59 +0000\r\n"));
  EXPECT_THAT(m, HasSubstr("Content-Type: text/plain; charset=UTF-8\r\n"));
  const size_t start = m.find("\r\n\r\n") + 4;
  std::string encoded(m.substr(start));
  encoded.erase(std::remove(encoded.begin(), encoded.end(), '\r'), encoded.end());
  encoded.erase(std::remove(encoded.begin(), encoded.end(), '\n'), encoded.end());
  std::string decoded;
  ASSERT_TRUE(absl::Base64Unescape(encoded, &decoded));
  EXPECT_EQ(decoded, body);
}

TEST(BuildEmailMessage, ASubjectCannotAddHeaders) {
  const std::string m = BuildEmailMessage(Envelope("Hasil\r\nBcc: semua@example.go.id", "x"));
  EXPECT_THAT(m, Not(HasSubstr("\r\nBcc:")));
  EXPECT_THAT(m, HasSubstr("Subject: Hasil  Bcc: semua@example.go.id\r\n"));
}

}  // namespace
}  // namespace penataan::notification
