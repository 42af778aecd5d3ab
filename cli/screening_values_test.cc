#include "cli/screening_values.h"

#include <sstream>

#include "cli/proto_text.h"
#include "gtest/gtest.h"

namespace penataan::cli {
namespace {

namespace v1 = screening::v1;

TEST(ScreeningValues, Names) {
  struct Case {
    const char* text;
    std::optional<std::string> round, result, appeal;
  } cases[] = {
      {"3", "rounds/3", std::nullopt, std::nullopt},
      {"rounds/3", "rounds/3", std::nullopt, std::nullopt},
      {" rounds/tahap-2 ", "rounds/tahap-2", std::nullopt, std::nullopt},
      {"3/12", std::nullopt, "rounds/3/results/12", "rounds/3/results/12/appeal"},
      {"rounds/3/results/12", std::nullopt, "rounds/3/results/12", "rounds/3/results/12/appeal"},
      {"rounds/3/results/12/appeal", std::nullopt, std::nullopt, "rounds/3/results/12/appeal"},
      {"3/012", std::nullopt, std::nullopt, std::nullopt},
      {"3/x", std::nullopt, std::nullopt, std::nullopt},
      {"", std::nullopt, std::nullopt, std::nullopt},
      {"rounds/", std::nullopt, std::nullopt, std::nullopt},
      {"rounds/3/applicants/12", std::nullopt, std::nullopt, std::nullopt},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_EQ(ParseRoundName(c.text), c.round);
    EXPECT_EQ(ParseResultName(c.text), c.result);
    EXPECT_EQ(ParseAppealName(c.text), c.appeal);
  }
}

TEST(ScreeningValues, DateRange) {
  struct Case {
    const char* text;
    bool ok;
    const char* first;
    const char* last;
  } cases[] = {
      {"2025-02-19..2025-02-21", true, "2025-02-19", "2025-02-21"},
      {"2025-02-19 .. 2025-02-21", true, "2025-02-19", "2025-02-21"},
      {"2025-02-19", true, "2025-02-19", "2025-02-19"},
      {"2024-02-29..2024-03-01", true, "2024-02-29", "2024-03-01"},
      {"2025-02-29..2025-03-01", false, "", ""},
      {"2025-02-21..2025-02-19", false, "", ""},
      {"2025-02-19..", false, "", ""},
      {"19-02-2025..21-02-2025", false, "", ""},
      {"2025-02-19..2025-02-20..2025-02-21", false, "", ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    common::v1::Date a, b;
    absl::Status s = ParseDateRange(c.text, &a, &b);
    EXPECT_EQ(s.ok(), c.ok) << s;
    if (c.ok) {
      EXPECT_EQ(FormatDate(a), c.first);
      EXPECT_EQ(FormatDate(b), c.last);
    }
  }
}

TEST(ScreeningValues, ApplyRuleReadsEachParameter) {
  struct Case {
    RuleInput in;
    bool ok;
    const char* row;  // the RuleRows line it makes: "PARAMETER|VALUE|REGULATION"
  } cases[] = {
      {{"min-service", "2", "R1"}, true, "min_continuous_service_years|2 years|R1"},
      {{"min_continuous_service_years", " 1 ", ""}, true, "min_continuous_service_years|1 years|"},
      {{"min-age", "20", "R2"}, true, "min_age_years|20 years|R2"},
      {{"max-age", "GENERAL=57", "R3"}, true, "max_age GENERAL|57 years|R3"},
      {{"max-age", "ahli-utama=64", ""}, true, "max_age FUNCTIONAL_AHLI_UTAMA|64 years|"},
      {{"require-bkn", "", "R4"}, true, "require_in_bkn_database|yes|R4"},
      {{"require-active", "tidak", ""}, true, "require_active|no|"},
      {{"Require-BKN-Match", "ya", ""}, true, "require_bkn_data_match|yes|"},
      {{"open", "GURU, tenaga-kependidikan", "R5"}, true,
       "open_categories|GURU,TENAGA_KEPENDIDIKAN|R5"},
      {{"min-education", "GURU=S1", "R6"}, true, "min_education GURU|S1|R6"},
      {{"min-education", "position:Penata Layanan Operasional=D4", ""}, true,
       "min_education position:Penata Layanan Operasional|D4|"},
      {{"min-service", "two", ""}, false, ""},
      {{"min-service", "-1", ""}, false, ""},
      {{"min-age", "", ""}, false, ""},
      {{"max-age", "57", ""}, false, ""},
      {{"max-age", "ASN=57", ""}, false, ""},
      {{"require-bkn", "maybe", ""}, false, ""},
      {{"open", "GURU,DOKTER", ""}, false, ""},
      {{"open", " , ", ""}, false, ""},
      {{"min-education", "GURU", ""}, false, ""},
      {{"min-education", "GURU=S9", ""}, false, ""},
      {{"min-education", "DOSEN=S2", ""}, false, ""},
      {{"min-education", "position:=D4", ""}, false, ""},
      {{"max-service", "2", ""}, false, ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.in.key + " " + c.in.value);
    v1::Rules rules;
    absl::Status s = ApplyRule(c.in, &rules);
    EXPECT_EQ(s.ok(), c.ok) << s;
    if (!c.ok) continue;
    auto rows = RuleRows(rules);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0][0] + "|" + rows[0][1] + "|" + rows[0][2], c.row);
  }
}

TEST(ScreeningValues, ListParametersReplaceTheirOwnEntry) {
  v1::Rules rules;
  ASSERT_TRUE(ApplyRule({"max-age", "GENERAL=57", "A"}, &rules).ok());
  ASSERT_TRUE(ApplyRule({"max-age", "FUNCTIONAL_AHLI_MADYA=59", "B"}, &rules).ok());
  ASSERT_TRUE(ApplyRule({"max-age", "GENERAL=58", ""}, &rules).ok());
  ASSERT_EQ(rules.max_age_size(), 2);
  EXPECT_EQ(rules.max_age(0).max_age_years(), 58);
  EXPECT_EQ(rules.max_age(0).regulation(), "A");  // kept when the new one names none
  ASSERT_TRUE(ApplyRule({"min-education", "GURU=S1", "C"}, &rules).ok());
  ASSERT_TRUE(ApplyRule({"min-education", "guru=D4", ""}, &rules).ok());
  ASSERT_EQ(rules.min_education_size(), 1);
  EXPECT_EQ(rules.min_education(0).education(), common::v1::D4);
  EXPECT_EQ(rules.min_education(0).regulation(), "C");
  ASSERT_TRUE(ApplyRule({"open", "GURU", ""}, &rules).ok());
  ASSERT_TRUE(ApplyRule({"open", "GURU,TENAGA_TEKNIS", ""}, &rules).ok());
  EXPECT_EQ(rules.open_categories().categories_size(), 2);
}

TEST(ScreeningValues, RegulationsFillTheMostSpecificFirst) {
  v1::Rules rules;
  ASSERT_TRUE(ApplyRule({"min-service", "2", ""}, &rules).ok());
  ASSERT_TRUE(ApplyRule({"min-age", "20", "own"}, &rules).ok());
  ASSERT_TRUE(ApplyRule({"max-age", "GENERAL=57", ""}, &rules).ok());
  ASSERT_TRUE(ApplyRule({"max-age", "FUNCTIONAL_AHLI_UTAMA=64", ""}, &rules).ok());
  ASSERT_TRUE(ApplyRule({"min-education", "GURU=S1", ""}, &rules).ok());
  ASSERT_TRUE(ApplyRule({"min-education", "position:Penata Layanan Operasional=D4", ""}, &rules)
                  .ok());
  ASSERT_TRUE(ApplyRule({"require-bkn", "", ""}, &rules).ok());
  EXPECT_EQ(MissingRegulations(rules).size(), 6u);  // min-age has its own

  ASSERT_TRUE(ApplyRegulations({"max-age=PP 49/2018", "max-age.ahli-utama=Perpres 38/2024",
                                "min-education.position:Penata Layanan Operasional=KepmenPANRB 16/2025",
                                "min-service=KepmenPANRB 347/2024"},
                               &rules)
                  .ok());
  EXPECT_EQ(rules.min_continuous_service_years().regulation(), "KepmenPANRB 347/2024");
  EXPECT_EQ(rules.min_age_years().regulation(), "own");
  EXPECT_EQ(rules.max_age(0).regulation(), "PP 49/2018");
  EXPECT_EQ(rules.max_age(1).regulation(), "Perpres 38/2024");
  EXPECT_EQ(rules.min_education(1).regulation(), "KepmenPANRB 16/2025");
  EXPECT_EQ(MissingRegulations(rules),
            (std::vector<std::string>{"require_in_bkn_database", "min_education GURU"}));
  ASSERT_TRUE(ApplyRegulations({"default=KepmenPANRB 347/2024"}, &rules).ok());
  EXPECT_TRUE(MissingRegulations(rules).empty());
  EXPECT_EQ(rules.min_education(0).regulation(), "KepmenPANRB 347/2024");

  for (const char* bad : {"min-service", "min-service=", "salary=X", "min-age.GENERAL=X",
                          "max-age.KEPALA=X", "min-education.DOSEN=X"}) {
    SCOPED_TRACE(bad);
    EXPECT_FALSE(ApplyRegulations({bad}, &rules).ok());
  }
}

TEST(ScreeningValues, RulesFileTextAndJson) {
  std::istringstream text(
      "# Seleksi PPPK 2024 Tahap II\n"
      "min-service 2                      | KepmenPANRB 347/2024\n"
      "\n"
      "min_age_years = 20                 | KepmenPANRB 347/2024\n"
      "max-age GENERAL=57                 | PermenPANRB 6/2024\n"
      "require-bkn                        | KepmenPANRB 347/2024\n"
      "open GURU,TENAGA_KEPENDIDIKAN      | KepmenPANRB 347/2024\n"
      "min-education position:Penata Layanan Operasional=D4 | KepmenPANRB 16/2025\n");
  RulesFile file = ParseRulesFile(text);
  EXPECT_TRUE(file.errors.empty()) << file.errors[0];
  EXPECT_EQ(file.rules.min_age_years().value(), 20);
  EXPECT_TRUE(file.rules.require_in_bkn_database().required());
  EXPECT_EQ(file.rules.min_education(0).position_title(), "Penata Layanan Operasional");
  EXPECT_TRUE(MissingRegulations(file.rules).empty());
  EXPECT_EQ(RulePaths(file.rules),
            (std::vector<std::string>{"rules.min_continuous_service_years", "rules.min_age_years",
                                      "rules.max_age", "rules.require_in_bkn_database",
                                      "rules.open_categories", "rules.min_education"}));

  std::istringstream bad("min-service two | X\nmax-service 2 | Y\n# ok\nmin-age 20 | Z\n");
  file = ParseRulesFile(bad);
  ASSERT_EQ(file.errors.size(), 2u);
  EXPECT_EQ(file.errors[0].rfind("line 1: ", 0), 0u) << file.errors[0];
  EXPECT_EQ(file.errors[1].rfind("line 2: ", 0), 0u) << file.errors[1];

  std::istringstream json(
      R"({"min_continuous_service_years": {"value": 2, "regulation": "KepmenPANRB 347/2024"},
          "max_age": [{"post_kind": "FUNCTIONAL_AHLI_MADYA", "max_age_years": 59,
                       "regulation": "PP 11/2017"}]})");
  file = ParseRulesFile(json);
  EXPECT_TRUE(file.errors.empty());
  EXPECT_EQ(file.rules.max_age(0).max_age_years(), 59);
  std::istringstream broken("{\"min_age_years\": 20}");
  EXPECT_EQ(ParseRulesFile(broken).errors.size(), 1u);
}

