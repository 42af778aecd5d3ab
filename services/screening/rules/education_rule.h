#ifndef PENATAAN_SERVICES_SCREENING_RULES_EDUCATION_RULE_H_
#define PENATAAN_SERVICES_SCREENING_RULES_EDUCATION_RULE_H_

// EDUCATION_TOO_LOW: the worker's highest education against the minimum of their
// post (a rule naming the position title) or else of their category, in the order
// SD < SMP < SMA < D-I < D-II < D-III < D-IV < S-1 < S-2 < S-3.

#include <optional>

#include "services/screening/rules/screening_rules.h"

namespace penataan::screening {

// The rule that applies to the worker: one whose position_title equals theirs
// (ASCII case ignored), else the one of their category without a title; nullptr
// when none does.
const MinEducationParam* MinEducationFor(const RoundRules& rules, const ApplicantFacts& facts);

std::optional<Finding> CheckEducation(const RoundRules& rules, const ApplicantFacts& facts);

}  // namespace penataan::screening

#endif  // PENATAAN_SERVICES_SCREENING_RULES_EDUCATION_RULE_H_
