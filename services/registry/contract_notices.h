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
//   - A notice is a small queue entry with the notification dispatcher's lease:
//     owed notices are due when next_attempt_us has passed; a claim sets
//     next_attempt_us to the end of the lease, so a claimed notice is not due again
//     until its claimer has had the lease's time to send and mark it. On MySQL the
//     claim locks with FOR UPDATE SKIP LOCKED, so that concurrent claims (threads,
//     replicas) never overlap; the claiming connection should be READ COMMITTED
//     (DatabaseOptions::read_committed), as notification's are. SQLite's write
//     transaction (BEGIN IMMEDIATE) serializes claims.
//   - An outcome is written only by the claimer still holding the notice: one whose
//     lease ran out and was claimed again keeps the new claimer's state.
//
// Kinds and the values (`values`, a template's personalisation) each carries; the
// templates are the notification service's default_templates.h "contract-*":
//   kExpiringSoon   to the instansi's contacts, N days before SKs end: instansi,
//                   tanggal_berakhir, jumlah_kontrak, rincian_unit (one line per unit),
//                   daftar_kontrak (one line per contract: name, unit, SK, end),
//                   penilaian_belum (reviews still missing), daftar_belum_dinilai
//                   (those without a review of the contract's year, one a line),
//                   sisa_hari; each list the first 50 and "… dan N lainnya — lihat:
//                   penataanctl registry contract expiring --instansi CODE". The
//                   webhook form takes all but the two daftar_* (ValuesForTemplate).
//   kSentHome       to the honorer: nama, instansi, unit_kerja, nomor_sk,
//                   tanggal_berakhir
//   kKeptAtWork     to the honorer (a crucial unit): the same
//   kRenewed        to the honorer: nama, instansi, unit_kerja, nomor_sk,
//                   tanggal_mulai, tanggal_berakhir, kembali_bekerja (a sentence
//                   when the renewal ends their being sent home — "Status dirumahkan
//                   Anda berakhir; Anda kembali bekerja mulai 1 Januari 2021." — else "")
//   kExpirySummary  to the instansi's contacts when SKs ended: instansi,
//                   tanggal_berakhir, jumlah_dirumahkan, jumlah_tetap_bekerja,
//                   tanpa_kontak (honorers to be told in person)
// Dates in values are Indonesian ("31 Desember 2020").

#include <cstddef>
#include <cstdint>
#include <map>
#include <set>
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
  // Set when read back.
  std::string owner;  // the claimer holding it; "" when none
  absl::Time lease_until = absl::UnixEpoch();
  absl::Time create_time = absl::UnixEpoch();
  absl::Time update_time = absl::UnixEpoch();
};

// How a claimed notice ends this attempt.
struct ContractNoticeOutcome {
  int64_t id = 0;
  // kOwed: retried at next_attempt; kSent: sent to at least one recipient (detail
  // names those refused); kFailed: not sent (detail says why).
  ContractNoticeState state = ContractNoticeState::kOwed;
  std::string detail;
  absl::Time next_attempt;  // kOwed only
};

// The outbox's payload column (VARCHAR(8000)) holds this many bytes of encoded
// values, and no value is longer than kMaxNoticeValueBytes.
inline constexpr size_t kMaxNoticePayloadBytes = 8000;
inline constexpr size_t kMaxNoticeValueBytes = 4000;

// `values` encoded as the outbox stores them (common/notice_values.h), bounded
// before encoding: each value is made valid UTF-8 and cut on a character boundary,
// ending in "…", to kMaxNoticeValueBytes; then, while the JSON is longer than
// kMaxNoticePayloadBytes, the longest value is cut by the excess. The JSON itself
// is never cut, so what is stored always decodes (a notice whose values no longer
// decode would fail without saying why). INVALID_ARGUMENT only when the keys alone
// do not fit.
absl::StatusOr<std::string> NoticePayload(const std::map<std::string, std::string>& values);

// Inserts those whose reference is new, due at once, their values bounded by
// NoticePayload; returns how many were. In the caller's transaction.
absl::StatusOr<int64_t> InsertContractNotices(storage::Connection& c,
                                              const std::vector<ContractNotice>& notices,
                                              absl::Time now);

// Those of `references` already in the outbox (any state).
absl::StatusOr<std::set<std::string>> ExistingContractNotices(
    storage::Connection& c, const std::vector<std::string>& references);

// Takes up to `limit` owed notices due at `now`, oldest due first, under `owner`'s
// lease until `lease_until`, and counts the attempt. In the caller's transaction.
absl::StatusOr<std::vector<ContractNotice>> ClaimContractNotices(storage::Connection& c,
                                                                 absl::Time now,
                                                                 absl::Time lease_until,
                                                                 const std::string& owner,
                                                                 int limit);

// Writes the outcomes of notices `owner` still holds; returns how many were written.
absl::StatusOr<int64_t> RecordContractNoticeOutcomes(
    storage::Connection& c, const std::string& owner,
    const std::vector<ContractNoticeOutcome>& outcomes, absl::Time now);

// Notices whose reference starts with `reference_prefix` ("" : all), by id after
// `after_id`, at most `limit`.
absl::StatusOr<std::vector<ContractNotice>> ListContractNotices(
    storage::Connection& c, const std::string& reference_prefix, int64_t after_id, int limit);

}  // namespace penataan::registry

#endif  // PENATAAN_SERVICES_REGISTRY_CONTRACT_NOTICES_H_
