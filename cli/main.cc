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

namespace {

// The command that runs: the last subcommand parsed.
const CLI::App& SelectedCommand(const CLI::App& app) {
  const CLI::App* at = &app;
  while (!at->get_subcommands().empty()) at = at->get_subcommands().front();
  return *at;
}

// -o csv for a command that prints no list: a usage error before anything is called.
void RefuseCsvUnlessOffered(const CLI::App& app) {
  const CLI::App& command = SelectedCommand(app);
  if (penataan::cli::CsvOffered(&command)) return;
  std::string path;
  for (const CLI::App* at = &command; at != nullptr && at->get_parent() != nullptr;
       at = at->get_parent()) {
    path = at->get_name() + (path.empty() ? "" : " " + path);
  }
  std::exit(penataan::cli::UsageError(
      "-o csv writes lists (honorer list, contract expiring, …; docs/penataanctl.md names them); `" +
      path + "` prints no list: use -o table or -o json"));
}

}  // namespace

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
  app.add_option("--output,-o", g.output,
                 "table, json, or csv (list commands: UTF-8 for Excel, the columns the imports "
                 "read)")
      ->check(CLI::IsMember({"table", "json", "csv"}))->capture_default_str();
  std::string delimiter = ",";
  app.add_option("--delimiter", delimiter,
                 "separator of -o csv: ',' or ';' (Excel with Indonesian settings) or tab")
      ->envname("PENATAAN_CSV_DELIMITER")
      ->check(CLI::Validator(
          [](std::string& typed) -> std::string {
            if (ParseCsvDelimiter(typed)) return "";
            return "want ',' or ';' (Excel with Indonesian settings) or tab, not \"" + typed +
                   "\"";
          },
          "SEP"))
      ->capture_default_str();
  app.add_option("--timeout", g.timeout_seconds, "seconds a call may take")->capture_default_str();

  std::unique_ptr<CliContext> context;
  auto get_context = [&]() -> CliContext& {
    if (!context) {
      if (g.output == "csv") RefuseCsvUnlessOffered(app);
      g.csv_delimiter = *ParseCsvDelimiter(delimiter);
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
