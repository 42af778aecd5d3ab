#include "services/screening/rules/category_rule.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/screening/rules/rule_labels.h"

namespace penataan::screening {

std::optional<Finding> CheckCategoryOpen(const RoundRules& rules, const ApplicantFacts& facts) {
  if (!rules.open_categories) return std::nullopt;
  const std::vector<Category>& open = rules.open_categories->value;
  if (open.empty() || std::find(open.begin(), open.end(), facts.category) != open.end()) {
    return std::nullopt;
  }
  Finding f;
  f.code = v1::CATEGORY_NOT_OPEN;
  f.message = absl::StrCat(
      "Kategori ", CategoryLabel(facts.category), " tidak dibuka pada seleksi ini (yang dibuka: ",
      absl::StrJoin(open, ", ",
                    [](std::string* out, Category c) { absl::StrAppend(out, CategoryLabel(c)); }),
      ")");
  f.values = {{"category", common::v1::JabatanCategory_Name(facts.category)},
              {"open_categories",
               absl::StrJoin(open, ",", [](std::string* out, Category c) {
                 absl::StrAppend(out, common::v1::JabatanCategory_Name(c));
               })}};
  f.regulation = rules.open_categories->regulation;
  return f;
}

}  // namespace penataan::screening