TEST(ScreeningValues, Overrides) {
  v1::Rules overrides;
  google::protobuf::FieldMask mask;
  ASSERT_TRUE(ApplyOverride("min_continuous_service_years=1", &overrides, &mask).ok());
  ASSERT_TRUE(ApplyOverride("rules.require_in_bkn_database=false", &overrides, &mask).ok());
  ASSERT_TRUE(ApplyOverride("max-age=GENERAL=58", &overrides, &mask).ok());
  ASSERT_TRUE(ApplyOverride("max-age=FUNCTIONAL_AHLI_MADYA=60", &overrides, &mask).ok());
  EXPECT_EQ(overrides.min_continuous_service_years().value(), 1);
  EXPECT_FALSE(overrides.require_in_bkn_database().required());
  EXPECT_TRUE(overrides.has_require_in_bkn_database());
  EXPECT_EQ(overrides.max_age_size(), 2);
  EXPECT_EQ(std::vector<std::string>(mask.paths().begin(), mask.paths().end()),
            (std::vector<std::string>{"rules.min_continuous_service_years",
                                      "rules.require_in_bkn_database", "rules.max_age"}));
  for (const char* bad : {"min_continuous_service_years", "salary=1", "min-age=old", "=1"}) {
    SCOPED_TRACE(bad);
    EXPECT_FALSE(ApplyOverride(bad, &overrides, &mask).ok());
  }
}

