#ifndef PENATAAN_SERVICES_SCREENING_RULES_BKN_DATABASE_RULE_H_
#define PENATAAN_SERVICES_SCREENING_RULES_BKN_DATABASE_RULE_H_

// NOT_IN_BKN_DATABASE: when the round requires it, the worker must be in BKN's
// database of non-ASN workers (the registry's in_bkn_database, from VerifyHonorers).

#include <optional>

#include "services/screening/rules/screening_rules.h"

namespace penataan::screening {

std::optional<Finding> CheckInBknDatabase(const RoundRules& rules, const ApplicantFacts& facts);

}  // namespace penataan::screening

#endif  // PENATAAN_SERVICES_SCREENING_RULES_BKN_DATABASE_RULE_H_
