#include "services/screening/rules/bkn_data_match_rule.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/civil_time.h"
#include "services/screening/rules/civil_dates.h"

namespace penataan::screening {
namespace {

// A value as the worker recognises it: a date in words, a name in quotes.
std::string Shown(const std::string& field, const std::string& value) {
  if (value.empty()) return "kosong";
  if (field == "birth_date") {
    absl::CivilDay day;
    if (absl::ParseCivilTime(value, &day)) return FormatIndonesianDate(day);
    return value;
  }
  return absl::StrCat("\"", value, "\"");
}

std::string FieldLabel(const std::string& field) {
  if (field == "full_name") return "Nama";
  if (field == "birth_date") return "Tanggal lahir";
  return field;
}

}  // namespace

std::optional<Finding> CheckBknDataMatch(const RoundRules& rules, const ApplicantFacts& facts) {
  if (!rules.require_bkn_data_match || !rules.require_bkn_data_match->value ||
      facts.bkn_differences.empty()) {
    return std::nullopt;
  }
  Finding f;
  f.code = v1::BKN_DATA_MISMATCH;
  std::vector<std::string> parts;
  std::vector<absl::string_view> fields;
  for (const BknDifference& d : facts.bkn_differences) {
    parts.push_back(absl::StrCat(FieldLabel(d.field), " tidak sesuai data BKN: di data instansi ",
                                 Shown(d.field, d.registry_value), ", di data BKN ",
                                 Shown(d.field, d.bkn_value)));
    fields.push_back(d.field);
    f.values.emplace_back(absl::StrCat(d.field, ".registry"), d.registry_value);
    f.values.emplace_back(absl::StrCat(d.field, ".bkn"), d.bkn_value);
  }
  f.values.insert(f.values.begin(), {"fields", absl::StrJoin(fields, ",")});
  f.message = absl::StrJoin(parts, "; ");
  f.regulation = rules.require_bkn_data_match->regulation;
  return f;
}

}  // namespace penataan::screening