TEST(ScreeningValues, EnumsAndAnswers) {
  EXPECT_EQ(ParseReasonCode("service-too-short"), v1::SERVICE_TOO_SHORT);
  EXPECT_EQ(ParseReasonCode("BKN_DATA_MISMATCH"), v1::BKN_DATA_MISMATCH);
  EXPECT_EQ(ParseReasonCode("REASON_CODE_UNSPECIFIED"), std::nullopt);
  EXPECT_EQ(ParseReasonCode("late"), std::nullopt);
  EXPECT_EQ(ParseOutcome("tms"), v1::TMS);
  EXPECT_EQ(ParseOutcome("maybe"), std::nullopt);
  EXPECT_EQ(ParsePostKind("Ahli Madya"), v1::FUNCTIONAL_AHLI_MADYA);
  EXPECT_EQ(ParsePostKind("GENERAL"), v1::GENERAL);
  EXPECT_EQ(ParsePostKind("kepala"), std::nullopt);
  EXPECT_EQ(ParseAppealDecision("terima"), v1::DecideAppealRequest::ACCEPT);
  EXPECT_EQ(ParseAppealDecision("REJECT"), v1::DecideAppealRequest::REJECT);
  EXPECT_EQ(ParseAppealDecision("return"), std::nullopt);
  EXPECT_EQ(ReasonLabel("SERVICE_TOO_SHORT"), "masa kerja kurang");
  EXPECT_EQ(ReasonLabel("SOMETHING_NEW"), "SOMETHING_NEW");

  auto a = ParseAnswer("bkn-data-mismatch=Tanggal lahir di BKN salah ketik; KTP: 12-07-1985");
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->code(), v1::BKN_DATA_MISMATCH);
  EXPECT_EQ(a->statement(), "Tanggal lahir di BKN salah ketik; KTP: 12-07-1985");
  for (const char* bad : {"BKN_DATA_MISMATCH", "BKN_DATA_MISMATCH=  ", "LATE=x", "=x"}) {
    SCOPED_TRACE(bad);
    EXPECT_FALSE(ParseAnswer(bad).ok());
  }
}

