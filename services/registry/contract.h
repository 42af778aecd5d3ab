#ifndef PENATAAN_SERVICES_REGISTRY_CONTRACT_H_
#define PENATAAN_SERVICES_REGISTRY_CONTRACT_H_

// Contracts (SK periods), an instansi's contract policy (crucial units, how early
// its admins hear of an ending SK) and performance reviews, as plain values. No
// gRPC, no SQL. Civil dates are the instansi's (its time_zone).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "penataan/registry/v1/registry.pb.h"

namespace penataan::registry {

using ContractExpiry = v1::Contract::Expiry;
using ReviewOutcome = v1::ReviewOutcome;
using ExclusionReason = v1::RenewalExclusion::Reason;

struct Contract {
  int64_t id = 0;
  int64_t honorer_id = 0;
  std::string instansi_code;
  std::string sk_number;  // may be empty (a period imported without one)
  absl::CivilDay start_date;
  absl::CivilDay end_date;  // inclusive: the last day worked under this SK
  std::string signed_by;
  std::optional<absl::CivilDay> signed_date;
  ContractExpiry expiry = v1::Contract::NOT_ENDED;
  // The status the expiry step sent home (restored by a renewal); 0 otherwise.
  v1::HonorerStatus status_before = v1::HONORER_STATUS_UNSPECIFIED;
  std::string renewal_id;  // the RenewContracts request that made it; "" otherwise
  std::string created_by;
  absl::Time create_time;
  absl::Time update_time;
};

// "honorers/{h}/contracts/{c}".
std::string ContractName(int64_t honorer_id, int64_t contract_id);

struct CrucialUnit {
  std::string unit_kerja;
  bool prefix = false;  // also every unit whose name starts with unit_kerja
  std::string reason;
};

inline constexpr int kDefaultExpiryNoticeDays = 30;
inline constexpr int kMaxExpiryNoticeDays = 366;
inline constexpr size_t kMaxCrucialUnits = 500;

struct ContractPolicy {
  std::string instansi_code;
  std::vector<CrucialUnit> crucial_units;
  int expiry_notice_days = kDefaultExpiryNoticeDays;
  int64_t version = 0;  // 0: never set (the etag)
  absl::Time update_time = absl::InfinitePast();
  std::string updated_by;
};

struct PerformanceReview {
  int64_t honorer_id = 0;
  int year = 0;  // the contract year reviewed (its SK's start year)
  std::string instansi_code;
  ReviewOutcome outcome = v1::REVIEW_OUTCOME_UNSPECIFIED;
  std::string reviewer;
  std::string note;
  std::string updated_by;
  absl::Time update_time;
};

// "honorers/{h}/reviews/{year}".
std::string ReviewName(int64_t honorer_id, int year);

}  // namespace penataan::registry

#endif  // PENATAAN_SERVICES_REGISTRY_CONTRACT_H_
