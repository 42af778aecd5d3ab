#ifndef PENATAAN_SERVICES_REGISTRY_BKN_RECORD_H_
#define PENATAAN_SERVICES_REGISTRY_BKN_RECORD_H_

// BKN's record of a worker (sent through VerifyHonorers) against the registry's
// data: which fields differ, so that a screening's "berkas tidak sesuai" always
// names what did not match. No gRPC, no SQL.
//
// The registry keeps BKN's values (the last verification's, replacing earlier
// ones) and derives the differences when it answers, against its data as it is
// then: an instansi that corrects a name clears that difference at once, and a
// difference never quotes a registry value that is no longer there.

#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"

namespace penataan::registry {

// What BKN sent for one worker; an unset field was not sent and is not compared.
struct BknRecord {
  std::optional<std::string> full_name;
  std::optional<absl::CivilDay> birth_date;

  bool empty() const { return !full_name && !birth_date; }
  bool operator==(const BknRecord& o) const {
    return full_name == o.full_name && birth_date == o.birth_date;
  }
  bool operator!=(const BknRecord& o) const { return !(*this == o); }
};

struct BknDifference {
  std::string field;  // "full_name" or "birth_date" (the Honorer field's name)
  std::string registry_value;
  std::string bkn_value;  // dates as "YYYY-MM-DD"
};

// "  Maria  GORETI bria " -> "maria goreti bria": trimmed, runs of ASCII spaces
// and tabs collapsed to one space, ASCII letters lower-cased (other bytes as they
// are: a name in another script compares exactly).
std::string FoldName(const std::string& name);

// Guarantees: full_name differs when FoldName of the two differs; birth_date when
// the days differ; a field BKN did not send never differs. In that order.
std::vector<BknDifference> CompareWithBkn(const std::string& full_name,
                                          const std::optional<absl::CivilDay>& birth_date,
                                          const BknRecord& bkn);

}  // namespace penataan::registry

#endif  // PENATAAN_SERVICES_REGISTRY_BKN_RECORD_H_
