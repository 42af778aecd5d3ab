#ifndef PENATAAN_CLI_NOTIFY_COMMANDS_H_
#define PENATAAN_CLI_NOTIFY_COMMANDS_H_

#include <functional>

#include "CLI/CLI.hpp"
#include "cli/cli_context.h"
#include "penataan/notification/v1/notification.grpc.pb.h"

namespace penataan::cli {

// One notification-service call; see CallService.
template <typename Request, typename Response>
bool InvokeNotification(
    CliContext& c,
    grpc::Status (notification::v1::NotificationService::Stub::*method)(grpc::ClientContext*,
                                                                        const Request&,
                                                                        Response*),
    const Request& request, Response* response, int* exit_code, int timeout_seconds = 0) {
  return CallService(c, c.NotificationChannel(), "notification", method, request, response,
                     exit_code, timeout_seconds);
}

// `penataanctl notify …`: template create/list/show, send, send-batch, get, list.
void AddNotifyCommands(CLI::App& app, std::function<CliContext&()> context, int* exit_code);

// `penataanctl notify send-batch FILE.csv` (send_batch_command.cc).
void AddSendBatchCommand(CLI::App& notify, std::function<CliContext&()> context,
                         int* exit_code);

// "2025-08-20T08:00:00+07:00" (RFC 3339) into *out; false when it is not one.
bool ParseInstant(const std::string& text, google::protobuf::Timestamp* out);

}  // namespace penataan::cli

#endif  // PENATAAN_CLI_NOTIFY_COMMANDS_H_
