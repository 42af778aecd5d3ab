#ifndef PENATAAN_CLI_AUDIT_COMMAND_H_
#define PENATAAN_CLI_AUDIT_COMMAND_H_

#include "CLI/CLI.hpp"
#include "cli/registry_commands.h"

namespace penataan::cli {

// `penataanctl audit`: the audit logs of every service (or those named with
// --service), filtered the same way on each and merged by time. A service that
// cannot be reached is named on stderr and the others are still shown; the exit
// code is non-zero when any could not be read.
void AddAuditCommand(CLI::App& app, ContextFn context, int* exit_code);

}  // namespace penataan::cli

#endif  // PENATAAN_CLI_AUDIT_COMMAND_H_
