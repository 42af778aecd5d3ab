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

// The later of the period's deadline and the instansi's extension, with the zone
// that one was stated in (the extension's on a tie). An extension only ever
// lengthens the window: when the national deadline is later moved past it, the
// extended instansi has the national one too. The one place this is decided.
ResolvedDeadline EffectiveDeadlineOf(const Period& period, const Extension* extension);
absl::Time EffectiveDeadline(const Period& period, const Extension* extension);

// What decides whether one instansi may still submit.
struct SubmissionWindow {
  absl::Time open_time = absl::InfinitePast();
  absl::Time deadline = absl::InfiniteFuture();  // the effective deadline
  std::string stated_zone;                       // the zone the deadline was stated in
  std::string instansi_zone;
  std::optional<absl::Time> close_time;          // the period was closed early
};

// The window of one instansi in `period`: its opening, its effective deadline and
// the zone that was stated in, an early close.
SubmissionWindow WindowFor(const Period& period, const Extension* extension,
                           const std::string& instansi_zone);

// Deadlines are stated to the second ("23:59:59"): `now` is past `deadline` once
// its whole second is past, so a submission at 23:59:59.4 is in time and one at
// 00:00:00.0 is not, whatever the fraction the deadline was stored with.
bool PastDeadline(absl::Time deadline, absl::Time now);

// The first instant at which the window is shut: the early close, or the end of
// the deadline's own second (PastDeadline's rule), whichever comes first. What
// CheckSubmissionTime, a proposal's time_left and deadline_missed and the
// summary's rows all judge by, so that they never disagree.
absl::Time ClosesAt(const SubmissionWindow& window);
// ClosesAt(window) <= now.
bool WindowShut(const SubmissionWindow& window, absl::Time now);
// "2 hari 3 jam", "kurang dari 1 menit", "sudah lewat" once WindowShut.
std::string TimeLeft(const SubmissionWindow& window, absl::Time now);

// OK when a submission at `now` is in time: at or after the opening, not
// PastDeadline, before an early
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
