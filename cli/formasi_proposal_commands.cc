// penataanctl formasi proposal create|show|list|lines|left-out|add-lines|submit|
// decide: the proposal of one instansi from its draft to the ministry's decision.
// Every change reads the proposal first and sends its etag, so that two admins
// editing at once never overwrite each other silently. `lines` and `left-out` write
// (-o csv) the files add-lines and leave-out --file read, so that a proposal is
// edited in Excel and sent back.

#include <fstream>
#include <iostream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "cli/formasi_commands.h"
#include "cli/formasi_lines_csv.h"
#include "cli/formasi_values.h"
#include "cli/proto_text.h"
#include "cli/rpc_errors.h"
#include "common/errors.h"
#include "common/server/grpc_status.h"

namespace penataan::cli {
namespace {

namespace v1 = formasi::v1;
using ContextFn = std::function<CliContext&()>;

std::vector<std::string> ProposalCsvRow(const v1::Proposal& p) {
  return {p.name(),
          p.instansi_code(),
          EnumName(v1::Proposal::State_descriptor(), p.state()),
          p.deadline_missed() ? "true" : "false",
          absl::StrCat(p.estimated_annual_cost_idr()),
          FormatCsvTime(p.effective_deadline()),
          FormatCsvTime(p.submit_time())};
}
const std::vector<std::string> kProposalCsvHeader = {
    "name", "instansi_code", "state", "deadline_missed", "estimated_annual_cost_idr",
    "effective_deadline_utc", "submit_time_utc"};

// The columns of the lines file add-lines reads (formasi_lines_csv.h).
const std::vector<std::string> kLinesCsvHeader = {"kategori", "jabatan", "pendidikan",
                                                  "unit_kerja", "jumlah", "gaji", "honorer"};

std::vector<std::string> LineCsvRow(const v1::ProposalLine& l) {
  return {EnumName(common::v1::JabatanCategory_descriptor(), l.jabatan_category()),
          l.position_title(),
          EnumName(common::v1::Education_descriptor(), l.education_qualification()),
          l.unit_kerja(),
          absl::StrCat(l.count()),
          absl::StrCat(l.monthly_pay_idr()),
          absl::StrJoin(l.honorers(), ";")};
}

void PrintLines(CliContext& c, const v1::Proposal& p) {
  if (c.json()) {
    for (const auto& l : p.lines()) c.PrintJsonLine(l);
    return;
  }
  if (c.csv()) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& l : p.lines()) rows.push_back(LineCsvRow(l));
    c.PrintCsv(kLinesCsvHeader, rows);
  } else {
    PrintLinesTable(c, p);
  }
  c.Summary() << p.lines_size() << " lines of " << p.name() << "\n";
}

// The columns of the leave-out file leave-out --file reads (formasi_leave_out_csv.h).
void PrintLeftOut(CliContext& c, const v1::Proposal& p) {
  if (c.json()) {
    for (const auto& l : p.left_out()) c.PrintJsonLine(l);
    return;
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& l : p.left_out()) {
    rows.push_back({l.honorer(),
                    c.csv() ? EnumName(v1::LeaveOutReason_descriptor(), l.reason())
                            : ReasonLabel(l.reason()),
                    l.note()});
  }
  if (c.csv()) {
    c.PrintCsv({"honorer", "alasan", "catatan"}, rows);
  } else {
    c.PrintTable({"HONORER", "REASON", "NOTE"}, rows);
  }
  c.Summary() << p.left_out_size() << " honorers left out of " << p.name() << "\n";
}

// `proposal COMMAND PROPOSAL`: one part of a proposal as a list, printed by `print`.
void AddPart(CLI::App& proposal, const std::string& command, const std::string& help,
             void (*print)(CliContext&, const v1::Proposal&), ContextFn context, int* exit_code) {
  auto name = std::make_shared<std::string>();
  auto* part = proposal.add_subcommand(command, help);
  part->add_option("proposal", *name, "periods/7/proposals/3275 or 7/3275")->required();
  OffersCsv(part);
  part->callback([=] {
    auto n = ProposalArg(*name, exit_code);
    if (!n) return;
    CliContext& c = context();
    if (auto p = FetchProposal(c, *n, exit_code)) print(c, *p);
  });
}

