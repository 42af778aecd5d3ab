#include "services/registry/contract_messages.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/indonesian_time.h"
#include "services/registry/honorer.h"

namespace penataan::registry {
namespace {

// rincian_unit, daftar_kontrak and daftar_belum_dinilai stop growing at these
// bytes: with the other values (a few hundred bytes) they stay under the outbox's
// 8,000 bytes of values (contract_notices.h), and an admin reads the rest with
// `penataanctl registry contract expiring`. 50 contracts of ordinary names fit.
constexpr size_t kMaxUnitBytes = 1500;
constexpr size_t kMaxContractListBytes = 3500;
constexpr size_t kMaxReviewListBytes = 2000;

// The keys only the full (email) form of kExpiringSoon carries.
constexpr const char* kListKeys[] = {"daftar_kontrak", "daftar_belum_dinilai"};

// Appends lines while they fit `max_bytes` (and, for lists, kMaxListedContracts),
// then "- … dan N lainnya — lihat: …" for the `total` - shown left out.
class BoundedLines {
 public:
  BoundedLines(size_t max_lines, size_t max_bytes) : max_lines_(max_lines), max_bytes_(max_bytes) {}
  void Add(const std::string& line) {
    if (full_ || shown_ >= max_lines_ || text_.size() + line.size() + 1 > max_bytes_) {
      full_ = true;
      return;
    }
    if (!text_.empty()) text_ += "\n";
    text_ += line;
    ++shown_;
  }
  std::string Finish(int64_t total, const std::string& what, const std::string& instansi_code) {
    if (total > static_cast<int64_t>(shown_)) {
      if (!text_.empty()) text_ += "\n";
      absl::StrAppend(&text_, "- … dan ", total - static_cast<int64_t>(shown_), " ", what,
                      " lainnya — lihat: penataanctl registry contract expiring --instansi ",
                      instansi_code);
    }
    return text_;
  }

 private:
  size_t max_lines_, max_bytes_;
  size_t shown_ = 0;
  bool full_ = false;
  std::string text_;
};

// "- Maria Ndun, Dinas Pendidikan" and, with `sk`, ", SK 800/1/2020". Every
// contract of a notice ends on its tanggal_berakhir: the date is said once.
std::string ContractLine(const EndingContract& e, bool sk) {
  std::string line = absl::StrCat("- ", e.full_name, ", ", e.unit_kerja);
  if (sk) absl::StrAppend(&line, ", SK ", e.sk_number.empty() ? "(tanpa nomor)" : e.sk_number);
  return line;
}

std::string ContractList(const std::vector<EndingContract>& listed, int64_t total, bool sk,
                         size_t max_bytes, const std::string& instansi_code) {
  if (total == 0 && listed.empty()) return "(tidak ada)";
  BoundedLines lines(kMaxListedContracts, max_bytes);
  for (const EndingContract& e : listed) lines.Add(ContractLine(e, sk));
  return lines.Finish(std::max<int64_t>(total, static_cast<int64_t>(listed.size())), "kontrak",
                      instansi_code);
}

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

NoticeValues ExpiringValues(const std::string& instansi_name, const std::string& instansi_code,
                            absl::CivilDay end_date, absl::CivilDay today,
                            const std::vector<UnitEnding>& units,
                            const std::vector<EndingContract>& ending,
                            const std::vector<EndingContract>& review_missing) {
  int64_t contracts = 0, missing = 0;
  BoundedLines unit_lines(units.size(), kMaxUnitBytes);
  for (const UnitEnding& u : units) {
    contracts += u.contracts;
    missing += u.reviews_missing;
    std::string line = absl::StrCat("- ", u.unit_kerja, ": ", u.contracts, " kontrak");
    if (u.reviews_missing > 0) absl::StrAppend(&line, ", ", u.reviews_missing, " belum dinilai");
    if (u.crucial) line += " (unit krusial: tetap bekerja bila SK tidak diperpanjang)";
    unit_lines.Add(line);
  }
  return {{"instansi", instansi_name},
          {"tanggal_berakhir", FormatIndonesianDate(end_date)},
          {"jumlah_kontrak", absl::StrCat(contracts)},
          {"rincian_unit",
           unit_lines.Finish(static_cast<int64_t>(units.size()), "unit", instansi_code)},
          {"daftar_kontrak",
           ContractList(ending, contracts, /*sk=*/true, kMaxContractListBytes, instansi_code)},
          {"penilaian_belum", absl::StrCat(missing)},
          {"daftar_belum_dinilai", ContractList(review_missing, missing, /*sk=*/false,
                                                kMaxReviewListBytes, instansi_code)},
          {"sisa_hari", DaysLeft(end_date - today)}};
}

NoticeValues ValuesForTemplate(ContractNoticeKind kind, ContactChannel channel,
                               const NoticeValues& values) {
  NoticeValues out = values;
  if (kind == ContractNoticeKind::kExpiringSoon && channel == ContactChannel::kWebhook) {
    for (const char* key : kListKeys) out.erase(key);
  }
  return out;
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
