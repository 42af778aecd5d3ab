#ifndef PENATAAN_SERVICES_SCREENING_RULES_BKN_DATA_MATCH_RULE_H_
#define PENATAAN_SERVICES_SCREENING_RULES_BKN_DATA_MATCH_RULE_H_

// BKN_DATA_MISMATCH: when the round requires it, the registry's record must match
// BKN's (the differences VerifyHonorers stored). The message names every field that
// differs with both values, so that "berkas tidak sesuai" always says what.

#include <optional>

#include "services/screening/rules/screening_rules.h"

namespace penataan::screening {

std::optional<Finding> CheckBknDataMatch(const RoundRules& rules, const ApplicantFacts& facts);

}  // namespace penataan::screening

#endif  // PENATAAN_SERVICES_SCREENING_RULES_BKN_DATA_MATCH_RULE_H_