void AddCreate(CLI::App& proposal, ContextFn context, int* exit_code) {
  struct Args {
    std::string period, instansi, budget, sptjm, request_id;
  };
  auto a = std::make_shared<Args>();
  auto* create = proposal.add_subcommand("create", "start the proposal of an instansi (a draft)");
  create->add_option("period", a->period, "periods/7 or 7")->required();
  create->add_option("--instansi", a->instansi, "instansi code, e.g. 3275")->required();
  create->add_option("--budget", a->budget, "APBD capacity for these posts, rupiah a year");
  create->add_option("--sptjm", a->sptjm, "reference of the head of agency's SPTJM");
  create->add_option("--request-id", a->request_id,
                     "makes a retried create answer the proposal it created");
  create->callback([=] {
    auto period = PeriodArg(a->period, exit_code);
    if (!period) return;
    v1::CreateProposalRequest req;
    req.mutable_proposal()->set_period(*period);
    req.mutable_proposal()->set_instansi_code(a->instansi);
    if (!a->budget.empty()) {
      auto budget = ParseRupiah(a->budget);
      if (!budget) {
        *exit_code = UsageError(absl::StrCat("--budget \"", a->budget, "\" is not rupiah"));
        return;
      }
      req.mutable_proposal()->set_budget_capacity_idr(*budget);
    }
    req.mutable_proposal()->set_sptjm_reference(a->sptjm);
    req.set_request_id(a->request_id);
    CliContext& c = context();
    v1::Proposal out;
    if (!InvokeFormasi(c, &FormasiStub::CreateProposal, req, &out, exit_code)) return;
    PrintProposal(c, out);
  });
}

void AddReads(CLI::App& proposal, ContextFn context, int* exit_code) {
  auto name = std::make_shared<std::string>();
  auto* show = proposal.add_subcommand("show", "one proposal: deadline, cost, lines, left out");
  show->add_option("proposal", *name, "periods/7/proposals/3275 or 7/3275")->required();
  show->callback([=] {
    auto n = ProposalArg(*name, exit_code);
    if (!n) return;
    CliContext& c = context();
    if (auto p = FetchProposal(c, *n, exit_code)) {
      PrintProposal(c, *p, c.json() ? "" : PeriodZone(c, p->period()));
    }
  });

  struct ListArgs {
    std::string period, instansi, state;
  };
  auto a = std::make_shared<ListArgs>();
  auto* list = proposal.add_subcommand("list", "the proposals of a period");
  list->add_option("period", a->period, "periods/7 or 7")->required();
  list->add_option("--instansi", a->instansi, "only this instansi");
  list->add_option("--state", a->state, EnumChoices(v1::Proposal::State_descriptor()));
  OffersCsv(list);
  list->callback([=] {
    auto period = PeriodArg(a->period, exit_code);
    if (!period) return;
    v1::ListProposalsRequest req;
    req.set_period(*period);
    req.set_instansi_code(a->instansi);
    if (!a->state.empty()) {
      auto s = ParseEnumName(v1::Proposal::State_descriptor(), a->state);
      if (!s) {
        *exit_code = UsageError(absl::StrCat("--state must be one of ",
                                             EnumChoices(v1::Proposal::State_descriptor())));
        return;
      }
      req.set_state(static_cast<v1::Proposal::State>(*s));
    }
    req.set_page_size(500);
    CliContext& c = context();
    v1::ListProposalsResponse all;
    do {
      v1::ListProposalsResponse page;
      if (!InvokeFormasi(c, &FormasiStub::ListProposals, req, &page, exit_code)) return;
      all.mutable_proposals()->MergeFrom(page.proposals());
      req.set_page_token(page.next_page_token());
    } while (!req.page_token().empty());
    if (c.json()) return c.PrintJson(all);
    std::vector<std::vector<std::string>> rows;
    if (c.csv()) {
      for (const auto& p : all.proposals()) rows.push_back(ProposalCsvRow(p));
      c.PrintCsv(kProposalCsvHeader, rows);
      c.Summary() << all.proposals_size() << " proposals\n";
      return;
    }
    const std::string zone = PeriodZone(c, *period);
    for (const auto& p : all.proposals()) {
      rows.push_back({p.name(), p.instansi_code(),
                      ProposalStateName(p.state()) + (p.deadline_missed() ? " (missed)" : ""),
                      FormatRupiah(p.estimated_annual_cost_idr()),
                      DeadlineWithTimeLeft(p.deadline_display(), p.time_left()),
                      p.has_submit_time() ? FormatInstant(p.submit_time(), zone) : "-"});
    }
    c.PrintTable({"NAME", "INSTANSI", "STATE", "COST/YEAR", "DEADLINE", "SUBMITTED"}, rows);
    std::cout << all.proposals_size() << " proposals\n";
  });

  AddPart(proposal, "lines",
          "a proposal's lines; -o csv writes the file add-lines reads (edit it in Excel, then "
          "add-lines --replace)",
          PrintLines, context, exit_code);
  AddPart(proposal, "left-out",
          "the honorers left out of a proposal with their reasons; -o csv writes the file "
          "leave-out --file reads",
          PrintLeftOut, context, exit_code);
}

