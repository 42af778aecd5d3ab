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

bool IsWebhookVariant(const std::string& id) {
  return absl::EndsWith(id, "-webhook") || absl::EndsWith(id, "-whatsapp");
}

TEST(DefaultTemplates, AreValidOnEveryChannel) {
  for (Channel c : {v1::EMAIL, v1::WEBHOOK, v1::LOG}) {
    for (Template t : DefaultTemplates(c)) {
      EXPECT_TRUE(ValidateTemplate(t).ok()) << t.id << " " << ValidateTemplate(t);
      // Webhook and WhatsApp variants go by webhook, except locally where everything
      // is logged (the demo shows them in var/notifications.jsonl).
      EXPECT_EQ(t.channel, IsWebhookVariant(t.id) && c != v1::LOG ? v1::WEBHOOK : c) << t.id;
    }
  }
}

// Formasi and screening send the same personalisation to an email contact and to a
// webhook or WhatsApp one.
TEST(DefaultTemplates, WebhookVariantsTakeTheSamePlaceholders) {
  for (const char* id :
       {"formasi-deadline-reminder", "formasi-deadline-missed", "formasi-proposal-decision",
        "screening-instansi-summary", "appeal-decision-instansi"}) {
    SCOPED_TRACE(id);
    EXPECT_EQ(PlaceholdersOf(absl::StrCat(id, "-webhook")), PlaceholdersOf(id));
  }
  for (const char* id : {"screening-result-ms", "screening-result-tms", "appeal-decision"}) {
    SCOPED_TRACE(id);
    EXPECT_EQ(PlaceholdersOf(absl::StrCat(id, "-whatsapp")), PlaceholdersOf(id));
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

// Screening sends exactly these keys (a key the template lacks is refused), so each
// template takes all of them: the contract in notes on issue 9.
TEST(DefaultTemplates, ScreeningTemplatesTakeExactlyTheKeysScreeningSends) {
  using ::testing::UnorderedElementsAreArray;
  using Keys = std::vector<std::string>;
  const Keys result = {"nama", "seleksi", "instansi", "nomor_pendaftaran"};
  Keys tms = result;
  tms.insert(tms.end(), {"alasan", "batas_sanggah"});
  const Keys summary = {"instansi", "seleksi", "jumlah_ms", "jumlah_tms",
                        "rincian_alasan", "tanpa_kontak", "batas_sanggah"};
  const Keys appeal = {"nama", "seleksi", "instansi", "keputusan", "hasil_akhir", "catatan"};
  const std::pair<const char*, Keys> cases[] = {
      {"screening-result-ms", result},
      {"screening-result-ms-whatsapp", result},
      {"screening-result-tms", tms},
      {"screening-result-tms-whatsapp", tms},
      {"screening-instansi-summary", summary},
      {"screening-instansi-summary-webhook", summary},
      {"appeal-decision", appeal},
      {"appeal-decision-whatsapp", appeal},
      {"appeal-decision-instansi", appeal},
      {"appeal-decision-instansi-webhook", appeal},
  };
  for (const auto& [id, keys] : cases) {
    SCOPED_TRACE(id);
    EXPECT_THAT(PlaceholdersOf(id), UnorderedElementsAreArray(keys));
  }
}

// The registry sends exactly the keys services/registry/contract_notices.h lists
// for each kind, to every variant of its template; the webhook of the expiring
// notice takes the short form, without the two per-contract lists.
TEST(DefaultTemplates, ContractTemplatesTakeExactlyTheKeysTheRegistrySends) {
  using ::testing::UnorderedElementsAreArray;
  using Keys = std::vector<std::string>;
  const Keys expiring_short = {"instansi",     "tanggal_berakhir", "jumlah_kontrak",
                               "rincian_unit", "penilaian_belum",  "sisa_hari"};
  Keys expiring = expiring_short;
  expiring.insert(expiring.end(), {"daftar_kontrak", "daftar_belum_dinilai"});
  const Keys ended = {"nama", "instansi", "unit_kerja", "nomor_sk", "tanggal_berakhir"};
  const Keys renewed = {"nama",          "instansi",         "unit_kerja",     "nomor_sk",
                        "tanggal_mulai", "tanggal_berakhir", "kembali_bekerja"};
  const Keys summary = {"instansi", "tanggal_berakhir", "jumlah_dirumahkan",
                        "jumlah_tetap_bekerja", "tanpa_kontak"};
  const std::pair<const char*, Keys> cases[] = {
      {"contract-expiring", expiring},
      {"contract-expiring-webhook", expiring_short},
      {"contract-sent-home", ended},
      {"contract-sent-home-whatsapp", ended},
      {"contract-kept-at-work", ended},
      {"contract-kept-at-work-whatsapp", ended},
      {"contract-renewed", renewed},
      {"contract-renewed-whatsapp", renewed},
      {"contract-expiry-summary", summary},
      {"contract-expiry-summary-webhook", summary},
  };
  for (const auto& [id, keys] : cases) {
    SCOPED_TRACE(id);
    EXPECT_THAT(PlaceholdersOf(id), UnorderedElementsAreArray(keys));
  }
}

}  // namespace
}  // namespace penataan::notification
