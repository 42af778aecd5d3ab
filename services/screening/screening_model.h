#ifndef PENATAAN_SERVICES_SCREENING_SCREENING_MODEL_H_
#define PENATAAN_SERVICES_SCREENING_SCREENING_MODEL_H_

// Screening's records as plain types: what the store reads and writes and the logic
// reasons about. Names ("rounds/1/results/42") are made at the edge. Rules and a
// result's reasons stay protos (v1::Rules, v1::Reason): they are data the API
// returns as stored.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "penataan/screening/v1/screening.pb.h"

namespace penataan::screening {

using Outcome = v1::Outcome;
using AppealState = v1::Appeal::State;

struct Round {
  int64_t id = 0;
  std::string display_name;
  absl::CivilDay cutoff;
  v1::Rules rules;
  absl::CivilDay appeal_start_date, appeal_end_date;  // civil dates in appeal_zone
  std::string appeal_zone;                            // IANA
  // [start of appeal_start_date, start of the day after appeal_end_date) in the zone.
  absl::Time appeal_start = absl::UnixEpoch();
  absl::Time appeal_end = absl::UnixEpoch();
  std::optional<absl::Time> results_publish_time;
  std::string request_key;  // CreateRound's request_id; empty: none
  std::string created_by;
  int64_t version = 0;
  absl::Time create_time = absl::UnixEpoch();
  absl::Time update_time = absl::UnixEpoch();
};

struct RoundCounts {
  int64_t applicants = 0, ms = 0, tms = 0;
};

struct Applicant {
  int64_t round_id = 0;
  int64_t honorer_id = 0;
  std::string instansi_code;
  v1::PostKind post_kind = v1::GENERAL;
  std::string added_by;
  absl::Time create_time = absl::UnixEpoch();
};

// registry_state of a result. kRefused: the registry would not take it (the
// honorer not found, RESIGNED or PPPK); kept visible, not sent again.
enum class RegistryState { kOwed = 0, kTold = 1, kRefused = 2 };

struct Result {
  int64_t round_id = 0;
  int64_t honorer_id = 0;
  std::string instansi_code;
  Outcome outcome = v1::OUTCOME_UNSPECIFIED;
  int64_t reason_mask = 0;  // bit (1 << code) per failed rule
  std::vector<v1::Reason> reasons;
  int64_t service_days = 0;
  int64_t age_days = 0;
  int age_years = 0;
  std::string full_name;
  common::v1::JabatanCategory jabatan_category = common::v1::JABATAN_CATEGORY_UNSPECIFIED;
  bool changed_by_appeal = false;
  RegistryState registry_state = RegistryState::kOwed;
  int64_t run_id = 0;
  int64_t version = 1;
  absl::Time decide_time = absl::UnixEpoch();
  absl::Time update_time = absl::UnixEpoch();
  bool has_appeal = false;  // read only: an appeal was filed
};

struct Appeal {
  int64_t round_id = 0;
  int64_t honorer_id = 0;
  std::string instansi_code;
  std::vector<v1::Appeal::Answer> answers;
  AppealState state = v1::Appeal::STATE_UNSPECIFIED;
  std::string decision_note;
  std::string filed_by, decided_by;
  std::string request_id;
  absl::Time file_time = absl::UnixEpoch();
  std::optional<absl::Time> decide_time;
  int64_t version = 1;
};

// One ranked MS candidate.
struct Candidate {
  int64_t honorer_id = 0;
  int64_t service_days = 0;
  int64_t age_days = 0;
  int age_years = 0;
  std::string full_name;
  bool changed_by_appeal = false;
};

}  // namespace penataan::screening

#endif  // PENATAAN_SERVICES_SCREENING_SCREENING_MODEL_H_
