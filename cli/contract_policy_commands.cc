// penataanctl registry contract policy show|set and registry crucial-units
// list|set: an instansi's contract policy, that is its crucial units (kept at
// work when their SKs end, each with its reason) and how many days before an SK
// ends its admins get the list.
//
// `crucial-units set` replaces the whole list, guarded by the policy's etag: read
// first (or given with --etag), so that two admins setting the list at once never
// silently lose one's change.

#include <fstream>
#include <iostream>
#include <map>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "cli/contract_commands.h"
#include "cli/proto_text.h"
#include "penataan/registry/v1/registry.grpc.pb.h"

namespace penataan::cli {
namespace {

namespace v1 = registry::v1;
using Stub = v1::RegistryService::Stub;

// The units as the file of `crucial-units set --file` has them (unit_kerja, alasan,
// awalan), so that an export edited in Excel is the next list.
void PrintUnitsCsv(CliContext& c, const v1::ContractPolicy& p) {
  std::vector<std::vector<std::string>> rows;
  for (const v1::CrucialUnit& u : p.crucial_units()) {
    rows.push_back({u.unit_kerja(), u.reason(), u.prefix() ? "ya" : "tidak"});
  }
  c.PrintCsv({"unit_kerja", "alasan", "awalan"}, rows);
}

void PrintUnits(CliContext& c, const v1::ContractPolicy& p) {
  if (c.csv()) return PrintUnitsCsv(c, p);
  if (p.crucial_units().empty()) {
    std::cout << "instansi " << p.instansi_code() << " has no crucial units: every worker is "
              << "sent home (DIRUMAHKAN) when an SK ends without renewal\n";
    return;
  }
  std::vector<std::vector<std::string>> rows;
  for (const v1::CrucialUnit& u : p.crucial_units()) {
    rows.push_back({u.unit_kerja(), u.prefix() ? "every unit starting with it" : "this unit",
                    u.reason()});
  }
  c.PrintTable({"UNIT", "MATCHES", "REASON"}, rows);
}

void PrintPolicy(CliContext& c, const v1::ContractPolicy& p, bool units) {
  if (c.json()) return c.PrintJson(p);
  if (units) PrintUnits(c, p);
  std::ostream& summary = c.Summary();
  summary << "instansi " << p.instansi_code() << ": admins are told " << p.expiry_notice_days()
          << " days before SKs end; " << p.crucial_units_size() << " crucial units; etag "
          << (p.etag().empty() ? "-" : p.etag());
  if (!p.updated_by().empty()) {
    summary << ", updated " << FormatTimestamp(p.update_time()) << " by " << p.updated_by();
  }
  summary << "\n";
}

std::optional<v1::ContractPolicy> FetchPolicy(CliContext& c, const std::string& instansi,
                                              int* exit_code) {
  v1::GetContractPolicyRequest req;
  req.set_instansi_code(instansi);
  v1::ContractPolicy p;
  if (!Invoke(c, &Stub::GetContractPolicy, req, &p, exit_code)) return std::nullopt;
  return p;
}

// UpdateContractPolicy of the fields in `mask`; a stale etag told as what it means.
std::optional<v1::ContractPolicy> UpdatePolicy(CliContext& c, v1::UpdateContractPolicyRequest req,
                                               int* exit_code) {
  v1::RegistryService::Stub stub(c.RegistryChannel());
  v1::ContractPolicy out;
  grpc::Status status = stub.UpdateContractPolicy(c.NewContext().get(), req, &out);
  if (status.error_code() == grpc::StatusCode::ABORTED) {
    std::cerr << "penataanctl: the policy was changed by someone else since etag " << req.etag()
              << "; read it again (crucial-units list) and retry\n";
    *exit_code = kExitRpcError;
    return std::nullopt;
  }
  if (!status.ok()) {
    *exit_code = c.Fail(status, "registry");
    return std::nullopt;
  }
  return out;
}

void AddShowAndSet(CLI::App& policy, ContextFn context, int* exit_code) {
  auto* show = policy.add_subcommand("show", "the notice days and the crucial units");
  auto show_code = std::make_shared<std::string>();
  show->add_option("--instansi", *show_code, "instansi code (default for an instansi: its own)");
  show->callback([=] {
    CliContext& c = context();
    auto p = FetchPolicy(c, *show_code, exit_code);
    if (p) PrintPolicy(c, *p, true);
  });

  struct Args {
    std::string instansi, etag;
    int notice_days = 0;
  };
  auto a = std::make_shared<Args>();
  auto* set = policy.add_subcommand("set", "how many days before SKs end the admins get the list");
  set->add_option("--instansi", a->instansi, "instansi code (default for an instansi: its own)");
  set->add_option("--notice-days", a->notice_days, "1 to 366 (default 30)")->required()
      ->check(CLI::Range(1, 366));
  set->add_option("--etag", a->etag, "refuse if the policy changed since this etag");
  set->callback([=] {
    v1::UpdateContractPolicyRequest req;
    req.mutable_policy()->set_instansi_code(a->instansi);
    req.mutable_policy()->set_expiry_notice_days(a->notice_days);
    req.mutable_update_mask()->add_paths("expiry_notice_days");
    req.set_etag(a->etag);
    CliContext& c = context();
    auto p = UpdatePolicy(c, req, exit_code);
    if (p) PrintPolicy(c, *p, false);
  });
}

// The units in the order typed; empty, with *error set, when a flag is wrong.
std::vector<v1::CrucialUnit> UnitsInOrder(const CLI::App& set, const CLI::Option* unit,
                                          const CLI::Option* prefix_unit, std::string* error) {
  std::vector<v1::CrucialUnit> units;
  std::map<const CLI::Option*, size_t> used;  // results taken from each option so far
  for (const CLI::Option* opt : set.parse_order()) {
    if (opt != unit && opt != prefix_unit) continue;
    auto u = ParseCrucialUnitFlag(opt->results().at(used[opt]++), opt == prefix_unit);
    if (!u.ok()) {
      *error = std::string(u.status().message());
      return {};
    }
    units.push_back(*std::move(u));
  }
  return units;
}

}  // namespace

void AddPolicyCommands(CLI::App& contract, ContextFn context, int* exit_code) {
  CLI::App* policy = contract.add_subcommand(
      "policy", "the instansi's contract policy: notice days and crucial units");
  policy->require_subcommand(1);
  AddShowAndSet(*policy, context, exit_code);
}

void AddCrucialUnitCommands(CLI::App& registry, ContextFn context, int* exit_code) {
  CLI::App* crucial = registry.add_subcommand(
      "crucial-units", "the units whose workers stay at work when their SKs end");
  crucial->require_subcommand(1);

  auto* list = crucial->add_subcommand("list", "an instansi's crucial units with their reasons");
  auto list_code = std::make_shared<std::string>();
  list->add_option("--instansi", *list_code, "instansi code (default for an instansi: its own)");
  OffersCsv(list);
  list->callback([=] {
    CliContext& c = context();
    auto p = FetchPolicy(c, *list_code, exit_code);
    if (p) PrintPolicy(c, *p, true);
  });

  struct Args {
    std::string instansi, file, etag;
    std::vector<std::string> units, prefix_units;
    bool none = false;
  };
  auto a = std::make_shared<Args>();
  auto* set = crucial->add_subcommand(
      "set", "replace the list: --unit \"NAME=REASON\" and --prefix-unit \"Puskesmas=REASON\" "
             "(repeatable, kept in the order given), or --file CSV, or --none");
  set->add_option("--instansi", a->instansi, "instansi code")->required();
  CLI::Option* unit =
      set->add_option("--unit", a->units, "a unit and why it is crucial: \"BPBD=Bencana\"")
          ->expected(1)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  CLI::Option* prefix_unit =
      set->add_option("--prefix-unit", a->prefix_units,
                      "every unit starting with NAME: \"Puskesmas=Pelayanan kesehatan\"")
          ->expected(1)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  set->add_option("--file", a->file, "CSV: unit_kerja, alasan, awalan (ya/tidak)");
  set->add_flag("--none", a->none, "no crucial units: every worker is sent home");
  set->add_option("--etag", a->etag, "refuse if the policy changed since this etag "
                                     "(default: the etag read just before)");
  set->callback([=] {
    const bool flags = !a->units.empty() || !a->prefix_units.empty();
    if (flags + !a->file.empty() + a->none != 1) {
      *exit_code = UsageError("give --unit/--prefix-unit, or --file, or --none (one of them)");
      return;
    }
    v1::UpdateContractPolicyRequest req;
    req.mutable_policy()->set_instansi_code(a->instansi);
    req.mutable_update_mask()->add_paths("crucial_units");
    if (flags) {
      std::string error;
      for (auto& u : UnitsInOrder(*set, unit, prefix_unit, &error)) {
        *req.mutable_policy()->add_crucial_units() = std::move(u);
      }
      if (!error.empty()) {
        *exit_code = UsageError(error);
        return;
      }
    } else if (!a->file.empty()) {
      std::ifstream in(a->file, std::ios::binary);
      if (!in) {
        *exit_code = UsageError(absl::StrCat("cannot read ", a->file));
        return;
      }
      CrucialUnitsCsv csv = ParseCrucialUnitsCsv(in);
      for (const std::string& e : csv.errors) std::cerr << a->file << " " << e << "\n";
      if (!csv.errors.empty()) {
        *exit_code = UsageError(
            absl::StrCat(csv.errors.size(), " errors in ", a->file, "; nothing was sent"));
        return;
      }
      for (auto& u : csv.units) *req.mutable_policy()->add_crucial_units() = std::move(u);
    }
    CliContext& c = context();
    std::string etag = a->etag;
    if (etag.empty()) {
      auto current = FetchPolicy(c, a->instansi, exit_code);
      if (!current) return;
      etag = current->etag();
    }
    req.set_etag(etag);
    auto p = UpdatePolicy(c, req, exit_code);
    if (p) PrintPolicy(c, *p, true);
  });
}

}  // namespace penataan::cli
