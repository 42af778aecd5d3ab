#include "services/screening/rules/instansi_rule.h"

#include "absl/strings/str_cat.h"

namespace penataan::screening {

std::optional<Finding> CheckInstansi(const RoundRules& rules, const ApplicantFacts& facts) {
  if (facts.instansi_code == facts.applied_instansi_code) return std::nullopt;
  Finding f;
  f.code = v1::WRONG_INSTANSI;
  f.message = absl::StrCat("Mendaftar di instansi ", facts.applied_instansi_code,
                           ", padahal tercatat bekerja di instansi ",
                           facts.instansi_code.empty() ? "(tidak tercatat)" : facts.instansi_code,
                           "; pelamar hanya dapat mendaftar di instansi tempat bekerja");
  f.values = {{"instansi_code", facts.instansi_code},
              {"applied_instansi_code", facts.applied_instansi_code}};
  f.regulation = rules.wrong_instansi_regulation;
  return f;
}

}  // namespace penataan::screening
