#ifndef PENATAAN_SERVICES_REGISTRY_CONTRACT_MESSAGES_H_
#define PENATAAN_SERVICES_REGISTRY_CONTRACT_MESSAGES_H_

// What the registry's contract notices say and whom they go to: the one place a
// notice kind maps to its notification templates (the wording is the notification
// service's default_templates.h "contract-*"), the notices' references, and the
// values each kind carries (contract_notices.h lists them). Pure functions.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "common/recipient_reference.h"
#include "services/registry/contract_notices.h"

namespace penataan::registry {

using NoticeValues = std::map<std::string, std::string>;

// "contract-expiring", "contract-sent-home", "contract-kept-at-work",
// "contract-renewed", "contract-expiry-summary"; + "-webhook" for an instansi
// contact's webhook, + "-whatsapp" for an honorer's WhatsApp.
std::string ContractTemplate(ContractNoticeKind kind, ContactChannel channel);

// Whether the kind goes to the honorer (else to the instansi's contacts).
bool ToHonorer(ContractNoticeKind kind);

// "registry/instansi/{code}/contracts-ending/{YYYY-MM-DD}".
std::string ExpiringReference(const std::string& instansi_code, absl::CivilDay end_date);
// "registry/honorers/{h}/contracts/{c}/ended".
std::string EndedReference(int64_t honorer_id, int64_t contract_id);
// "registry/instansi/{code}/contracts-ended/{YYYY-MM-DD}".
std::string SummaryReference(const std::string& instansi_code, absl::CivilDay end_date);

// kSentHome and kKeptAtWork: nama, instansi, unit_kerja, nomor_sk, tanggal_berakhir.
NoticeValues EndedValues(const std::string& full_name, const std::string& instansi_name,
                         const std::string& unit_kerja, const std::string& sk_number,
                         absl::CivilDay end_date);

// One unit's contracts ending on one date.
struct UnitEnding {
  std::string unit_kerja;
  int64_t contracts = 0;
  int64_t reviews_missing = 0;
  bool crucial = false;
};

// One current contract in the admins' list (kExpiringSoon).
struct EndingContract {
  std::string full_name;
  std::string unit_kerja;
  std::string sk_number;
  absl::CivilDay end_date;  // the notice's date: not repeated per line
};

// At most this many contracts in each of kExpiringSoon's lists; the rest are
// counted and left to `penataanctl registry contract expiring`.
inline constexpr size_t kMaxListedContracts = 50;

// kExpiringSoon (contract_notices.h lists the keys):
//  - instansi, tanggal_berakhir, jumlah_kontrak, penilaian_belum (the totals of
//    `units`), sisa_hari ("hari ini", "besok", "30 hari lagi");
//  - rincian_unit: one line per unit, "- Dinas Pendidikan: 120 kontrak, 30 belum
//    dinilai", the crucial ones marked;
//  - daftar_kontrak: one line per contract of `ending` ("- Maria Ndun, Dinas
//    Pendidikan, SK 800/1/2020"; they all end on tanggal_berakhir);
//  - daftar_belum_dinilai: one line per honorer of `review_missing`, whose review
//    of the contract's year is missing ("- Maria Ndun, Dinas Pendidikan"; "(tidak
//    ada)" when none).
// Each of the three is cut at kMaxListedContracts lines or a few kilobytes, ending
// "- … dan N lainnya — lihat: penataanctl registry contract expiring --instansi
// CODE" with N counted from the totals, so that all the values fit the outbox's
// 8,000 bytes. `ending` and `review_missing` are the first of their lists (the
// store's EndingList); more than kMaxListedContracts is not needed.
NoticeValues ExpiringValues(const std::string& instansi_name, const std::string& instansi_code,
                            absl::CivilDay end_date, absl::CivilDay today,
                            const std::vector<UnitEnding>& units,
                            const std::vector<EndingContract>& ending,
                            const std::vector<EndingContract>& review_missing);

// The keys kExpiringSoon's webhook template takes: the short form, without the
// per-contract lists (a chat message, not a report).
NoticeValues ValuesForTemplate(ContractNoticeKind kind, ContactChannel channel,
                               const NoticeValues& values);

// kExpirySummary: instansi, tanggal_berakhir, jumlah_dirumahkan,
// jumlah_tetap_bekerja, tanpa_kontak.
NoticeValues SummaryValues(const std::string& instansi_name, absl::CivilDay end_date,
                           int64_t sent_home, int64_t kept_at_work, int64_t without_contact);

}  // namespace penataan::registry

#endif  // PENATAAN_SERVICES_REGISTRY_CONTRACT_MESSAGES_H_
