#ifndef PENATAAN_CLI_FORMASI_GROUPING_H_
#define PENATAAN_CLI_FORMASI_GROUPING_H_

// `penataanctl formasi proposal propose-all`: the Paruh Waktu proposal that names
// every eligible honorer of an instansi except those left out, one line per
// (jabatan category, unit kerja). A pure function of what the registry answered.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "penataan/formasi/v1/formasi.pb.h"
#include "penataan/registry/v1/registry.pb.h"

namespace penataan::cli {

struct ProposeAll {
  // Ordered by category (enum order), then unit kerja; each names its honorers in
  // the order given, with count equal to their number.
  std::vector<formasi::v1::ProposalLine> lines;
  int64_t named = 0;
  // Eligible honorers that were in `leave_out`.
  int64_t left_out = 0;
};

// Guarantees: every honorer of `eligible` is named exactly once unless its name is
// in `leave_out` (a name given twice is named once). A line's position title and
// education are the most common among its honorers (ties: the title first in
// alphabetical order, the lower education, so that every honorer of the line
// qualifies); a line whose honorers carry no title is titled after its category.
ProposeAll GroupEligible(const std::vector<registry::v1::Honorer>& eligible,
                         const absl::flat_hash_set<std::string>& leave_out,
                         int64_t monthly_pay_idr);

}  // namespace penataan::cli

#endif  // PENATAAN_CLI_FORMASI_GROUPING_H_
