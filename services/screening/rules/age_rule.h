#ifndef PENATAAN_SERVICES_SCREENING_RULES_AGE_RULE_H_
#define PENATAAN_SERVICES_SCREENING_RULES_AGE_RULE_H_

// AGE_BELOW_MIN and AGE_ABOVE_MAX: the age in completed years at the cut-off
// (a birthday on the cut-off is reached; 29 February's falls on 1 March in a common
// year) against the round's minimum and the maximum of the applicant's post kind.

#include <optional>

#include "services/screening/rules/screening_rules.h"

namespace penataan::screening {

// The maximum age that applies to `kind`: its own entry, else GENERAL's (an
// UNSPECIFIED entry or kind counts as GENERAL); nullptr when neither is set.
const MaxAgeParam* MaxAgeFor(const RoundRules& rules, PostKind kind);

// A missing birth date fails here, saying the date is missing.
std::optional<Finding> CheckMinAge(const RoundRules& rules, const ApplicantFacts& facts);

// A missing birth date fails here only when no minimum age is set (otherwise
// CheckMinAge has already said so, and once is enough).
std::optional<Finding> CheckMaxAge(const RoundRules& rules, const ApplicantFacts& facts);

}  // namespace penataan::screening

#endif  // PENATAAN_SERVICES_SCREENING_RULES_AGE_RULE_H_
