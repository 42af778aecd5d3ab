#include "services/formasi/honorer_eligibility.h"

#include "absl/strings/str_cat.h"

namespace penataan::formasi {

bool EligibleForParuhWaktu(const HonorerFacts& h) {
  return h.found && h.in_bkn_database &&
         (h.status == registry::v1::ACTIVE || h.status == registry::v1::TMS);
}

std::optional<std::string> WhyNotUsable(const HonorerFacts& h, const std::string& instansi_code,
                                        HonorerUse use) {
  if (!h.found || h.instansi_code != instansi_code) {
    return absl::StrCat("is not a registered honorer of instansi ", instansi_code);
  }
  if (use == HonorerUse::kLeftOut) return std::nullopt;
  if (h.status != registry::v1::ACTIVE && h.status != registry::v1::TMS) {
    return absl::StrCat("has status ", registry::v1::HonorerStatus_Name(h.status),
                        "; only ACTIVE or TMS honorers may be proposed");
  }
  if (!h.in_bkn_database) return std::string("is not in the BKN database");
  return std::nullopt;
}

}  // namespace penataan::formasi
