#ifndef PENATAAN_SERVICES_SCREENING_RUN_FACTS_H_
#define PENATAAN_SERVICES_SCREENING_RUN_FACTS_H_

// What the rules judge, from the registry's record of an honorer (SCREENING view)
// and the applicant row (where they applied, for which kind of post). Pure.

#include <string>

#include "penataan/registry/v1/registry.pb.h"
#include "services/screening/rules/screening_rules.h"

namespace penataan::screening {

ApplicantFacts FactsOf(const registry::v1::Honorer& honorer,
                       const std::string& applied_instansi_code, PostKind post_kind);

// The findings of an applicant the registry no longer has: the run cannot judge
// a record that is gone, and an honorer without a registry record is not an
// actively working one, so the result is TMS NOT_ACTIVE saying so (rather than
// leaving the applicant unevaluated for ever, or guessing another reason).
Finding MissingFromRegistry();

}  // namespace penataan::screening

#endif  // PENATAAN_SERVICES_SCREENING_RUN_FACTS_H_
