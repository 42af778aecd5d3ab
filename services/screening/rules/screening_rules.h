#ifndef PENATAAN_SERVICES_SCREENING_RULES_SCREENING_RULES_H_
#define PENATAAN_SERVICES_SCREENING_RULES_SCREENING_RULES_H_

// The administrative screening as plain functions over plain types (DOMAIN.md
// "Screening rules"). One rule a file (rules/<rule>.cc); Evaluate runs them all.
//
// Guarantees:
//   - Pure: the same facts and parameters give the same findings, in ReasonCode order;
//     nothing here reads a clock, a database or the network.
//   - Every failed rule is reported, not only the first, each with an Indonesian
//     message a worker understands and the values it judged.
//   - An unset parameter (std::nullopt, an empty list) is not checked.
//   - Dates are civil dates; ages and service are judged on the round's cut-off:
//     a birthday or a service anniversary on the cut-off counts as reached, and a
//     29 February anniversary falls on 1 March in a common year.
//   - Evaluate allocates only for a failed rule (its message and values), so that
//     MS applicants cost no allocation: at least a million records a second per core.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "penataan/common/v1/common.pb.h"
#include "penataan/registry/v1/registry.pb.h"
#include "penataan/screening/v1/screening.pb.h"

namespace penataan::screening {

using Category = common::v1::JabatanCategory;
using Education = common::v1::Education;
using HonorerStatus = registry::v1::HonorerStatus;
using PostKind = v1::PostKind;
using ReasonCode = v1::ReasonCode;

// One field where the registry's record differs from BKN's (VerifyHonorers).
struct BknDifference {
  std::string field;  // "full_name", "birth_date"
  std::string registry_value;
  std::string bkn_value;
};

// What the registry knows of one applicant, as the rules need it.
struct ApplicantFacts {
  std::optional<absl::CivilDay> birth_date;
  std::optional<absl::CivilDay> service_start_date;  // TMT
  bool in_bkn_database = false;
  HonorerStatus status = registry::v1::HONORER_STATUS_UNSPECIFIED;
  Category category = common::v1::JABATAN_CATEGORY_UNSPECIFIED;
  Education education = common::v1::EDUCATION_UNSPECIFIED;
  std::string position_title;
  // Where the honorer works (registry) and where they applied (the applicant).
  std::string instansi_code;
  std::string applied_instansi_code;
  PostKind post_kind = v1::GENERAL;
  std::vector<BknDifference> bkn_differences;
};

// The regulation of the always-checked WRONG_INSTANSI rule when a round's proto
// (which has no field for it) is read: applicants apply where they work.
inline constexpr char kWrongInstansiRegulation[] = "KepmenPANRB 347/2024";

// A round's parameters; each set one carries the regulation it comes from.
template <typename T>
struct Param {
  T value{};
  std::string regulation;
};

struct MaxAgeParam {
  PostKind post_kind = v1::GENERAL;
  int max_age_years = 0;
  std::string regulation;
};

struct MinEducationParam {
  Category category = common::v1::JABATAN_CATEGORY_UNSPECIFIED;
  std::string position_title;  // when set, wins over its category's rule
  Education education = common::v1::EDUCATION_UNSPECIFIED;
  std::string regulation;
};

struct RoundRules {
  absl::CivilDay cutoff;
  std::optional<Param<int>> min_service_years;
  std::optional<Param<int>> min_age_years;
  std::vector<MaxAgeParam> max_age;  // GENERAL's applies to a post kind without its own
  std::optional<Param<bool>> require_in_bkn_database;
  std::optional<Param<bool>> require_active;
  std::optional<Param<std::vector<Category>>> open_categories;
  std::vector<MinEducationParam> min_education;
  std::optional<Param<bool>> require_bkn_data_match;
  // Always checked: an honorer applies only where they work.
  std::string wrong_instansi_regulation;
};

// One failed rule.
struct Finding {
  ReasonCode code = v1::REASON_CODE_UNSPECIFIED;
  std::string message;  // Indonesian, with the values judged
  std::vector<std::pair<std::string, std::string>> values;
  std::string regulation;
};

// The figures that rank MS candidates and that every result shows.
struct Figures {
  int64_t service_days = 0;  // from the TMT to the cut-off; 0 without a TMT
  int age_years = 0;         // completed years at the cut-off; 0 without a birth date
  int64_t age_days = 0;
};

// Every failed rule, in ReasonCode order; empty means MS.
std::vector<Finding> Evaluate(const RoundRules& rules, const ApplicantFacts& facts);

// Appends the failed rules to `out` (cleared first) and returns whether any failed:
// the allocation-free form the run uses.
bool EvaluateInto(const RoundRules& rules, const ApplicantFacts& facts,
                  std::vector<Finding>* out);

Figures FiguresOf(absl::CivilDay cutoff, const ApplicantFacts& facts);

// The round's rules from the proto (cut-off and Rules), and back: round-trips.
RoundRules RulesFromProto(const common::v1::Date& cutoff, const v1::Rules& rules);
void RulesToProto(const RoundRules& rules, common::v1::Date* cutoff, v1::Rules* out);

// INVALID_ARGUMENT-style violations of a round's Rules, each naming its field path
// ("round.rules.max_age[1].max_age_years"): ages 15..70, service 0..40, no post kind
// twice, a regulation on every set parameter, no UNSPECIFIED category or education.
struct RuleViolation {
  std::string field;
  std::string description;
};
std::vector<RuleViolation> ValidateRules(const v1::Rules& rules, absl::string_view prefix);

// "2 tahun 9 bulan" from a start to the cut-off (completed years and months).
std::string FormatService(absl::CivilDay start, absl::CivilDay cutoff);
// "1 Maret 2023".
std::string FormatIndonesianDate(absl::CivilDay day);

}  // namespace penataan::screening

#endif  // PENATAAN_SERVICES_SCREENING_RULES_SCREENING_RULES_H_
