#include "services/formasi/reminder_sends.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace penataan::formasi {
namespace {

const absl::Time kDeadline = absl::FromUnixSeconds(1756141199);  // 25 Aug 2025 23:59:59 WIB

ReminderRow Row(const std::string& code, ReminderKind kind, absl::Time deadline = kDeadline) {
  ReminderRow r;
  r.period_id = 7;
  r.instansi_code = code;
  r.kind = kind;
  r.offset = kind == v1::Reminder::DEADLINE_REMINDER ? absl::Hours(72) : absl::ZeroDuration();
  r.deadline = deadline;
  r.reference = absl::StrCat("formasi/7/", code, "/x");
  r.payload = "{}";
  return r;
}

SendFacts Facts() {
  SendFacts f;
  PeriodFacts p;
  p.plan.id = 7;
  p.plan.display_name = "PPPK Paruh Waktu 2025";
  p.plan.deadline = kDeadline;
  p.plan.deadline_zone = "Asia/Jakarta";
  f.periods[7] = p;
  f.contacts["5371"] = {{"bkpsdm@kupangkota.go.id", "https://wa.kupangkota.go.id/hook"},
                        {"kepala@kupangkota.go.id", ""}};
  f.contacts["3275"] = {{"bkpsdm@bekasikota.go.id", ""}};
  f.instansi["5371"] = {"Kota Kupang", "Asia/Makassar"};
  f.instansi["3275"] = {"Kota Bekasi", "Asia/Jakarta"};
  return f;
}

TEST(BuildSends, Table) {
  const absl::Time now = kDeadline - absl::Hours(72);
  const absl::Time extended = kDeadline + absl::Hours(48);
  SendFacts with_extension = Facts();
  with_extension.extensions[7]["5371"] = extended;
  with_extension.extension_zones[7]["5371"] = "Asia/Makassar";
  ReminderRow bad_decision = Row("3275", v1::Reminder::DECISION);
  bad_decision.payload = "not json";

  struct Want {
    std::string who, template_id, recipient, batas_waktu;
  };
  struct Case {
    std::string name;
    ReminderRow row;
    SendFacts facts;
    std::vector<Want> sends;
    std::string error;
    bool refused = false;
  };
  const std::vector<Case> cases = {
      {"email and webhook of each contact", Row("5371", v1::Reminder::DEADLINE_REMINDER), Facts(),
       {{"the email of contact 1", "formasi-deadline-reminder", "bkpsdm@kupangkota.go.id",
         "25 Agustus 2025 pukul 23.59 WIB (26 Agustus 2025 pukul 00.59 WITA)"},
        {"the webhook of contact 1", "formasi-deadline-reminder-webhook",
         "https://wa.kupangkota.go.id/hook",
         "25 Agustus 2025 pukul 23.59 WIB (26 Agustus 2025 pukul 00.59 WITA)"},
        {"the email of contact 2", "formasi-deadline-reminder", "kepala@kupangkota.go.id",
         "25 Agustus 2025 pukul 23.59 WIB (26 Agustus 2025 pukul 00.59 WITA)"}},
       "", false},
      {"missed notice", Row("3275", v1::Reminder::DEADLINE_MISSED), Facts(),
       {{"the email of contact 1", "formasi-deadline-missed", "bkpsdm@bekasikota.go.id",
         "25 Agustus 2025 pukul 23.59 WIB"}},
       "", false},
      {"an extension's deadline reads in its own zone",
       Row("5371", v1::Reminder::DEADLINE_REMINDER, extended), with_extension,
       {{"the email of contact 1", "formasi-deadline-reminder", "bkpsdm@kupangkota.go.id",
         "28 Agustus 2025 pukul 00.59 WITA"},
        {"the webhook of contact 1", "formasi-deadline-reminder-webhook",
         "https://wa.kupangkota.go.id/hook", "28 Agustus 2025 pukul 00.59 WITA"},
        {"the email of contact 2", "formasi-deadline-reminder", "kepala@kupangkota.go.id",
         "28 Agustus 2025 pukul 00.59 WITA"}},
       "", false},
      {"no contacts", Row("9001", v1::Reminder::DEADLINE_REMINDER), Facts(), {},
       "instansi 9001 has no contacts", false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const ClaimSends got = BuildSends({&c.row}, c.facts, now);
    ASSERT_EQ(got.rows.size(), 1u);
    EXPECT_EQ(got.rows[0].error, c.error);
    EXPECT_EQ(got.rows[0].refused, c.refused);
    ASSERT_EQ(got.sends.size(), c.sends.size());
    for (size_t i = 0; i < c.sends.size(); ++i) {
      const RecipientSend& s = got.sends[i];
      EXPECT_EQ(s.row, 0u);
      EXPECT_EQ(s.who, c.sends[i].who);
      EXPECT_EQ(s.template_id, c.sends[i].template_id);
      EXPECT_EQ(s.recipient, c.sends[i].recipient);
      EXPECT_EQ(s.reference,
                RecipientReference(c.row.reference, s.recipient,
                                   s.who.find("webhook") != std::string::npos
                                       ? ContactChannel::kWebhook
                                       : ContactChannel::kEmail));
      auto b = s.personalisation.find("batas_waktu");
      ASSERT_NE(b, s.personalisation.end());
      EXPECT_EQ(b->second, c.sends[i].batas_waktu);
    }
  }

  // Rows keep their index; a row that cannot be personalised is refused.
  const ReminderRow a = Row("3275", v1::Reminder::DEADLINE_REMINDER);
  const ClaimSends two = BuildSends({&a, &bad_decision}, Facts(), now);
  ASSERT_EQ(two.sends.size(), 1u);
  EXPECT_EQ(two.sends[0].row, 0u);
  EXPECT_TRUE(two.rows[1].refused);
  EXPECT_FALSE(two.rows[1].error.empty());
}

TEST(OutcomeOfRow, Table) {
  using Result = RowOutcome::Result;
  auto state = [](std::string error, bool refused, int sent, std::vector<std::string> dropped) {
    RowSendState s;
    s.error = std::move(error);
    s.refused = refused;
    s.sent = sent;
    s.dropped = std::move(dropped);
    if (!s.dropped.empty()) s.refusal = "recipients[0].recipient: not allowed";
    return s;
  };
  struct Case {
    std::string name;
    RowSendState state;
    Result result;
    std::string detail;
    std::string error;
  };
  const std::string d1 = "not sent to the webhook of contact 1: refused by notification "
                         "(INVALID_ARGUMENT)";
  const std::string d2 = "not sent to the email of contact 2: refused by notification "
                         "(PERMISSION_DENIED)";
  const std::vector<Case> cases = {
      {"all sent", state("", false, 3, {}), Result::kSent, "", ""},
      {"one refused, others sent", state("", false, 2, {d1}), Result::kSent, d1, ""},
      {"two refused, one sent", state("", false, 1, {d1, d2}), Result::kSent, d1 + "; " + d2,
       ""},
      {"every recipient refused", state("", false, 0, {d1, d2}), Result::kRefused,
       d1 + "; " + d2, "recipients[0].recipient: not allowed"},
      {"a passing error wins over what was sent", state("unavailable", false, 2, {d1}),
       Result::kRetry, "", "unavailable"},
      {"no contacts", state("instansi 9001 has no contacts", false, 0, {}), Result::kRetry, "",
       "instansi 9001 has no contacts"},
      {"the row refused", state("payload is not JSON", true, 0, {}), Result::kRefused,
       "refused by notification: payload is not JSON", "payload is not JSON"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const RowOutcome o = OutcomeOfRow(c.state);
    EXPECT_EQ(o.result, c.result);
    EXPECT_EQ(o.detail, c.detail);
    EXPECT_EQ(o.error, c.error);
  }
}

}  // namespace
}  // namespace penataan::formasi
