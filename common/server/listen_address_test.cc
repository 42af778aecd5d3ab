#include "common/server/listen_address.h"

#include "gtest/gtest.h"

namespace penataan {
namespace {

TEST(ListenAddress, OnlyLoopbackStaysOnTheMachine) {
  struct Case {
    const char* address;
    bool loopback;
  } cases[] = {
      {"127.0.0.1:50051", true},      {"127.1.2.3:0", true},
      {"localhost:50051", true},      {"[::1]:50051", true},
      {"unix:/run/penataan.sock", true},
      {"0.0.0.0:50051", false},       {"[::]:50051", false},
      {":50051", false},              {"10.0.0.5:50051", false},
      {"registry.example.go.id:443", false},
      {"127.0.0.1.example.com:1", false},  // a name that starts like loopback
      {"128.0.0.1:50051", false},
      {"dns:///localhost:50051", true},  {"dns:///registry.penataan.svc:50051", false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.address);
    EXPECT_EQ(IsLoopbackListen(c.address), c.loopback);
  }
}

TEST(ListenAddress, PeersFromGrpc) {
  struct Case {
    const char* peer;
    bool loopback;
  } cases[] = {
      {"ipv4:127.0.0.1:53412", true},    {"ipv6:[::1]:53412", true},
      {"ipv6:[::ffff:127.0.0.1]:5", true}, {"unix:/tmp/s", true},
      {"ipv6:%5B::1%5D:53412", true},     // as gRPC 1.51 writes it
      {"ipv6:%5B::ffff:127.0.0.1%5D:5", true}, {"ipv6:%5Bfe80::1%5D:5", false},
      {"ipv4:10.1.2.3:53412", false},    {"ipv6:[fe80::1]:53412", false},
      {"", false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.peer);
    EXPECT_EQ(IsLoopbackPeer(c.peer), c.loopback);
  }
}

}  // namespace
}  // namespace penataan
