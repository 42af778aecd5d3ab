#include "common/indonesian_time.h"

#include <cstdlib>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"

namespace penataan {
namespace {

constexpr const char* kMonths[] = {"Januari", "Februari", "Maret",     "April",
                                   "Mei",     "Juni",     "Juli",      "Agustus",
                                   "September", "Oktober", "November", "Desember"};

absl::TimeZone LoadOrUtc(absl::string_view name) {
  absl::TimeZone zone;
  if (!absl::LoadTimeZone(std::string(name), &zone)) return absl::UTCTimeZone();
  return zone;
}

}  // namespace

std::string ZoneAbbreviation(absl::string_view iana_zone, absl::Time at) {
  if (iana_zone == "Asia/Jakarta" || iana_zone == "Asia/Pontianak") return "WIB";
  if (iana_zone == "Asia/Makassar") return "WITA";
  if (iana_zone == "Asia/Jayapura") return "WIT";
  const int offset = LoadOrUtc(iana_zone).At(at).offset;
  if (offset % 3600 == 0) return absl::StrFormat("UTC%+d", offset / 3600);
  return absl::StrFormat("UTC%+d:%02d", offset / 3600, std::abs(offset % 3600) / 60);
}

std::string FormatIndonesianDateTime(absl::Time t, absl::string_view iana_zone) {
  const absl::CivilSecond c = LoadOrUtc(iana_zone).At(t).cs;
  return absl::StrFormat("%d %s %d pukul %02d.%02d", c.day(), kMonths[c.month() - 1], c.year(),
                         c.hour(), c.minute());
}

std::string FormatIndonesianDate(absl::CivilDay day) {
  return absl::StrCat(day.day(), " ", kMonths[day.month() - 1], " ", day.year());
}

std::string FormatTimeLeft(absl::Duration left) {
  if (left <= absl::ZeroDuration()) return "sudah lewat";
  const int64_t minutes = absl::ToInt64Minutes(left);
  if (minutes < 1) return "kurang dari 1 menit";
  const int64_t parts[] = {minutes / (24 * 60), minutes / 60 % 24, minutes % 60};
  const char* units[] = {"hari", "jam", "menit"};
  std::vector<std::string> out;
  for (int i = 0; i < 3 && out.size() < 2; ++i) {
    if (parts[i] > 0) out.push_back(absl::StrCat(parts[i], " ", units[i]));
    else if (!out.empty()) break;  // "2 hari", not "2 hari 0 jam"
  }
  return absl::StrJoin(out, " ");
}

}  // namespace penataan
