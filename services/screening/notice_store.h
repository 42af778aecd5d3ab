#ifndef PENATAAN_SERVICES_SCREENING_NOTICE_STORE_H_
#define PENATAAN_SERVICES_SCREENING_NOTICE_STORE_H_

// The transactional outbox of messages screening owes (the `notices` table):
// written in the same transaction as the result or decision that causes them, sent
// to the notification service afterwards by NoticeSender (a run's NOTIFYING phase,
// and the sweeper for appeal decisions).
//
// Guarantees:
//   - `reference` is unique: inserting a notice again is a no-op (INSERT of a
//     reference already present is skipped), so a run resumed or repeated owes
//     each message once; the same reference is the notification's idempotency key,
//     so a send retried after a lost answer is stored once there too.
//   - A sent or dropped notice's recipient is cleared: contact details stay only
//     as long as a message is owed.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/storage/database.h"

namespace penataan::screening {

enum class NoticeState { kOwed = 0, kSent = 1, kDropped = 2 };

struct Notice {
  int64_t id = 0;
  int64_t round_id = 0;
  std::string reference;    // "screening/rounds/1/results/42/tms"
  std::string template_id;  // "screening-result-tms"
  std::string recipient;    // an email address, "whatsapp:+62…", or a log label
  std::string personalisation_json;  // {"nama": "…", ...}
  std::string instansi_code;
  int64_t honorer_id = 0;  // 0 for an instansi's notice
  NoticeState state = NoticeState::kOwed;
  int attempts = 0;
  std::string last_error;
};

// Inserts those whose reference is new; returns how many were.
absl::StatusOr<int64_t> InsertNotices(storage::Connection& c, const std::vector<Notice>& notices,
                                      int64_t now_us);
// Up to `limit` owed notices of `round_id` (0: any round), oldest first, after `after_id`;
// with `reference_prefix` (ending in '/'), only those whose reference starts with it.
absl::StatusOr<std::vector<Notice>> OwedNotices(storage::Connection& c, int64_t round_id,
                                                int64_t after_id, int limit,
                                                const std::string& reference_prefix = "");
absl::Status MarkSent(storage::Connection& c, const std::vector<int64_t>& ids, int64_t now_us);
absl::Status MarkDropped(storage::Connection& c, int64_t id, const std::string& why);
absl::Status NoteAttemptFailed(storage::Connection& c, const std::vector<int64_t>& ids,
                               const std::string& why);
absl::StatusOr<int64_t> CountOwed(storage::Connection& c, int64_t round_id);

}  // namespace penataan::screening

#endif  // PENATAAN_SERVICES_SCREENING_NOTICE_STORE_H_
