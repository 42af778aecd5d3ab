#include "services/screening/rules/active_rule.h"

#include "absl/strings/str_cat.h"
#include "services/screening/rules/rule_labels.h"

namespace penataan::screening {

std::optional<Finding> CheckActive(const RoundRules& rules, const ApplicantFacts& facts) {
  if (!rules.require_active || !rules.require_active->value) return std::nullopt;
  switch (facts.status) {
    case registry::v1::ACTIVE:
    case registry::v1::MS:
    case registry::v1::TMS:
      return std::nullopt;
    default:
      break;
  }
  Finding f;
  f.code = v1::NOT_ACTIVE;
  f.message = absl::StrCat("Status di data instansi: ", StatusLabel(facts.status),
                           "; seleksi ini hanya untuk tenaga yang masih aktif bekerja");
  f.values = {{"status", registry::v1::HonorerStatus_Name(facts.status)}};
  f.regulation = rules.require_active->regulation;
  return f;
}

}  // namespace penataan::screening
