#ifndef PENATAAN_SERVICES_REGISTRY_CONTRACT_NOTICES_H_
#define PENATAAN_SERVICES_REGISTRY_CONTRACT_NOTICES_H_

// The registry's transactional outbox (`contract_notices`): the messages it owes
// the notification service about contracts, written in the same transaction as
// the change that causes them (a renewal, the expiry step), and sent afterwards by
// the contract scheduler under a lease.
//
// Guarantees:
//   - `reference` is unique: inserting a notice again is a no-op, so a renewal
//     retried or an expiry sweep run again owes each message once. The reference
//     (with the channel) is the notification's idempotency key, so a send repeated
//     after a lost answer or by another replica is stored once there too.
//   - No contact detail is stored here: the honorer's contact and the instansi's
//     contact list are read when the notice is sent.
//
// Kinds and the values (`values`, a template's personalisation) each carries; the
// templates are the notification service's default_templates.h "contract-*":
//   kExpiringSoon   to the instansi's contacts, N days before SKs end: instansi,
//                   tanggal_berakhir, jumlah_kontrak, rincian_unit (one line per unit),
//                   penilaian_belum (reviews still missing), sisa_hari
//   kSentHome       to the honorer: nama, instansi, unit_kerja, nomor_sk,
//                   tanggal_berakhir
//   kKeptAtWork     to the honorer (a crucial unit): the same
//   kRenewed        to the honorer: nama, instansi, unit_kerja, nomor_sk,
//                   tanggal_mulai, tanggal_berakhir, kembali_bekerja ("ya" when the
//                   renewal ends their being sent home, else "")
//   kExpirySummary  to the instansi's contacts when SKs ended: instansi,
//                   tanggal_berakhir, jumlah_dirumahkan, jumlah_tetap_bekerja,
//                   tanpa_kontak (honorers to be told in person)
// Dates in values are Indonesian ("31 Desember 2020").

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/storage/database.h"

namespace penataan::registry {

enum class ContractNoticeKind {
  kExpiringSoon = 1,
  kSentHome = 2,
  kKeptAtWork = 3,
  kRenewed = 4,
  kExpirySummary = 5,
};

enum class ContractNoticeState { kOwed = 0, kSent = 1, kFailed = 2 };

struct ContractNotice {
  int64_t id = 0;
  // "registry/honorers/{h}/contracts/{c}/renewed", "registry/instansi/{code}/
  // contracts-ending/{end date}", …: unique, stable across retries.
  std::string reference;
  std::string instansi_code;
  int64_t honorer_id = 0;  // 0: to the instansi's admins
  ContractNoticeKind kind = ContractNoticeKind::kRenewed;
  std::map<std::string, std::string> values;
  ContractNoticeState state = ContractNoticeState::kOwed;
  int attempts = 0;
  absl::Time next_attempt = absl::InfinitePast();
  std::string detail;  // why it failed, or which recipients were refused
};

// Inserts those whose reference is new, due at once; returns how many were. In
// the caller's transaction.
absl::StatusOr<int64_t> InsertContractNotices(storage::Connection& c,
                                              const std::vector<ContractNotice>& notices,
                                              absl::Time now);

}  // namespace penataan::registry

#endif  // PENATAAN_SERVICES_REGISTRY_CONTRACT_NOTICES_H_
