#include "common/recipient_reference.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

namespace penataan {
namespace {

TEST(RecipientReference, KeyedOnTheAddressNotThePosition) {
  const std::string row = "formasi/7/5371/missed/1756141199";
  struct Case {
    const char* name;
    ContactChannel channel;
    std::string address;
    std::string want;
  };
  const std::string email_key = AddressKey(ContactChannel::kEmail, "bkpsdm@kupangkota.go.id");
  const std::vector<Case> cases = {
      {"email", ContactChannel::kEmail, "bkpsdm@kupangkota.go.id",
       row + "/email/" + email_key},
      {"email, case aside", ContactChannel::kEmail, "BKPSDM@KupangKota.go.id",
       row + "/email/" + email_key},
      {"webhook", ContactChannel::kWebhook, "https://wa.kupangkota.go.id/hook",
       row + "/webhook/" + AddressKey(ContactChannel::kWebhook,
                                      "https://wa.kupangkota.go.id/hook")},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(RecipientReference(row, c.address, c.channel), c.want);
  }
  EXPECT_EQ(email_key.size(), 16u);
  EXPECT_EQ(email_key, "1e651b2fbb827f08") << "must not change between releases";
  EXPECT_NE(AddressKey(ContactChannel::kEmail, "a@b.id"),
            AddressKey(ContactChannel::kWebhook, "a@b.id"));
  EXPECT_NE(AddressKey(ContactChannel::kWebhook, "https://x.id/A"),
            AddressKey(ContactChannel::kWebhook, "https://x.id/a"));

  // Two orders of the same contacts give the same references.
  const std::vector<std::string> order1 = {"a@pemda.go.id", "b@pemda.go.id", "c@pemda.go.id"};
  const std::vector<std::string> order2 = {"c@pemda.go.id", "a@pemda.go.id", "b@pemda.go.id"};
  std::set<std::string> refs1, refs2;
  for (const std::string& a : order1) refs1.insert(RecipientReference(row, a, ContactChannel::kEmail));
  for (const std::string& a : order2) refs2.insert(RecipientReference(row, a, ContactChannel::kEmail));
  EXPECT_EQ(refs1, refs2);
  EXPECT_EQ(refs1.size(), 3u);
}

TEST(RecipientReference, WhatsAppNumbersHaveTheirOwnKey) {
  const std::string row = "registry/honorers/42/contracts/7/ended";
  const std::string number = "+6281234567890";
  EXPECT_EQ(RecipientReference(row, number, ContactChannel::kWhatsapp),
            row + "/whatsapp/" + AddressKey(ContactChannel::kWhatsapp, number));
  EXPECT_NE(AddressKey(ContactChannel::kWhatsapp, number),
            AddressKey(ContactChannel::kWebhook, number));
  EXPECT_NE(AddressKey(ContactChannel::kWhatsapp, number),
            AddressKey(ContactChannel::kWhatsapp, "+6281234567891"));
}

}  // namespace
}  // namespace penataan
