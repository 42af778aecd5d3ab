#include "services/formasi/proposal_rules.h"

#include <limits>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace penataan::formasi {
namespace {

ProposalLine Line(int32_t count, std::vector<int64_t> honorers, int64_t pay = 2'500'000) {
  return ProposalLine{common::v1::GURU, "Guru Kelas", common::v1::S1, "Dinas Pendidikan",
                      count, std::move(honorers), pay};
}

Proposal P(std::vector<ProposalLine> lines, std::vector<LeftOut> left = {}) {
  Proposal p;
  p.instansi_code = "3275";
  p.lines = std::move(lines);
  p.left_out = std::move(left);
  return p;
}

bool Names(const std::vector<Violation>& vs, const std::string& field) {
  for (const Violation& v : vs) {
    if (v.field == field) return true;
  }
  return false;
}

TEST(ValidateProposalContent, ParuhWaktuLinesNameEveryPost) {
  struct Case {
    const char* what;
    Proposal p;
    FormasiKind kind;
    const char* field;  // "" when valid
  } cases[] = {
      {"valid", P({Line(2, {1, 2})}, {{3, v1::ANGGARAN_TIDAK_CUKUP, ""}}),
       v1::PPPK_PARUH_WAKTU, ""},
      {"count differs", P({Line(3, {1, 2})}), v1::PPPK_PARUH_WAKTU,
       "proposal.lines[0].count"},
      {"named twice", P({Line(1, {1}), Line(1, {1})}), v1::PPPK_PARUH_WAKTU,
       "proposal.lines[1].honorers[0]"},
      {"named and left out", P({Line(1, {1})}, {{1, v1::TIDAK_AKTIF_BEKERJA, ""}}),
       v1::PPPK_PARUH_WAKTU, "proposal.left_out[0].honorer"},
      {"LAINNYA without note", P({Line(1, {1})}, {{2, v1::LAINNYA, ""}}),
       v1::PPPK_PARUH_WAKTU, "proposal.left_out[0].note"},
      {"no reason", P({Line(1, {1})}, {{2, v1::LEAVE_OUT_REASON_UNSPECIFIED, ""}}),
       v1::PPPK_PARUH_WAKTU, "proposal.left_out[0].reason"},
      {"Penuh Waktu names", P({Line(1, {1})}), v1::PPPK_PENUH_WAKTU,
       "proposal.lines[0].honorers"},
      {"Penuh Waktu counts", P({Line(5, {})}), v1::PPPK_PENUH_WAKTU, ""},
      {"zero count", P({Line(0, {})}), v1::PPPK_PENUH_WAKTU,
       "proposal.lines[0].count"},
      {"zero pay", P({Line(1, {}, 0)}), v1::PPPK_PENUH_WAKTU,
       "proposal.lines[0].monthly_pay_idr"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    std::vector<Violation> vs = ValidateProposalContent(c.p, c.kind);
    if (std::string(c.field).empty()) {
      EXPECT_TRUE(vs.empty()) << vs.front().field << ": " << vs.front().description;
    } else {
      EXPECT_TRUE(Names(vs, c.field)) << (vs.empty() ? "no violation" : vs.front().field);
    }
  }
}

TEST(EstimatedAnnualCost, SumsAndRefusesOverflow) {
  auto cost = EstimatedAnnualCost({Line(3, {}, 2'500'000), Line(2, {}, 3'000'000)});
  ASSERT_TRUE(cost.ok());
  EXPECT_EQ(*cost, (3 * 2'500'000 + 2 * 3'000'000) * 12);
  const int64_t max = std::numeric_limits<int64_t>::max();
  EXPECT_FALSE(EstimatedAnnualCost({Line(1, {}, max / 12 + 1)}).ok());
  EXPECT_FALSE(EstimatedAnnualCost({Line(1000, {}, max / 12 / 1000 + 1)}).ok());
  EXPECT_FALSE(EstimatedAnnualCost({Line(1, {}, max / 12), Line(1, {}, 1)}).ok());
  EXPECT_TRUE(EstimatedAnnualCost({Line(1, {}, max / 12)}).ok());
}

TEST(ProposalWarnings, OverBudgetWarnsInRupiah) {
  Proposal p;
  p.estimated_annual_cost_idr = 1'500'000;
  p.budget_capacity_idr = 1'000'000;
  ASSERT_EQ(ProposalWarnings(p).size(), 1u);
  EXPECT_EQ(ProposalWarnings(p)[0],
            "estimated_annual_cost_idr exceeds budget_capacity_idr by Rp 500.000 "
            "(Rp 1.500.000 against Rp 1.000.000)");
  p.budget_capacity_idr = 1'500'000;
  EXPECT_TRUE(ProposalWarnings(p).empty());
}

TEST(TextViolation, RequiredUtf8AndLength) {
  struct Case {
    const char* what;
    std::string value;
    bool required;
    const char* description;  // "" when none
  } cases[] = {
      {"fine", "req-1", false, ""},
      {"empty, optional", "", false, ""},
      {"blank, required", "  ", true, "is required"},
      {"invalid UTF-8", "req-\xff", false, "is not valid UTF-8"},
      {"too long", std::string(101, 'r'), false, "is longer than 100 bytes"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    std::optional<Violation> v = TextViolation(c.value, "request_id", 100, c.required);
    EXPECT_EQ(v ? v->description : "", c.description);
    if (v) EXPECT_EQ(v->field, "request_id");
    EXPECT_EQ(CheckText(c.value, "request_id", 100, c.required).ok(), !v);
  }
}

}  // namespace
}  // namespace penataan::formasi
