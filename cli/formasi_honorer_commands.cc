// penataanctl formasi proposal propose-all|leave-out: the Paruh Waktu proposal,
// which accounts for every eligible honorer of the instansi: named on a line, or
// left out with a reason. Both read the eligible honorers from the registry.

#include <fstream>
#include <iostream>
#include <map>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "cli/formasi_commands.h"
#include "cli/formasi_grouping.h"
#include "cli/formasi_leave_out_csv.h"
#include "cli/formasi_proposal_edit.h"
#include "cli/formasi_values.h"
#include "cli/registry_commands.h"

namespace penataan::cli {
namespace {

namespace v1 = formasi::v1;
namespace reg = registry::v1;
using ContextFn = std::function<CliContext&()>;

// The leave-out file as honorer names; a file that names NIKs is matched against
// the eligible honorers (FULL view, the instansi's own). Lines whose honorer is not
// eligible are errors: leaving out someone who need not be accounted for is a
// mistake in the file. nullopt (with *exit_code set) on any error.
std::optional<std::vector<LeaveOutRow>> ReadLeaveOutFile(CliContext& c, const std::string& path,
                                                        const std::string& instansi,
                                                        int* exit_code) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *exit_code = UsageError(absl::StrCat("cannot read ", path));
    return std::nullopt;
  }
  LeaveOutCsv csv = ParseLeaveOutCsv(in);
  if (!csv.errors.empty()) {
    for (const std::string& e : csv.errors) std::cerr << path << " " << e << "\n";
    *exit_code = UsageError(absl::StrCat(csv.errors.size(), " errors in ", path,
                                         "; nothing was changed"));
    return std::nullopt;
  }
  if (!csv.by_nik) return csv.rows;
  auto eligible = ListEligibleHonorers(c, instansi, reg::HONORER_VIEW_FULL, exit_code);
  if (!eligible) return std::nullopt;
  absl::flat_hash_map<std::string, std::string> by_nik;
  for (const reg::Honorer& h : *eligible) by_nik[h.nik()] = h.name();
  int errors = 0;
  for (LeaveOutRow& row : csv.rows) {
    auto it = by_nik.find(row.nik);
    if (it == by_nik.end()) {
      std::cerr << path << " line " << row.line << ", column nik: no eligible honorer of "
                << instansi << " (ACTIVE or TMS, in the BKN database) has this NIK\n";
      ++errors;
      continue;
    }
    row.honorer = it->second;
  }
  if (errors > 0) {
    *exit_code = UsageError(absl::StrCat(errors, " errors in ", path, "; nothing was changed"));
    return std::nullopt;
  }
  return csv.rows;
}

void PrintAccounting(const v1::Proposal& p) {
  int64_t named = 0;
  for (const auto& l : p.lines()) named += l.honorers_size();
  std::map<int, int64_t> by_reason;
  for (const auto& l : p.left_out()) ++by_reason[l.reason()];
  std::cout << p.name() << ": " << named << " honorers named on " << p.lines_size()
            << " lines, " << p.left_out_size() << " left out";
  const char* sep = " (";
  for (const auto& [reason, n] : by_reason) {
    std::cout << sep << ReasonLabel(static_cast<v1::LeaveOutReason>(reason)) << " " << n;
    sep = ", ";
  }
  std::cout << (by_reason.empty() ? "" : ")") << "\n";
  if (p.estimated_annual_cost_idr() > 0) {
    std::cout << "estimated cost " << FormatRupiah(p.estimated_annual_cost_idr()) << " a year";
    if (p.budget_capacity_idr() > 0) {
      std::cout << " of a budget of " << FormatRupiah(p.budget_capacity_idr());
    }
    std::cout << "\n";
  }
  for (const std::string& w : p.warnings()) std::cout << "WARNING: " << w << "\n";
}

void AddProposeAll(CLI::App& proposal, ContextFn context, int* exit_code) {
  struct Args {
    std::string proposal, pay, except_file;
  };
  auto a = std::make_shared<Args>();
  auto* all = proposal.add_subcommand(
      "propose-all",
      "Paruh Waktu: name every eligible honorer of the instansi, one line per category and "
      "unit kerja (replaces the lines)");
  all->add_option("proposal", a->proposal, "periods/7/proposals/3275 or 7/3275")->required();
  all->add_option("--pay", a->pay, "monthly pay per post, rupiah (at least the UMP)")->required();
  all->add_option("--except-file", a->except_file,
                  "leave-out CSV (honorer or nik, alasan, catatan): do not name these");
  all->callback([=] {
    auto n = ProposalArg(a->proposal, exit_code);
    if (!n) return;
    auto pay = ParseRupiah(a->pay);
    if (!pay) {
      *exit_code = UsageError(absl::StrCat("--pay \"", a->pay, "\" is not rupiah"));
      return;
    }
    CliContext& c = context();
    auto current = FetchProposal(c, *n, exit_code);
    if (!current) return;
    absl::flat_hash_set<std::string> leave_out;
    for (const auto& l : current->left_out()) leave_out.insert(l.honorer());
    if (!a->except_file.empty()) {
      auto rows = ReadLeaveOutFile(c, a->except_file, current->instansi_code(), exit_code);
      if (!rows) return;
      for (const LeaveOutRow& r : *rows) leave_out.insert(r.honorer);
    }
    auto eligible =
        ListEligibleHonorers(c, current->instansi_code(), reg::HONORER_VIEW_BASIC, exit_code);
    if (!eligible) return;
    ProposeAll grouped = GroupEligible(*eligible, leave_out, *pay);
    v1::UpdateProposalRequest req;
    req.mutable_proposal()->set_name(*n);
    for (auto& l : grouped.lines) *req.mutable_proposal()->add_lines() = std::move(l);
    req.mutable_update_mask()->add_paths("lines");
    req.set_etag(current->etag());
    v1::Proposal out;
    if (!InvokeFormasi(c, &FormasiStub::UpdateProposal, req, &out, exit_code, 120)) return;
    if (c.json()) return c.PrintJson(out);
    std::cout << eligible->size() << " eligible honorers of " << current->instansi_code()
              << " in the registry (ACTIVE or TMS, in the BKN database): " << grouped.named
              << " named, " << grouped.left_out
              << " not named (in --except-file or left out already)\n";
    PrintAccounting(out);
  });
}

