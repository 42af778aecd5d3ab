#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "services/screening/rules/screening_rules.h"

namespace penataan::screening {
namespace {

using ::testing::ElementsAre;
namespace cv1 = common::v1;

// A round's rules as BKN would send them.
v1::Rules FullRules() {
  v1::Rules r;
  r.mutable_min_continuous_service_years()->set_value(2);
  r.mutable_min_continuous_service_years()->set_regulation("KepmenPANRB 347/2024");
  r.mutable_min_age_years()->set_value(20);
  r.mutable_min_age_years()->set_regulation("PP 49/2018 Pasal 16");
  auto add_max = [&](v1::PostKind k, int age) {
    v1::Rules::MaxAge* m = r.add_max_age();
    m->set_post_kind(k);
    m->set_max_age_years(age);
    m->set_regulation("PP 49/2018 Pasal 16");
  };
  add_max(v1::GENERAL, 57);
  add_max(v1::FUNCTIONAL_AHLI_MADYA, 59);
  add_max(v1::FUNCTIONAL_AHLI_UTAMA, 64);
  r.mutable_require_in_bkn_database()->set_required(true);
  r.mutable_require_in_bkn_database()->set_regulation("KepmenPANRB 347/2024");
  r.mutable_require_active()->set_required(true);
  r.mutable_require_active()->set_regulation("KepmenPANRB 347/2024");
  r.mutable_open_categories()->add_categories(cv1::GURU);
  r.mutable_open_categories()->add_categories(cv1::TENAGA_TEKNIS);
  r.mutable_open_categories()->set_regulation("KepmenPANRB 347/2024");
  v1::Rules::MinEducation* e = r.add_min_education();
  e->set_category(cv1::GURU);
  e->set_education(cv1::S1);
  e->set_regulation("Permendikbud 2024");
  e = r.add_min_education();
  e->set_category(cv1::TENAGA_TEKNIS);
  e->set_position_title("Pranata Komputer");
  e->set_education(cv1::D3);
  e->set_regulation("KepmenPANRB 347/2024");
  r.mutable_require_bkn_data_match()->set_required(true);
  r.mutable_require_bkn_data_match()->set_regulation("KepmenPANRB 347/2024");
  return r;
}

cv1::Date Cutoff() {
  cv1::Date d;
  d.set_year(2024);
  d.set_month(12);
  d.set_day(31);
  return d;
}

TEST(RulesProto, RoundTrips) {
  const v1::Rules in = FullRules();
  const RoundRules rules = RulesFromProto(Cutoff(), in);
  EXPECT_EQ(rules.cutoff, absl::CivilDay(2024, 12, 31));
  ASSERT_TRUE(rules.min_service_years.has_value());
  EXPECT_EQ(rules.min_service_years->value, 2);
  EXPECT_EQ(rules.min_service_years->regulation, "KepmenPANRB 347/2024");
  ASSERT_EQ(rules.max_age.size(), 3u);
  EXPECT_EQ(rules.max_age[2].max_age_years, 64);
  ASSERT_EQ(rules.min_education.size(), 2u);
  EXPECT_EQ(rules.min_education[1].position_title, "Pranata Komputer");
  EXPECT_EQ(rules.wrong_instansi_regulation, kWrongInstansiRegulation);

  cv1::Date cutoff;
  v1::Rules out;
  out.mutable_min_age_years()->set_value(99);  // replaced, not merged
  RulesToProto(rules, &cutoff, &out);
  std::string diff;
  google::protobuf::util::MessageDifferencer d;
  d.ReportDifferencesToString(&diff);
  EXPECT_TRUE(d.Compare(in, out)) << diff;
  EXPECT_EQ(cutoff.SerializeAsString(), Cutoff().SerializeAsString());
}

TEST(RulesProto, UnsetParametersStayUnset) {
  v1::Rules in;
  in.mutable_require_active()->set_required(false);  // set, but checks nothing
  const RoundRules rules = RulesFromProto(Cutoff(), in);
  EXPECT_FALSE(rules.min_service_years.has_value());
  EXPECT_FALSE(rules.min_age_years.has_value());
  EXPECT_FALSE(rules.require_in_bkn_database.has_value());
  EXPECT_FALSE(rules.open_categories.has_value());
  EXPECT_TRUE(rules.max_age.empty());
  ASSERT_TRUE(rules.require_active.has_value());
  EXPECT_FALSE(rules.require_active->value);
  cv1::Date cutoff;
  v1::Rules out;
  RulesToProto(rules, &cutoff, &out);
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(in, out));
}

TEST(RulesProto, UnspecifiedPostKindReadsAsGeneral) {
  v1::Rules in;
  v1::Rules::MaxAge* m = in.add_max_age();
  m->set_max_age_years(57);
  m->set_regulation("x");
  EXPECT_EQ(RulesFromProto(Cutoff(), in).max_age[0].post_kind, v1::GENERAL);
}

TEST(ValidateRules, FullRulesAreValid) {
  EXPECT_TRUE(ValidateRules(FullRules(), "round.rules").empty());
  EXPECT_TRUE(ValidateRules(v1::Rules(), "round.rules").empty()) << "nothing set, nothing checked";
}

TEST(ValidateRules, EachViolationNamesItsField) {
  struct Case {
    const char* what;
    void (*mutate)(v1::Rules*);
    std::vector<std::string> fields;
  } cases[] = {
      {"service 41 years",
       [](v1::Rules* r) { r->mutable_min_continuous_service_years()->set_value(41); },
       {"round.rules.min_continuous_service_years.value"}},
      {"service negative",
       [](v1::Rules* r) { r->mutable_min_continuous_service_years()->set_value(-1); },
       {"round.rules.min_continuous_service_years.value"}},
      {"service without a regulation",
       [](v1::Rules* r) { r->mutable_min_continuous_service_years()->clear_regulation(); },
       {"round.rules.min_continuous_service_years.regulation"}},
      {"a regulation of 201 bytes",
       [](v1::Rules* r) { r->mutable_min_age_years()->set_regulation(std::string(201, 'a')); },
       {"round.rules.min_age_years.regulation"}},
      {"a position title of 201 bytes",
       [](v1::Rules* r) { r->mutable_min_education(0)->set_position_title(std::string(201, 'a')); },
       {"round.rules.min_education[0].position_title"}},
      {"min age 14",
       [](v1::Rules* r) { r->mutable_min_age_years()->set_value(14); },
       {"round.rules.min_age_years.value"}},
      {"max age 71",
       [](v1::Rules* r) { r->mutable_max_age(1)->set_max_age_years(71); },
       {"round.rules.max_age[1].max_age_years"}},
      {"max age below min age",
       [](v1::Rules* r) { r->mutable_max_age(0)->set_max_age_years(18); },
       {"round.rules.max_age[0].max_age_years"}},
      {"post kind twice",
       [](v1::Rules* r) { r->mutable_max_age(2)->set_post_kind(v1::FUNCTIONAL_AHLI_MADYA); },
       {"round.rules.max_age[2].post_kind"}},
      {"unspecified post kind next to general",
       [](v1::Rules* r) { r->mutable_max_age(1)->set_post_kind(v1::POST_KIND_UNSPECIFIED); },
       {"round.rules.max_age[1].post_kind"}},
      {"max age without a regulation",
       [](v1::Rules* r) { r->mutable_max_age(2)->clear_regulation(); },
       {"round.rules.max_age[2].regulation"}},
      {"required without a regulation",
       [](v1::Rules* r) { r->mutable_require_active()->clear_regulation(); },
       {"round.rules.require_active.regulation"}},
      {"not required needs no regulation",
       [](v1::Rules* r) {
         r->mutable_require_bkn_data_match()->set_required(false);
         r->mutable_require_bkn_data_match()->clear_regulation();
       },
       {}},
      {"unspecified category",
       [](v1::Rules* r) {
         r->mutable_open_categories()->add_categories(cv1::JABATAN_CATEGORY_UNSPECIFIED);
       },
       {"round.rules.open_categories.categories[2]"}},
      {"category twice",
       [](v1::Rules* r) { r->mutable_open_categories()->add_categories(cv1::GURU); },
       {"round.rules.open_categories.categories[2]"}},
      {"no open category",
       [](v1::Rules* r) { r->mutable_open_categories()->clear_categories(); },
       {"round.rules.open_categories.categories"}},
      {"unspecified education",
       [](v1::Rules* r) { r->mutable_min_education(0)->set_education(cv1::EDUCATION_UNSPECIFIED); },
       {"round.rules.min_education[0].education"}},
      {"education for no category or post",
       [](v1::Rules* r) {
         r->mutable_min_education(0)->set_category(cv1::JABATAN_CATEGORY_UNSPECIFIED);
       },
       {"round.rules.min_education[0].category"}},
      {"a second rule for a post",
       [](v1::Rules* r) {
         *r->add_min_education() = r->min_education(1);
         r->mutable_min_education(2)->set_position_title("pranata komputer ");
       },
       {"round.rules.min_education[2]"}},
      {"two violations, both named",
       [](v1::Rules* r) {
         r->mutable_min_age_years()->set_value(80);
         r->mutable_min_education(1)->clear_regulation();
       },
       {"round.rules.min_age_years.value", "round.rules.max_age[0].max_age_years",
        "round.rules.max_age[1].max_age_years", "round.rules.max_age[2].max_age_years",
        "round.rules.min_education[1].regulation"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    v1::Rules r = FullRules();
    c.mutate(&r);
    std::vector<std::string> fields;
    for (const RuleViolation& v : ValidateRules(r, "round.rules")) {
      fields.push_back(v.field);
      EXPECT_FALSE(v.description.empty());
    }
    EXPECT_EQ(fields, c.fields);
  }
}

}  // namespace
}  // namespace penataan::screening
