#include "cli/screening_values.h"

#include <algorithm>
#include <iterator>
#include <map>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "cli/proto_text.h"
#include "google/protobuf/util/json_util.h"

namespace penataan::cli {
namespace {

namespace v1 = screening::v1;
using common::v1::Education;
using common::v1::JabatanCategory;

// Lower case, '-' and ' ' as '_': "Min-Service" and "min_service" read alike.
std::string Key(absl::string_view text) {
  std::string out;
  for (char c : absl::StripAsciiWhitespace(text)) {
    out.push_back(c == '-' || c == ' ' ? '_' : absl::ascii_tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

bool IsIdPart(absl::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
  }
  return true;
}

bool IsHonorerId(absl::string_view s) {
  if (s.empty() || s.size() > 18 || s[0] == '0') return false;
  for (char c : s) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

std::optional<bool> ParseYesNo(absl::string_view text) {
  const std::string v = Key(text);
  if (v.empty() || v == "yes" || v == "ya" || v == "y" || v == "true" || v == "1") return true;
  if (v == "no" || v == "tidak" || v == "n" || v == "false" || v == "0") return false;
  return std::nullopt;
}

std::optional<int> ParseSmallInt(absl::string_view text) {
  int v = 0;
  if (!absl::SimpleAtoi(absl::StripAsciiWhitespace(text), &v) || v < 0 || v > 150) {
    return std::nullopt;
  }
  return v;
}

std::string CategoryName(int c) { return EnumName(common::v1::JabatanCategory_descriptor(), c); }
std::string EducationName(int e) { return EnumName(common::v1::Education_descriptor(), e); }
std::string PostKindName(int k) {
  return k == v1::POST_KIND_UNSPECIFIED ? "GENERAL" : EnumName(v1::PostKind_descriptor(), k);
}

// "GURU=S1" or "position:Penata Layanan Operasional=D4".
absl::Status ParseMinEducation(absl::string_view value, v1::Rules::MinEducation* out) {
  const size_t eq = value.rfind('=');
  if (eq == absl::string_view::npos) {
    return absl::InvalidArgumentError(absl::StrCat(
        "\"", value, "\": want CATEGORY=EDUCATION (GURU=S1) or \"position:TITLE=EDUCATION\""));
  }
  absl::string_view who = absl::StripAsciiWhitespace(value.substr(0, eq));
  const auto education = ParseEnumName(common::v1::Education_descriptor(),
                                       std::string(value.substr(eq + 1)));
  if (!education) {
    return absl::InvalidArgumentError(
        absl::StrCat("\"", value.substr(eq + 1), "\" is not an education level (",
                     EnumChoices(common::v1::Education_descriptor()), ")"));
  }
  out->set_education(static_cast<Education>(*education));
  if (absl::ConsumePrefix(&who, "position:") || absl::ConsumePrefix(&who, "jabatan:")) {
    who = absl::StripAsciiWhitespace(who);
    if (who.empty()) return absl::InvalidArgumentError("position: needs a post title");
    out->set_position_title(std::string(who));
    return absl::OkStatus();
  }
  const auto category = ParseEnumName(common::v1::JabatanCategory_descriptor(), std::string(who));
  if (!category) {
    return absl::InvalidArgumentError(absl::StrCat(
        "\"", who, "\" is not a category (", EnumChoices(common::v1::JabatanCategory_descriptor()),
        ") nor position:TITLE"));
  }
  out->set_category(static_cast<JabatanCategory>(*category));
  return absl::OkStatus();
}

// What a min_education entry applies to: "GURU", "position:Penata Layanan ...".
std::string EducationTarget(const v1::Rules::MinEducation& m) {
  return m.position_title().empty() ? CategoryName(m.category())
                                    : absl::StrCat("position:", m.position_title());
}

void SetRequirement(v1::Rules::Requirement* r, bool required, const std::string& regulation) {
  r->set_required(required);
  if (!regulation.empty()) r->set_regulation(regulation);
}

}  // namespace

const char kRuleKeys[] =
    "min-service, min-age, max-age, require-bkn, require-active, require-bkn-match, open, "
    "min-education (or the Rules field names: min_continuous_service_years, ...)";

std::optional<std::string> ParseRoundName(const std::string& text) {
  absl::string_view s = absl::StripAsciiWhitespace(text);
  absl::ConsumePrefix(&s, "rounds/");
  if (!IsIdPart(s)) return std::nullopt;
  return absl::StrCat("rounds/", s);
}

std::optional<std::string> ParseResultName(const std::string& text) {
  absl::string_view s = absl::StripAsciiWhitespace(text);
  absl::ConsumePrefix(&s, "rounds/");
  std::vector<absl::string_view> parts = absl::StrSplit(s, '/');
  if (parts.size() == 3 && parts[1] == "results") parts.erase(parts.begin() + 1);
  if (parts.size() != 2 || !IsIdPart(parts[0]) || !IsHonorerId(parts[1])) return std::nullopt;
  return absl::StrCat("rounds/", parts[0], "/results/", parts[1]);
}

std::optional<std::string> ParseAppealName(const std::string& text) {
  absl::string_view s = absl::StripAsciiWhitespace(text);
  absl::ConsumeSuffix(&s, "/appeal");
  auto result = ParseResultName(std::string(s));
  if (!result) return std::nullopt;
  return absl::StrCat(*result, "/appeal");
}

absl::Status ParseDateRange(const std::string& text, common::v1::Date* first,
                            common::v1::Date* last) {
  std::vector<std::string> parts = absl::StrSplit(text, "..");
  if (parts.size() > 2) parts.clear();
  std::optional<common::v1::Date> a, b;
  if (!parts.empty()) {
    a = ParseDate(std::string(absl::StripAsciiWhitespace(parts[0])));
    b = ParseDate(std::string(absl::StripAsciiWhitespace(parts.back())));
  }
  if (!a || !b) {
    return absl::InvalidArgumentError(absl::StrCat(
        "\"", text, "\": want FIRST..LAST civil days, e.g. 2025-02-19..2025-02-21"));
  }
  if (FormatDate(*b) < FormatDate(*a)) {
    return absl::InvalidArgumentError(
        absl::StrCat("\"", text, "\": the last day is before the first"));
  }
  *first = *a;
  *last = *b;
  return absl::OkStatus();
}

std::optional<std::string> RuleField(const std::string& key) {
  static const std::map<std::string, std::string>* const fields =
      new std::map<std::string, std::string>{
          {"min_service", "min_continuous_service_years"},
          {"min_continuous_service", "min_continuous_service_years"},
          {"min_continuous_service_years", "min_continuous_service_years"},
          {"min_age", "min_age_years"},
          {"min_age_years", "min_age_years"},
          {"max_age", "max_age"},
          {"require_bkn", "require_in_bkn_database"},
          {"require_in_bkn_database", "require_in_bkn_database"},
          {"require_active", "require_active"},
          {"require_bkn_match", "require_bkn_data_match"},
          {"require_bkn_data_match", "require_bkn_data_match"},
          {"open", "open_categories"},
          {"open_categories", "open_categories"},
          {"min_education", "min_education"},
      };
  auto it = fields->find(Key(key));
  if (it == fields->end()) return std::nullopt;
  return it->second;
}

absl::Status ApplyRule(const RuleInput& in, v1::Rules* rules) {
  const auto field = RuleField(in.key);
  if (!field) {
    return absl::InvalidArgumentError(
        absl::StrCat("\"", in.key, "\" is not a rule parameter (", kRuleKeys, ")"));
  }
  const std::string value(absl::StripAsciiWhitespace(in.value));
  const std::string& reg = in.regulation;
  auto bad = [&](const std::string& want) {
    return absl::InvalidArgumentError(absl::StrCat(in.key, " \"", value, "\": want ", want));
  };
  if (*field == "min_continuous_service_years" || *field == "min_age_years") {
    const auto years = ParseSmallInt(value);
    if (!years) return bad("a whole number of years, e.g. 2");
    v1::Rules::IntRule* r = *field == "min_age_years" ? rules->mutable_min_age_years()
                                                      : rules->mutable_min_continuous_service_years();
    r->set_value(*years);
    if (!reg.empty()) r->set_regulation(reg);
    return absl::OkStatus();
  }
  if (*field == "require_in_bkn_database" || *field == "require_active" ||
      *field == "require_bkn_data_match") {
    const auto yes = ParseYesNo(value);
    if (!yes) return bad("yes or no (or nothing: yes)");
    SetRequirement(*field == "require_active"           ? rules->mutable_require_active()
                   : *field == "require_bkn_data_match" ? rules->mutable_require_bkn_data_match()
                                                        : rules->mutable_require_in_bkn_database(),
                   *yes, reg);
    return absl::OkStatus();
  }
  if (*field == "max_age") {
    const size_t eq = value.find('=');
    std::optional<v1::PostKind> kind;
    std::optional<int> years;
    if (eq != std::string::npos) {
      kind = ParsePostKind(value.substr(0, eq));
      years = ParseSmallInt(value.substr(eq + 1));
    }
    if (!kind || !years) return bad("POST_KIND=YEARS, e.g. GENERAL=57 or FUNCTIONAL_AHLI_UTAMA=64");
    v1::Rules::MaxAge* m = nullptr;
    for (auto& existing : *rules->mutable_max_age()) {
      if (existing.post_kind() == *kind) m = &existing;
    }
    if (m == nullptr) m = rules->add_max_age();
    m->set_post_kind(*kind);
    m->set_max_age_years(*years);
    if (!reg.empty()) m->set_regulation(reg);
    return absl::OkStatus();
  }
  if (*field == "open_categories") {
    v1::Rules::OpenCategories* open = rules->mutable_open_categories();
    int added = 0;
    for (absl::string_view item : absl::StrSplit(value, ',', absl::SkipWhitespace())) {
      const auto c = ParseEnumName(common::v1::JabatanCategory_descriptor(), std::string(item));
      if (!c) {
        return absl::InvalidArgumentError(
            absl::StrCat("open: \"", absl::StripAsciiWhitespace(item), "\" is not a category (",
                         EnumChoices(common::v1::JabatanCategory_descriptor()), ")"));
      }
      if (std::find(open->categories().begin(), open->categories().end(), *c) ==
          open->categories().end()) {
        open->add_categories(static_cast<JabatanCategory>(*c));
      }
      ++added;
    }
    if (added == 0) return bad("categories separated by commas, e.g. GURU,TENAGA_KESEHATAN");
    if (!reg.empty()) open->set_regulation(reg);
    return absl::OkStatus();
  }
  // min_education
  v1::Rules::MinEducation parsed;
  if (absl::Status s = ParseMinEducation(value, &parsed); !s.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("min-education ", s.message()));
  }
  v1::Rules::MinEducation* m = nullptr;
  for (auto& existing : *rules->mutable_min_education()) {
    if (EducationTarget(existing) == EducationTarget(parsed)) m = &existing;
  }
  if (m == nullptr) m = rules->add_min_education();
  const std::string kept = m->regulation();
  *m = parsed;
  m->set_regulation(reg.empty() ? kept : reg);
  return absl::OkStatus();
}

absl::Status ApplyRegulations(const std::vector<std::string>& specs, v1::Rules* rules) {
  std::map<std::string, std::string> by_key;  // "max_age", "max_age.GENERAL", "default"
  for (const std::string& spec : specs) {
    const size_t eq = spec.find('=');
    const std::string ref =
        eq == std::string::npos ? "" : std::string(absl::StripAsciiWhitespace(spec.substr(eq + 1)));
    if (eq == std::string::npos || ref.empty()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "--regulation \"", spec, "\": want PARAMETER=REFERENCE, e.g. min-service=\"KepmenPANRB "
          "347/2024\" (or default=REFERENCE)"));
    }
    absl::string_view key = absl::StripAsciiWhitespace(absl::string_view(spec).substr(0, eq));
    std::string qualifier;
    if (const size_t dot = key.find('.'); dot != absl::string_view::npos) {
      qualifier = std::string(absl::StripAsciiWhitespace(key.substr(dot + 1)));
      key = key.substr(0, dot);
    }
    std::string field;
    if (Key(key) == "default" && qualifier.empty()) {
      field = "default";
    } else if (auto f = RuleField(std::string(key))) {
      field = *f;
    } else {
      return absl::InvalidArgumentError(absl::StrCat("--regulation \"", spec, "\": \"", key,
                                                     "\" is not a rule parameter (", kRuleKeys,
                                                     ", or default)"));
    }
    if (!qualifier.empty()) {
      if (field == "max_age") {
        const auto kind = ParsePostKind(qualifier);
        if (!kind) {
          return absl::InvalidArgumentError(
              absl::StrCat("--regulation \"", spec, "\": \"", qualifier, "\" is not a post kind"));
        }
        qualifier = PostKindName(*kind);
      } else if (field == "min_education") {
        if (!absl::StartsWith(qualifier, "position:")) {
          const auto c = ParseEnumName(common::v1::JabatanCategory_descriptor(), qualifier);
          if (!c) {
            return absl::InvalidArgumentError(absl::StrCat(
                "--regulation \"", spec, "\": \"", qualifier, "\" is not a category"));
          }
          qualifier = CategoryName(*c);
        }
      } else {
        return absl::InvalidArgumentError(absl::StrCat(
            "--regulation \"", spec, "\": only max-age and min-education take a qualifier"));
      }
      field = absl::StrCat(field, ".", qualifier);
    }
    by_key[field] = ref;
  }
  auto pick = [&](const std::string& qualified, const std::string& field) -> std::string {
    for (const std::string& k : {qualified, field, std::string("default")}) {
      if (auto it = by_key.find(k); !k.empty() && it != by_key.end()) return it->second;
    }
    return "";
  };
  auto fill = [&](std::string* regulation, const std::string& qualified, const std::string& field) {
    if (regulation->empty()) *regulation = pick(qualified, field);
  };
  if (rules->has_min_continuous_service_years()) {
    fill(rules->mutable_min_continuous_service_years()->mutable_regulation(), "",
         "min_continuous_service_years");
  }
  if (rules->has_min_age_years()) {
    fill(rules->mutable_min_age_years()->mutable_regulation(), "", "min_age_years");
  }
  for (auto& m : *rules->mutable_max_age()) {
    fill(m.mutable_regulation(), absl::StrCat("max_age.", PostKindName(m.post_kind())), "max_age");
  }
  if (rules->has_require_in_bkn_database()) {
    fill(rules->mutable_require_in_bkn_database()->mutable_regulation(), "",
         "require_in_bkn_database");
  }
  if (rules->has_require_active()) {
    fill(rules->mutable_require_active()->mutable_regulation(), "", "require_active");
  }
  if (rules->has_require_bkn_data_match()) {
    fill(rules->mutable_require_bkn_data_match()->mutable_regulation(), "",
         "require_bkn_data_match");
  }
  if (rules->has_open_categories()) {
    fill(rules->mutable_open_categories()->mutable_regulation(), "", "open_categories");
  }
  for (auto& m : *rules->mutable_min_education()) {
    fill(m.mutable_regulation(), absl::StrCat("min_education.", EducationTarget(m)),
         "min_education");
  }
  return absl::OkStatus();
}

std::vector<std::string> MissingRegulations(const v1::Rules& rules) {
  std::vector<std::string> out;
  auto check = [&](bool set, const std::string& regulation, const std::string& name) {
    if (set && regulation.empty()) out.push_back(name);
  };
  check(rules.has_min_continuous_service_years(),
        rules.min_continuous_service_years().regulation(), "min_continuous_service_years");
  check(rules.has_min_age_years(), rules.min_age_years().regulation(), "min_age_years");
  for (const auto& m : rules.max_age()) {
    check(true, m.regulation(), absl::StrCat("max_age ", PostKindName(m.post_kind())));
  }
  check(rules.has_require_in_bkn_database(), rules.require_in_bkn_database().regulation(),
        "require_in_bkn_database");
  check(rules.has_require_active(), rules.require_active().regulation(), "require_active");
  check(rules.has_require_bkn_data_match(), rules.require_bkn_data_match().regulation(),
        "require_bkn_data_match");
  check(rules.has_open_categories(), rules.open_categories().regulation(), "open_categories");
  for (const auto& m : rules.min_education()) {
    check(true, m.regulation(), absl::StrCat("min_education ", EducationTarget(m)));
  }
  return out;
}

RulesFile ParseRulesFile(std::istream& in) {
  RulesFile out;
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (absl::StartsWith(absl::StripLeadingAsciiWhitespace(text), "{")) {
    google::protobuf::util::JsonParseOptions options;
    auto status = google::protobuf::util::JsonStringToMessage(text, &out.rules, options);
    if (!status.ok()) {
      out.errors.push_back(absl::StrCat("not a Rules JSON object: ", status.ToString()));
    }
    return out;
  }
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_number;
    line = absl::StripAsciiWhitespace(line);
    if (line.empty() || line[0] == '#') continue;
    RuleInput input;
    absl::string_view body = line;
    if (const size_t bar = line.find('|'); bar != absl::string_view::npos) {
      input.regulation = std::string(absl::StripAsciiWhitespace(line.substr(bar + 1)));
      body = absl::StripAsciiWhitespace(line.substr(0, bar));
    }
    const size_t space = body.find_first_of(" \t=");
    input.key = std::string(body.substr(0, space));
    if (space != absl::string_view::npos) {
      absl::string_view value = absl::StripLeadingAsciiWhitespace(body.substr(space));
      if (absl::ConsumePrefix(&value, "=")) value = absl::StripLeadingAsciiWhitespace(value);
      input.value = std::string(value);
    }
    if (absl::Status s = ApplyRule(input, &out.rules); !s.ok()) {
      out.errors.push_back(absl::StrCat("line ", line_number, ": ", s.message()));
    }
  }
  return out;
}

