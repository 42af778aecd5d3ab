#include "bench/leave_out_plan.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

namespace penataan::bench {

const ReasonShare kNationalLeaveOutShares[4] = {
    {"tidak-aktif", 41.6},
    {"anggaran", 39.7},
    {"tidak-ada-kebutuhan", 17.2},
    {"meninggal", 1.6},
};

std::vector<int64_t> ApportionLeaveOuts(int64_t n) {
  // The published shares sum to 100.1 (rounding): they are weights, not percent.
  double total = 0;
  for (const ReasonShare& s : kNationalLeaveOutShares) total += s.percent;
  std::vector<int64_t> counts;
  std::vector<std::pair<double, size_t>> remainders;
  int64_t given = 0;
  for (size_t i = 0; i < std::size(kNationalLeaveOutShares); ++i) {
    const double exact = n * kNationalLeaveOutShares[i].percent / total;
    counts.push_back(static_cast<int64_t>(std::floor(exact)));
    given += counts.back();
    remainders.push_back({exact - std::floor(exact), i});
  }
  // Largest remainder first; the earlier reason on a tie.
  std::stable_sort(remainders.begin(), remainders.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (size_t k = 0; given < n; ++k, ++given) ++counts[remainders[k % remainders.size()].second];
  return counts;
}

std::vector<LeftOut> PlanLeaveOuts(int64_t eligible, int64_t left_out, uint64_t seed) {
  left_out = std::min(left_out, eligible);
  std::vector<std::string> reasons;
  const std::vector<int64_t> counts = ApportionLeaveOuts(left_out);
  for (size_t i = 0; i < counts.size(); ++i) {
    reasons.insert(reasons.end(), counts[i], kNationalLeaveOutShares[i].reason);
  }
  // Fisher-Yates with mt19937_64, whose sequence the standard fixes (std::shuffle's
  // use of it is left to the library).
  std::mt19937_64 rng(seed);
  for (size_t i = reasons.size(); i > 1; --i) std::swap(reasons[i - 1], reasons[rng() % i]);
  std::vector<LeftOut> out;
  for (int64_t k = 0; k < left_out; ++k) {
    // The k-th of `left_out` evenly spaced positions among `eligible`.
    out.push_back({(2 * k + 1) * eligible / (2 * left_out), reasons[k]});
  }
  return out;
}

}  // namespace penataan::bench
