#ifndef PENATAAN_SERVICES_SCREENING_RULES_SERVICE_RULE_H_
#define PENATAAN_SERVICES_SCREENING_RULES_SERVICE_RULE_H_

// SERVICE_TOO_SHORT: continuous service from the TMT to the cut-off, in completed
// years (the N-th anniversary on the cut-off counts; a 29 February TMT's falls on
// 1 March in a common year), against the round's minimum.

#include <optional>

#include "services/screening/rules/screening_rules.h"

namespace penataan::screening {

// A missing TMT, or one after the cut-off, fails here saying so.
std::optional<Finding> CheckService(const RoundRules& rules, const ApplicantFacts& facts);

}  // namespace penataan::screening

#endif  // PENATAAN_SERVICES_SCREENING_RULES_SERVICE_RULE_H_