void AddLeaveOut(CLI::App& proposal, ContextFn context, int* exit_code) {
  struct Args {
    std::string proposal, honorer, reason, note, file;
  };
  auto a = std::make_shared<Args>();
  auto* leave = proposal.add_subcommand(
      "leave-out", "leave eligible honorers out of a Paruh Waktu proposal, each with a reason");
  leave->add_option("proposal", a->proposal, "periods/7/proposals/3275 or 7/3275")->required();
  leave->add_option("honorer", a->honorer, "honorers/123 or 123 (or use --file)");
  leave->add_option("--reason", a->reason, kReasonChoices);
  leave->add_option("--note", a->note, "what happened (required with lainnya)");
  leave->add_option("--file", a->file, "CSV: honorer (or nik), alasan, catatan");
  leave->callback([=] {
    auto n = ProposalArg(a->proposal, exit_code);
    if (!n) return;
    if (a->honorer.empty() == a->file.empty()) {
      *exit_code = UsageError("give one honorer (with --reason) or --file, not both");
      return;
    }
    std::vector<LeaveOut> entries;
    if (!a->honorer.empty()) {
      auto h = ParseHonorerName(a->honorer);
      auto r = ParseLeaveOutReason(a->reason);
      if (!h) {
        *exit_code = UsageError(absl::StrCat("\"", a->honorer, "\" is not honorers/123 or 123"));
        return;
      }
      if (!r) {
        *exit_code = UsageError(absl::StrCat("--reason must be one of ", kReasonChoices));
        return;
      }
      if (*r == v1::LAINNYA && a->note.empty()) {
        *exit_code = UsageError("--reason lainnya needs --note saying why");
        return;
      }
      entries.push_back({*h, *r, a->note});
    }
    CliContext& c = context();
    auto current = FetchProposal(c, *n, exit_code);
    if (!current) return;
    if (!a->file.empty()) {
      auto rows = ReadLeaveOutFile(c, a->file, current->instansi_code(), exit_code);
      if (!rows) return;
      for (LeaveOutRow& r : *rows) entries.push_back({r.honorer, r.reason, r.note});
    }
    v1::Proposal edited = *current;
    LeaveOutChange change = ApplyLeaveOuts(edited, entries);
    v1::UpdateProposalRequest req;
    req.mutable_proposal()->set_name(*n);
    *req.mutable_proposal()->mutable_left_out() = edited.left_out();
    req.mutable_update_mask()->add_paths("left_out");
    if (change.lines_changed) {
      *req.mutable_proposal()->mutable_lines() = edited.lines();
      req.mutable_update_mask()->add_paths("lines");
    }
    req.set_etag(current->etag());
    v1::Proposal out;
    if (!InvokeFormasi(c, &FormasiStub::UpdateProposal, req, &out, exit_code, 120)) return;
    if (c.json()) return c.PrintJson(out);
    std::cout << "left out " << change.added << " honorers";
    if (change.replaced > 0) std::cout << ", " << change.replaced << " with a new reason";
    if (change.taken_from_lines > 0) {
      std::cout << "; " << change.taken_from_lines << " taken off the lines that named them";
    }
    std::cout << "\n";
    PrintAccounting(out);
  });
}

}  // namespace

std::optional<std::vector<reg::Honorer>> ListEligibleHonorers(CliContext& c,
                                                              const std::string& instansi,
                                                              reg::HonorerView view,
                                                              int* exit_code) {
  reg::ListHonorersRequest req;
  req.set_instansi_code(instansi);
  req.add_statuses(reg::ACTIVE);
  req.add_statuses(reg::TMS);
  req.set_in_bkn_database(true);
  req.set_view(view);
  req.set_page_size(1000);
  std::vector<reg::Honorer> out;
  do {
    reg::ListHonorersResponse page;
    if (!Invoke(c, &reg::RegistryService::Stub::ListHonorers, req, &page, exit_code)) {
      return std::nullopt;
    }
    for (auto& h : *page.mutable_honorers()) out.push_back(std::move(h));
    req.set_page_token(page.next_page_token());
  } while (!req.page_token().empty());
  return out;
}

void AddHonorerCommands(CLI::App& proposal, ContextFn context, int* exit_code) {
  AddProposeAll(proposal, context, exit_code);
  AddLeaveOut(proposal, context, exit_code);
}

}  // namespace penataan::cli
