#include "services/screening/run_notices.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/indonesian_time.h"
#include "services/screening/screening.h"  // ResultName

namespace penataan::screening {
namespace {

const char* OutcomeWord(v1::Outcome o) { return o == v1::MS ? "ms" : "tms"; }

Notice Base(const NoticeRound& round, const NoticeInstansi& instansi, int64_t honorer_id) {
  Notice n;
  n.round_id = round.id;
  n.instansi_code = instansi.code;
  n.honorer_id = honorer_id;
  n.state = NoticeState::kOwed;
  return n;
}

}  // namespace

std::string BatasSanggah(absl::Time appeal_end, const std::string& zone) {
  // The end is exclusive: 22 Feb 00:00 reads "21 Februari 2025 pukul 23.59".
  const absl::Time last = appeal_end - absl::Seconds(1);
  return absl::StrCat(FormatIndonesianDateTime(last, zone), " ", ZoneAbbreviation(zone, last));
}

std::string ReasonLabel(v1::ReasonCode code) {
  switch (code) {
    case v1::NOT_IN_BKN_DATABASE: return "Tidak terdaftar di database BKN";
    case v1::SERVICE_TOO_SHORT: return "Masa kerja kurang";
    case v1::AGE_BELOW_MIN: return "Usia di bawah batas minimal";
    case v1::AGE_ABOVE_MAX: return "Usia melebihi batas maksimal";
    case v1::NOT_ACTIVE: return "Tidak aktif bekerja";
    case v1::CATEGORY_NOT_OPEN: return "Kategori jabatan tidak dibuka";
    case v1::EDUCATION_TOO_LOW: return "Pendidikan di bawah syarat";
    case v1::WRONG_INSTANSI: return "Melamar di instansi lain";
    case v1::BKN_DATA_MISMATCH: return "Data tidak sesuai dengan BKN";
    default: return "Alasan lain";
  }
}

std::string FormatCount(int64_t n) {
  const bool negative = n < 0;
  std::string digits = absl::StrCat(negative ? -n : n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back('.');
    out.push_back(digits[i]);
  }
  return negative ? absl::StrCat("-", out) : out;
}

std::vector<Notice> HonorerNotices(const NoticeRound& round, const NoticeInstansi& instansi,
                                   const HonorerNoticeFacts& h) {
  std::vector<Notice> out;
  if (h.email.empty() && h.whatsapp.empty()) return out;
  const std::string word = OutcomeWord(h.outcome);
  std::map<std::string, std::string> values = {
      {"nama", h.full_name},
      {"seleksi", round.display_name},
      {"instansi", instansi.display_name.empty() ? instansi.code : instansi.display_name},
      {"nomor_pendaftaran", ResultName(round.id, h.honorer_id)},
  };
  if (h.outcome == v1::TMS) {
    std::vector<std::string> lines;
    for (const std::string& m : h.reason_messages) lines.push_back(absl::StrCat("- ", m));
    values["alasan"] = absl::StrJoin(lines, "\n");
    values["batas_sanggah"] = BatasSanggah(round.appeal_end, instansi.time_zone);
  }
  const std::string personalisation = EncodeNoticeValues(values);
  const std::string prefix =
      absl::StrCat("screening/rounds/", round.id, "/results/", h.honorer_id, "/", word, "/");
  if (!h.email.empty()) {
    Notice n = Base(round, instansi, h.honorer_id);
    n.reference = prefix + "email";
    n.template_id = absl::StrCat("screening-result-", word);
    n.recipient = h.email;
    n.personalisation_json = personalisation;
    out.push_back(std::move(n));
  }
  if (!h.whatsapp.empty()) {
    Notice n = Base(round, instansi, h.honorer_id);
    n.reference = prefix + "whatsapp";
    n.template_id = absl::StrCat("screening-result-", word, "-whatsapp");
    n.recipient = absl::StrCat("whatsapp:", h.whatsapp);
    n.personalisation_json = personalisation;
    out.push_back(std::move(n));
  }
  return out;
}

std::vector<Notice> SummaryNotices(const NoticeRound& round, int64_t run_id,
                                   const NoticeInstansi& instansi,
                                   const registry::v1::InstansiContacts& contacts,
                                   const InstansiTally& tally) {
  std::vector<Notice> out;
  if (tally.ms + tally.tms == 0) return out;
  std::vector<std::string> lines;
  for (const auto& [code, count] : tally.tms_by_reason) {
    if (count > 0) lines.push_back(absl::StrCat("- ", ReasonLabel(code), ": ", FormatCount(count)));
  }
  const std::string personalisation = EncodeNoticeValues({
      {"instansi", instansi.display_name.empty() ? instansi.code : instansi.display_name},
      {"seleksi", round.display_name},
      {"jumlah_ms", FormatCount(tally.ms)},
      {"jumlah_tms", FormatCount(tally.tms)},
      {"rincian_alasan", lines.empty() ? "-" : absl::StrJoin(lines, "\n")},
      {"tanpa_kontak", FormatCount(tally.tanpa_kontak)},
      {"batas_sanggah", BatasSanggah(round.appeal_end, instansi.time_zone)},
  });
  const std::string prefix = absl::StrCat("screening/rounds/", round.id, "/runs/", run_id,
                                          "/summary/", instansi.code, "/");
  int position = 0;
  for (const registry::v1::InstansiContact& c : contacts.contacts()) {
    ++position;
    const std::string suffix = position == 1 ? "" : absl::StrCat("/", position);
    if (!c.email().empty()) {
      Notice n = Base(round, instansi, 0);
      n.reference = absl::StrCat(prefix, "email", suffix);
      n.template_id = "screening-instansi-summary";
      n.recipient = c.email();
      n.personalisation_json = personalisation;
      out.push_back(std::move(n));
    }
    if (!c.webhook_url().empty()) {
      Notice n = Base(round, instansi, 0);
      n.reference = absl::StrCat(prefix, "webhook", suffix);
      n.template_id = "screening-instansi-summary-webhook";
      n.recipient = c.webhook_url();
      n.personalisation_json = personalisation;
      out.push_back(std::move(n));
    }
  }
  return out;
}

}  // namespace penataan::screening
