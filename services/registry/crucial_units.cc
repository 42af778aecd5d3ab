#include "services/registry/crucial_units.h"

#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/utf8.h"

namespace penataan::registry {

std::string CanonicalUnit(absl::string_view unit) {
  std::string out;
  out.reserve(unit.size());
  bool space = false;
  for (char c : unit) {
    if (absl::ascii_isspace(static_cast<unsigned char>(c))) {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(absl::ascii_tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

bool IsCrucialUnit(const std::vector<CrucialUnit>& units, absl::string_view unit_kerja) {
  const std::string unit = CanonicalUnit(unit_kerja);
  if (unit.empty()) return false;
  for (const CrucialUnit& u : units) {
    const std::string entry = CanonicalUnit(u.unit_kerja);
    if (entry.empty()) continue;
    if (unit == entry) return true;
    if (u.prefix && absl::StartsWith(unit, entry) && unit[entry.size()] == ' ') return true;
  }
  return false;
}

std::vector<Violation> ValidateCrucialUnits(const std::vector<CrucialUnit>& units,
                                            const std::string& prefix) {
  std::vector<Violation> out;
  if (units.size() > kMaxCrucialUnits) {
    out.push_back({prefix, 0, absl::StrCat("at most ", kMaxCrucialUnits, " units")});
    return out;
  }
  std::set<std::string> seen;
  for (size_t i = 0; i < units.size(); ++i) {
    const std::string at = absl::StrCat(prefix, "[", i, "]");
    const CrucialUnit& u = units[i];
    const std::string canonical = CanonicalUnit(u.unit_kerja);
    if (!IsValidUtf8(u.unit_kerja) || canonical.empty() || u.unit_kerja.size() > 200) {
      out.push_back({at + ".unit_kerja", 0, "must be 1 to 200 bytes of valid UTF-8"});
    } else if (!seen.insert(canonical).second) {
      out.push_back({at + ".unit_kerja", 0, "names a unit already in the list"});
    }
    if (!IsValidUtf8(u.reason) || CanonicalUnit(u.reason).empty() || u.reason.size() > 500) {
      out.push_back({at + ".reason", 0,
                     "is required: why the unit keeps working (1 to 500 bytes of UTF-8)"});
    }
  }
  return out;
}

}  // namespace penataan::registry
