#include "services/screening/rules/service_rule.h"

#include "absl/strings/str_cat.h"
#include "services/screening/rules/civil_dates.h"

namespace penataan::screening {

std::optional<Finding> CheckService(const RoundRules& rules, const ApplicantFacts& facts) {
  if (!rules.min_service_years) return std::nullopt;
  const int required = rules.min_service_years->value;
  // The pass is decided before anything is built: an MS applicant allocates nothing.
  if (facts.service_start_date) {
    const int months = CompletedMonths(*facts.service_start_date, rules.cutoff);
    if (months >= 0 && months >= required * 12) return std::nullopt;
  }
  Finding f;
  f.code = v1::SERVICE_TOO_SHORT;
  f.regulation = rules.min_service_years->regulation;
  const std::string cutoff = FormatIndonesianDate(rules.cutoff);
  if (!facts.service_start_date) {
    f.message = absl::StrCat(
        "TMT (tanggal mulai bekerja) tidak tercatat di data instansi, sehingga masa kerja pada "
        "batas ",
        cutoff, " tidak dapat dinilai (minimal ", required, " tahun)");
    f.values = {{"missing", "service_start"},
                {"cutoff", IsoDate(rules.cutoff)},
                {"required_years", absl::StrCat(required)}};
    return f;
  }
  const absl::CivilDay start = *facts.service_start_date;
  const int months = CompletedMonths(start, rules.cutoff);
  if (start > rules.cutoff) {
    f.message = absl::StrCat("TMT ", FormatIndonesianDate(start), " sesudah batas ", cutoff,
                             ": belum ada masa kerja, kurang dari ", required, " tahun");
    f.values = {{"service_start", IsoDate(start)},
                {"cutoff", IsoDate(rules.cutoff)},
                {"service", "0y0m"},
                {"service_days", "0"},
                {"required_years", absl::StrCat(required)}};
    return f;
  }
  const int shown = months < 0 ? 0 : months;
  f.message = absl::StrCat("TMT ", FormatIndonesianDate(start), ", batas ", cutoff,
                           ": masa kerja ", FormatService(start, rules.cutoff), ", kurang dari ",
                           required, " tahun");
  f.values = {{"service_start", IsoDate(start)},
              {"cutoff", IsoDate(rules.cutoff)},
              {"service", absl::StrCat(shown / 12, "y", shown % 12, "m")},
              {"service_days", absl::StrCat(DaysBetween(start, rules.cutoff))},
              {"required_years", absl::StrCat(required)}};
  return f;
}

}  // namespace penataan::screening
