#include "services/notification/default_templates.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
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

bool IsWebhookVariant(const std::string& id) { return absl::EndsWith(id, "-webhook"); }

TEST(DefaultTemplates, AreValidOnEveryChannel) {
  for (Channel c : {v1::EMAIL, v1::WEBHOOK, v1::LOG}) {
    for (Template t : DefaultTemplates(c)) {
      EXPECT_TRUE(ValidateTemplate(t).ok()) << t.id << " " << ValidateTemplate(t);
      // Webhook variants go by webhook, except locally where everything is logged.
      EXPECT_EQ(t.channel, IsWebhookVariant(t.id) && c != v1::LOG ? v1::WEBHOOK : c) << t.id;
    }
  }
}

// Formasi sends the same personalisation to an email contact and to a webhook one.
TEST(DefaultTemplates, WebhookVariantsTakeTheSamePlaceholders) {
  for (const char* id :
       {"formasi-deadline-reminder", "formasi-deadline-missed", "formasi-proposal-decision"}) {
    SCOPED_TRACE(id);
    EXPECT_EQ(PlaceholdersOf(absl::StrCat(id, "-webhook")), PlaceholdersOf(id));
  }
}

// What the issue asks each event's message to carry.
TEST(DefaultTemplates, CarryWhatEachEventMustSay) {
  EXPECT_THAT(PlaceholdersOf("formasi-deadline-reminder"),
              IsSupersetOf({"instansi", "periode", "batas_waktu", "zona_waktu", "sisa_waktu"}));
  EXPECT_THAT(PlaceholdersOf("formasi-deadline-missed"),
              IsSupersetOf({"instansi", "periode", "batas_waktu"}));
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
