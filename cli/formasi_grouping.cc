#include "cli/formasi_grouping.h"

#include <map>
#include <tuple>

namespace penataan::cli {
namespace {

std::string CategoryTitle(common::v1::JabatanCategory c) {
  switch (c) {
    case common::v1::GURU: return "Guru";
    case common::v1::TENAGA_KEPENDIDIKAN: return "Tenaga Kependidikan";
    case common::v1::TENAGA_KESEHATAN: return "Tenaga Kesehatan";
    case common::v1::TENAGA_TEKNIS: return "Tenaga Teknis";
    default: return "Tenaga Non-ASN";
  }
}

struct Group {
  std::vector<std::string> honorers;
  std::map<std::string, int> titles;  // ordered: the first of the most common wins a tie
  std::map<int, int> educations;      // ordered: the lowest of the most common wins a tie
};

template <typename Key>
Key MostCommon(const std::map<Key, int>& counts, Key fallback) {
  int best = 0;
  for (const auto& [key, n] : counts) {
    if (n > best) {
      best = n;
      fallback = key;
    }
  }
  return fallback;
}

}  // namespace

ProposeAll GroupEligible(const std::vector<registry::v1::Honorer>& eligible,
                         const absl::flat_hash_set<std::string>& leave_out,
                         int64_t monthly_pay_idr) {
  ProposeAll out;
  std::map<std::tuple<int, std::string>, Group> groups;
  absl::flat_hash_set<std::string> seen;
  for (const registry::v1::Honorer& h : eligible) {
    if (!seen.insert(h.name()).second) continue;
    if (leave_out.contains(h.name())) {
      ++out.left_out;
      continue;
    }
    Group& g = groups[{h.jabatan_category(), h.unit_kerja()}];
    g.honorers.push_back(h.name());
    if (!h.position_title().empty()) ++g.titles[h.position_title()];
    if (h.education() != common::v1::EDUCATION_UNSPECIFIED) ++g.educations[h.education()];
    ++out.named;
  }
  for (auto& [key, g] : groups) {
    formasi::v1::ProposalLine& l = out.lines.emplace_back();
    const auto category = static_cast<common::v1::JabatanCategory>(std::get<0>(key));
    l.set_jabatan_category(category);
    l.set_unit_kerja(std::get<1>(key));
    l.set_position_title(MostCommon(g.titles, CategoryTitle(category)));
    l.set_education_qualification(static_cast<common::v1::Education>(
        MostCommon(g.educations, static_cast<int>(common::v1::EDUCATION_UNSPECIFIED))));
    l.set_monthly_pay_idr(monthly_pay_idr);
    l.set_count(static_cast<int32_t>(g.honorers.size()));
    for (std::string& name : g.honorers) l.add_honorers(std::move(name));
  }
  return out;
}

}  // namespace penataan::cli
