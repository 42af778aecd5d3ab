#include "services/screening/what_if.h"

#include <gtest/gtest.h>

#include <tuple>
#include <vector>

namespace penataan::screening {
namespace {

constexpr ReasonBits Bit(v1::ReasonCode c) { return ReasonBit(c); }

// instansi, reason, outcome, stored, baseline, what-if
using RowKey =
    std::tuple<std::string, v1::ReasonCode, v1::Outcome, int64_t, int64_t, int64_t>;

std::vector<RowKey> Rows(const v1::WhatIfReport& r) {
  std::vector<RowKey> out;
  for (const auto& row : r.rows()) {
    out.emplace_back(row.instansi_code(), row.reason(), row.outcome(), row.stored(),
                     row.baseline(), row.what_if());
  }
  return out;
}

struct Applicant {
  std::string instansi;
  v1::Outcome stored;
  ReasonBits stored_mask;
  v1::Outcome baseline;
  ReasonBits baseline_mask;
  v1::Outcome what_if;
  ReasonBits what_if_mask;
};

TEST(WhatIfTally, CountsPerInstansiAndReason) {
  struct Case {
    const char* name;
    std::vector<Applicant> applicants;
    std::vector<RowKey> want_rows;
    int64_t stored_ms, stored_tms, baseline_ms, baseline_tms, what_if_ms, what_if_tms, changed;
  } cases[] = {
      {"nothing", {}, {}, 0, 0, 0, 0, 0, 0, 0},
      {"service rule relaxed: a TMS for service only becomes MS",
       {{"5371", v1::TMS, Bit(v1::SERVICE_TOO_SHORT), v1::TMS, Bit(v1::SERVICE_TOO_SHORT), v1::MS,
         0},
        {"5371", v1::MS, 0, v1::MS, 0, v1::MS, 0}},
       {{"5371", v1::REASON_CODE_UNSPECIFIED, v1::MS, 1, 1, 2},
        {"5371", v1::REASON_CODE_UNSPECIFIED, v1::TMS, 1, 1, 0},
        {"5371", v1::SERVICE_TOO_SHORT, v1::TMS, 1, 1, 0}},
       1, 1, 1, 1, 2, 0, 1},
      {"two reasons, one relaxed: still TMS, counted under the other",
       {{"5371", v1::TMS, Bit(v1::SERVICE_TOO_SHORT) | Bit(v1::BKN_DATA_MISMATCH), v1::TMS,
         Bit(v1::SERVICE_TOO_SHORT) | Bit(v1::BKN_DATA_MISMATCH), v1::TMS,
         Bit(v1::BKN_DATA_MISMATCH)}},
       {{"5371", v1::REASON_CODE_UNSPECIFIED, v1::TMS, 1, 1, 1},
        {"5371", v1::SERVICE_TOO_SHORT, v1::TMS, 1, 1, 0},
        {"5371", v1::BKN_DATA_MISMATCH, v1::TMS, 1, 1, 1}},
       0, 1, 0, 1, 0, 1, 0},
      {"appeal turned MS: stored MS, but both rule sets still judge TMS: not changed",
       {{"6471", v1::MS, Bit(v1::NOT_IN_BKN_DATABASE), v1::TMS, Bit(v1::NOT_IN_BKN_DATABASE),
         v1::TMS, Bit(v1::NOT_IN_BKN_DATABASE)}},
       {{"6471", v1::REASON_CODE_UNSPECIFIED, v1::MS, 1, 0, 0},
        {"6471", v1::REASON_CODE_UNSPECIFIED, v1::TMS, 0, 1, 1},
        {"6471", v1::NOT_IN_BKN_DATABASE, v1::TMS, 0, 1, 1}},
       1, 0, 0, 1, 0, 1, 0},
      {"data corrected since the run: stored TMS, today MS under both: not changed",
       {{"5371", v1::TMS, Bit(v1::EDUCATION_TOO_LOW), v1::MS, 0, v1::MS, 0}},
       {{"5371", v1::REASON_CODE_UNSPECIFIED, v1::MS, 0, 1, 1},
        {"5371", v1::REASON_CODE_UNSPECIFIED, v1::TMS, 1, 0, 0},
        {"5371", v1::EDUCATION_TOO_LOW, v1::TMS, 1, 0, 0}},
       0, 1, 1, 0, 1, 0, 0},
      {"not yet evaluated: baseline and what-if only, changed by the rules",
       {{"5371", v1::OUTCOME_UNSPECIFIED, 0, v1::MS, 0, v1::TMS, Bit(v1::AGE_ABOVE_MAX)}},
       {{"5371", v1::REASON_CODE_UNSPECIFIED, v1::MS, 0, 1, 0},
        {"5371", v1::REASON_CODE_UNSPECIFIED, v1::TMS, 0, 0, 1},
        {"5371", v1::AGE_ABOVE_MAX, v1::TMS, 0, 0, 1}},
       0, 0, 1, 0, 0, 1, 1},
      {"a reason code above 31 is counted (one 63-bit mask everywhere)",
       {{"5371", v1::TMS, ReasonBit(40), v1::TMS, ReasonBit(40), v1::TMS, ReasonBit(40)}},
       {{"5371", v1::REASON_CODE_UNSPECIFIED, v1::TMS, 1, 1, 1},
        {"5371", static_cast<v1::ReasonCode>(40), v1::TMS, 1, 1, 1}},
       0, 1, 0, 1, 0, 1, 0},
      {"two instansi ordered by code",
       {{"6471", v1::MS, 0, v1::MS, 0, v1::MS, 0}, {"5371", v1::MS, 0, v1::MS, 0, v1::MS, 0}},
       {{"5371", v1::REASON_CODE_UNSPECIFIED, v1::MS, 1, 1, 1},
        {"6471", v1::REASON_CODE_UNSPECIFIED, v1::MS, 1, 1, 1}},
       2, 0, 2, 0, 2, 0, 0},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    WhatIfTally t;
    for (const Applicant& a : c.applicants) {
      t.Add(a.instansi, a.stored, a.stored_mask, a.baseline, a.baseline_mask, a.what_if,
            a.what_if_mask);
    }
    const v1::WhatIfReport r = t.Report();
    EXPECT_EQ(Rows(r), c.want_rows);
    EXPECT_EQ(r.stored_ms(), c.stored_ms);
    EXPECT_EQ(r.stored_tms(), c.stored_tms);
    EXPECT_EQ(r.baseline_ms(), c.baseline_ms);
    EXPECT_EQ(r.baseline_tms(), c.baseline_tms);
    EXPECT_EQ(r.what_if_ms(), c.what_if_ms);
    EXPECT_EQ(r.what_if_tms(), c.what_if_tms);
    EXPECT_EQ(r.changed(), c.changed);
  }
}

}  // namespace
}  // namespace penataan::screening
