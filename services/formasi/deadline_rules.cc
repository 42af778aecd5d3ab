#include "services/formasi/deadline_rules.h"

#include <algorithm>
#include <functional>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "absl/time/civil_time.h"
#include "common/errors.h"
#include "common/indonesian_time.h"

namespace penataan::formasi {
namespace {

constexpr int kMaxOffsets = 10;

absl::TimeZone ZoneOrUtc(const std::string& name) {
  absl::TimeZone zone;
  if (!absl::LoadTimeZone(name, &zone)) return absl::UTCTimeZone();
  return zone;
}

std::string InZone(absl::Time t, const std::string& zone) {
  return absl::StrCat(FormatIndonesianDateTime(t, zone), " ", ZoneAbbreviation(zone, t));
}

}  // namespace

absl::StatusOr<ResolvedDeadline> ResolveDeadline(const DeadlineInput& input,
                                                 const std::string& default_zone,
                                                 absl::string_view prefix) {
  const std::string zone_field = absl::StrCat(prefix, "deadline_time_zone");
  const std::string civil_field = absl::StrCat(prefix, "deadline_civil_time");
  ResolvedDeadline out;
  out.zone = input.zone.empty() ? default_zone : input.zone;
  if (out.zone.empty()) return InvalidField(zone_field, "is required (e.g. Asia/Jakarta)");
  absl::TimeZone zone;
  // LoadTimeZone also accepts offsets such as "+07:00"; a deadline is stated in a
  // named zone, as the letters do.
  if (out.zone.find('/') == std::string::npos || !absl::LoadTimeZone(out.zone, &zone)) {
    return InvalidField(zone_field, absl::StrCat("\"", out.zone,
                                                 "\" is not an IANA time zone such as "
                                                 "Asia/Jakarta, Asia/Makassar or Asia/Jayapura"));
  }
  if (input.instant && !input.civil_time.empty()) {
    return InvalidField(civil_field, absl::StrCat("give either ", prefix,
                                                  "deadline or the civil time, not both"));
  }
  if (input.instant) {
    out.instant = *input.instant;
    return out;
  }
  if (input.civil_time.empty()) {
    return InvalidField(absl::StrCat(prefix, "deadline"),
                        "is required, as an instant or as deadline_civil_time "
                        "(\"2025-08-25 23:59:59\") in deadline_time_zone");
  }
  absl::CivilSecond civil;
  const std::string iso = absl::StrReplaceAll(
      std::string(absl::StripAsciiWhitespace(input.civil_time)), {{" ", "T"}});
  if (iso.size() != 19 || !absl::ParseCivilTime(iso, &civil)) {
    return InvalidField(civil_field, "must read \"YYYY-MM-DD HH:MM:SS\", e.g. \"2025-08-25 23:59:59\"");
  }
  const absl::TimeZone::TimeInfo info = zone.At(civil);
  if (info.kind != absl::TimeZone::TimeInfo::UNIQUE) {
    return InvalidField(civil_field,
                        absl::StrCat("does not name one instant in ", out.zone,
                                     " (the clocks change then); choose another time"));
  }
  out.instant = info.pre;
  return out;
}

std::string CivilTimeIn(absl::Time t, const std::string& zone) {
  return absl::FormatTime("%Y-%m-%d %H:%M:%S", t, ZoneOrUtc(zone));
}

std::string DeadlineDisplay(absl::Time deadline, const std::string& stated_zone,
                            const std::string& reader_zone) {
  const std::string stated = InZone(deadline, stated_zone);
  if (reader_zone.empty()) return stated;
  const std::string reader = InZone(deadline, reader_zone);
  // Asia/Pontianak and Asia/Jakarta read alike: one is enough.
  if (reader == stated) return stated;
  return absl::StrCat(stated, " (", reader, ")");
}

ResolvedDeadline EffectiveDeadlineOf(const Period& period, const Extension* extension) {
  if (extension != nullptr && extension->deadline >= period.deadline) {
    return {extension->deadline, extension->deadline_zone};
  }
  return {period.deadline, period.deadline_zone};
}

absl::Time EffectiveDeadline(const Period& period, const Extension* extension) {
  return EffectiveDeadlineOf(period, extension).instant;
}

SubmissionWindow WindowFor(const Period& period, const Extension* extension,
                           const std::string& instansi_zone) {
  ResolvedDeadline d = EffectiveDeadlineOf(period, extension);
  return SubmissionWindow{period.open_time, d.instant, std::move(d.zone), instansi_zone,
                          period.close_time};
}

bool PastDeadline(absl::Time deadline, absl::Time now) {
  return absl::FromUnixSeconds(absl::ToUnixSeconds(now)) >
         absl::FromUnixSeconds(absl::ToUnixSeconds(deadline));
}

absl::Time ClosesAt(const SubmissionWindow& w) {
  absl::Time end = w.deadline == absl::InfiniteFuture()
                       ? w.deadline
                       : absl::FromUnixSeconds(absl::ToUnixSeconds(w.deadline)) + absl::Seconds(1);
  if (w.close_time && *w.close_time < end) end = *w.close_time;
  return end;
}

bool WindowShut(const SubmissionWindow& w, absl::Time now) { return now >= ClosesAt(w); }

std::string TimeLeft(const SubmissionWindow& w, absl::Time now) {
  return FormatTimeLeft(ClosesAt(w) - now);
}

absl::Status CheckSubmissionTime(const SubmissionWindow& w, absl::Time now) {
  if (now < w.open_time) {
    return absl::FailedPreconditionError(
        absl::StrCat("Periode usulan belum dibuka; dibuka ",
                     DeadlineDisplay(w.open_time, w.stated_zone, w.instansi_zone)));
  }
  if (!WindowShut(w, now)) return absl::OkStatus();
  if (w.close_time && now >= *w.close_time) {
    return absl::FailedPreconditionError(
        absl::StrCat("Periode usulan telah ditutup ",
                     DeadlineDisplay(*w.close_time, w.stated_zone, w.instansi_zone)));
  }
  {
    return absl::FailedPreconditionError(
        absl::StrCat("Batas waktu pengiriman usulan ditutup ",
                     DeadlineDisplay(w.deadline, w.stated_zone, w.instansi_zone)));
  }
  return absl::OkStatus();
}

v1::Period::State PeriodStateAt(const Period& period, absl::Time last_deadline, absl::Time now) {
  if (period.close_time && now >= *period.close_time) return v1::Period::CLOSED;
  if (now < period.open_time) return v1::Period::SCHEDULED;
  if (PastDeadline(last_deadline, now)) return v1::Period::CLOSED;
  return v1::Period::OPEN;
}

absl::Status NormalizeReminderOffsets(std::vector<absl::Duration>& offsets,
                                      absl::string_view field) {
  if (offsets.size() > kMaxOffsets) {
    return InvalidField(field, absl::StrCat("at most ", kMaxOffsets, " offsets"));
  }
  for (size_t i = 0; i < offsets.size(); ++i) {
    const absl::Duration d = offsets[i];
    if (d < absl::Minutes(1) || d > absl::Hours(24 * 60)) {
      return InvalidField(absl::StrCat(field, "[", i, "]"),
                          "must be between 1 minute and 60 days");
    }
    if (d % absl::Seconds(1) != absl::ZeroDuration()) {
      return InvalidField(absl::StrCat(field, "[", i, "]"), "must be whole seconds");
    }
  }
  std::sort(offsets.begin(), offsets.end(), std::greater<absl::Duration>());
  for (size_t i = 1; i < offsets.size(); ++i) {
    if (offsets[i] == offsets[i - 1]) {
      return InvalidField(field, absl::StrCat("names ", absl::FormatDuration(offsets[i]),
                                              " twice"));
    }
  }
  return absl::OkStatus();
}

}  // namespace penataan::formasi
