// A round's rules between the proto (what CreateRound/UpdateRound carry and the
// store keeps) and RoundRules (what Evaluate reads), and their validation.

#include <set>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/utf8.h"
#include "services/screening/rules/rule_labels.h"
#include "services/screening/rules/screening_rules.h"

namespace penataan::screening {
namespace {

template <typename T>
std::optional<Param<T>> Present(bool has, T value, const std::string& regulation) {
  if (!has) return std::nullopt;
  return Param<T>{std::move(value), regulation};
}

std::optional<Param<bool>> FromRequirement(bool has, const v1::Rules::Requirement& r) {
  return Present(has, r.required(), r.regulation());
}

void ToRequirement(const std::optional<Param<bool>>& p, v1::Rules::Requirement* (v1::Rules::*get)(),
                   v1::Rules* out) {
  if (!p) return;
  v1::Rules::Requirement* r = (out->*get)();
  r->set_required(p->value);
  r->set_regulation(p->regulation);
}

constexpr int kMinAge = 15;
constexpr int kMaxAge = 70;
constexpr int kMaxServiceYears = 40;

// A regulation's citation or a position's title: a line, not a document.
constexpr size_t kMaxTextBytes = 200;

class Violations {
 public:
  explicit Violations(absl::string_view prefix) : prefix_(prefix) {}
  void Add(absl::string_view field, std::string description) {
    out_.push_back({absl::StrCat(prefix_, ".", field), std::move(description)});
  }
  // A set parameter names the regulation it comes from.
  void RequireRegulation(absl::string_view field, const std::string& regulation) {
    const absl::string_view path = field;
    if (regulation.empty()) {
      Add(absl::StrCat(path, ".regulation"),
          "must name the regulation the parameter comes from (e.g. \"KepmenPANRB 347/2024\")");
    } else if (!IsValidUtf8(regulation)) {
      Add(absl::StrCat(path, ".regulation"), "must be valid UTF-8");
    } else if (regulation.size() > kMaxTextBytes) {
      // Every list of rounds carries its rules: a long one makes the list unreadable.
      Add(absl::StrCat(path, ".regulation"), absl::StrCat("must be at most ", kMaxTextBytes, " bytes"));
    }
  }
  std::vector<RuleViolation> Take() { return std::move(out_); }

