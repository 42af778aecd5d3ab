#ifndef PENATAAN_SERVICES_SCREENING_RULES_INSTANSI_RULE_H_
#define PENATAAN_SERVICES_SCREENING_RULES_INSTANSI_RULE_H_

// WRONG_INSTANSI: always checked; a worker applies only at the instansi where the
// registry has them working.

#include <optional>

#include "services/screening/rules/screening_rules.h"

namespace penataan::screening {

std::optional<Finding> CheckInstansi(const RoundRules& rules, const ApplicantFacts& facts);

}  // namespace penataan::screening

#endif  // PENATAAN_SERVICES_SCREENING_RULES_INSTANSI_RULE_H_
