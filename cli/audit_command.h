#ifndef PENATAAN_CLI_AUDIT_COMMAND_H_
#define PENATAAN_CLI_AUDIT_COMMAND_H_

#include "CLI/CLI.hpp"
#include "cli/registry_commands.h"

namespace penataan::cli {

// `penataanctl audit`: the audit logs of every service (or those named with
// --service), filtered the same way on each and merged by time. A service that
// cannot be read is named on stderr and the others are still shown. The exit code
// is non-zero when a named service could not be read, or any service refused or
// failed; a service that is not running counts only when it was named.
void AddAuditCommand(CLI::App& app, ContextFn context, int* exit_code);

}  // namespace penataan::cli

#endif  // PENATAAN_CLI_AUDIT_COMMAND_H_
