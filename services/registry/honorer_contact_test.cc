#include "services/registry/honorer_contact.h"

#include "gtest/gtest.h"

namespace penataan::registry {
namespace {

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

}  // namespace
}  // namespace penataan::registry
