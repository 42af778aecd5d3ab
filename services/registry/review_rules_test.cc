#include "services/registry/review_rules.h"

#include "gtest/gtest.h"

namespace penataan::registry {
namespace {

TEST(ReviewRulesTest, ParsesOutcomesAsTyped) {
  struct Case {
    const char* text;
    std::optional<ReviewOutcome> outcome;
  } cases[] = {
      {"BAIK", v1::BAIK},     {"baik", v1::BAIK},        {"Cukup", v1::CUKUP},
      {" KURANG ", v1::KURANG}, {"kurang\t", v1::KURANG}, {"", std::nullopt},
      {"B", std::nullopt},    {"SANGAT BAIK", std::nullopt}, {"BAIK!", std::nullopt},
      {"REVIEW_OUTCOME_UNSPECIFIED", std::nullopt},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(ParseReviewOutcome(c.text), c.outcome) << "\"" << c.text << "\"";
  }
}

PerformanceReview Good() {
  PerformanceReview r;
  r.year = 2020;
  r.outcome = v1::BAIK;
  r.reviewer = "Kepala Puskesmas Oesapa";
  r.note = "Rajin";
  return r;
}

TEST(ReviewRulesTest, ValidateEdges) {
  struct Case {
    const char* name;
    void (*change)(PerformanceReview&);
    const char* field;  // "" when valid
  } cases[] = {
      {"valid", [](PerformanceReview&) {}, ""},
      {"year 2000", [](PerformanceReview& r) { r.year = 2000; }, ""},
      {"year 2100", [](PerformanceReview& r) { r.year = 2100; }, ""},
      {"year 1999", [](PerformanceReview& r) { r.year = 1999; }, "year"},
      {"year 2101", [](PerformanceReview& r) { r.year = 2101; }, "year"},
      {"year missing", [](PerformanceReview& r) { r.year = 0; }, "year"},
      {"outcome missing",
       [](PerformanceReview& r) { r.outcome = v1::REVIEW_OUTCOME_UNSPECIFIED; }, "outcome"},
      {"outcome unknown", [](PerformanceReview& r) { r.outcome = static_cast<ReviewOutcome>(9); },
       "outcome"},
      {"reviewer missing", [](PerformanceReview& r) { r.reviewer = ""; }, "reviewer"},
      {"reviewer blank", [](PerformanceReview& r) { r.reviewer = "  "; }, "reviewer"},
      {"reviewer 200 bytes", [](PerformanceReview& r) { r.reviewer = std::string(200, 'K'); }, ""},
      {"reviewer 201 bytes", [](PerformanceReview& r) { r.reviewer = std::string(201, 'K'); },
       "reviewer"},
      {"reviewer not UTF-8", [](PerformanceReview& r) { r.reviewer = "Kepala \xc3"; }, "reviewer"},
      {"no note", [](PerformanceReview& r) { r.note = ""; }, ""},
      {"note 1000 bytes", [](PerformanceReview& r) { r.note = std::string(1000, 'n'); }, ""},
      {"note 1001 bytes", [](PerformanceReview& r) { r.note = std::string(1001, 'n'); }, "note"},
      {"note not UTF-8", [](PerformanceReview& r) { r.note = "\xfe"; }, "note"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    PerformanceReview r = Good();
    c.change(r);
    std::vector<Violation> v = ValidateReview(r, "review.");
    if (*c.field == '\0') {
      EXPECT_TRUE(v.empty()) << v[0].field << ": " << v[0].description;
    } else {
      ASSERT_EQ(v.size(), 1u);
      EXPECT_EQ(v[0].field, std::string("review.") + c.field);
    }
  }
}

TEST(ReviewRulesTest, NamesEveryBadField) {
  PerformanceReview r;
  std::vector<Violation> v = ValidateReview(r, "");
  ASSERT_EQ(v.size(), 3u);
  EXPECT_EQ(v[0].field, "year");
  EXPECT_EQ(v[1].field, "outcome");
  EXPECT_EQ(v[2].field, "reviewer");
}

}  // namespace
}  // namespace penataan::registry
