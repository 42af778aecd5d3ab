#include "services/registry/honorer_contact.h"

#include "gtest/gtest.h"

namespace penataan::registry {
namespace {

TEST(HonorerContact, WhatsappNumbersNormalizeToE164) {
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
      {"0812345678", "+62812345678"},          // 11 digits: the shortest mobile
      {"08123456", nullptr},                   // 9 digits after "+": too short
      {"0812345678901234", nullptr},           // 17 digits: too long
      {"0211234567", nullptr},                 // a Jakarta landline
      {"+16505551234", nullptr},               // not Indonesian
      {"812345678901", nullptr},               // no trunk or country prefix
      {"0812-3456-789O", nullptr},             // a letter O
      {"++6281234567890", nullptr},
      {"0812\r\n34567890", nullptr},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.in);
    std::optional<std::string> got = NormalizeWhatsapp(c.in);
    if (c.want == nullptr) {
      EXPECT_FALSE(got.has_value()) << *got;
    } else {
      ASSERT_TRUE(got.has_value());
      EXPECT_EQ(*got, c.want);
    }
  }
}

TEST(HonorerContact, EmailIsAnAddrSpecWithALowerCaseDomain) {
  EXPECT_EQ(NormalizeEmail(" Maria.Bria@Kupang.GO.ID "), "Maria.Bria@kupang.go.id");
  EXPECT_EQ(NormalizeEmail("maria+sscasn@gmail.com"), "maria+sscasn@gmail.com");
  EXPECT_FALSE(NormalizeEmail("Maria <maria@gmail.com>"));  // a display name
  EXPECT_FALSE(NormalizeEmail("maria@gmail.com\r\nBcc: x@y.id"));
  EXPECT_FALSE(NormalizeEmail("maria@localhost"));
  EXPECT_FALSE(NormalizeEmail("maria"));
  EXPECT_FALSE(NormalizeEmail("@gmail.com"));
}

TEST(HonorerContact, NormalizeContactNamesEachFieldAndNeverQuotesIt) {
  HonorerContactInfo ok{" rina@Desa.ID ", "0812 3456 7890"};
  EXPECT_TRUE(NormalizeContact(ok, "honorer.contact.").empty());
  EXPECT_EQ(ok.email, "rina@desa.id");
  EXPECT_EQ(ok.whatsapp, "+6281234567890");
  HonorerContactInfo blank{"  ", ""};
  EXPECT_TRUE(NormalizeContact(blank, "honorer.contact.").empty());
  EXPECT_EQ(blank.email, "");
  HonorerContactInfo bad{"rina-at-desa.id", "021555"};
  std::vector<Violation> v = NormalizeContact(bad, "honorer.contact.");
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].field, "honorer.contact.email");
  EXPECT_EQ(v[1].field, "honorer.contact.whatsapp");
  for (const Violation& one : v) {
    EXPECT_EQ(one.description.find("rina"), std::string::npos);
    EXPECT_EQ(one.description.find("021555"), std::string::npos);
  }
}

TEST(HonorerContact, MasksShowTooLittleToReachAnyone) {
  EXPECT_EQ(MaskEmail("rina@desa.id"), "r***@d***.id");
  EXPECT_EQ(MaskWhatsapp("+6281234567890"), "+62812****890");
  EXPECT_EQ(MaskEmail("nonsense"), "***");
  EXPECT_EQ(MaskWhatsapp("+62"), "****");
}

}  // namespace
}  // namespace penataan::registry