std::vector<std::string> RulePaths(const v1::Rules& rules) {
  std::vector<std::string> out;
  auto add = [&](bool set, const char* field) {
    if (set) out.push_back(absl::StrCat("rules.", field));
  };
  add(rules.has_min_continuous_service_years(), "min_continuous_service_years");
  add(rules.has_min_age_years(), "min_age_years");
  add(rules.max_age_size() > 0, "max_age");
  add(rules.has_require_in_bkn_database(), "require_in_bkn_database");
  add(rules.has_require_active(), "require_active");
  add(rules.has_open_categories(), "open_categories");
  add(rules.min_education_size() > 0, "min_education");
  add(rules.has_require_bkn_data_match(), "require_bkn_data_match");
  return out;
}

absl::Status ApplyOverride(const std::string& spec, v1::Rules* overrides,
                           google::protobuf::FieldMask* mask) {
  const size_t eq = spec.find('=');
  if (eq == std::string::npos) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--set \"", spec, "\": want PARAMETER=VALUE, e.g. min_continuous_service_years=1"));
  }
  RuleInput input{std::string(absl::StripAsciiWhitespace(spec.substr(0, eq))), spec.substr(eq + 1),
                  ""};
  absl::string_view key = input.key;
  absl::ConsumePrefix(&key, "rules.");
  input.key = std::string(key);
  const auto field = RuleField(input.key);
  if (!field) {
    return absl::InvalidArgumentError(
        absl::StrCat("--set \"", spec, "\": \"", input.key, "\" is not a rule parameter (",
                     kRuleKeys, ")"));
  }
  if (absl::Status s = ApplyRule(input, overrides); !s.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("--set ", s.message()));
  }
  const std::string path = absl::StrCat("rules.", *field);
  if (std::find(mask->paths().begin(), mask->paths().end(), path) == mask->paths().end()) {
    mask->add_paths(path);
  }
  return absl::OkStatus();
}

