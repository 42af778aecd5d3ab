#include "services/screening/run_notices.h"

#include <gtest/gtest.h>

#include "absl/time/civil_time.h"

namespace penataan::screening {
namespace {

absl::Time WindowEnd() {
  // 22 Feb 2025 00:00 WITA: the window 19–21 February in Makassar time.
  absl::TimeZone makassar;
  EXPECT_TRUE(absl::LoadTimeZone("Asia/Makassar", &makassar));
  return absl::FromCivil(absl::CivilSecond(2025, 2, 22, 0, 0, 0), makassar);
}

NoticeRound Round() { return {7, "Seleksi PPPK 2024 Tahap II", WindowEnd()}; }
NoticeInstansi Kupang() { return {"5371", "Pemerintah Kota Kupang", "Asia/Makassar"}; }

TEST(BatasSanggah, ShowsTheLastMinuteInsideTheWindowInEachZone) {
  struct Case {
    const char* zone;
    const char* want;
  } cases[] = {
      {"Asia/Makassar", "21 Februari 2025 pukul 23.59 WITA"},
      {"Asia/Jakarta", "21 Februari 2025 pukul 22.59 WIB"},
      {"Asia/Jayapura", "22 Februari 2025 pukul 00.59 WIT"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.zone);
    EXPECT_EQ(BatasSanggah(WindowEnd(), c.zone), c.want);
  }
}

TEST(FormatCount, GroupsThousandsWithDots) {
  struct Case {
    int64_t n;
    const char* want;
  } cases[] = {{0, "0"}, {999, "999"}, {1000, "1.000"}, {4000, "4.000"}, {1234567, "1.234.567"},
               {-1500, "-1.500"}};
  for (const Case& c : cases) {
    SCOPED_TRACE(c.n);
    EXPECT_EQ(FormatCount(c.n), c.want);
  }
}

TEST(HonorerNotices, OnePerContactWithTemplateReferenceAndKeys) {
  struct Case {
    const char* name;
    v1::Outcome outcome;
    std::string email, whatsapp;
    std::vector<std::string> want_refs, want_templates, want_recipients;
  } cases[] = {
      {"TMS with both", v1::TMS, "maria@example.id", "+6281234567890",
       {"screening/rounds/7/results/42/tms/email", "screening/rounds/7/results/42/tms/whatsapp"},
       {"screening-result-tms", "screening-result-tms-whatsapp"},
       {"maria@example.id", "whatsapp:+6281234567890"}},
      {"MS email only", v1::MS, "maria@example.id", "",
       {"screening/rounds/7/results/42/ms/email"}, {"screening-result-ms"},
       {"maria@example.id"}},
      {"MS WhatsApp only", v1::MS, "", "+6281234567890",
       {"screening/rounds/7/results/42/ms/whatsapp"}, {"screening-result-ms-whatsapp"},
       {"whatsapp:+6281234567890"}},
      {"no contact", v1::TMS, "", "", {}, {}, {}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    HonorerNoticeFacts h;
    h.honorer_id = 42;
    h.full_name = "Maria Goreti Bria";
    h.outcome = c.outcome;
    if (c.outcome == v1::TMS) {
      h.reason_messages = {"Masa kerja 1 tahun 9 bulan, kurang dari 2 tahun",
                           "Tanggal lahir tidak sesuai dengan data BKN"};
    }
    h.email = c.email;
    h.whatsapp = c.whatsapp;
    const std::vector<Notice> got = HonorerNotices(Round(), Kupang(), h);
    ASSERT_EQ(got.size(), c.want_refs.size());
    for (size_t i = 0; i < got.size(); ++i) {
      EXPECT_EQ(got[i].reference, c.want_refs[i]);
      EXPECT_EQ(got[i].template_id, c.want_templates[i]);
      EXPECT_EQ(got[i].recipient, c.want_recipients[i]);
      EXPECT_EQ(got[i].round_id, 7);
      EXPECT_EQ(got[i].honorer_id, 42);
      EXPECT_EQ(got[i].instansi_code, "5371");
      auto values = DecodeNoticeValues(got[i].personalisation_json);
      ASSERT_TRUE(values.ok());
      EXPECT_EQ((*values)["nama"], "Maria Goreti Bria");
      EXPECT_EQ((*values)["seleksi"], "Seleksi PPPK 2024 Tahap II");
      EXPECT_EQ((*values)["instansi"], "Pemerintah Kota Kupang");
      EXPECT_EQ((*values)["nomor_pendaftaran"], "rounds/7/results/42");
      if (c.outcome == v1::TMS) {
        EXPECT_EQ((*values)["alasan"],
                  "- Masa kerja 1 tahun 9 bulan, kurang dari 2 tahun\n"
                  "- Tanggal lahir tidak sesuai dengan data BKN");
        EXPECT_EQ((*values)["batas_sanggah"], "21 Februari 2025 pukul 23.59 WITA");
      } else {
        EXPECT_EQ(values->count("alasan"), 0u);
        EXPECT_EQ(values->count("batas_sanggah"), 0u);
      }
    }
  }
}

TEST(SummaryNotices, OnePerContactChannelWithCountsAndReasonLines) {
  registry::v1::InstansiContacts contacts;
  auto* first = contacts.add_contacts();
  first->set_email("bkpsdm@kupangkota.go.id");
  first->set_webhook_url("https://hooks.kupangkota.go.id/seleksi");
  contacts.add_contacts()->set_email("kepala@kupangkota.go.id");
  InstansiTally tally;
  tally.ms = 1200;
  tally.tms = 330;
  tally.tanpa_kontak = 12;
  tally.tms_by_reason = {{v1::SERVICE_TOO_SHORT, 146}, {v1::NOT_IN_BKN_DATABASE, 200}};

  const std::vector<Notice> got = SummaryNotices(Round(), 3, Kupang(), contacts, tally);
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[0].reference, "screening/rounds/7/runs/3/summary/5371/email");
  EXPECT_EQ(got[0].template_id, "screening-instansi-summary");
  EXPECT_EQ(got[1].reference, "screening/rounds/7/runs/3/summary/5371/webhook");
  EXPECT_EQ(got[1].template_id, "screening-instansi-summary-webhook");
  EXPECT_EQ(got[1].recipient, "https://hooks.kupangkota.go.id/seleksi");
  EXPECT_EQ(got[2].reference, "screening/rounds/7/runs/3/summary/5371/email/2");
  EXPECT_EQ(got[2].recipient, "kepala@kupangkota.go.id");
  EXPECT_EQ(got[0].honorer_id, 0);
  auto values = DecodeNoticeValues(got[0].personalisation_json);
  ASSERT_TRUE(values.ok());
  EXPECT_EQ((*values)["jumlah_ms"], "1.200");
  EXPECT_EQ((*values)["jumlah_tms"], "330");
  EXPECT_EQ((*values)["tanpa_kontak"], "12");
  EXPECT_EQ((*values)["rincian_alasan"],
            "- Tidak terdaftar di database BKN: 200\n- Masa kerja kurang: 146");
  EXPECT_EQ((*values)["batas_sanggah"], "21 Februari 2025 pukul 23.59 WITA");
  EXPECT_EQ((*values)["instansi"], "Pemerintah Kota Kupang");

  // Nothing new, or no one to send to: no summary.
  EXPECT_TRUE(SummaryNotices(Round(), 3, Kupang(), contacts, InstansiTally{}).empty());
  EXPECT_TRUE(
      SummaryNotices(Round(), 3, Kupang(), registry::v1::InstansiContacts{}, tally).empty());
}

TEST(NoticeValues, RoundTripNonAscii) {
  std::map<std::string, std::string> v = {{"nama", "Yohanes Ndolu — Sabu"}, {"alasan", "- a\n- b"}};
  auto back = DecodeNoticeValues(EncodeNoticeValues(v));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, v);
  EXPECT_FALSE(DecodeNoticeValues("nama=x").ok());
}

}  // namespace
}  // namespace penataan::screening
