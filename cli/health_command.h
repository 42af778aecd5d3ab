#ifndef PENATAAN_CLI_HEALTH_COMMAND_H_
#define PENATAAN_CLI_HEALTH_COMMAND_H_

#include "CLI/CLI.hpp"
#include "cli/registry_commands.h"

namespace penataan::cli {

// `penataanctl health`: grpc.health.v1 Check of every service's address; exits
// non-zero unless every service asked for (--service, default all) is SERVING.
void AddHealthCommand(CLI::App& app, ContextFn context, int* exit_code);

}  // namespace penataan::cli

#endif  // PENATAAN_CLI_HEALTH_COMMAND_H_
