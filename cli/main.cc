// penataanctl: the admin CLI of the Penataan suite.

#include <cstdlib>
#include <iostream>

#include "CLI/CLI.hpp"
#include "cli/cli_context.h"
#include "cli/audit_command.h"
#include "cli/formasi_commands.h"
#include "cli/health_command.h"
#include "cli/notify_commands.h"
#include "cli/registry_commands.h"
#include "cli/screening_commands.h"

int main(int argc, char** argv) {
  using namespace penataan::cli;
  CLI::App app{"penataanctl: administer the Penataan services (registry, formasi, screening, "
               "notification)"};
  app.require_subcommand(1);
  GlobalOptions g;
  app.add_option("--registry", g.registry, "registry address")
      ->envname("PENATAAN_REGISTRY_ADDR")->capture_default_str();
  app.add_option("--formasi", g.formasi, "formasi address")
      ->envname("PENATAAN_FORMASI_ADDR")->capture_default_str();
  app.add_option("--screening", g.screening, "screening address")
      ->envname("PENATAAN_SCREENING_ADDR")->capture_default_str();
  app.add_option("--notification", g.notification, "notification address")
      ->envname("PENATAAN_NOTIFICATION_ADDR")->capture_default_str();
  app.add_option("--token", g.token, "bearer token (local tokens: deploy/local/tokens.csv)")
      ->envname("PENATAAN_TOKEN");
  std::string token_file;
  app.add_option("--token-file", token_file,
                 "file holding the bearer token (keeps it out of the shell history and ps)")
      ->envname("PENATAAN_TOKEN_FILE")->check(CLI::ExistingFile);
  app.add_option("--tls-ca", g.tls_ca, "PEM CA of the servers: speak mutual TLS")
      ->envname("PENATAAN_TLS_CA");
  app.add_option("--tls-cert", g.tls_cert, "PEM client certificate (names your principal)")
      ->envname("PENATAAN_TLS_CERT");
  app.add_option("--tls-key", g.tls_key, "PEM key of the client certificate")
      ->envname("PENATAAN_TLS_KEY");
  app.add_option("--output,-o", g.output, "table or json")
      ->check(CLI::IsMember({"table", "json"}))->capture_default_str();
  app.add_option("--timeout", g.timeout_seconds, "seconds a call may take")->capture_default_str();

  std::unique_ptr<CliContext> context;
  auto get_context = [&]() -> CliContext& {
    if (!context) {
      if (g.token.empty() && !token_file.empty()) g.token = ReadTokenFile(token_file);
      context = std::make_unique<CliContext>(g);
    }
    return *context;
  };
  int exit_code = kExitOk;
  AddRegistryCommands(app, get_context, &exit_code);
  AddNotifyCommands(app, get_context, &exit_code);
  AddFormasiCommands(app, get_context, &exit_code);
  AddScreeningCommands(app, get_context, &exit_code);
  AddHealthCommand(app, get_context, &exit_code);
  AddAuditCommand(app, get_context, &exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }
  return exit_code;
}