 private:
  std::string prefix_;
  std::vector<RuleViolation> out_;
};

}  // namespace

RoundRules RulesFromProto(const common::v1::Date& cutoff, const v1::Rules& rules) {
  RoundRules r;
  r.cutoff = absl::CivilDay(cutoff.year(), cutoff.month(), cutoff.day());
  r.min_service_years = Present<int>(rules.has_min_continuous_service_years(),
                                     rules.min_continuous_service_years().value(),
                                     rules.min_continuous_service_years().regulation());
  r.min_age_years = Present<int>(rules.has_min_age_years(), rules.min_age_years().value(),
                                 rules.min_age_years().regulation());
  for (const v1::Rules::MaxAge& m : rules.max_age()) {
    r.max_age.push_back({NormalizePostKind(m.post_kind()), m.max_age_years(), m.regulation()});
  }
  r.require_in_bkn_database =
      FromRequirement(rules.has_require_in_bkn_database(), rules.require_in_bkn_database());
  r.require_active = FromRequirement(rules.has_require_active(), rules.require_active());
  if (rules.has_open_categories()) {
    std::vector<Category> open;
    for (int c : rules.open_categories().categories()) open.push_back(static_cast<Category>(c));
    r.open_categories =
        Param<std::vector<Category>>{std::move(open), rules.open_categories().regulation()};
  }
  for (const v1::Rules::MinEducation& m : rules.min_education()) {
    r.min_education.push_back({m.category(), m.position_title(), m.education(), m.regulation()});
  }
  r.require_bkn_data_match =
      FromRequirement(rules.has_require_bkn_data_match(), rules.require_bkn_data_match());
  r.wrong_instansi_regulation = kWrongInstansiRegulation;
  return r;
}

void RulesToProto(const RoundRules& rules, common::v1::Date* cutoff, v1::Rules* out) {
  cutoff->set_year(static_cast<int32_t>(rules.cutoff.year()));
  cutoff->set_month(rules.cutoff.month());
  cutoff->set_day(rules.cutoff.day());
  out->Clear();
  if (rules.min_service_years) {
    out->mutable_min_continuous_service_years()->set_value(rules.min_service_years->value);
    out->mutable_min_continuous_service_years()->set_regulation(
        rules.min_service_years->regulation);
  }
  if (rules.min_age_years) {
    out->mutable_min_age_years()->set_value(rules.min_age_years->value);
    out->mutable_min_age_years()->set_regulation(rules.min_age_years->regulation);
  }
  for (const MaxAgeParam& m : rules.max_age) {
    v1::Rules::MaxAge* p = out->add_max_age();
    p->set_post_kind(m.post_kind);
    p->set_max_age_years(m.max_age_years);
    p->set_regulation(m.regulation);
  }
  ToRequirement(rules.require_in_bkn_database, &v1::Rules::mutable_require_in_bkn_database, out);
  ToRequirement(rules.require_active, &v1::Rules::mutable_require_active, out);
  if (rules.open_categories) {
    v1::Rules::OpenCategories* o = out->mutable_open_categories();
    for (Category c : rules.open_categories->value) o->add_categories(c);
    o->set_regulation(rules.open_categories->regulation);
  }
  for (const MinEducationParam& m : rules.min_education) {
    v1::Rules::MinEducation* p = out->add_min_education();
    p->set_category(m.category);
    p->set_position_title(m.position_title);
    p->set_education(m.education);
    p->set_regulation(m.regulation);
  }
  ToRequirement(rules.require_bkn_data_match, &v1::Rules::mutable_require_bkn_data_match, out);
}

std::vector<RuleViolation> ValidateRules(const v1::Rules& rules, absl::string_view prefix) {
  Violations v(prefix);
  if (rules.has_min_continuous_service_years()) {
    const int years = rules.min_continuous_service_years().value();
    if (years < 0 || years > kMaxServiceYears) {
      v.Add("min_continuous_service_years.value",
            absl::StrCat("must be 0..", kMaxServiceYears, " years, not ", years));
    }
    v.RequireRegulation("min_continuous_service_years",
                        rules.min_continuous_service_years().regulation());
  }
  if (rules.has_min_age_years()) {
    const int age = rules.min_age_years().value();
    if (age < kMinAge || age > kMaxAge) {
      v.Add("min_age_years.value",
            absl::StrCat("must be ", kMinAge, "..", kMaxAge, " years, not ", age));
    }
    v.RequireRegulation("min_age_years", rules.min_age_years().regulation());
  }
  std::set<int> kinds;
  for (int i = 0; i < rules.max_age_size(); ++i) {
    const v1::Rules::MaxAge& m = rules.max_age(i);
    const std::string path = absl::StrCat("max_age[", i, "]");
    if (!v1::PostKind_IsValid(m.post_kind())) {
      v.Add(absl::StrCat(path, ".post_kind"), "is not a known post kind");
    } else if (!kinds.insert(NormalizePostKind(m.post_kind())).second) {
      v.Add(absl::StrCat(path, ".post_kind"),
            absl::StrCat(v1::PostKind_Name(NormalizePostKind(m.post_kind())),
                         " has a maximum age already (UNSPECIFIED counts as GENERAL)"));
    }
    const int age = m.max_age_years();
    if (age < kMinAge || age > kMaxAge) {
      v.Add(absl::StrCat(path, ".max_age_years"),
            absl::StrCat("must be ", kMinAge, "..", kMaxAge, " years, not ", age));
    } else if (rules.has_min_age_years() && age < rules.min_age_years().value()) {
      v.Add(absl::StrCat(path, ".max_age_years"),
            absl::StrCat("must not be below min_age_years (", rules.min_age_years().value(), ")"));
    }
    v.RequireRegulation(path, m.regulation());
  }
  const std::pair<const char*, const v1::Rules::Requirement*> requirements[] = {
      {"require_in_bkn_database",
       rules.has_require_in_bkn_database() ? &rules.require_in_bkn_database() : nullptr},
      {"require_active", rules.has_require_active() ? &rules.require_active() : nullptr},
      {"require_bkn_data_match",
       rules.has_require_bkn_data_match() ? &rules.require_bkn_data_match() : nullptr},
  };
  for (const auto& [name, req] : requirements) {
    // A requirement set to false checks nothing, so it needs no regulation.
    if (req != nullptr && req->required()) v.RequireRegulation(name, req->regulation());
  }
  if (rules.has_open_categories()) {
    const v1::Rules::OpenCategories& o = rules.open_categories();
    if (o.categories().empty()) {
      v.Add("open_categories.categories", "must name at least one open category");
    }
    std::set<int> seen;
    for (int i = 0; i < o.categories_size(); ++i) {
      const int c = o.categories(i);
      const std::string path = absl::StrCat("open_categories.categories[", i, "]");
      if (c == common::v1::JABATAN_CATEGORY_UNSPECIFIED ||
          !common::v1::JabatanCategory_IsValid(c)) {
        v.Add(path, "must be a known category, not UNSPECIFIED");
      } else if (!seen.insert(c).second) {
        v.Add(path, absl::StrCat(common::v1::JabatanCategory_Name(c), " is listed twice"));
      }
    }
    v.RequireRegulation("open_categories", o.regulation());
  }
  std::set<std::pair<int, std::string>> targets;
  for (int i = 0; i < rules.min_education_size(); ++i) {
    const v1::Rules::MinEducation& m = rules.min_education(i);
    const std::string path = absl::StrCat("min_education[", i, "]");
    if (m.education() == common::v1::EDUCATION_UNSPECIFIED ||
        !common::v1::Education_IsValid(m.education())) {
      v.Add(absl::StrCat(path, ".education"), "must be a known education level, not UNSPECIFIED");
    }
    if (!common::v1::JabatanCategory_IsValid(m.category())) {
      v.Add(absl::StrCat(path, ".category"), "is not a known category");
    }
    if (!IsValidUtf8(m.position_title())) {
      v.Add(absl::StrCat(path, ".position_title"), "must be valid UTF-8");
    } else if (m.position_title().size() > kMaxTextBytes) {
      v.Add(absl::StrCat(path, ".position_title"), absl::StrCat("must be at most ", kMaxTextBytes, " bytes"));
    } else if (m.position_title().empty() &&
               m.category() == common::v1::JABATAN_CATEGORY_UNSPECIFIED) {
      v.Add(absl::StrCat(path, ".category"),
            "must name a category, not UNSPECIFIED, or set position_title");
    }
    // One rule per post, and one per category without a post.
    const std::pair<int, std::string> target =
        m.position_title().empty()
            ? std::make_pair(static_cast<int>(m.category()), std::string())
            : std::make_pair(-1,
                             absl::AsciiStrToLower(absl::StripAsciiWhitespace(m.position_title())));
    if (!targets.insert(target).second) {
      v.Add(path, m.position_title().empty()
                      ? absl::StrCat("a second rule for category ",
                                     common::v1::JabatanCategory_Name(m.category()))
                      : absl::StrCat("a second rule for position \"", m.position_title(), "\""));
    }
    v.RequireRegulation(path, m.regulation());
  }
  return v.Take();
}

}  // namespace penataan::screening