void AddLines(CLI::App& proposal, ContextFn context, int* exit_code) {
  auto name = std::make_shared<std::string>();
  auto file = std::make_shared<std::string>();
  auto replace = std::make_shared<bool>(false);
  auto* add = proposal.add_subcommand(
      "add-lines", "add the lines of a CSV (kategori,jabatan,pendidikan,unit_kerja,jumlah,gaji,"
                   "honorer) to a draft");
  add->add_option("proposal", *name, "periods/7/proposals/3275 or 7/3275")->required();
  add->add_option("file", *file, "lines CSV; honorer: ids separated by ';'")->required();
  add->add_flag("--replace", *replace, "replace the proposal's lines instead of adding to them");
  add->callback([=] {
    auto n = ProposalArg(*name, exit_code);
    if (!n) return;
    std::ifstream in(*file, std::ios::binary);
    if (!in) {
      *exit_code = UsageError(absl::StrCat("cannot read ", *file));
      return;
    }
    LinesCsv csv = ParseLinesCsv(in);
    if (!csv.errors.empty()) {
      for (const std::string& e : csv.errors) std::cerr << *file << " " << e << "\n";
      *exit_code = UsageError(absl::StrCat(csv.errors.size(), " errors in ", *file,
                                           "; nothing was sent"));
      return;
    }
    CliContext& c = context();
    auto current = FetchProposal(c, *n, exit_code);
    if (!current) return;
    v1::UpdateProposalRequest req;
    req.mutable_proposal()->set_name(*n);
    if (!*replace) *req.mutable_proposal()->mutable_lines() = current->lines();
    for (auto& l : csv.lines) *req.mutable_proposal()->add_lines() = std::move(l);
    req.mutable_update_mask()->add_paths("lines");
    req.set_etag(current->etag());
    v1::Proposal out;
    if (!InvokeFormasi(c, &FormasiStub::UpdateProposal, req, &out, exit_code)) return;
    if (c.json()) return c.PrintJson(out);
    std::cout << (*replace ? "replaced the lines with " : "added ") << csv.lines.size()
              << " lines from " << *file << "\n\n";
    PrintProposal(c, out);
  });
}

// The refusal of a submission, and each thing wrong on its own line (every honorer
// that fails the registry check, every line that is invalid), like rejected rows.
int PrintSubmitRefusal(CliContext& c, const grpc::Status& status, bool validate_only) {
  const std::vector<Violation> violations = ViolationsOf(FromGrpcStatus(status));
  if (status.error_code() != grpc::StatusCode::FAILED_PRECONDITION &&
      status.error_code() != grpc::StatusCode::INVALID_ARGUMENT) {
    return FailFormasi(c, status);
  }
  std::string message = DescribeRpcError(status, "formasi", c.AddressOf("formasi"));
  message = message.substr(0, message.find('\n'));
  std::cerr << "penataanctl: " << (validate_only ? "would be refused: " : "") << message << "\n";
  for (const Violation& v : violations) {
    std::cout << (v.row > 0 ? absl::StrCat("row ", v.row, ": ") : "") << v.field << ": "
              << v.description << "\n";
  }
  if (violations.size() > 1) std::cout << violations.size() << " problems\n";
  return kExitRpcError;
}

