#include "cli/formasi_commands.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "cli/formasi_values.h"
#include "cli/proto_text.h"
#include "common/indonesian_time.h"

namespace penataan::cli {

namespace v1 = formasi::v1;

int FailFormasi(CliContext& c, const grpc::Status& status) {
  if (status.error_code() == grpc::StatusCode::ABORTED) {
    std::cerr << "penataanctl: changed by someone else, try again (" << status.error_message()
              << ")\n";
    return kExitRpcError;
  }
  if (status.error_code() == grpc::StatusCode::UNAVAILABLE &&
      c.FormasiChannel()->GetState(false) == GRPC_CHANNEL_READY) {
    std::cerr << "penataanctl: formasi is up but cannot do this now: " << status.error_message()
              << "\n";
    return kExitRpcError;
  }
  return c.Fail(status, "formasi");
}

std::optional<std::string> PeriodArg(const std::string& text, int* exit_code) {
  auto name = ParsePeriodName(text);
  if (!name) *exit_code = UsageError(absl::StrCat("\"", text, "\" is not a period: want periods/7 or 7"));
  return name;
}

std::optional<std::string> ProposalArg(const std::string& text, int* exit_code) {
  auto name = ParseProposalName(text);
  if (!name) {
    *exit_code = UsageError(absl::StrCat(
        "\"", text, "\" is not a proposal: want periods/7/proposals/3275 or 7/3275"));
  }
  return name;
}

std::optional<v1::Proposal> FetchProposal(CliContext& c, const std::string& name,
                                          int* exit_code) {
  v1::GetProposalRequest req;
  req.set_name(name);
  v1::Proposal p;
  if (!InvokeFormasi(c, &FormasiStub::GetProposal, req, &p, exit_code)) return std::nullopt;
  return p;
}

std::optional<v1::Period> FetchPeriod(CliContext& c, const std::string& name, int* exit_code) {
  v1::GetPeriodRequest req;
  req.set_name(name);
  v1::Period p;
  if (!InvokeFormasi(c, &FormasiStub::GetPeriod, req, &p, exit_code)) return std::nullopt;
  return p;
}

std::string DeadlineWithTimeLeft(const std::string& display, const std::string& time_left) {
  if (time_left.empty()) return display;
  if (time_left == "sudah lewat") return absl::StrCat(display, " (sudah lewat)");
  return absl::StrCat(display, " (", time_left, " lagi)");
}

std::string ProposalStateName(v1::Proposal::State state) {
  if (state == v1::Proposal::STATE_UNSPECIFIED) return "NO PROPOSAL";
  return EnumName(v1::Proposal::State_descriptor(), state);
}

std::string PeriodZone(CliContext& c, const std::string& period) {
  FormasiStub stub(c.FormasiChannel());
  v1::GetPeriodRequest req;
  req.set_name(period);
  v1::Period p;
  return stub.GetPeriod(c.NewContext().get(), req, &p).ok() ? p.deadline_time_zone() : "";
}

std::string FormatInstant(const google::protobuf::Timestamp& t, const std::string& zone) {
  if (zone.empty()) return FormatTimestamp(t);
  const absl::Time at = absl::FromUnixSeconds(t.seconds());
  return absl::StrCat(FormatIndonesianDateTime(at, zone), " ", ZoneAbbreviation(zone, at));
}

void PrintLinesTable(CliContext& c, const v1::Proposal& p) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& l : p.lines()) {
    rows.push_back({EnumName(common::v1::JabatanCategory_descriptor(), l.jabatan_category()),
                    l.unit_kerja(), l.position_title(),
                    EnumName(common::v1::Education_descriptor(), l.education_qualification()),
                    std::to_string(l.count()), FormatRupiah(l.monthly_pay_idr()),
                    std::to_string(l.honorers_size())});
  }
  c.PrintTable({"CATEGORY", "UNIT KERJA", "POSITION", "EDUCATION", "POSTS", "PAY/MONTH", "NAMED"},
               rows);
}

void PrintProposal(CliContext& c, const v1::Proposal& p, const std::string& zone) {
  if (c.json()) return c.PrintJson(p);
  int64_t posts = 0, named = 0;
  for (const auto& l : p.lines()) {
    posts += l.count();
    named += l.honorers_size();
  }
  std::cout << "proposal:  " << p.name() << " (instansi " << p.instansi_code() << ")\n"
            << "state:     " << ProposalStateName(p.state())
            << (p.deadline_missed() ? " — deadline missed" : "") << "\n"
            << "deadline:  " << DeadlineWithTimeLeft(p.deadline_display(), p.time_left()) << "\n";
  if (p.has_submit_time()) std::cout << "submitted: " << FormatInstant(p.submit_time(), zone) << "\n";
  if (p.has_decide_time()) {
    std::cout << "decided:   " << FormatInstant(p.decide_time(), zone) << " by " << p.decided_by()
              << (p.decision_note().empty() ? "" : ": " + p.decision_note()) << "\n";
  } else if (!p.decision_note().empty()) {
    std::cout << "note:      " << p.decision_note() << "\n";
  }
  std::cout << "posts:     " << posts << " on " << p.lines_size() << " lines, " << named
            << " honorers named, " << p.left_out_size() << " left out\n"
            << "cost:      " << FormatRupiah(p.estimated_annual_cost_idr()) << " a year";
  if (p.budget_capacity_idr() > 0) {
    std::cout << " of a budget of " << FormatRupiah(p.budget_capacity_idr());
  }
  std::cout << "\n";
  if (!p.sptjm_reference().empty()) std::cout << "SPTJM:     " << p.sptjm_reference() << "\n";
  for (const std::string& w : p.warnings()) std::cout << "WARNING:   " << w << "\n";
  if (p.lines_size() > 0) {
    std::cout << "\n";
    PrintLinesTable(c, p);
  }
  if (p.left_out_size() > 0) {
    std::map<int, int64_t> by_reason;
    for (const auto& l : p.left_out()) ++by_reason[l.reason()];
    std::cout << "\nleft out: " << p.left_out_size() << "\n";
    std::vector<std::vector<std::string>> rows;
    for (const auto& [reason, n] : by_reason) {
      rows.push_back({"  " + ReasonLabel(static_cast<v1::LeaveOutReason>(reason)),
                      std::to_string(n)});
    }
    c.PrintTable({}, rows);
  }
}

void AddFormasiCommands(CLI::App& app, std::function<CliContext&()> context, int* exit_code) {
  CLI::App* formasi = app.add_subcommand(
      "formasi", "proposal periods, deadlines, extensions and the proposals of each instansi");
  formasi->require_subcommand(1);
  AddPeriodCommands(*formasi, context, exit_code);
  CLI::App* proposal = formasi->add_subcommand("proposal", "the proposal of one instansi");
  proposal->require_subcommand(1);
  AddProposalCommands(*proposal, context, exit_code);
  AddHonorerCommands(*proposal, context, exit_code);
  AddSummaryCommand(*formasi, context, exit_code);
}

}  // namespace penataan::cli
