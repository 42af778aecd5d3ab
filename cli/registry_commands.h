#ifndef PENATAAN_CLI_REGISTRY_COMMANDS_H_
#define PENATAAN_CLI_REGISTRY_COMMANDS_H_

#include <functional>

#include "CLI/CLI.hpp"
#include "cli/cli_context.h"
#include "penataan/registry/v1/registry.grpc.pb.h"

namespace penataan::cli {

using ContextFn = std::function<CliContext&()>;

// One registry call. On failure prints the reason in plain words, sets *exit_code
// and returns false.
template <typename Request, typename Response>
bool Invoke(CliContext& c,
            grpc::Status (registry::v1::RegistryService::Stub::*method)(grpc::ClientContext*,
                                                                        const Request&, Response*),
            const Request& request, Response* response, int* exit_code,
            int timeout_seconds = 0) {
  return CallService(c, c.RegistryChannel(), "registry", method, request, response, exit_code,
                     timeout_seconds);
}

// `penataanctl registry …`: instansi, honorer, import, bulk-status. Each command
// stores its exit code in *exit_code.
void AddRegistryCommands(CLI::App& app, ContextFn context, int* exit_code);

// `penataanctl registry import FILE.csv` (import_command.cc).
void AddImportCommand(CLI::App& registry, ContextFn context, int* exit_code);

// `penataanctl registry contacts show|set` (contacts_command.cc).
void AddContactsCommands(CLI::App& registry, ContextFn context, int* exit_code);

// `penataanctl registry verify FILE.csv` (verify_command.cc), for BKN.
void AddVerifyCommand(CLI::App& registry, ContextFn context, int* exit_code);

}  // namespace penataan::cli

#endif  // PENATAAN_CLI_REGISTRY_COMMANDS_H_
