#include "services/notification/channels/log_channel.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "absl/strings/str_cat.h"

namespace penataan::notification {

absl::StatusOr<std::unique_ptr<LogChannel>> LogChannel::Open(const std::string& path) {
  std::error_code ec;
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640);
  if (fd < 0) {
    return absl::FailedPreconditionError(
        absl::StrCat("log channel file ", path, ": ", std::strerror(errno)));
  }
  return std::unique_ptr<LogChannel>(new LogChannel(path, fd));
}

LogChannel::~LogChannel() { ::close(fd_); }

DeliveryOutcome LogChannel::Send(const OutgoingMessage& message) {
  const std::string line = absl::StrCat(message.json, "\n");
  const ssize_t written = ::write(fd_, line.data(), line.size());
  if (written == static_cast<ssize_t>(line.size())) return DeliveryOutcome::Delivered();
  // A full disk or a revoked file is the operator's to fix: retry later.
  return DeliveryOutcome::Temporary(
      absl::StrCat("writing ", path_, ": ", written < 0 ? std::strerror(errno) : "short write"));
}

}  // namespace penataan::notification
