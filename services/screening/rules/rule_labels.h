#ifndef PENATAAN_SERVICES_SCREENING_RULES_RULE_LABELS_H_
#define PENATAAN_SERVICES_SCREENING_RULES_RULE_LABELS_H_

// The words a worker reads in a TMS message for the registry's enums ("Tenaga
// Teknis", "D-IV", "dirumahkan"), shared by the rules that name them.

#include "absl/strings/string_view.h"
#include "services/screening/rules/screening_rules.h"

namespace penataan::screening {

absl::string_view CategoryLabel(Category c);
absl::string_view EducationLabel(Education e);
// "jabatan pelaksana/umum", "jabatan fungsional Ahli Madya", ...
absl::string_view PostKindLabel(PostKind k);
absl::string_view StatusLabel(HonorerStatus s);

// UNSPECIFIED counts as GENERAL (the proto's zero value).
inline PostKind NormalizePostKind(PostKind k) {
  return k == v1::POST_KIND_UNSPECIFIED ? v1::GENERAL : k;
}

}  // namespace penataan::screening

#endif  // PENATAAN_SERVICES_SCREENING_RULES_RULE_LABELS_H_
