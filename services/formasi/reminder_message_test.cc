#include "services/formasi/reminder_message.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

namespace penataan::formasi {
namespace {

using Values = std::map<std::string, std::string>;

const absl::Time kDeadline = absl::FromUnixSeconds(1756141199);  // 25 Aug 2025 23:59:59 WIB

ReminderRow Row(ReminderKind kind) {
  ReminderRow r;
  r.id = 1;
  r.kind = kind;
  r.instansi_code = "5371";
  r.deadline = kDeadline;
  r.offset = absl::Hours(72);
  return r;
}

MessageContext Ctx(const std::string& zone, absl::Time now) {
  return {"Pemerintah Kota Kupang", zone, "PPPK Paruh Waktu 2025", "Asia/Jakarta", now};
}

TEST(Personalisation, ReadsInEachZoneWithTheStatedOneFirst) {
  struct Case {
    std::string name;
    ReminderRow row;
    MessageContext ctx;
    Values want;
  };
  ReminderRow decision = Row(v1::Reminder::DECISION);
  decision.payload = R"({"keputusan":"DISETUJUI","jumlah_disetujui":"3487","catatan":""})";
  ReminderRow no_payload = Row(v1::Reminder::DECISION);
  const std::vector<Case> cases = {
      {"WIB reminder", Row(v1::Reminder::DEADLINE_REMINDER),
       Ctx("Asia/Jakarta", kDeadline - absl::Hours(72)),
       {{"instansi", "Pemerintah Kota Kupang"},
        {"periode", "PPPK Paruh Waktu 2025"},
        {"batas_waktu", "25 Agustus 2025 pukul 23.59 WIB"},
        {"zona_waktu", "WIB"},
        {"sisa_waktu", "3 hari"}}},
      {"WITA reminder", Row(v1::Reminder::DEADLINE_REMINDER),
       Ctx("Asia/Makassar", kDeadline - absl::Hours(26)),
       {{"instansi", "Pemerintah Kota Kupang"},
        {"periode", "PPPK Paruh Waktu 2025"},
        {"batas_waktu", "25 Agustus 2025 pukul 23.59 WIB (26 Agustus 2025 pukul 00.59 WITA)"},
        {"zona_waktu", "WITA"},
        {"sisa_waktu", "1 hari 2 jam"}}},
      {"WIT missed", Row(v1::Reminder::DEADLINE_MISSED),
       Ctx("Asia/Jayapura", kDeadline + absl::Seconds(1)),
       {{"instansi", "Pemerintah Kota Kupang"},
        {"periode", "PPPK Paruh Waktu 2025"},
        {"batas_waktu", "25 Agustus 2025 pukul 23.59 WIB (26 Agustus 2025 pukul 01.59 WIT)"},
        {"zona_waktu", "WIT"}}},
      {"decision", decision, Ctx("Asia/Makassar", kDeadline),
       {{"instansi", "Pemerintah Kota Kupang"},
        {"periode", "PPPK Paruh Waktu 2025"},
        {"keputusan", "DISETUJUI"},
        {"jumlah_disetujui", "3487"},
        {"catatan", "-"}}},
      {"decision without a payload", no_payload, Ctx("Asia/Makassar", kDeadline),
       {{"instansi", "Pemerintah Kota Kupang"},
        {"periode", "PPPK Paruh Waktu 2025"},
        {"keputusan", "-"},
        {"jumlah_disetujui", "-"},
        {"catatan", "-"}}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    absl::StatusOr<Values> got = Personalisation(c.row, c.ctx);
    ASSERT_TRUE(got.ok()) << got.status();
    EXPECT_EQ(*got, c.want);
  }
  ReminderRow bad = Row(v1::Reminder::DECISION);
  bad.payload = "not json";
  EXPECT_EQ(Personalisation(bad, Ctx("Asia/Jakarta", kDeadline)).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(TemplateFor, OnePerKindAndChannel) {
  EXPECT_EQ(TemplateFor(v1::Reminder::DEADLINE_REMINDER, ContactChannel::kEmail),
            "formasi-deadline-reminder");
  EXPECT_EQ(TemplateFor(v1::Reminder::DEADLINE_REMINDER, ContactChannel::kWebhook),
            "formasi-deadline-reminder-webhook");
  EXPECT_EQ(TemplateFor(v1::Reminder::DEADLINE_MISSED, ContactChannel::kEmail),
            "formasi-deadline-missed");
  EXPECT_EQ(TemplateFor(v1::Reminder::DECISION, ContactChannel::kWebhook),
            "formasi-proposal-decision-webhook");
}

}  // namespace
}  // namespace penataan::formasi
