#include "services/formasi/honorer_eligibility.h"

#include "gtest/gtest.h"

namespace penataan::formasi {
namespace {

namespace rv1 = registry::v1;

TEST(WhyNotUsable, NamedHonorersAreTheInstansisEligibleOnes) {
  struct Case {
    const char* what;
    HonorerFacts facts;
    HonorerUse use;
    bool usable;
  } cases[] = {
      {"active, in BKN", {true, "3275", rv1::ACTIVE, true}, HonorerUse::kNamed, true},
      {"TMS, in BKN", {true, "3275", rv1::TMS, true}, HonorerUse::kNamed, true},
      {"active, not in BKN", {true, "3275", rv1::ACTIVE, false}, HonorerUse::kNamed, false},
      {"MS", {true, "3275", rv1::MS, true}, HonorerUse::kNamed, false},
      {"resigned", {true, "3275", rv1::RESIGNED, true}, HonorerUse::kNamed, false},
      {"another instansi", {true, "5371", rv1::ACTIVE, true}, HonorerUse::kNamed, false},
      {"missing", {false, "", rv1::HONORER_STATUS_UNSPECIFIED, false}, HonorerUse::kNamed, false},
      {"left out, resigned", {true, "3275", rv1::RESIGNED, false}, HonorerUse::kLeftOut, true},
      {"left out, another instansi", {true, "5371", rv1::ACTIVE, true}, HonorerUse::kLeftOut,
       false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    std::optional<std::string> why = WhyNotUsable(c.facts, "3275", c.use);
    EXPECT_EQ(!why.has_value(), c.usable) << why.value_or("");
  }
  // Missing and another instansi's read alike.
  EXPECT_EQ(WhyNotUsable(HonorerFacts{}, "3275", HonorerUse::kNamed),
            WhyNotUsable({true, "5371", rv1::ACTIVE, true}, "3275", HonorerUse::kNamed));
}

}  // namespace
}  // namespace penataan::formasi
