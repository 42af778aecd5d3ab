#include "common/auth/authenticator.h"

#include "gtest/gtest.h"

namespace penataan {
namespace {

TEST(PrincipalFromSpiffeId, MapsTheThreeKindsOfOurTrustDomain) {
  struct Case {
    const char* uri;
    const char* principal;
  } cases[] = {{"spiffe://penataan/instansi/5371", "instansi:5371"},
               {"spiffe://penataan/national/bkn", "national:bkn"},
               {"spiffe://penataan/service/screening", "service:screening"}};
  for (const Case& c : cases) {
    SCOPED_TRACE(c.uri);
    auto p = PrincipalFromSpiffeId(c.uri);
    ASSERT_TRUE(p.ok()) << p.status();
    EXPECT_EQ(p->ToString(), c.principal);
  }
}

TEST(PrincipalFromSpiffeId, RefusesOtherDomainsAndShapes) {
  for (const char* bad : {"spiffe://other/instansi/5371", "spiffe://penataan/instansi",
                          "spiffe://penataan/robot/1", "https://penataan/instansi/5371",
                          "spiffe://penataan/instansi/53 71"}) {
    SCOPED_TRACE(bad);
    EXPECT_EQ(PrincipalFromSpiffeId(bad).status().code(), absl::StatusCode::kUnauthenticated);
  }
}

}  // namespace
}  // namespace penataan