std::vector<std::vector<std::string>> RuleRows(const v1::Rules& rules) {
  std::vector<std::vector<std::string>> rows;
  auto yes = [](const v1::Rules::Requirement& r) { return r.required() ? "yes" : "no"; };
  if (rules.has_min_continuous_service_years()) {
    rows.push_back({"min_continuous_service_years",
                    absl::StrCat(rules.min_continuous_service_years().value(), " years"),
                    rules.min_continuous_service_years().regulation()});
  }
  if (rules.has_min_age_years()) {
    rows.push_back({"min_age_years", absl::StrCat(rules.min_age_years().value(), " years"),
                    rules.min_age_years().regulation()});
  }
  for (const auto& m : rules.max_age()) {
    rows.push_back({absl::StrCat("max_age ", PostKindName(m.post_kind())),
                    absl::StrCat(m.max_age_years(), " years"), m.regulation()});
  }
  if (rules.has_require_in_bkn_database()) {
    rows.push_back({"require_in_bkn_database", yes(rules.require_in_bkn_database()),
                    rules.require_in_bkn_database().regulation()});
  }
  if (rules.has_require_active()) {
    rows.push_back({"require_active", yes(rules.require_active()),
                    rules.require_active().regulation()});
  }
  if (rules.has_require_bkn_data_match()) {
    rows.push_back({"require_bkn_data_match", yes(rules.require_bkn_data_match()),
                    rules.require_bkn_data_match().regulation()});
  }
  if (rules.has_open_categories()) {
    std::vector<std::string> names;
    for (int c : rules.open_categories().categories()) names.push_back(CategoryName(c));
    rows.push_back({"open_categories", absl::StrJoin(names, ","),
                    rules.open_categories().regulation()});
  }
  for (const auto& m : rules.min_education()) {
    rows.push_back({absl::StrCat("min_education ", EducationTarget(m)),
                    EducationName(m.education()), m.regulation()});
  }
  return rows;
}

