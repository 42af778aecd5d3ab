#ifndef PENATAAN_SERVICES_NOTIFICATION_CHANNELS_LOG_CHANNEL_H_
#define PENATAAN_SERVICES_NOTIFICATION_CHANNELS_LOG_CHANNEL_H_

// The local default channel: each delivered message is one JSON line (a
// DeliveredMessage) appended to a file, so that a person sees what would have gone
// out. Each line is one write(2) on an O_APPEND descriptor, so that several
// dispatcher processes can share the file without interleaving lines.

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "services/notification/channels/channel.h"

namespace penataan::notification {

class LogChannel final : public ChannelSender {
 public:
  // Creates the file (and its directory) if needed.
  static absl::StatusOr<std::unique_ptr<LogChannel>> Open(const std::string& path);
  ~LogChannel() override;

  DeliveryOutcome Send(const OutgoingMessage& message) override;
  absl::Duration max_duration() const override { return absl::Seconds(1); }
  const std::string& path() const { return path_; }

 private:
  LogChannel(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
  const std::string path_;
  const int fd_;
};

}  // namespace penataan::notification

#endif  // PENATAAN_SERVICES_NOTIFICATION_CHANNELS_LOG_CHANNEL_H_
