#ifndef PENATAAN_SERVICES_SCREENING_WHAT_IF_H_
#define PENATAAN_SERVICES_SCREENING_WHAT_IF_H_

// A what-if (a "reform" in OpenFisca's words): how the counts per instansi and per
// reason would change if every applicant were evaluated with other rules, against
// the results stored. Pure: the run feeds it page by page.
//
// Guarantees:
//   - Per instansi: one row per outcome (reason REASON_CODE_UNSPECIFIED, MS and TMS)
//     and one per TMS reason (outcome TMS), each with the stored and the what-if
//     count; rows where both are zero are left out. Rows are ordered by instansi,
//     then reason, then outcome.
//   - A TMS result counts under every reason it has; a result an accepted appeal
//     turned MS counts as MS and under no reason (it is stored MS).
//   - `changed` counts applicants with a stored result whose outcome would differ;
//     an applicant without a stored result adds to the what-if counts only.

#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <utility>

#include "penataan/screening/v1/screening.pb.h"

namespace penataan::screening {

// Bit (1 << code) for each failed rule, as results.reason_mask.
using ReasonBits = uint32_t;

class WhatIfTally {
 public:
  // `stored` is OUTCOME_UNSPECIFIED for an applicant without a result.
  void Add(const std::string& instansi_code, v1::Outcome stored, ReasonBits stored_mask,
           v1::Outcome what_if, ReasonBits what_if_mask);
  v1::WhatIfReport Report() const;
  int64_t what_if_ms() const { return what_if_ms_; }
  int64_t what_if_tms() const { return what_if_tms_; }

 private:
  struct Counts {
    int64_t stored = 0, what_if = 0;
  };
  // (instansi, reason, outcome)
  std::map<std::tuple<std::string, int, int>, Counts> rows_;
  int64_t stored_ms_ = 0, stored_tms_ = 0, what_if_ms_ = 0, what_if_tms_ = 0, changed_ = 0;
};

}  // namespace penataan::screening

#endif  // PENATAAN_SERVICES_SCREENING_WHAT_IF_H_
