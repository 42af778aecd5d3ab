#include "services/screening/run_facts.h"

namespace penataan::screening {
namespace {

std::optional<absl::CivilDay> DayOf(const common::v1::Date& d) {
  if (d.year() == 0 || d.month() == 0 || d.day() == 0) return std::nullopt;
  return absl::CivilDay(d.year(), d.month(), d.day());
}

}  // namespace

ApplicantFacts FactsOf(const registry::v1::Honorer& h, const std::string& applied_instansi_code,
                       PostKind post_kind) {
  ApplicantFacts f;
  if (h.has_birth_date()) f.birth_date = DayOf(h.birth_date());
  if (h.has_service_start_date()) f.service_start_date = DayOf(h.service_start_date());
  f.in_bkn_database = h.in_bkn_database();
  f.status = h.status();
  f.category = h.jabatan_category();
  f.education = h.education();
  f.position_title = h.position_title();
  f.instansi_code = h.instansi_code();
  f.applied_instansi_code = applied_instansi_code;
  f.post_kind = post_kind == v1::POST_KIND_UNSPECIFIED ? v1::GENERAL : post_kind;
  f.bkn_differences.reserve(h.bkn_differences_size());
  for (const registry::v1::BknDifference& d : h.bkn_differences()) {
    f.bkn_differences.push_back({d.field(), d.registry_value(), d.bkn_value()});
  }
  return f;
}

Finding MissingFromRegistry() {
  Finding f;
  f.code = v1::NOT_ACTIVE;
  f.message = "Data honorer tidak ditemukan di registry";
  f.values = {{"registry", "tidak ditemukan"}};
  return f;
}

}  // namespace penataan::screening
