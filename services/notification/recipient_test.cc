#include "services/notification/recipient.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace penataan::notification {
namespace {

struct Case {
  Channel channel;
  const char* recipient;
  bool valid;
};

TEST(ValidateRecipient, Table) {
  const Case cases[] = {
      {v1::EMAIL, "admin.bkpsdm@kupangkota.go.id", true},
      {v1::EMAIL, "maria+pppk@mail.example.co.id", true},
      {v1::EMAIL, "admin@localhost", false},  // no TLD: not deliverable by a relay
      {v1::EMAIL, "admin", false},
      {v1::EMAIL, "@kupangkota.go.id", false},
      {v1::EMAIL, "admin@", false},
      {v1::EMAIL, ".admin@kupangkota.go.id", false},
      {v1::EMAIL, "ad..min@kupangkota.go.id", false},
      {v1::EMAIL, "admin@-kupang.go.id", false},
      {v1::EMAIL, "Admin <admin@kupangkota.go.id>", false},  // display names are not addresses
      {v1::EMAIL, "admin@kupangkota.go.id\r\nBcc: x@y.id", false},  // header injection
      {v1::EMAIL, "", false},
      {v1::WEBHOOK, "https://wa-gateway.kupangkota.go.id/v1/messages", true},
      {v1::WEBHOOK, "http://127.0.0.1:8080/hook?x=1", true},
      {v1::WEBHOOK, "ftp://example.go.id/", false},
      {v1::WEBHOOK, "file:///etc/passwd", false},
      {v1::WEBHOOK, "https://", false},
      {v1::WEBHOOK, "https://exa mple.go.id/", false},
      {v1::WEBHOOK, "https://example.go.id/\n", false},
      {v1::LOG, "log", true},
      {v1::LOG, "admin.bkpsdm@kupangkota.go.id", true},
      {v1::LOG, "a\tb", false},
      {v1::CHANNEL_UNSPECIFIED, "log", false},
  };
  for (const Case& c : cases) {
    absl::Status s = ValidateRecipient(c.channel, c.recipient, "recipient");
    EXPECT_EQ(s.ok(), c.valid) << v1::Channel_Name(c.channel) << " \"" << c.recipient << "\": "
                               << s;
    if (!s.ok()) {
      EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
      EXPECT_THAT(std::string(s.message()), ::testing::StartsWith("recipient:"));
    }
  }
}

}  // namespace
}  // namespace penataan::notification