std::optional<v1::ReasonCode> ParseReasonCode(const std::string& text) {
  const auto v = ParseEnumName(v1::ReasonCode_descriptor(), text);
  if (!v) return std::nullopt;
  return static_cast<v1::ReasonCode>(*v);
}

std::string ReasonLabel(v1::ReasonCode code) {
  switch (code) {
    case v1::NOT_IN_BKN_DATABASE: return "tidak ada di pangkalan data BKN";
    case v1::SERVICE_TOO_SHORT: return "masa kerja kurang";
    case v1::AGE_BELOW_MIN: return "usia di bawah batas";
    case v1::AGE_ABOVE_MAX: return "usia melewati batas";
    case v1::NOT_ACTIVE: return "tidak aktif bekerja";
    case v1::CATEGORY_NOT_OPEN: return "kategori tidak dibuka";
    case v1::EDUCATION_TOO_LOW: return "pendidikan kurang";
    case v1::WRONG_INSTANSI: return "instansi tidak sesuai";
    case v1::BKN_DATA_MISMATCH: return "data tidak sesuai BKN";
    default: return "(tanpa alasan)";
  }
}

std::string ReasonLabel(const std::string& code_name) {
  v1::ReasonCode code;
  if (!v1::ReasonCode_Parse(code_name, &code)) return code_name;
  return ReasonLabel(code);
}

