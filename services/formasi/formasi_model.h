#ifndef PENATAAN_SERVICES_FORMASI_FORMASI_MODEL_H_
#define PENATAAN_SERVICES_FORMASI_FORMASI_MODEL_H_

// Formasi's records as plain types: what the store reads and writes and the logic
// reasons about. Names ("periods/1/proposals/3275") are made at the edge.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "penataan/common/v1/common.pb.h"
#include "penataan/formasi/v1/formasi.pb.h"

namespace penataan::formasi {

using FormasiKind = v1::FormasiKind;
using ProposalState = v1::Proposal::State;
using LeaveOutReason = v1::LeaveOutReason;
using JabatanCategory = common::v1::JabatanCategory;
using Education = common::v1::Education;

struct Period {
  int64_t id = 0;
  std::string display_name;
  FormasiKind kind = v1::FORMASI_KIND_UNSPECIFIED;
  absl::Time open_time = absl::UnixEpoch();
  absl::Time deadline = absl::UnixEpoch();
  std::string deadline_zone;    // IANA, the zone the deadline was stated in
  std::string deadline_letter;  // the letter that set the current deadline
  std::vector<absl::Duration> reminder_offsets;  // largest first
  std::optional<absl::Time> close_time;          // ClosePeriod
  std::string close_reason;
  std::string request_id;
  std::string created_by;
  int64_t version = 0;
  absl::Time create_time = absl::UnixEpoch();
  absl::Time update_time = absl::UnixEpoch();
};

// One instansi's later deadline in one period (granting again replaces it).
struct Extension {
  int64_t period_id = 0;
  std::string instansi_code;
  absl::Time deadline = absl::UnixEpoch();
  std::string deadline_zone;
  std::string reason;
  std::string letter_number;
  std::string granted_by;
  absl::Time grant_time = absl::UnixEpoch();
};

struct ProposalLine {
  JabatanCategory jabatan_category = common::v1::JABATAN_CATEGORY_UNSPECIFIED;
  std::string position_title;
  Education education = common::v1::EDUCATION_UNSPECIFIED;
  std::string unit_kerja;
  int32_t count = 0;
  std::vector<int64_t> honorer_ids;  // Paruh Waktu: the named honorers
  int64_t monthly_pay_idr = 0;
};

struct LeftOut {
  int64_t honorer_id = 0;
  LeaveOutReason reason = v1::LEAVE_OUT_REASON_UNSPECIFIED;
  std::string note;
};

struct Proposal {
  int64_t id = 0;
  int64_t period_id = 0;
  std::string instansi_code;
  ProposalState state = v1::Proposal::STATE_UNSPECIFIED;
  std::vector<ProposalLine> lines;   // empty when read without lines
  std::vector<LeftOut> left_out;     // likewise
  int64_t budget_capacity_idr = 0;
  int64_t estimated_annual_cost_idr = 0;
  std::string sptjm_reference;
  std::string decision_note;
  std::optional<absl::Time> submit_time;
  std::optional<absl::Time> decide_time;
  std::string decided_by;
  std::string request_id;
  std::string created_by;
  int64_t version = 0;
  absl::Time create_time = absl::UnixEpoch();
  absl::Time update_time = absl::UnixEpoch();
};

// An instansi as formasi needs it from the registry.
struct InstansiInfo {
  std::string code;
  std::string display_name;
  std::string time_zone;  // IANA
};

}  // namespace penataan::formasi

#endif  // PENATAAN_SERVICES_FORMASI_FORMASI_MODEL_H_
