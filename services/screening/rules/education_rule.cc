#include "services/screening/rules/education_rule.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/screening/rules/rule_labels.h"

namespace penataan::screening {

const MinEducationParam* MinEducationFor(const RoundRules& rules, const ApplicantFacts& facts) {
  const absl::string_view title = absl::StripAsciiWhitespace(facts.position_title);
  const MinEducationParam* by_category = nullptr;
  for (const MinEducationParam& p : rules.min_education) {
    if (!p.position_title.empty()) {
      if (!title.empty() &&
          absl::EqualsIgnoreCase(absl::StripAsciiWhitespace(p.position_title), title)) {
        return &p;  // the post's rule wins over its category's
      }
    } else if (by_category == nullptr && p.category == facts.category) {
      by_category = &p;
    }
  }
  return by_category;
}

std::optional<Finding> CheckEducation(const RoundRules& rules, const ApplicantFacts& facts) {
  const MinEducationParam* p = MinEducationFor(rules, facts);
  // Education's enum numbers run in the order of the levels, SD = 1 ... S3 = 10.
  if (p == nullptr || facts.education >= p->education) return std::nullopt;
  Finding f;
  f.code = v1::EDUCATION_TOO_LOW;
  const std::string post =
      p->position_title.empty() ? absl::StrCat("kategori ", CategoryLabel(p->category))
                                : absl::StrCat("jabatan ", p->position_title);
  if (facts.education == common::v1::EDUCATION_UNSPECIFIED) {
    f.message = absl::StrCat("Pendidikan tidak tercatat di data instansi; pendidikan minimal ",
                             EducationLabel(p->education), " untuk ", post);
    f.values = {{"missing", "education"}};
  } else {
    f.message = absl::StrCat("Pendidikan ", EducationLabel(facts.education),
                             ", kurang dari pendidikan minimal ", EducationLabel(p->education),
                             " untuk ", post);
    f.values = {{"education", common::v1::Education_Name(facts.education)}};
  }
  f.values.emplace_back("min_education", common::v1::Education_Name(p->education));
  if (p->position_title.empty()) {
    f.values.emplace_back("category", common::v1::JabatanCategory_Name(p->category));
  } else {
    f.values.emplace_back("position_title", p->position_title);
  }
  f.regulation = p->regulation;
  return f;
}

}  // namespace penataan::screening
