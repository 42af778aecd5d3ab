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

}  // namespace
}  // namespace penataan
