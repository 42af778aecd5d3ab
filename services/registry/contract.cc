#include "services/registry/contract.h"

#include "absl/strings/str_cat.h"

namespace penataan::registry {

std::string ContractName(int64_t honorer_id, int64_t contract_id) {
  return absl::StrCat("honorers/", honorer_id, "/contracts/", contract_id);
}

std::string ReviewName(int64_t honorer_id, int year) {
  return absl::StrCat("honorers/", honorer_id, "/reviews/", year);
}

}  // namespace penataan::registry
