#include "tests/testing/http_receiver.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace penataan::testing {
namespace {

const char* Reason(int status) {
  switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Status";
  }
}

bool WriteAll(int fd, const std::string& data) {
  size_t off = 0;
  while (off < data.size()) {
    const ssize_t n = ::send(fd, data.data() + off, data.size() - off, MSG_NOSIGNAL);
    if (n <= 0) return false;
    off += static_cast<size_t>(n);
  }
  return true;
}

// Parses the head of a request; false when it is malformed.
bool ParseHead(absl::string_view head, ReceivedRequest& r, size_t& content_length) {
  std::vector<absl::string_view> lines = absl::StrSplit(head, "\r\n");
  if (lines.empty()) return false;
  std::vector<absl::string_view> first = absl::StrSplit(lines[0], ' ');
  if (first.size() < 2) return false;
  r.method = std::string(first[0]);
  r.path = std::string(first[1]);
  content_length = 0;
  for (size_t i = 1; i < lines.size(); ++i) {
    const size_t colon = lines[i].find(':');
    if (colon == absl::string_view::npos) continue;
    std::string name = absl::AsciiStrToLower(lines[i].substr(0, colon));
    std::string value(absl::StripAsciiWhitespace(lines[i].substr(colon + 1)));
    if (name == "content-length" && !absl::SimpleAtoi(value, &content_length)) return false;
    r.headers[name] = std::move(value);
  }
  return true;
}

}  // namespace

absl::StatusOr<std::unique_ptr<HttpReceiver>> HttpReceiver::Start() {
  auto r = std::unique_ptr<HttpReceiver>(new HttpReceiver());
  r->listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  int one = 1;
  ::setsockopt(r->listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  if (::bind(r->listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0 ||
      ::listen(r->listen_fd_, 128) != 0) {
    return absl::UnavailableError(absl::StrCat("http receiver: ", std::strerror(errno)));
  }
  socklen_t len = sizeof(addr);
  ::getsockname(r->listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  r->port_ = ntohs(addr.sin_port);
  r->acceptor_ = std::thread([p = r.get()] { p->AcceptLoop(); });
  return r;
}

HttpReceiver::~HttpReceiver() {
  stopping_ = true;
  ::shutdown(listen_fd_, SHUT_RDWR);
  ::close(listen_fd_);
  acceptor_.join();
  std::vector<std::thread> threads;
  {
    absl::MutexLock lock(&mu_);
    for (int fd : open_fds_) ::shutdown(fd, SHUT_RDWR);
    threads.swap(connections_);
  }
  for (std::thread& t : threads) t.join();
}

std::string HttpReceiver::url(const std::string& path) const {
  return absl::StrCat("http://127.0.0.1:", port_, path);
}

void HttpReceiver::FailNext(int n, int status) {
  absl::MutexLock lock(&mu_);
  fail_next_ = n;
  fail_status_ = status;
}

void HttpReceiver::SetRetryAfter(int seconds) {
  absl::MutexLock lock(&mu_);
  retry_after_ = seconds;
}

void HttpReceiver::SetFailureBody(std::string body) {
  absl::MutexLock lock(&mu_);
  failure_body_ = std::move(body);
}

void HttpReceiver::SetDelay(absl::Duration delay) {
  absl::MutexLock lock(&mu_);
  delay_ = delay;
}

void HttpReceiver::SetKeepBodies(bool keep) {
  absl::MutexLock lock(&mu_);
  keep_bodies_ = keep;
}

std::vector<ReceivedRequest> HttpReceiver::requests() const {
  absl::MutexLock lock(&mu_);
  return requests_;
}

bool HttpReceiver::WaitForDelivered(int64_t n, absl::Duration timeout) const {
  const absl::Time deadline = absl::Now() + timeout;
  while (delivered_.load() < n) {
    if (absl::Now() > deadline) return false;
    absl::SleepFor(absl::Milliseconds(10));
  }
  return true;
}

void HttpReceiver::AcceptLoop() {
  while (!stopping_) {
    const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) {
      if (stopping_) return;
      continue;
    }
    int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    absl::MutexLock lock(&mu_);
    open_fds_.push_back(fd);
    connections_.emplace_back([this, fd] { Serve(fd); });
  }
}

int HttpReceiver::Answer(ReceivedRequest& request) {
  absl::Duration delay;
  int status = 200;
  {
    absl::MutexLock lock(&mu_);
    delay = delay_;
    if (fail_next_ > 0) {
      --fail_next_;
      status = fail_status_;
    }
  }
  if (delay > absl::ZeroDuration()) absl::SleepFor(delay);
  request.answered = status;
  ++count_;
  if (status >= 200 && status < 300) ++delivered_;
  absl::MutexLock lock(&mu_);
  if (keep_bodies_) requests_.push_back(request);
  return status;
}

void HttpReceiver::Serve(int fd) {
  ServeRequests(fd);
  {
    absl::MutexLock lock(&mu_);
    open_fds_.erase(std::find(open_fds_.begin(), open_fds_.end(), fd));
  }
  ::close(fd);
}

void HttpReceiver::ServeRequests(int fd) {
  std::string buffer;
  char chunk[16384];
  while (!stopping_) {
    size_t head_end;
    while ((head_end = buffer.find("\r\n\r\n")) == std::string::npos) {
      const ssize_t n = ::recv(fd, chunk, sizeof(chunk), 0);
      if (n <= 0) return;
      buffer.append(chunk, static_cast<size_t>(n));
    }
    ReceivedRequest request;
    size_t length = 0;
    if (!ParseHead(absl::string_view(buffer).substr(0, head_end), request, length)) return;
    while (buffer.size() < head_end + 4 + length) {
      const ssize_t n = ::recv(fd, chunk, sizeof(chunk), 0);
      if (n <= 0) return;
      buffer.append(chunk, static_cast<size_t>(n));
    }
    request.body = buffer.substr(head_end + 4, length);
    buffer.erase(0, head_end + 4 + length);
    const int status = Answer(request);
    std::string body = "ok";
    std::string extra;
    {
      absl::MutexLock lock(&mu_);
      if (status >= 300) body = failure_body_;
      if (status >= 300 && retry_after_ > 0) {
        extra = absl::StrCat("Retry-After: ", retry_after_, "\r\n");
      }
    }
    if (!WriteAll(fd, absl::StrCat("HTTP/1.1 ", status, " ", Reason(status), "\r\n", extra,
                                   "Content-Type: text/plain\r\nContent-Length: ",
                                   body.size(), "\r\n\r\n", body))) {
      return;
    }
  }
}

}  // namespace penataan::testing
