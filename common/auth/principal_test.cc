#include "common/auth/principal.h"

#include "gtest/gtest.h"

namespace penataan {
namespace {

Principal P(const char* text) { return *ParsePrincipal(text); }

TEST(Principal, ParsesTheThreeKinds) {
  EXPECT_TRUE(P("national:kemenpanrb").IsKemenpanRb());
  EXPECT_TRUE(P("national:bkn").IsBkn());
  EXPECT_TRUE(P("instansi:5371").IsInstansi("5371"));
  EXPECT_TRUE(P("service:formasi").IsService());
}

TEST(Principal, RejectsMalformed) {
  for (const char* bad : {"", "instansi", "instansi:", "robot:1", "instansi:53 71", "x:y;drop"}) {
    SCOPED_TRACE(bad);
    EXPECT_FALSE(ParsePrincipal(bad).ok());
  }
}

TEST(Principal, AccessRulesTable) {
  struct Case {
    const char* principal;
    const char* instansi;
    bool read, write;
  } cases[] = {
      {"national:kemenpanrb", "5371", true, true}, {"national:bkn", "3275", true, true},
      {"instansi:5371", "5371", true, true},       {"instansi:5371", "3275", false, false},
      {"service:formasi", "5371", true, false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.principal) + " on " + c.instansi);
    EXPECT_EQ(CheckCanRead(P(c.principal), c.instansi).ok(), c.read);
    absl::Status w = CheckCanWrite(P(c.principal), c.instansi);
    EXPECT_EQ(w.ok(), c.write);
    if (!c.write) {
      EXPECT_EQ(w.code(), absl::StatusCode::kPermissionDenied);
    }
  }
}

TEST(Principal, NationalIsChecksTheExactAgency) {
  EXPECT_TRUE(CheckNationalIs(P("national:bkn"), "bkn", "verify").ok());
  EXPECT_EQ(CheckNationalIs(P("national:kemenpanrb"), "bkn", "verify").code(),
            absl::StatusCode::kPermissionDenied);
}

}  // namespace
}  // namespace penataan
