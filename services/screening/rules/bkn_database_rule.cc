#include "services/screening/rules/bkn_database_rule.h"

namespace penataan::screening {

std::optional<Finding> CheckInBknDatabase(const RoundRules& rules, const ApplicantFacts& facts) {
  if (!rules.require_in_bkn_database || !rules.require_in_bkn_database->value ||
      facts.in_bkn_database) {
    return std::nullopt;
  }
  Finding f;
  f.code = v1::NOT_IN_BKN_DATABASE;
  f.message =
      "Tidak terdaftar dalam database tenaga non-ASN BKN, yang menjadi syarat seleksi ini";
  f.values = {{"in_bkn_database", "false"}};
  f.regulation = rules.require_in_bkn_database->regulation;
  return f;
}

}  // namespace penataan::screening
