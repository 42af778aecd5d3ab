#ifndef PENATAAN_BENCH_LEAVE_OUT_PLAN_H_
#define PENATAAN_BENCH_LEAVE_OUT_PLAN_H_

// Which synthetic honorers an instansi leaves out of a Paruh Waktu proposal, and
// why, in the national proportions of 2025 (not actively working 41.6%, no budget
// 39.7%, no organisational need 17.2%, deceased 1.6%). For the quick start's demo
// and the tests: the same arguments give the same plan.

#include <cstdint>
#include <string>
#include <vector>

namespace penataan::bench {

struct ReasonShare {
  const char* reason;  // as the leave-out CSV writes it: "tidak-aktif", ...
  double percent;
};
extern const ReasonShare kNationalLeaveOutShares[4];

// How many of `n` are left out for each reason of kNationalLeaveOutShares, in its
// order: largest remainders, so the counts sum to `n` and each is within one of
// its exact share.
std::vector<int64_t> ApportionLeaveOuts(int64_t n);

struct LeftOut {
  int64_t index;  // 0-based among the eligible rows
  std::string reason;
};

// `left_out` of `eligible` rows, spread evenly over them (so every unit kerja
// loses some), the reasons mixed by a fixed permutation; ordered by index.
std::vector<LeftOut> PlanLeaveOuts(int64_t eligible, int64_t left_out, uint64_t seed);

}  // namespace penataan::bench

#endif  // PENATAAN_BENCH_LEAVE_OUT_PLAN_H_
