#ifndef PENATAAN_CLI_REGISTRY_COMMANDS_H_
#define PENATAAN_CLI_REGISTRY_COMMANDS_H_

#include <functional>

#include "CLI/CLI.hpp"
#include "cli/cli_context.h"

namespace penataan::cli {

using ContextFn = std::function<CliContext&()>;

// `penataanctl registry …`: instansi, honorer, import, bulk-status. Each command
// stores its exit code in *exit_code.
void AddRegistryCommands(CLI::App& app, ContextFn context, int* exit_code);

// `penataanctl registry import FILE.csv` (import_command.cc).
void AddImportCommand(CLI::App& registry, ContextFn context, int* exit_code);

}  // namespace penataan::cli

#endif  // PENATAAN_CLI_REGISTRY_COMMANDS_H_
