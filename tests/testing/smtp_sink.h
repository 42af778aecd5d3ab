#ifndef PENATAAN_TESTS_TESTING_SMTP_SINK_H_
#define PENATAAN_TESTS_TESTING_SMTP_SINK_H_

// A real SMTP server on loopback: tests/testing/smtp_sink.py (aiosmtpd from
// Debian's archive) as a child process. Messages land as files in a temporary
// directory; recipients "reject…@" get 550 and "busy…@" 451.

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace penataan::testing {

class SmtpSink {
 public:
  static absl::StatusOr<std::unique_ptr<SmtpSink>> Start();
  ~SmtpSink();

  int port() const { return port_; }
  std::string url() const;
  // The raw messages received so far, in order.
  std::vector<std::string> messages() const;
  bool WaitForMessages(size_t n, absl::Duration timeout) const;

 private:
  SmtpSink() = default;
  pid_t pid_ = -1;
  int port_ = 0;
  std::string dir_;
};

}  // namespace penataan::testing

#endif  // PENATAAN_TESTS_TESTING_SMTP_SINK_H_