std::optional<v1::Outcome> ParseOutcome(const std::string& text) {
  const auto v = ParseEnumName(v1::Outcome_descriptor(), text);
  if (!v) return std::nullopt;
  return static_cast<v1::Outcome>(*v);
}

std::optional<v1::PostKind> ParsePostKind(const std::string& text) {
  const std::string k = Key(text);
  if (k == "general" || k == "umum" || k == "pelaksana") return v1::GENERAL;
  if (k == "ahli_madya" || k == "madya" || k == "functional_ahli_madya") {
    return v1::FUNCTIONAL_AHLI_MADYA;
  }
  if (k == "ahli_utama" || k == "utama" || k == "functional_ahli_utama") {
    return v1::FUNCTIONAL_AHLI_UTAMA;
  }
  return std::nullopt;
}

std::optional<v1::DecideAppealRequest::Decision> ParseAppealDecision(const std::string& text) {
  const std::string k = Key(text);
  if (k == "accept" || k == "terima") return v1::DecideAppealRequest::ACCEPT;
  if (k == "reject" || k == "tolak") return v1::DecideAppealRequest::REJECT;
  return std::nullopt;
}

absl::StatusOr<v1::Appeal::Answer> ParseAnswer(const std::string& text) {
  const size_t eq = text.find('=');
  const auto code = eq == std::string::npos ? std::nullopt : ParseReasonCode(text.substr(0, eq));
  const std::string statement =
      eq == std::string::npos ? "" : std::string(absl::StripAsciiWhitespace(text.substr(eq + 1)));
  if (!code || statement.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--answer \"", text.substr(0, 60), "\": want CODE=\"statement\" with CODE one of ",
        EnumChoices(v1::ReasonCode_descriptor())));
  }
  v1::Appeal::Answer a;
  a.set_code(*code);
  a.set_statement(statement);
  return a;
}

