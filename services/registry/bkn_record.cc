#include "services/registry/bkn_record.h"

#include "absl/strings/ascii.h"
#include "services/registry/honorer.h"

namespace penataan::registry {

std::string FoldName(const std::string& name) {
  std::string out;
  out.reserve(name.size());
  bool space = false;
  for (char c : name) {
    if (c == ' ' || c == '\t') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(absl::ascii_tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

std::vector<BknDifference> CompareWithBkn(const std::string& full_name,
                                          const std::optional<absl::CivilDay>& birth_date,
                                          const BknRecord& bkn) {
  std::vector<BknDifference> out;
  if (bkn.full_name && FoldName(*bkn.full_name) != FoldName(full_name)) {
    out.push_back({"full_name", full_name, *bkn.full_name});
  }
  if (bkn.birth_date && bkn.birth_date != birth_date) {
    out.push_back({"birth_date", birth_date ? FormatIsoDate(*birth_date) : "",
                   FormatIsoDate(*bkn.birth_date)});
  }
  return out;
}

}  // namespace penataan::registry
