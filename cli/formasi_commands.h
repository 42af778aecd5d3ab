#ifndef PENATAAN_CLI_FORMASI_COMMANDS_H_
#define PENATAAN_CLI_FORMASI_COMMANDS_H_

// `penataanctl formasi …`: proposal periods and their deadlines, extensions, the
// proposals of each instansi and the summary of a period. The commands live in
// files by job (formasi_period_commands.cc, formasi_proposal_commands.cc,
// formasi_honorer_commands.cc, formasi_summary_command.cc); what they share is here.

#include <functional>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "CLI/CLI.hpp"
#include "cli/cli_context.h"
#include "penataan/formasi/v1/formasi.grpc.pb.h"
#include "penataan/registry/v1/registry.pb.h"

namespace penataan::cli {

using FormasiStub = formasi::v1::FormasiService::Stub;

// Prints why a formasi call failed and returns kExitRpcError. Beyond
// DescribeRpcError: a stale etag (ABORTED) is told as what it means to a person,
// and UNAVAILABLE from a formasi that answered (its channel READY) is about what
// formasi depends on (the registry), so its own message is shown rather than
// "cannot reach formasi".
int FailFormasi(CliContext& c, const grpc::Status& status);

// One formasi call; see CallService. A stale etag (ABORTED) is told as what it
// means to a person: someone else changed the record between our read and write.
template <typename Request, typename Response>
bool InvokeFormasi(CliContext& c,
                   grpc::Status (FormasiStub::*method)(grpc::ClientContext*, const Request&,
                                                       Response*),
                   const Request& request, Response* response, int* exit_code,
                   int timeout_seconds = 0) {
  FormasiStub stub(c.FormasiChannel());
  grpc::Status status = (stub.*method)(c.NewContext(timeout_seconds).get(), request, response);
  if (status.ok()) return true;
  *exit_code = FailFormasi(c, status);
  return false;
}

void AddFormasiCommands(CLI::App& app, std::function<CliContext&()> context, int* exit_code);

// The parts, each adding its subcommands to `formasi` (or `formasi proposal`).
void AddPeriodCommands(CLI::App& formasi, std::function<CliContext&()> context, int* exit_code);
void AddProposalCommands(CLI::App& proposal, std::function<CliContext&()> context,
                         int* exit_code);
void AddHonorerCommands(CLI::App& proposal, std::function<CliContext&()> context,
                        int* exit_code);
void AddSummaryCommand(CLI::App& formasi, std::function<CliContext&()> context, int* exit_code);

// Reads a name argument, or prints a usage error (setting *exit_code) and answers
// nullopt: "7" or "periods/7"; "7/3275" or "periods/7/proposals/3275".
std::optional<std::string> PeriodArg(const std::string& text, int* exit_code);
std::optional<std::string> ProposalArg(const std::string& text, int* exit_code);

// GetProposal / GetPeriod: the current state and etag before a change.
std::optional<formasi::v1::Proposal> FetchProposal(CliContext& c, const std::string& name,
                                                   int* exit_code);
std::optional<formasi::v1::Period> FetchPeriod(CliContext& c, const std::string& name,
                                               int* exit_code);

// The proposal as a person reads it: state, deadline with time left, cost against
// budget with the warnings, the lines and the left-out honorers by reason.
// Times are shown in `zone` (the period's, see PeriodZone), in UTC when it is empty.
void PrintProposal(CliContext& c, const formasi::v1::Proposal& p, const std::string& zone = "");
// CATEGORY | UNIT KERJA | POSITION | EDUCATION | POSTS | PAY/MONTH | NAMED.
void PrintLinesTable(CliContext& c, const formasi::v1::Proposal& p);
// The zone a period's deadline was stated in; "" when the period cannot be read
// (the caller then shows UTC: a courtesy lookup, never a reason to fail).
std::string PeriodZone(CliContext& c, const std::string& period);
// "22 Agustus 2025 pukul 09.00 WIB" in `zone`; "2025-08-22 02:00:11 UTC" without one.
std::string FormatInstant(const google::protobuf::Timestamp& t, const std::string& zone);
// "25 Agustus 2025 pukul 23.59 WIB (3 hari 14 jam lagi)" / "(sudah lewat)".
std::string DeadlineWithTimeLeft(const std::string& display, const std::string& time_left);
std::string ProposalStateName(formasi::v1::Proposal::State state);

// Every eligible honorer of `instansi` for a Paruh Waktu proposal (status ACTIVE or
// TMS, in the BKN database), page by page; nullopt (with *exit_code set) when a
// call failed. `view` FULL carries the NIK, for files that name honorers by NIK.
std::optional<std::vector<registry::v1::Honorer>> ListEligibleHonorers(
    CliContext& c, const std::string& instansi, registry::v1::HonorerView view, int* exit_code);

}  // namespace penataan::cli

#endif  // PENATAAN_CLI_FORMASI_COMMANDS_H_
