#ifndef PENATAAN_SERVICES_SCREENING_RULES_ACTIVE_RULE_H_
#define PENATAAN_SERVICES_SCREENING_RULES_ACTIVE_RULE_H_

// NOT_ACTIVE: when the round requires it, the worker must be actively working:
// registry status ACTIVE, or MS/TMS, which are a selection's outcomes for an active
// worker (so that a re-run or a what-if after results turns nobody NOT_ACTIVE).

#include <optional>

#include "services/screening/rules/screening_rules.h"

namespace penataan::screening {

std::optional<Finding> CheckActive(const RoundRules& rules, const ApplicantFacts& facts);

}  // namespace penataan::screening

#endif  // PENATAAN_SERVICES_SCREENING_RULES_ACTIVE_RULE_H_
