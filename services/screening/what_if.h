#ifndef PENATAAN_SERVICES_SCREENING_WHAT_IF_H_
#define PENATAAN_SERVICES_SCREENING_WHAT_IF_H_

// A what-if (a "reform" in OpenFisca's words): how the counts per instansi and per
// reason would change if every applicant were evaluated with other rules. Each
// applicant is judged twice on the same facts, read once: with the round's rules
// (the baseline) and with the overridden ones (the reform); the stored results are
// reported alongside. Pure: the run feeds it page by page.
//
// Guarantees:
//   - Per instansi: one row per outcome (reason REASON_CODE_UNSPECIFIED, MS and TMS)
//     and one per TMS reason (outcome TMS), each with the stored, baseline and
//     what-if count; rows where all are zero are left out. Rows are ordered by instansi,
//     then reason, then outcome.
//   - A TMS result counts under every reason it has; a result an accepted appeal
//     turned MS counts as MS and under no reason (it is stored MS).
//   - `changed` counts applicants whose baseline and what-if outcomes differ: the
//     rules' effect alone. Comparing with the stored results instead would count
//     data corrected and appeals decided since the run as changes of the rules.
//     An applicant without a stored result adds to the baseline and what-if
//     counts, not the stored ones.

#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <utility>

#include "penataan/screening/v1/screening.pb.h"

namespace penataan::screening {

// Bit (1 << code) for each failed rule, as results.reason_mask (a BIGINT): codes 1
// to kMaxReasonCode, the bound screening_store's ReasonMask keeps too. The one
// definition the runner, the write-back and the what-if share, so a reason code
// above 31 is neither dropped by one nor counted by another.
using ReasonBits = int64_t;
inline constexpr int kMaxReasonCode = 62;
inline constexpr ReasonBits ReasonBit(int code) {
  return code > 0 && code <= kMaxReasonCode ? ReasonBits{1} << code : 0;
}
inline constexpr bool HasReason(ReasonBits mask, int code) {
  return (mask & ReasonBit(code)) != 0;
}

class WhatIfTally {
 public:
  // `stored` is OUTCOME_UNSPECIFIED for an applicant without a result.
  void Add(const std::string& instansi_code, v1::Outcome stored, ReasonBits stored_mask,
           v1::Outcome baseline, ReasonBits baseline_mask, v1::Outcome what_if,
           ReasonBits what_if_mask);
  v1::WhatIfReport Report() const;
  int64_t what_if_ms() const { return what_if_ms_; }
  int64_t what_if_tms() const { return what_if_tms_; }

 private:
  struct Counts {
    int64_t stored = 0, baseline = 0, what_if = 0;
  };
  // (instansi, reason, outcome)
  std::map<std::tuple<std::string, int, int>, Counts> rows_;
  int64_t stored_ms_ = 0, stored_tms_ = 0, baseline_ms_ = 0, baseline_tms_ = 0,
          what_if_ms_ = 0, what_if_tms_ = 0, changed_ = 0;
};

}  // namespace penataan::screening

#endif  // PENATAAN_SERVICES_SCREENING_WHAT_IF_H_