TEST(ScreeningValues, Formatting) {
  struct Case {
    int64_t days;
    const char* want;
  } cases[] = {{0, "0 bl"}, {29, "0 bl"}, {31, "1 bl"}, {365, "11 bl"}, {366, "1 th 0 bl"},
               {730, "1 th 11 bl"}, {731, "2 th 0 bl"}, {8888, "24 th 4 bl"}};
  for (const Case& c : cases) {
    SCOPED_TRACE(c.days);
    EXPECT_EQ(FormatServiceDays(c.days), c.want);
  }
  EXPECT_EQ(ProgressBar(50, 100, 30, 20, 10), "[#####.....]  50%  50/100  MS 30  TMS 20");
  EXPECT_EQ(ProgressBar(0, 0, 0, 0, 4), "[....]   0%  0/0  MS 0  TMS 0");
  EXPECT_EQ(ProgressBar(120, 100, 0, 0, 4), "[####] 100%  120/100  MS 0  TMS 0");
  EXPECT_EQ(PhaseWords(v1::Run::NOTIFYING), "notifying");
}

TEST(ScreeningValues, Tables) {
  v1::WhatIfReport report;
  auto add = [&](const char* instansi, v1::ReasonCode reason, v1::Outcome outcome, int64_t stored,
                 int64_t what_if) {
    auto* r = report.add_rows();
    r->set_instansi_code(instansi);
    r->set_reason(reason);
    r->set_outcome(outcome);
    r->set_stored(stored);
    r->set_baseline(stored);
    r->set_what_if(what_if);
  };
  add("5371", v1::SERVICE_TOO_SHORT, v1::TMS, 130, 40);
  add("5371", v1::REASON_CODE_UNSPECIFIED, v1::TMS, 330, 240);
  add("5371", v1::REASON_CODE_UNSPECIFIED, v1::MS, 270, 360);
  add("5371", v1::BKN_DATA_MISMATCH, v1::TMS, 70, 70);
  report.set_stored_ms(270);
  report.set_stored_tms(330);
  report.set_baseline_ms(270);
  report.set_baseline_tms(330);
  report.set_what_if_ms(360);
  report.set_what_if_tms(240);
  auto rows = WhatIfRows(report);
  ASSERT_EQ(rows.size(), 6u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"5371", "MS", "270", "270", "360", "+90"}));
  EXPECT_EQ(rows[1], (std::vector<std::string>{"5371", "TMS", "330", "330", "240", "-90"}));
  EXPECT_EQ(rows[2], (std::vector<std::string>{"5371", "  BKN_DATA_MISMATCH", "70", "70", "70", "0"}));
  EXPECT_EQ(rows[3][1], "  SERVICE_TOO_SHORT");
  EXPECT_EQ(rows[5], (std::vector<std::string>{"TOTAL", "TMS", "330", "330", "240", "-90"}));

  v1::ResultSummary summary;
  auto* k = summary.add_rows();
  k->set_instansi_code("5371");
  k->set_ms(270);
  k->set_tms(330);
  (*k->mutable_tms_by_reason())["SERVICE_TOO_SHORT"] = 130;
  (*k->mutable_tms_by_reason())["NOT_IN_BKN_DATABASE"] = 150;
  (*k->mutable_tms_by_reason())["BKN_DATA_MISMATCH"] = 70;
  *summary.mutable_total() = *k;
  EXPECT_EQ(SummaryRows(summary),
            (std::vector<std::vector<std::string>>{{"5371", "270", "330", "0", "0"}}));
  auto reasons = ReasonRows(summary);
  ASSERT_EQ(reasons.size(), 3u);
  EXPECT_EQ(reasons[0], (std::vector<std::string>{"5371", "NOT_IN_BKN_DATABASE",
                                                  "tidak ada di pangkalan data BKN", "150"}));
  EXPECT_EQ(reasons[2][1], "BKN_DATA_MISMATCH");
  (*k->mutable_tms_by_category())["TENAGA_TEKNIS"] = 150;
  (*k->mutable_tms_by_category())["TENAGA_KEPENDIDIKAN"] = 46;
  (*k->mutable_tms_by_category())["GURU"] = 100;
  EXPECT_EQ(CategoryRows(summary),
            (std::vector<std::vector<std::string>>{{"5371", "GURU", "100"},
                                                   {"5371", "TENAGA_KEPENDIDIKAN", "46"},
                                                   {"5371", "TENAGA_TEKNIS", "150"}}));
  auto* b = summary.add_rows();
  b->set_instansi_code("6471");
  EXPECT_EQ(SummaryRows(summary).size(), 3u);  // two instansi and the total
}

}  // namespace
}  // namespace penataan::cli
