#include "services/notification/whatsapp_recipient.h"

#include <gtest/gtest.h>

#include "services/notification/recipient.h"

namespace penataan::notification {
namespace {

struct Case {
  const char* recipient;
  bool valid;
};

// On a WEBHOOK template, through ValidateRecipient as the outbox calls it.
TEST(WhatsAppRecipient, OnlyIndonesianMobileNumbersInE164) {
  const Case cases[] = {
      {"whatsapp:+6281234567890", true},   // 13 digits: the common length
      {"whatsapp:+628123456789", true},
      {"whatsapp:+62812345678", true},     // shortest: 9 digits after +62
      {"whatsapp:+62812345678901", true},  // longest: 12 digits after +62
      {"whatsapp:+6281234567", false},     // one too short
      {"whatsapp:+628123456789012", false},  // one too long
      {"whatsapp:081234567890", false},    // national form: the registry normalises it
      {"whatsapp:6281234567890", false},   // no "+"
      {"whatsapp:+62380821234", false},    // a Kupang landline (0380)
      {"whatsapp:+6591234567", false},     // Singapore
      {"whatsapp:+62 812 3456 7890", false},
      {"whatsapp:+62812-3456-7890", false},
      {"whatsapp:+6281234567890\n", false},
      {"whatsapp:", false},
      {"WhatsApp:+6281234567890", false},  // neither a number nor a URL
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.recipient);
    absl::Status s = ValidateRecipient(v1::WEBHOOK, c.recipient, "recipient");
    EXPECT_EQ(s.ok(), c.valid) << s;
    EXPECT_EQ(WhatsAppNumber(c.recipient).has_value(), c.valid);
  }
  EXPECT_EQ(*WhatsAppNumber("whatsapp:+6281234567890"), "+6281234567890");
}

TEST(WhatsAppRecipient, IsOnlyAWebhookRecipient) {
  EXPECT_FALSE(ValidateRecipient(v1::EMAIL, "whatsapp:+6281234567890", "recipient").ok());
  // Locally everything is logged, the label included.
  EXPECT_TRUE(ValidateRecipient(v1::LOG, "whatsapp:+6281234567890", "recipient").ok());
}

}  // namespace
}  // namespace penataan::notification
