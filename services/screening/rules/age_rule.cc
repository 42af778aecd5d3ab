#include "services/screening/rules/age_rule.h"

#include "absl/strings/str_cat.h"
#include "services/screening/rules/civil_dates.h"
#include "services/screening/rules/rule_labels.h"

namespace penataan::screening {
namespace {

Finding MissingBirthDate(ReasonCode code, const RoundRules& rules, absl::string_view limit_text,
                         const char* limit_key, int limit, const std::string& regulation) {
  Finding f;
  f.code = code;
  f.message = absl::StrCat("Tanggal lahir tidak tercatat di data instansi, sehingga usia pada batas ",
                           FormatIndonesianDate(rules.cutoff), " tidak dapat dinilai (",
                           limit_text, ")");
  f.values = {{"missing", "birth_date"},
              {"cutoff", IsoDate(rules.cutoff)},
              {limit_key, absl::StrCat(limit)}};
  f.regulation = regulation;
  return f;
}

}  // namespace

const MaxAgeParam* MaxAgeFor(const RoundRules& rules, PostKind kind) {
  kind = NormalizePostKind(kind);
  const MaxAgeParam* general = nullptr;
  for (const MaxAgeParam& p : rules.max_age) {
    const PostKind k = NormalizePostKind(p.post_kind);
    if (k == kind) return &p;
    if (k == v1::GENERAL) general = &p;
  }
  return general;
}

std::optional<Finding> CheckMinAge(const RoundRules& rules, const ApplicantFacts& facts) {
  if (!rules.min_age_years) return std::nullopt;
  const int min = rules.min_age_years->value;
  if (!facts.birth_date) {
    return MissingBirthDate(v1::AGE_BELOW_MIN, rules, absl::StrCat("usia minimal ", min, " tahun"),
                            "min_age_years", min, rules.min_age_years->regulation);
  }
  const int age = CompletedYears(*facts.birth_date, rules.cutoff);
  if (age >= min) return std::nullopt;
  Finding f;
  f.code = v1::AGE_BELOW_MIN;
  f.message = absl::StrCat("Tanggal lahir ", FormatIndonesianDate(*facts.birth_date), ", batas ",
                           FormatIndonesianDate(rules.cutoff), ": usia ", age,
                           " tahun, kurang dari usia minimal ", min, " tahun");
  f.values = {{"birth_date", IsoDate(*facts.birth_date)},
              {"cutoff", IsoDate(rules.cutoff)},
              {"age_years", absl::StrCat(age)},
              {"min_age_years", absl::StrCat(min)}};
  f.regulation = rules.min_age_years->regulation;
  return f;
}

std::optional<Finding> CheckMaxAge(const RoundRules& rules, const ApplicantFacts& facts) {
  const MaxAgeParam* p = MaxAgeFor(rules, facts.post_kind);
  if (p == nullptr) return std::nullopt;
  const int max = p->max_age_years;
  const PostKind kind = NormalizePostKind(facts.post_kind);
  if (!facts.birth_date) {
    if (rules.min_age_years) return std::nullopt;
    Finding f = MissingBirthDate(
        v1::AGE_ABOVE_MAX, rules,
        absl::StrCat("usia maksimal ", max, " tahun untuk ", PostKindLabel(kind)), "max_age_years",
        max, p->regulation);
    f.values.emplace_back("post_kind", v1::PostKind_Name(kind));
    return f;
  }
  const int age = CompletedYears(*facts.birth_date, rules.cutoff);
  if (age <= max) return std::nullopt;
  Finding f;
  f.code = v1::AGE_ABOVE_MAX;
  f.message = absl::StrCat("Tanggal lahir ", FormatIndonesianDate(*facts.birth_date), ", batas ",
                           FormatIndonesianDate(rules.cutoff), ": usia ", age,
                           " tahun, lebih dari usia maksimal ", max, " tahun untuk ",
                           PostKindLabel(kind));
  f.values = {{"birth_date", IsoDate(*facts.birth_date)},
              {"cutoff", IsoDate(rules.cutoff)},
              {"age_years", absl::StrCat(age)},
              {"max_age_years", absl::StrCat(max)},
              {"post_kind", v1::PostKind_Name(kind)}};
  f.regulation = p->regulation;
  return f;
}

}  // namespace penataan::screening
