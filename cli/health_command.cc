#include "cli/health_command.h"

#include "common/server/health_client.h"

#include <iostream>

namespace penataan::cli {
namespace {

std::string Check(const CliContext& c, const std::string& address, int timeout_seconds) {
  absl::StatusOr<bool> serving = CheckHealth(c.ChannelTo(address), absl::Seconds(timeout_seconds));
  if (!serving.ok()) {
    return serving.status().code() == absl::StatusCode::kUnavailable
               ? "NOT RUNNING"
               : std::string(serving.status().message());
  }
  return *serving ? "SERVING" : "NOT_SERVING";
}

}  // namespace

void AddHealthCommand(CLI::App& app, ContextFn context, int* exit_code) {
  auto* health = app.add_subcommand("health", "is each service up and SERVING?");
  auto only = std::make_shared<std::vector<std::string>>();
  health->add_option("--service", *only, "registry, formasi, screening, notification (repeatable)");
  health->callback([=] {
    CliContext& c = context();
    const GlobalOptions& g = c.options();
    std::vector<std::pair<std::string, std::string>> services = {
        {"registry", g.registry}, {"formasi", g.formasi},
        {"screening", g.screening}, {"notification", g.notification}};
    std::vector<std::vector<std::string>> rows;
    *exit_code = kExitOk;
    for (const auto& [name, address] : services) {
      if (!only->empty() && std::find(only->begin(), only->end(), name) == only->end()) continue;
      std::string state = Check(c, address, std::min(c.options().timeout_seconds, 5));
      if (state != "SERVING") *exit_code = kExitRpcError;
      rows.push_back({name, address, state});
    }
    c.PrintTable({"SERVICE", "ADDRESS", "STATUS"}, rows);
  });
}

}  // namespace penataan::cli
