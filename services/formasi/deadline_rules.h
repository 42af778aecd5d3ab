#ifndef PENATAAN_SERVICES_FORMASI_DEADLINE_RULES_H_
#define PENATAAN_SERVICES_FORMASI_DEADLINE_RULES_H_

// The deadline rules of formasi (ARCHITECTURE.md "Deadlines and time"), as plain
// functions of instants and zones: reading a deadline given as civil time, an
// instansi's effective deadline, whether a submission at an instant is in time,
// a period's state, and how a deadline reads in Indonesian. No clock of their own:
// the caller passes the instant it judges (the server clock at the commit).

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/formasi/formasi_model.h"

namespace penataan::formasi {

// A deadline as a request states it: an instant, or civil time in a zone.
struct DeadlineInput {
  std::optional<absl::Time> instant;
  std::string civil_time;  // "2025-08-25 23:59:59"
  std::string zone;        // IANA; empty: the default zone
};

struct ResolvedDeadline {
  absl::Time instant;
  std::string zone;
};

// The instant the input names. INVALID_ARGUMENT naming `<prefix>deadline_time_zone`
// for an unknown zone, `<prefix>deadline_civil_time` for a malformed civil time or
// one that the zone skips or repeats (a clock change), `<prefix>deadline` when
// neither form is given.
absl::StatusOr<ResolvedDeadline> ResolveDeadline(const DeadlineInput& input,
                                                 const std::string& default_zone,
                                                 absl::string_view prefix);

// "2025-08-25 23:59:59" in `zone` (UTC when unknown).
std::string CivilTimeIn(absl::Time t, const std::string& zone);

// "25 Agustus 2025 pukul 23.59 WIB" in the zone it was stated in, with the
// reader's zone added where it reads differently:
// "25 Agustus 2025 pukul 23.59 WIB (26 Agustus 2025 pukul 00.59 WITA)".
std::string DeadlineDisplay(absl::Time deadline, const std::string& stated_zone,
                            const std::string& reader_zone);

// The extension's deadline when the instansi has one, else the period's.
absl::Time EffectiveDeadline(const Period& period, const Extension* extension);

// What decides whether one instansi may still submit.
struct SubmissionWindow {
  absl::Time open_time = absl::InfinitePast();
  absl::Time deadline = absl::InfiniteFuture();  // the effective deadline
  std::string stated_zone;                       // the zone the deadline was stated in
  std::string instansi_zone;
  std::optional<absl::Time> close_time;          // the period was closed early
};

// OK when a submission at `now` is in time: at or after the opening, at or before
// the deadline (to the second: microseconds are not rounded), before an early
// close. Otherwise FAILED_PRECONDITION in Indonesian naming the deadline as the
// instansi reads it: "Batas waktu pengiriman usulan ditutup 25 Agustus 2025 pukul
// 23.59 WIB".
absl::Status CheckSubmissionTime(const SubmissionWindow& window, absl::Time now);

// SCHEDULED before open_time; CLOSED once closed or after `last_deadline` (the
// latest of the period's and its extensions' deadlines); OPEN between.
v1::Period::State PeriodStateAt(const Period& period, absl::Time last_deadline, absl::Time now);

// At most 10 offsets, each from 1 minute to 60 days, no two alike. Sorts them
// largest first (the stored order). INVALID_ARGUMENT naming `field` otherwise.
absl::Status NormalizeReminderOffsets(std::vector<absl::Duration>& offsets,
                                      absl::string_view field);

}  // namespace penataan::formasi

#endif  // PENATAAN_SERVICES_FORMASI_DEADLINE_RULES_H_
