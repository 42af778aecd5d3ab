#include "services/notification/webhook_hosts.h"

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"

namespace penataan::notification {
namespace {

TEST(WebhookHosts, InternalAddressesAreLoopbackLinkLocalPrivateAndUnspecified) {
  struct Case {
    const char* address;
    bool internal;
  };
  const Case cases[] = {
      {"127.0.0.1", true},       {"127.255.0.9", true},      {"10.1.2.3", true},
      {"172.16.0.1", true},      {"172.31.255.255", true},   {"172.32.0.1", false},
      {"192.168.1.1", true},     {"169.254.169.254", true},  {"0.0.0.0", true},
      {"::1", true},             {"::", true},               {"fc00::1", true},
      {"fd12:3456::1", true},    {"fe80::1%eth0", true},     {"::ffff:127.0.0.1", true},
      {"::ffff:10.0.0.1", true}, {"8.8.8.8", false},         {"103.10.20.30", false},
      {"2001:db8::1", false},    {"::ffff:8.8.8.8", false},  {"localhost", false},
      // Shared (CGNAT) space, benchmarking, multicast and reserved.
      {"100.64.0.1", true},      {"100.100.100.200", true},  {"100.128.0.1", false},
      {"198.18.0.1", true},      {"198.20.0.1", false},      {"224.0.0.1", true},
      {"255.255.255.255", true}, {"192.0.0.8", true},
      // IPv6 forms that carry an IPv4 address, and multicast.
      {"::10.0.0.1", true},      {"64:ff9b::a00:1", true},   {"2002:a00:1::1", true},
      {"ff02::1", true},         {"2001:4860::8888", false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.address);
    EXPECT_EQ(IsInternalAddress(c.address), c.internal);
  }
}

TEST(WebhookHosts, AtSendALiteralInternalAddressIsRefusedUnlessListed) {
  auto none = WebhookHosts::Parse("");
  auto some = WebhookHosts::Parse(" 127.0.0.1 , 10.20.0.0/16,fd00::/8, Gateway.Internal ");
  ASSERT_TRUE(none.ok() && some.ok()) << some.status();
  struct Case {
    const char* url;
    bool with_none, with_some;
  };
  const Case cases[] = {
      {"https://wa-gateway.example.go.id/kirim", true, true},
      {"http://103.10.20.30:8080/hook", true, true},
      {"http://127.0.0.1:8080/hook", false, true},
      {"http://user@127.0.0.1/hook", false, true},
      {"http://10.20.5.5/hook", false, true},
      {"http://10.21.0.1/hook", false, false},
      {"http://[::1]:8080/hook", false, false},
      {"http://[fd00::5]/hook", false, true},
      {"http://[::ffff:127.0.0.1]/hook", false, true},
      {"http://169.254.169.254/latest/meta-data", false, false},
      {"http://localhost:8080/hook", true, true},  // a name: checked at delivery
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.url);
    absl::Status s = none->CheckUrl(c.url, "recipient");
    EXPECT_EQ(s.ok(), c.with_none) << s;
    if (!s.ok()) {
      EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
      EXPECT_EQ(s.message().substr(0, 10), "recipient:");
    }
    EXPECT_EQ(some->CheckUrl(c.url, "recipient").ok(), c.with_some);
  }
}

TEST(WebhookHosts, AtDeliveryTheAddressConnectedToDecidesUnlessTheNameIsListed) {
  auto hosts = WebhookHosts::Parse("gateway.internal,10.20.0.0/16");
  ASSERT_TRUE(hosts.ok());
  struct Case {
    const char* host;
    const char* address;
    bool allowed;
  };
  const Case cases[] = {
      {"wa.example.go.id", "103.10.20.30", true},
      {"wa.example.go.id", "127.0.0.1", false},  // DNS pointing a public name inward
      {"localhost", "127.0.0.1", false},
      {"localhost", "::1", false},
      {"GATEWAY.internal", "10.99.0.1", true},   // a listed name, whatever it resolves to
      {"other.internal", "10.20.3.4", true},     // a listed block
      {"other.internal", "192.168.0.4", false},
      {"x", "not an address", false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(absl::StrCat(c.host, " -> ", c.address));
    EXPECT_EQ(hosts->AllowsConnection(c.host, c.address), c.allowed);
  }
}

TEST(WebhookHosts, AnEntryThatIsNoHostAddressOrBlockIsRefused) {
  for (const char* bad : {"10.0.0.0/33", "::1/129", "http://x", "a b", "10.0.0.0/x"}) {
    SCOPED_TRACE(bad);
    EXPECT_EQ(WebhookHosts::Parse(bad).status().code(), absl::StatusCode::kInvalidArgument);
  }
}

}  // namespace
}  // namespace penataan::notification