std::string FormatServiceDays(int64_t days) {
  if (days <= 0) return "0 bl";
  const double year = 365.2425;
  const int64_t months = static_cast<int64_t>(days / (year / 12));
  const int64_t y = months / 12, m = months % 12;
  if (y == 0) return absl::StrCat(m, " bl");
  return absl::StrCat(y, " th ", m, " bl");
}

std::string ProgressBar(int64_t processed, int64_t total, int64_t ms, int64_t tms, int width) {
  const double frac =
      total > 0 ? std::min(1.0, static_cast<double>(processed) / static_cast<double>(total)) : 0;
  const int filled = static_cast<int>(frac * width);
  return absl::StrFormat("[%s%s] %3.0f%%  %d/%d  MS %d  TMS %d", std::string(filled, '#'),
                         std::string(width - filled, '.'), frac * 100, processed, total, ms, tms);
}

std::string PhaseWords(v1::Run::Phase phase) {
  switch (phase) {
    case v1::Run::EVALUATING: return "evaluating";
    case v1::Run::WRITING_STATUSES: return "writing statuses to the registry";
    case v1::Run::NOTIFYING: return "notifying";
    case v1::Run::DONE: return "done";
    default: return "starting";
  }
}

namespace {

std::string Change(int64_t stored, int64_t what_if) {
  const int64_t d = what_if - stored;
  return d == 0 ? "0" : absl::StrCat(d > 0 ? "+" : "", d);
}

}  // namespace

