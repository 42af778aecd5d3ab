#ifndef PENATAAN_COMMON_INDONESIAN_TIME_H_
#define PENATAAN_COMMON_INDONESIAN_TIME_H_

// Instants as an instansi reads them in a message (DOMAIN.md "Time zones"): the
// civil time in its own zone, in Indonesian, with WIB, WITA or WIT, and the time
// left before a deadline. What fills the formasi-deadline-reminder template's
// batas_waktu, zona_waktu and sisa_waktu.

#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace penataan {

// "WIB" (Asia/Jakarta, Asia/Pontianak), "WITA" (Asia/Makassar), "WIT"
// (Asia/Jayapura); otherwise the zone's UTC offset at `at`, e.g. "UTC+10".
std::string ZoneAbbreviation(absl::string_view iana_zone, absl::Time at);

// "26 Agustus 2025 pukul 00.59" in `iana_zone` (UTC when it is unknown).
std::string FormatIndonesianDateTime(absl::Time t, absl::string_view iana_zone);

// "31 Desember 2020": a civil date (an SK's end), as a letter writes it.
std::string FormatIndonesianDate(absl::CivilDay day);

// "3 hari 2 jam", "5 jam 10 menit", "45 menit", "kurang dari 1 menit"; "sudah
// lewat" when the deadline has passed. The two largest units, rounded down.
std::string FormatTimeLeft(absl::Duration left);

}  // namespace penataan

#endif  // PENATAAN_COMMON_INDONESIAN_TIME_H_
