#include "common/contact_address.h"

#include <cstring>

#include "gtest/gtest.h"

namespace penataan {
namespace {

// The one rule, from what people type to what the registry stores and the
// notification service sends to: every accepted answer is a WhatsApp number as
// notification checks it, and normalizing it again changes nothing.
TEST(ContactAddress, WhatsappNumbersTable) {
  struct Case {
    const char* in;
    const char* want;  // nullptr: refused
  } cases[] = {
      {"081234567890", "+6281234567890"},
      {"6281234567890", "+6281234567890"},
      {"+6281234567890", "+6281234567890"},
      {"+62 812-3456-7890", "+6281234567890"},
      {" 0812.3456.789 ", "+628123456789"},
      {"(0812) 3456 7890", "+6281234567890"},
      {"0812345678", "+62812345678"},              // 8 digits after +628: shortest
      {"+62 812 3456 78901", "+62812345678901"},   // 11 after +628: longest
      {"081234567", nullptr},                      // 7 after +628: too short
      {"0812345678901", "+62812345678901"},
      {"08123456789012", nullptr},                 // 12 after +628: too long
      {"+628123456789012", nullptr},               // the registry once kept these
      {"0211234567", nullptr},                     // a Jakarta landline
      {"+62380821234", nullptr},                   // a Kupang landline (0380)
      {"+16505551234", nullptr},                   // not Indonesian
      {"+6591234567", nullptr},                    // Singapore
      {"812345678901", nullptr},                   // no trunk or country prefix
      {"0812-3456-789O", nullptr},                 // a letter O
      {"++6281234567890", nullptr},
      {"0812\r\n34567890", nullptr},
      {"whatsapp:+6281234567890", nullptr},
      {"", nullptr},
      {"+62", nullptr},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.in);
    absl::StatusOr<std::string> got = NormalizeWhatsapp(c.in);
    if (c.want == nullptr) {
      EXPECT_EQ(got.status().code(), absl::StatusCode::kInvalidArgument) << *got;
      // Personal data: an error never quotes the number (one long enough to be one).
      if (strlen(c.in) >= 8) EXPECT_EQ(got.status().message().find(c.in), std::string::npos);
    } else {
      ASSERT_TRUE(got.ok()) << got.status();
      EXPECT_EQ(*got, c.want);
      EXPECT_TRUE(IsWhatsappNumber(*got));
      EXPECT_EQ(NormalizeWhatsapp(*got).value_or(""), *got);
    }
  }
  // The stored form only: notification gets numbers the registry normalized.
  for (const char* not_stored : {"081234567890", "6281234567890", "+62 812 3456 7890",
                                 "+6281234567890\n", "+62812345678901234"}) {
    SCOPED_TRACE(not_stored);
    EXPECT_FALSE(IsWhatsappNumber(not_stored));
  }
}

TEST(ContactAddress, MasksShowTooLittleToReachAnyone) {
  struct Case {
    const char* in;
    std::string (*mask)(absl::string_view);
    const char* want;
  } cases[] = {
      {"+6281234567890", MaskWhatsapp, "+62812*****890"},
      {"+62812345678", MaskWhatsapp, "+62812***678"},
      {"+628123", MaskWhatsapp, "*******"},
      {"", MaskWhatsapp, ""},
      {"rina@desa.id", MaskEmail, "r***@d***.id"},
      {"maria.bria@kupang.go.id", MaskEmail, "m***@k***.id"},
      {"nonsense", MaskEmail, "***"},
      {"@desa.id", MaskEmail, "***"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.in);
    EXPECT_EQ(c.mask(c.in), c.want);
  }
}

}  // namespace
}  // namespace penataan
