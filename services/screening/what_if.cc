#include "services/screening/what_if.h"

#include <tuple>

namespace penataan::screening {
void WhatIfTally::Add(const std::string& instansi_code, v1::Outcome stored,
                      ReasonBits stored_mask, v1::Outcome baseline, ReasonBits baseline_mask,
                      v1::Outcome what_if, ReasonBits what_if_mask) {
  auto count = [&](v1::Outcome outcome, ReasonBits mask, int64_t Counts::*field) {
    if (outcome != v1::MS && outcome != v1::TMS) return;
    ++(rows_[{instansi_code, v1::REASON_CODE_UNSPECIFIED, outcome}].*field);
    if (outcome != v1::TMS) return;
    for (int code = 1; code <= kMaxReasonCode; ++code) {
      if (HasReason(mask, code)) ++(rows_[{instansi_code, code, v1::TMS}].*field);
    }
  };
  count(stored, stored_mask, &Counts::stored);
  count(baseline, baseline_mask, &Counts::baseline);
  count(what_if, what_if_mask, &Counts::what_if);
  if (stored == v1::MS) ++stored_ms_;
  if (stored == v1::TMS) ++stored_tms_;
  if (baseline == v1::MS) ++baseline_ms_;
  if (baseline == v1::TMS) ++baseline_tms_;
  if (what_if == v1::MS) ++what_if_ms_;
  if (what_if == v1::TMS) ++what_if_tms_;
  if (baseline != what_if) ++changed_;
}

v1::WhatIfReport WhatIfTally::Report() const {
  v1::WhatIfReport r;
  for (const auto& [key, counts] : rows_) {
    if (counts.stored == 0 && counts.baseline == 0 && counts.what_if == 0) continue;
    v1::WhatIfReport::Row* row = r.add_rows();
    row->set_instansi_code(std::get<0>(key));
    row->set_reason(static_cast<v1::ReasonCode>(std::get<1>(key)));
    row->set_outcome(static_cast<v1::Outcome>(std::get<2>(key)));
    row->set_stored(counts.stored);
    row->set_what_if(counts.what_if);
    row->set_baseline(counts.baseline);
  }
  r.set_stored_ms(stored_ms_);
  r.set_stored_tms(stored_tms_);
  r.set_what_if_ms(what_if_ms_);
  r.set_what_if_tms(what_if_tms_);
  r.set_baseline_ms(baseline_ms_);
  r.set_baseline_tms(baseline_tms_);
  r.set_changed(changed_);
  return r;
}

}  // namespace penataan::screening
