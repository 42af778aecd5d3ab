// Evaluate: every rule in ReasonCode order, and the figures every result shows.

#include <algorithm>

#include "services/screening/rules/active_rule.h"
#include "services/screening/rules/age_rule.h"
#include "services/screening/rules/bkn_data_match_rule.h"
#include "services/screening/rules/bkn_database_rule.h"
#include "services/screening/rules/category_rule.h"
#include "services/screening/rules/civil_dates.h"
#include "services/screening/rules/education_rule.h"
#include "services/screening/rules/instansi_rule.h"
#include "services/screening/rules/screening_rules.h"
#include "services/screening/rules/service_rule.h"

namespace penataan::screening {
namespace {

using Rule = std::optional<Finding> (*)(const RoundRules&, const ApplicantFacts&);

// In ReasonCode order (NOT_IN_BKN_DATABASE = 1 ... BKN_DATA_MISMATCH = 9), so the
// findings come out in that order without a sort.
constexpr Rule kRules[] = {
    CheckInBknDatabase, CheckService,  CheckMinAge,   CheckMaxAge,       CheckActive,
    CheckCategoryOpen,  CheckEducation, CheckInstansi, CheckBknDataMatch,
};

}  // namespace

bool EvaluateInto(const RoundRules& rules, const ApplicantFacts& facts,
                  std::vector<Finding>* out) {
  out->clear();
  for (Rule rule : kRules) {
    std::optional<Finding> f = rule(rules, facts);
    if (f) out->push_back(std::move(*f));
  }
  return !out->empty();
}

std::vector<Finding> Evaluate(const RoundRules& rules, const ApplicantFacts& facts) {
  std::vector<Finding> out;
  EvaluateInto(rules, facts, &out);
  return out;
}

Figures FiguresOf(absl::CivilDay cutoff, const ApplicantFacts& facts) {
  Figures fig;
  if (facts.service_start_date) {
    fig.service_days = std::max<int64_t>(0, DaysBetween(*facts.service_start_date, cutoff));
  }
  if (facts.birth_date) {
    fig.age_years = std::max(0, CompletedYears(*facts.birth_date, cutoff));
    fig.age_days = std::max<int64_t>(0, DaysBetween(*facts.birth_date, cutoff));
  }
  return fig;
}

}  // namespace penataan::screening
