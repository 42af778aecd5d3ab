#include "common/metrics/http_endpoint.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace penataan::metrics {
namespace {

TEST(HttpEndpoint, ServesTheRegistryOnMetricsAndNothingElse) {
  Registry registry;
  registry.AddCounter("penataan_things_total", "Things").WithLabels({}).Increment(3);
  auto endpoint = HttpEndpoint::Start("127.0.0.1:0", registry);
  ASSERT_TRUE(endpoint.ok()) << endpoint.status();
  ASSERT_GT((*endpoint)->port(), 0);

  httplib::Client client("127.0.0.1", (*endpoint)->port());
  auto res = client.Get("/metrics");
  ASSERT_TRUE(res) << httplib::to_string(res.error());
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type"), "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_EQ(res->body, registry.Render());
  EXPECT_TRUE(absl::StrContains(res->body, "penataan_things_total 3\n"));

  auto other = client.Get("/");
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 404);

  (*endpoint)->Stop();
  (*endpoint)->Stop();  // idempotent
  httplib::Client after("127.0.0.1", (*endpoint)->port());
  after.set_connection_timeout(1);
  EXPECT_FALSE(after.Get("/metrics")) << "closed after Stop()";
}

TEST(HttpEndpoint, RefusesBadAddressesAndTakenPorts) {
  Registry registry;
  auto first = HttpEndpoint::Start("127.0.0.1:0", registry);
  ASSERT_TRUE(first.ok());
  auto taken = HttpEndpoint::Start(absl::StrCat("127.0.0.1:", (*first)->port()), registry);
  EXPECT_EQ(taken.status().code(), absl::StatusCode::kUnavailable);
  for (const char* bad : {"", "127.0.0.1", ":80", "127.0.0.1:x", "127.0.0.1:70000"}) {
    SCOPED_TRACE(bad);
    EXPECT_EQ(HttpEndpoint::Start(bad, registry).status().code(),
              absl::StatusCode::kInvalidArgument);
  }
}

TEST(HttpEndpoint, ListensOnIpv6LoopbackInBrackets) {
  Registry registry;
  auto endpoint = HttpEndpoint::Start("[::1]:0", registry);
  if (!endpoint.ok()) GTEST_SKIP() << "no IPv6 loopback here: " << endpoint.status();
  httplib::Client client("::1", (*endpoint)->port());
  auto res = client.Get("/metrics");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
}

}  // namespace
}  // namespace penataan::metrics
