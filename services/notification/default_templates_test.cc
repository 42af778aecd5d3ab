#include "services/notification/default_templates.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "services/notification/outbox.h"

namespace penataan::notification {
namespace {

using ::testing::IsSupersetOf;

std::vector<std::string> PlaceholdersOf(const std::string& id) {
  for (Template t : DefaultTemplates(v1::EMAIL)) {
    if (t.id != id) continue;
    EXPECT_TRUE(ValidateTemplate(t).ok()) << id;
    return t.placeholders;
  }
  ADD_FAILURE() << "no default template " << id;
  return {};
}

TEST(DefaultTemplates, AreValidOnEveryChannel) {
  for (Channel c : {v1::EMAIL, v1::WEBHOOK, v1::LOG}) {
    for (Template t : DefaultTemplates(c)) {
      EXPECT_TRUE(ValidateTemplate(t).ok()) << t.id << " " << ValidateTemplate(t);
      EXPECT_EQ(t.channel, c);
    }
  }
}

// What the issue asks each event's message to carry.
TEST(DefaultTemplates, CarryWhatEachEventMustSay) {
  EXPECT_THAT(PlaceholdersOf("formasi-deadline-reminder"),
              IsSupersetOf({"instansi", "periode", "batas_waktu", "zona_waktu", "sisa_waktu"}));
  EXPECT_THAT(PlaceholdersOf("formasi-proposal-decision"),
              IsSupersetOf({"instansi", "periode", "keputusan"}));
  EXPECT_THAT(PlaceholdersOf("screening-result-ms"), IsSupersetOf({"nama", "seleksi"}));
  EXPECT_THAT(PlaceholdersOf("screening-result-tms"),
              IsSupersetOf({"nama", "seleksi", "alasan", "batas_sanggah"}));
  EXPECT_THAT(PlaceholdersOf("appeal-decision"),
              IsSupersetOf({"nama", "keputusan", "hasil_akhir"}));
}

}  // namespace
}  // namespace penataan::notification
