#include "cli/screening_commands.h"

#include <iostream>

#include "absl/strings/str_cat.h"
#include "cli/proto_text.h"
#include "cli/screening_values.h"
#include "common/indonesian_time.h"

namespace penataan::cli {

namespace v1 = screening::v1;

int FailScreening(CliContext& c, const grpc::Status& status) {
  if (status.error_code() == grpc::StatusCode::ABORTED) {
    std::cerr << "penataanctl: changed by someone else, try again (" << status.error_message()
              << ")\n";
    return kExitRpcError;
  }
  if (status.error_code() == grpc::StatusCode::UNAVAILABLE &&
      c.ScreeningChannel()->GetState(false) == GRPC_CHANNEL_READY) {
    std::cerr << "penataanctl: screening is up but cannot do this now: "
              << status.error_message() << "\n";
    return kExitRpcError;
  }
  return c.Fail(status, "screening");
}

std::optional<std::string> RoundArg(const std::string& text, int* exit_code) {
  auto name = ParseRoundName(text);
  if (!name) *exit_code = UsageError(absl::StrCat("\"", text, "\" is not a round: want rounds/3 or 3"));
  return name;
}

std::optional<std::string> ResultArg(const std::string& text, int* exit_code) {
  auto name = ParseResultName(text);
  if (!name) {
    *exit_code = UsageError(
        absl::StrCat("\"", text, "\" is not a result: want rounds/3/results/12 or 3/12"));
  }
  return name;
}

std::optional<std::string> AppealArg(const std::string& text, int* exit_code) {
  auto name = ParseAppealName(text);
  if (!name) {
    *exit_code = UsageError(absl::StrCat(
        "\"", text, "\" is not an appeal: want rounds/3/results/12/appeal or 3/12"));
  }
  return name;
}

std::optional<v1::Round> FetchRound(CliContext& c, const std::string& name, int* exit_code) {
  v1::GetRoundRequest req;
  req.set_name(name);
  v1::Round r;
  if (!InvokeScreening(c, &ScreeningStub::GetRound, req, &r, exit_code)) return std::nullopt;
  return r;
}

std::string ShowInstant(const google::protobuf::Timestamp& t, const std::string& zone) {
  if (zone.empty()) return FormatTimestamp(t);
  const absl::Time at = absl::FromUnixSeconds(t.seconds());
  return absl::StrCat(FormatIndonesianDateTime(at, zone), " ", ZoneAbbreviation(zone, at));
}

void AddScreeningCommands(CLI::App& app, std::function<CliContext&()> context, int* exit_code) {
  CLI::App* screening = app.add_subcommand(
      "screening", "selection rounds (MS/TMS with every reason), applicants, runs and what-if "
                   "runs, results, appeals (sanggah) and the ranking of candidates");
  screening->require_subcommand(1);
  AddRoundCommands(*screening, context, exit_code);
  AddApplicantCommands(*screening, context, exit_code);
  AddRunCommand(*screening, context, exit_code);
  AddResultCommands(*screening, context, exit_code);
  AddAppealCommands(*screening, context, exit_code);
}

}  // namespace penataan::cli
