#ifndef PENATAAN_SERVICES_REGISTRY_CONTRACT_RULES_H_
#define PENATAAN_SERVICES_REGISTRY_CONTRACT_RULES_H_

// What makes an SK (a contract period's decree) valid: a new SK of RenewContracts,
// and the optional SK columns of an import row. No clock, no SQL.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "common/errors.h"
#include "services/registry/contract.h"

namespace penataan::registry {

inline constexpr size_t kMaxSkNumberBytes = 100;
inline constexpr size_t kMaxSignedByBytes = 200;
inline constexpr int kMaxContractYears = 5;

// The SK a renewal gives; start and end inclusive.
struct NewSk {
  std::string sk_number;
  std::optional<absl::CivilDay> start_date;
  std::optional<absl::CivilDay> end_date;
  std::string signed_by;
  std::optional<absl::CivilDay> signed_date;
};

// Every problem, each naming its field with `prefix`: sk_number 1..100 bytes of
// valid UTF-8 (not only spaces); start_date and end_date given, start ≤ end, and
// end no later than five years after start (2021-01-01 may end 2026-01-01 at the
// latest); signed_by 1..200 bytes of valid UTF-8; signed_date optional.
std::vector<Violation> ValidateNewSk(const NewSk& sk, const std::string& prefix);

// The SK cells of an import row (sk_number, sk_signed_by, sk_signed_date), all
// optional. Given, they need the row's contract dates (`has_period`), and obey the
// same bounds as ValidateNewSk; every violation is answered, each naming its
// column. The result carries the SK fields only (no dates).
absl::StatusOr<Contract> ParseImportSk(const std::string& sk_number, const std::string& signed_by,
                                       const std::string& signed_date, bool has_period);

}  // namespace penataan::registry

#endif  // PENATAAN_SERVICES_REGISTRY_CONTRACT_RULES_H_