std::vector<std::vector<std::string>> WhatIfRows(const v1::WhatIfReport& report) {
  std::vector<const v1::WhatIfReport::Row*> rows;
  for (const auto& r : report.rows()) rows.push_back(&r);
  // Per instansi: the outcome totals first (MS then TMS), then the reasons by name.
  std::stable_sort(rows.begin(), rows.end(), [](const auto* a, const auto* b) {
    if (a->instansi_code() != b->instansi_code()) return a->instansi_code() < b->instansi_code();
    const bool ta = a->reason() == v1::REASON_CODE_UNSPECIFIED;
    const bool tb = b->reason() == v1::REASON_CODE_UNSPECIFIED;
    if (ta != tb) return ta;
    if (ta) return a->outcome() < b->outcome();
    return v1::ReasonCode_Name(a->reason()) < v1::ReasonCode_Name(b->reason());
  });
  std::vector<std::vector<std::string>> out;
  for (const auto* r : rows) {
    const std::string what = r->reason() == v1::REASON_CODE_UNSPECIFIED
                                 ? EnumName(v1::Outcome_descriptor(), r->outcome())
                                 : absl::StrCat("  ", v1::ReasonCode_Name(r->reason()));
    out.push_back({r->instansi_code(), what, absl::StrCat(r->stored()),
                   absl::StrCat(r->baseline()), absl::StrCat(r->what_if()),
                   Change(r->baseline(), r->what_if())});
  }
  out.push_back({"TOTAL", "MS", absl::StrCat(report.stored_ms()),
                 absl::StrCat(report.baseline_ms()), absl::StrCat(report.what_if_ms()),
                 Change(report.baseline_ms(), report.what_if_ms())});
  out.push_back({"TOTAL", "TMS", absl::StrCat(report.stored_tms()),
                 absl::StrCat(report.baseline_tms()), absl::StrCat(report.what_if_tms()),
                 Change(report.baseline_tms(), report.what_if_tms())});
  return out;
}

