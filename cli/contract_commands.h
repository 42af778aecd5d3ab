#ifndef PENATAAN_CLI_CONTRACT_COMMANDS_H_
#define PENATAAN_CLI_CONTRACT_COMMANDS_H_

// `penataanctl registry contract …` and `penataanctl registry crucial-units …`:
// an honorer's SK periods, the SKs about to end (and ended) with their reviews,
// the renewal with its exclusions, performance reviews set one by one or imported
// from a CSV, and the instansi's contract policy (crucial units, notice days). The
// commands live in files by job (contract_commands.cc, contract_review_commands.cc,
// contract_policy_commands.cc); what they share is here.

#include <optional>
#include <string>

#include "CLI/CLI.hpp"
#include "cli/cli_context.h"
#include "cli/contract_values.h"
#include "cli/registry_commands.h"

namespace penataan::cli {

// `registry contract list|expiring|renew|review|policy` and `registry
// crucial-units list|set`.
void AddContractCommands(CLI::App& registry, ContextFn context, int* exit_code);

// The parts, each adding its subcommands.
void AddReviewCommands(CLI::App& contract, ContextFn context, int* exit_code);
void AddPolicyCommands(CLI::App& contract, ContextFn context, int* exit_code);
void AddCrucialUnitCommands(CLI::App& registry, ContextFn context, int* exit_code);

// The honorer's name for what was typed ("honorers/12", "12" or a NIK, looked up
// with GetHonorer). nullopt, with the reason printed and *exit_code set, when the
// text names none or the registry knows no such honorer (a NIK is not repeated).
// With `instansi` set, an honorer of another instansi is refused too.
std::optional<std::string> ResolveHonorer(CliContext& c, const std::string& text,
                                          const std::string& what,
                                          const std::string& instansi, int* exit_code);
std::optional<std::string> ResolveHonorer(CliContext& c, const HonorerRef& ref,
                                          const std::string& what,
                                          const std::string& instansi, int* exit_code);

}  // namespace penataan::cli

#endif  // PENATAAN_CLI_CONTRACT_COMMANDS_H_