void AddSubmitAndDecide(CLI::App& proposal, ContextFn context, int* exit_code) {
  auto name = std::make_shared<std::string>();
  auto validate_only = std::make_shared<bool>(false);
  auto* submit = proposal.add_subcommand(
      "submit", "submit a draft (or returned) proposal before the deadline");
  submit->add_option("proposal", *name, "periods/7/proposals/3275 or 7/3275")->required();
  submit->add_flag("--validate-only", *validate_only,
                   "run every check (deadline, lines, registry, every honorer accounted for) "
                   "and change nothing");
  submit->callback([=] {
    auto n = ProposalArg(*name, exit_code);
    if (!n) return;
    CliContext& c = context();
    auto current = FetchProposal(c, *n, exit_code);
    if (!current) return;
    v1::SubmitProposalRequest req;
    req.set_name(*n);
    req.set_etag(current->etag());
    req.set_validate_only(*validate_only);
    FormasiStub stub(c.FormasiChannel());
    v1::Proposal out;
    grpc::Status status = stub.SubmitProposal(c.NewContext(120).get(), req, &out);
    if (!status.ok()) {
      *exit_code = PrintSubmitRefusal(c, status, *validate_only);
      return;
    }
    if (c.json()) return c.PrintJson(out);
    int64_t named = 0;
    for (const auto& l : out.lines()) named += l.honorers_size();
    std::cout << (*validate_only ? "valid: the proposal would be accepted now"
                                 : "submitted " + out.name())
              << " (" << named << " honorers named, " << out.left_out_size()
              << " left out); deadline "
              << DeadlineWithTimeLeft(out.deadline_display(), out.time_left()) << "\n";
    for (const std::string& w : out.warnings()) std::cout << "WARNING: " << w << "\n";
  });

  struct DecideArgs {
    std::string proposal, decision, note;
  };
  auto a = std::make_shared<DecideArgs>();
  auto* decide = proposal.add_subcommand(
      "decide", "the ministry's decision on a submitted proposal: approve, reject or return");
  decide->add_option("proposal", a->proposal, "periods/7/proposals/3275 or 7/3275")->required();
  decide->add_option("decision", a->decision, "approve, reject or return")->required();
  decide->add_option("--note", a->note, "required to reject or return: what to fix");
  decide->callback([=] {
    auto n = ProposalArg(a->proposal, exit_code);
    if (!n) return;
    auto decision = ParseDecision(a->decision);
    if (!decision) {
      *exit_code = UsageError("the decision is approve, reject or return");
      return;
    }
    CliContext& c = context();
    auto current = FetchProposal(c, *n, exit_code);
    if (!current) return;
    v1::DecideProposalRequest req;
    req.set_name(*n);
    req.set_decision(*decision);
    req.set_note(a->note);
    req.set_etag(current->etag());
    v1::Proposal out;
    if (!InvokeFormasi(c, &FormasiStub::DecideProposal, req, &out, exit_code)) return;
    if (c.json()) return c.PrintJson(out);
    std::cout << out.name() << " is now " << ProposalStateName(out.state())
              << (out.decision_note().empty() ? "" : ": " + out.decision_note()) << "\n";
  });
}

}  // namespace

void AddProposalCommands(CLI::App& proposal, ContextFn context, int* exit_code) {
  AddCreate(proposal, context, exit_code);
  AddReads(proposal, context, exit_code);
  AddLines(proposal, context, exit_code);
  AddSubmitAndDecide(proposal, context, exit_code);
}

}  // namespace penataan::cli
