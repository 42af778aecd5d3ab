#include "services/registry/contract_messages.h"

#include "absl/strings/str_cat.h"
#include "common/indonesian_time.h"
#include "services/registry/honorer.h"

namespace penataan::registry {
namespace {

// rincian_unit stops growing here: the outbox keeps 8,000 bytes of values, and
// an admin reads the rest with `penataanctl registry contract expiring`.
constexpr size_t kMaxUnitLines = 4000;

std::string DaysLeft(int64_t days) {
  if (days <= 0) return "hari ini";
  if (days == 1) return "besok";
  return absl::StrCat(days, " hari lagi");
}

}  // namespace

std::string ContractTemplate(ContractNoticeKind kind, ContactChannel channel) {
  std::string id;
  switch (kind) {
    case ContractNoticeKind::kExpiringSoon: id = "contract-expiring"; break;
    case ContractNoticeKind::kSentHome: id = "contract-sent-home"; break;
    case ContractNoticeKind::kKeptAtWork: id = "contract-kept-at-work"; break;
    case ContractNoticeKind::kRenewed: id = "contract-renewed"; break;
    case ContractNoticeKind::kExpirySummary: id = "contract-expiry-summary"; break;
  }
  switch (channel) {
    case ContactChannel::kEmail: break;
    case ContactChannel::kWebhook: id += "-webhook"; break;
    case ContactChannel::kWhatsapp: id += "-whatsapp"; break;
  }
  return id;
}

bool ToHonorer(ContractNoticeKind kind) {
  return kind == ContractNoticeKind::kSentHome || kind == ContractNoticeKind::kKeptAtWork ||
         kind == ContractNoticeKind::kRenewed;
}

std::string ExpiringReference(const std::string& instansi_code, absl::CivilDay end_date) {
  return absl::StrCat("registry/instansi/", instansi_code, "/contracts-ending/",
                      FormatIsoDate(end_date));
}

std::string EndedReference(int64_t honorer_id, int64_t contract_id) {
  return absl::StrCat("registry/honorers/", honorer_id, "/contracts/", contract_id, "/ended");
}

std::string SummaryReference(const std::string& instansi_code, absl::CivilDay end_date) {
  return absl::StrCat("registry/instansi/", instansi_code, "/contracts-ended/",
                      FormatIsoDate(end_date));
}

NoticeValues EndedValues(const std::string& full_name, const std::string& instansi_name,
                         const std::string& unit_kerja, const std::string& sk_number,
                         absl::CivilDay end_date) {
  return {{"nama", full_name},
          {"instansi", instansi_name},
          {"unit_kerja", unit_kerja},
          {"nomor_sk", sk_number.empty() ? "(tanpa nomor)" : sk_number},
          {"tanggal_berakhir", FormatIndonesianDate(end_date)}};
}

NoticeValues ExpiringValues(const std::string& instansi_name, absl::CivilDay end_date,
                            absl::CivilDay today, const std::vector<UnitEnding>& units) {
  int64_t contracts = 0, missing = 0;
  std::string lines;
  size_t shown = 0;
  for (const UnitEnding& u : units) {
    contracts += u.contracts;
    missing += u.reviews_missing;
    if (lines.size() >= kMaxUnitLines) continue;
    if (!lines.empty()) lines += "\n";
    absl::StrAppend(&lines, "- ", u.unit_kerja, ": ", u.contracts, " kontrak");
    if (u.reviews_missing > 0) absl::StrAppend(&lines, ", ", u.reviews_missing, " belum dinilai");
    if (u.crucial) lines += " (unit krusial: tetap bekerja bila SK tidak diperpanjang)";
    ++shown;
  }
  if (shown < units.size()) absl::StrAppend(&lines, "\n- … dan ", units.size() - shown,
                                            " unit lainnya");
  return {{"instansi", instansi_name},
          {"tanggal_berakhir", FormatIndonesianDate(end_date)},
          {"jumlah_kontrak", absl::StrCat(contracts)},
          {"rincian_unit", lines},
          {"penilaian_belum", absl::StrCat(missing)},
          {"sisa_hari", DaysLeft(end_date - today)}};
}

NoticeValues SummaryValues(const std::string& instansi_name, absl::CivilDay end_date,
                           int64_t sent_home, int64_t kept_at_work, int64_t without_contact) {
  return {{"instansi", instansi_name},
          {"tanggal_berakhir", FormatIndonesianDate(end_date)},
          {"jumlah_dirumahkan", absl::StrCat(sent_home)},
          {"jumlah_tetap_bekerja", absl::StrCat(kept_at_work)},
          {"tanpa_kontak", absl::StrCat(without_contact)}};
}

}  // namespace penataan::registry
