#include "tests/testing/smtp_sink.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace penataan::testing {

absl::StatusOr<std::unique_ptr<SmtpSink>> SmtpSink::Start() {
  auto sink = std::unique_ptr<SmtpSink>(new SmtpSink());
  char dir[] = "/tmp/penataan-smtp-XXXXXX";
  if (mkdtemp(dir) == nullptr) return absl::InternalError("mkdtemp failed");
  sink->dir_ = dir;
  int out[2];
  if (pipe(out) != 0) return absl::InternalError("pipe failed");
  const std::string script = absl::StrCat(PENATAAN_SOURCE_DIR, "/tests/testing/smtp_sink.py");
  sink->pid_ = fork();
  if (sink->pid_ == 0) {
    dup2(out[1], STDOUT_FILENO);
    close(out[0]);
    close(out[1]);
    // Debian's python3, where python3-aiosmtpd is installed (not a pyenv one).
    execl("/usr/bin/python3", "python3", script.c_str(), sink->dir_.c_str(), nullptr);
    _exit(127);
  }
  close(out[1]);
  FILE* f = fdopen(out[0], "r");
  char line[32] = {0};
  const bool read = fgets(line, sizeof(line), f) != nullptr;
  fclose(f);
  std::string text(line);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  if (!read || !absl::SimpleAtoi(text, &sink->port_)) {
    return absl::UnavailableError(
        "the SMTP sink did not start: is python3-aiosmtpd installed (scripts/test.sh does)?");
  }
  return sink;
}

SmtpSink::~SmtpSink() {
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

std::string SmtpSink::url() const { return absl::StrCat("smtp://127.0.0.1:", port_); }

std::vector<std::string> SmtpSink::messages() const {
  std::vector<std::string> out;
  for (int i = 1;; ++i) {
    std::ifstream in(absl::StrCat(dir_, "/", i, ".eml"), std::ios::binary);
    if (!in) break;
    std::stringstream ss;
    ss << in.rdbuf();
    out.push_back(ss.str());
  }
  return out;
}

bool SmtpSink::WaitForMessages(size_t n, absl::Duration timeout) const {
  const absl::Time deadline = absl::Now() + timeout;
  while (messages().size() < n) {
    if (absl::Now() > deadline) return false;
    absl::SleepFor(absl::Milliseconds(20));
  }
  return true;
}

}  // namespace penataan::testing