std::vector<std::vector<std::string>> SummaryRows(const v1::ResultSummary& summary) {
  std::vector<std::vector<std::string>> out;
  auto row = [&](const std::string& who, const v1::ResultSummary::Row& r) {
    out.push_back({who, absl::StrCat(r.ms()), absl::StrCat(r.tms()),
                   absl::StrCat(r.appeals_filed()), absl::StrCat(r.changed_by_appeal())});
  };
  for (const auto& r : summary.rows()) row(r.instansi_code(), r);
  if (summary.rows_size() != 1 && summary.has_total()) row("TOTAL", summary.total());
  return out;
}

std::vector<std::vector<std::string>> ReasonRows(const v1::ResultSummary& summary) {
  std::vector<std::vector<std::string>> out;
  auto rows_of = [&](const std::string& who, const v1::ResultSummary::Row& r) {
    std::vector<std::pair<std::string, int64_t>> reasons;
    for (const auto& [code, n] : r.tms_by_reason()) reasons.emplace_back(code, n);
    std::sort(reasons.begin(), reasons.end(), [](const auto& a, const auto& b) {
      return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    for (const auto& [code, n] : reasons) {
      out.push_back({who, code, ReasonLabel(code), absl::StrCat(n)});
    }
  };
  for (const auto& r : summary.rows()) rows_of(r.instansi_code(), r);
  if (summary.rows_size() != 1 && summary.has_total()) rows_of("TOTAL", summary.total());
  return out;
}

std::vector<std::vector<std::string>> CategoryRows(const v1::ResultSummary& summary) {
  std::vector<std::vector<std::string>> out;
  auto rows_of = [&](const std::string& who, const v1::ResultSummary::Row& r) {
    // In the enum's order, which groups the education staff (GURU, TENAGA_KEPENDIDIKAN).
    std::vector<std::pair<int, int64_t>> categories;
    for (const auto& [name, n] : r.tms_by_category()) {
      common::v1::JabatanCategory c = common::v1::JABATAN_CATEGORY_UNSPECIFIED;
      common::v1::JabatanCategory_Parse(name, &c);
      categories.emplace_back(c, n);
    }
    std::sort(categories.begin(), categories.end());
    for (const auto& [c, n] : categories) {
      out.push_back({who, common::v1::JabatanCategory_Name(c), absl::StrCat(n)});
    }
  };
  for (const auto& r : summary.rows()) rows_of(r.instansi_code(), r);
  if (summary.rows_size() != 1 && summary.has_total()) rows_of("TOTAL", summary.total());
  return out;
}

}  // namespace penataan::cli
