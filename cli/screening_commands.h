#ifndef PENATAAN_CLI_SCREENING_COMMANDS_H_
#define PENATAAN_CLI_SCREENING_COMMANDS_H_

// `penataanctl screening …`: selection rounds with their rules, applicants, runs
// (with a progress bar) and what-if runs, results and their counts per reason,
// appeals, and the ranking of MS candidates. The commands live in files by job
// (screening_round_commands.cc, screening_applicant_commands.cc,
// screening_run_command.cc, screening_result_commands.cc,
// screening_appeal_commands.cc); what they share is here.

#include <functional>
#include <optional>
#include <string>

#include "CLI/CLI.hpp"
#include "cli/cli_context.h"
#include "penataan/screening/v1/screening.grpc.pb.h"

namespace penataan::cli {

using ScreeningStub = screening::v1::ScreeningService::Stub;

// Prints why a screening call failed and returns kExitRpcError. Beyond
// DescribeRpcError: a stale etag (ABORTED) is told as what it means to a person,
// and UNAVAILABLE from a screening service that answered (its channel READY) is
// about what it depends on (the registry, the notification service), so its own
// message is shown rather than "cannot reach screening".
int FailScreening(CliContext& c, const grpc::Status& status);

// One screening call; see CallService.
template <typename Request, typename Response>
bool InvokeScreening(CliContext& c,
                     grpc::Status (ScreeningStub::*method)(grpc::ClientContext*, const Request&,
                                                           Response*),
                     const Request& request, Response* response, int* exit_code,
                     int timeout_seconds = 0) {
  ScreeningStub stub(c.ScreeningChannel());
  grpc::Status status = (stub.*method)(c.NewContext(timeout_seconds).get(), request, response);
  if (status.ok()) return true;
  *exit_code = FailScreening(c, status);
  return false;
}

void AddScreeningCommands(CLI::App& app, std::function<CliContext&()> context, int* exit_code);

// The parts, each adding its subcommands to `screening`.
void AddRoundCommands(CLI::App& screening, std::function<CliContext&()> context, int* exit_code);
void AddApplicantCommands(CLI::App& screening, std::function<CliContext&()> context,
                          int* exit_code);
void AddRunCommand(CLI::App& screening, std::function<CliContext&()> context, int* exit_code);
void AddResultCommands(CLI::App& screening, std::function<CliContext&()> context,
                       int* exit_code);
void AddAppealCommands(CLI::App& screening, std::function<CliContext&()> context,
                       int* exit_code);

// Reads a name argument, or prints a usage error (setting *exit_code) and answers
// nullopt: "3" or "rounds/3"; "3/12" or "rounds/3/results/12"; for an appeal also
// "rounds/3/results/12/appeal".
std::optional<std::string> RoundArg(const std::string& text, int* exit_code);
std::optional<std::string> ResultArg(const std::string& text, int* exit_code);
std::optional<std::string> AppealArg(const std::string& text, int* exit_code);

// GetRound: the round, with its etag and zone, before a change or to show times.
std::optional<screening::v1::Round> FetchRound(CliContext& c, const std::string& name,
                                               int* exit_code);

// "21 Februari 2025 pukul 23.59 WIB" in `zone`; "2025-02-21 16:59:59 UTC" without one.
std::string ShowInstant(const google::protobuf::Timestamp& t, const std::string& zone);

}  // namespace penataan::cli

#endif  // PENATAAN_CLI_SCREENING_COMMANDS_H_
