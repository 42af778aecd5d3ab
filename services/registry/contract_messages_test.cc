#include "services/registry/contract_messages.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/registry/contract_sends.h"

namespace penataan::registry {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::SizeIs;

const absl::CivilDay kEnd(2020, 12, 31);

std::vector<std::string> Keys(const NoticeValues& values) {
  std::vector<std::string> keys;
  for (const auto& [k, v] : values) keys.push_back(k);
  return keys;
}

TEST(ContractTemplate, OnePerKindAndChannel) {
  struct Case {
    ContractNoticeKind kind;
    ContactChannel channel;
    const char* want;
  };
  const std::vector<Case> cases = {
      {ContractNoticeKind::kExpiringSoon, ContactChannel::kEmail, "contract-expiring"},
      {ContractNoticeKind::kExpiringSoon, ContactChannel::kWebhook, "contract-expiring-webhook"},
      {ContractNoticeKind::kSentHome, ContactChannel::kEmail, "contract-sent-home"},
      {ContractNoticeKind::kSentHome, ContactChannel::kWhatsapp, "contract-sent-home-whatsapp"},
      {ContractNoticeKind::kKeptAtWork, ContactChannel::kEmail, "contract-kept-at-work"},
      {ContractNoticeKind::kKeptAtWork, ContactChannel::kWhatsapp,
       "contract-kept-at-work-whatsapp"},
      {ContractNoticeKind::kRenewed, ContactChannel::kEmail, "contract-renewed"},
      {ContractNoticeKind::kRenewed, ContactChannel::kWhatsapp, "contract-renewed-whatsapp"},
      {ContractNoticeKind::kExpirySummary, ContactChannel::kEmail, "contract-expiry-summary"},
      {ContractNoticeKind::kExpirySummary, ContactChannel::kWebhook,
       "contract-expiry-summary-webhook"},
  };
  for (const Case& c : cases) EXPECT_EQ(ContractTemplate(c.kind, c.channel), c.want);
}

TEST(ContractReferences, KeyedByInstansiDateOrHonorerContract) {
  EXPECT_EQ(ExpiringReference("5371", kEnd), "registry/instansi/5371/contracts-ending/2020-12-31");
  EXPECT_EQ(SummaryReference("5371", kEnd), "registry/instansi/5371/contracts-ended/2020-12-31");
  EXPECT_EQ(EndedReference(42, 7), "registry/honorers/42/contracts/7/ended");
}

// The keys contract_notices.h documents: the templates take exactly these.
TEST(ContractValues, CarryTheDocumentedKeys) {
  const NoticeValues ended =
      EndedValues("Maria Ndun", "Pemerintah Kota Kupang", "Dinas Pendidikan", "800/1/2020", kEnd);
  EXPECT_THAT(Keys(ended),
              ElementsAre("instansi", "nama", "nomor_sk", "tanggal_berakhir", "unit_kerja"));
  EXPECT_EQ(ended.at("tanggal_berakhir"), "31 Desember 2020");
  EXPECT_EQ(EndedValues("A", "B", "C", "", kEnd).at("nomor_sk"), "(tanpa nomor)");

  const NoticeValues summary = SummaryValues("Pemerintah Kota Kupang", kEnd, 1650, 530, 12);
  EXPECT_THAT(Keys(summary), ElementsAre("instansi", "jumlah_dirumahkan", "jumlah_tetap_bekerja",
                                         "tanggal_berakhir", "tanpa_kontak"));
  EXPECT_EQ(summary.at("jumlah_dirumahkan"), "1650");
  EXPECT_EQ(summary.at("tanpa_kontak"), "12");
}

TEST(ExpiringValues, ListsUnitsContractsAndMissingReviews) {
  const std::vector<EndingContract> ending = {
      {"Maria Ndun", "Dinas Pendidikan", "800/1/2020", kEnd},
      {"Yohanes Tefa", "RSUD S. K. Lerik", "", kEnd}};
  const NoticeValues v = ExpiringValues(
      "Pemerintah Kota Kupang", "5371", kEnd, absl::CivilDay(2020, 12, 1),
      {{"Dinas Pendidikan", 1, 1, false}, {"RSUD S. K. Lerik", 1, 0, true}}, ending,
      {ending[0]});
  EXPECT_THAT(Keys(v), ElementsAre("daftar_belum_dinilai", "daftar_kontrak", "instansi",
                                   "jumlah_kontrak", "penilaian_belum", "rincian_unit",
                                   "sisa_hari", "tanggal_berakhir"));
  EXPECT_EQ(v.at("jumlah_kontrak"), "2");
  EXPECT_EQ(v.at("penilaian_belum"), "1");
  EXPECT_EQ(v.at("sisa_hari"), "30 hari lagi");
  EXPECT_EQ(v.at("rincian_unit"),
            "- Dinas Pendidikan: 1 kontrak, 1 belum dinilai\n"
            "- RSUD S. K. Lerik: 1 kontrak (unit krusial: tetap bekerja bila SK tidak "
            "diperpanjang)");
  EXPECT_EQ(v.at("daftar_kontrak"),
            "- Maria Ndun, Dinas Pendidikan, SK 800/1/2020\n"
            "- Yohanes Tefa, RSUD S. K. Lerik, SK (tanpa nomor)");
  EXPECT_EQ(v.at("daftar_belum_dinilai"), "- Maria Ndun, Dinas Pendidikan");

  const NoticeValues reviewed = ExpiringValues("K", "5371", kEnd, kEnd,
                                               {{"Dinas Pendidikan", 1, 0, false}},
                                               {ending[0]}, {});
  EXPECT_EQ(reviewed.at("daftar_belum_dinilai"), "(tidak ada)");
  EXPECT_EQ(reviewed.at("sisa_hari"), "hari ini");
  EXPECT_EQ(ExpiringValues("K", "5371", kEnd, kEnd - 1, {}, {}, {}).at("sisa_hari"), "besok");
}

// The outbox keeps 8,000 bytes of values: a pemda with hundreds of units and
// thousands of contracts ending is cut, and told where to read the rest.
TEST(ExpiringValues, LongListsAreCutShortWithWhereToReadTheRest) {
  std::vector<UnitEnding> units;
  for (int i = 0; i < 300; ++i) {
    units.push_back({absl::StrCat("Sekolah Dasar Negeri ", i, " Kecamatan Kelapa Lima"), 7, 1,
                     false});
  }
  std::vector<EndingContract> ending;
  for (size_t i = 0; i < kMaxListedContracts; ++i) {
    ending.push_back({absl::StrCat("Yohanes Ndun ", i), "Dinas Pendidikan", "800/1/2020", kEnd});
  }
  const NoticeValues v = ExpiringValues("K", "5371", kEnd, kEnd - 10, units, ending, ending);
  EXPECT_EQ(v.at("jumlah_kontrak"), "2100");  // the totals count every unit
  EXPECT_EQ(v.at("penilaian_belum"), "300");
  EXPECT_LT(v.at("rincian_unit").size(), 1700u);
  EXPECT_THAT(v.at("rincian_unit"),
              HasSubstr("unit lainnya — lihat: penataanctl registry contract expiring "
                        "--instansi 5371"));
  for (const char* key : {"daftar_kontrak", "daftar_belum_dinilai"}) {
    SCOPED_TRACE(key);
    const std::string& list = v.at(key);
    EXPECT_THAT(list, HasSubstr("- Yohanes Ndun 49, Dinas Pendidikan"));
    EXPECT_THAT(list, HasSubstr("kontrak lainnya — lihat: penataanctl registry contract "
                                "expiring --instansi 5371"));
  }
  // 50 lines fit: the rest counted from the totals.
  EXPECT_THAT(v.at("daftar_kontrak"), HasSubstr("- … dan 2050 kontrak lainnya"));
  EXPECT_THAT(v.at("daftar_belum_dinilai"), HasSubstr("- … dan 250 kontrak lainnya"));

  // Long names: the bytes bound first, and all of it fits the outbox.
  std::vector<EndingContract> long_names(kMaxListedContracts,
                                         {std::string(190, 'x'), std::string(190, 'y'),
                                          std::string(90, '8'), kEnd});
  const NoticeValues cut =
      ExpiringValues(std::string(200, 'k'), "5371", kEnd, kEnd, units, long_names, long_names);
  EXPECT_LT(cut.at("daftar_kontrak").size(), 3700u);
  EXPECT_LT(cut.at("daftar_belum_dinilai").size(), 2200u);
  EXPECT_THAT(cut.at("daftar_kontrak"), HasSubstr("kontrak lainnya"));
  size_t total = 0;
  for (const auto& [key, value] : cut) total += key.size() + value.size() + 6;
  EXPECT_LT(total, kMaxNoticePayloadBytes - 300) << "room left for the JSON's escapes";
}

// The webhook (a chat message) gets the short form; email the lists too.
TEST(ValuesForTemplate, TheWebhookOfExpiringSoonTakesNoLists) {
  const NoticeValues v = ExpiringValues("K", "5371", kEnd, kEnd, {{"Dinas", 1, 1, false}},
                                        {{"A", "Dinas", "1", kEnd}}, {{"A", "Dinas", "1", kEnd}});
  EXPECT_THAT(Keys(ValuesForTemplate(ContractNoticeKind::kExpiringSoon, ContactChannel::kWebhook,
                                     v)),
              ElementsAre("instansi", "jumlah_kontrak", "penilaian_belum", "rincian_unit",
                          "sisa_hari", "tanggal_berakhir"));
  EXPECT_EQ(ValuesForTemplate(ContractNoticeKind::kExpiringSoon, ContactChannel::kEmail, v), v);
  const NoticeValues ended = EndedValues("A", "K", "Dinas", "1", kEnd);
  EXPECT_EQ(ValuesForTemplate(ContractNoticeKind::kSentHome, ContactChannel::kWhatsapp, ended),
            ended);
}

ContractNotice Notice(ContractNoticeKind kind, int64_t honorer_id) {
  ContractNotice n;
  n.reference = honorer_id > 0 ? EndedReference(honorer_id, 1) : ExpiringReference("5371", kEnd);
  n.instansi_code = "5371";
  n.honorer_id = honorer_id;
  n.kind = kind;
  return n;
}

TEST(BuildNoticeSends, HonorersByEmailAndWhatsAppInstansiByEveryContact) {
  NoticeAddresses a;
  a.honorers[1] = {"maria@example.id", "+6281234567890"};
  a.honorers[2] = {"", "+6281200000002"};
  a.honorers[3] = {"", ""};
  a.instansi["5371"] = {{"BKPSDM", "bkpsdm@kupangkota.go.id", "https://wa.kupangkota.go.id/h"},
                        {"Sekda", "sekda@kupangkota.go.id", ""}};
  const std::vector<ContractNotice> notices = {
      Notice(ContractNoticeKind::kSentHome, 1), Notice(ContractNoticeKind::kKeptAtWork, 2),
      Notice(ContractNoticeKind::kSentHome, 3), Notice(ContractNoticeKind::kSentHome, 4),
      Notice(ContractNoticeKind::kExpiringSoon, 0)};
  const ClaimSends built = BuildNoticeSends(notices, a);
  ASSERT_THAT(built.notices, SizeIs(5));
  std::vector<std::string> got;
  for (const NoticeSend& s : built.sends) {
    got.push_back(absl::StrCat(s.notice, " ", s.template_id, " ", s.recipient));
  }
  EXPECT_THAT(got,
              ElementsAre("0 contract-sent-home maria@example.id",
                          "0 contract-sent-home-whatsapp whatsapp:+6281234567890",
                          "1 contract-kept-at-work-whatsapp whatsapp:+6281200000002",
                          "4 contract-expiring bkpsdm@kupangkota.go.id",
                          "4 contract-expiring-webhook https://wa.kupangkota.go.id/h",
                          "4 contract-expiring sekda@kupangkota.go.id"));
  EXPECT_EQ(built.sends[1].reference,
            RecipientReference(notices[0].reference, "+6281234567890", ContactChannel::kWhatsapp));
  EXPECT_EQ(built.sends[1].who, "the honorer's WhatsApp");
  EXPECT_EQ(built.notices[2].unsendable, "the honorer has no contact any more");
  EXPECT_EQ(built.notices[3].unsendable, "the honorer no longer exists");

  // An instansi without contacts yet is retried, not failed.
  const ClaimSends none = BuildNoticeSends({Notice(ContractNoticeKind::kExpirySummary, 0)}, {});
  EXPECT_THAT(none.sends, SizeIs(0));
  EXPECT_EQ(JudgeNoticeSends(none.notices[0]).result, NoticeVerdict::Result::kRetry);
}

TEST(JudgeNoticeSends, SentFailedOrRetried) {
  using R = NoticeVerdict::Result;
  struct Case {
    const char* name;
    NoticeSendState state;
    R want;
    std::string detail;
  };
  const std::vector<Case> cases = {
      {"sent", {"", "", 2, {}}, R::kSent, ""},
      {"one refused", {"", "", 1, {"not sent to the honorer's WhatsApp: x"}}, R::kSent,
       "not sent to the honorer's WhatsApp: x"},
      {"all refused", {"", "", 0, {"a", "b"}}, R::kFailed, "a; b"},
      {"notification down", {"notification: unavailable", "", 0, {}}, R::kRetry,
       "notification: unavailable"},
      {"down after one went", {"notification: unavailable", "", 1, {}}, R::kRetry,
       "notification: unavailable"},
      {"no contact", {"", "the honorer has no contact any more", 0, {}}, R::kFailed,
       "the honorer has no contact any more"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const NoticeVerdict v = JudgeNoticeSends(c.state);
    EXPECT_EQ(v.result, c.want);
    EXPECT_EQ(v.detail, c.detail);
  }
}

}  // namespace
}  // namespace penataan::registry
