#ifndef PENATAAN_SERVICES_SCREENING_RULES_CATEGORY_RULE_H_
#define PENATAAN_SERVICES_SCREENING_RULES_CATEGORY_RULE_H_

// CATEGORY_NOT_OPEN: the worker's category must be one the round opens (an empty
// list is not checked).

#include <optional>

#include "services/screening/rules/screening_rules.h"

namespace penataan::screening {

std::optional<Finding> CheckCategoryOpen(const RoundRules& rules, const ApplicantFacts& facts);

}  // namespace penataan::screening

#endif  // PENATAAN_SERVICES_SCREENING_RULES_CATEGORY_RULE_H_
