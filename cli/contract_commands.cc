// penataanctl registry contract list|expiring|renew: an honorer's SK periods, the
// SKs about to end with their reviews, and the renewal for a new year.
//
// `renew` always sends a request id (one is made when none is given) and prints it
// before the call: when the answer is lost (a timeout, the registry restarted),
// the same command with that --request-id finishes the renewal, and nobody is
// renewed twice. A dry run sends none, so that it never stands for the real one.

#include <fstream>
#include <iostream>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "cli/contract_commands.h"
#include "cli/proto_text.h"
#include "penataan/registry/v1/registry.grpc.pb.h"

namespace penataan::cli {
namespace {

namespace v1 = registry::v1;
using Stub = v1::RegistryService::Stub;

std::string ExpiryCell(v1::Contract::Expiry e) {
  switch (e) {
    case v1::Contract::NOT_ENDED: return "-";
    case v1::Contract::RENEWED: return "renewed";
    case v1::Contract::SENT_HOME: return "sent home (DIRUMAHKAN)";
    case v1::Contract::KEPT_AT_WORK: return "kept at work (crucial unit)";
    case v1::Contract::NOT_APPLICABLE: return "not applicable";
    default: return "";
  }
}

const std::vector<std::string> kContractCsvHeader = {
    "name", "sk_number", "start_date", "end_date", "signed_by", "signed_date", "expiry",
    "created_by"};

std::vector<std::string> ContractCsvRow(const v1::Contract& k) {
  return {k.name(),
          k.sk_number(),
          FormatDate(k.start_date()),
          FormatDate(k.end_date()),
          k.signed_by(),
          FormatDate(k.signed_date()),
          EnumName(v1::Contract::Expiry_descriptor(), k.expiry()),
          k.created_by()};
}

// The SKs ending, under the columns the files of the next steps read: `honorer`
// (renew --exclude-file), and `tahun` and `hasil` of the review import (the review
// of the contract's year, empty while there is none), so that the admin fills in
// the missing reviews, adds `penilai`, and imports the same file.
const std::vector<std::string> kExpiringCsvHeader = {
    "honorer", "nama", "unit_kerja", "sk_number", "end_date", "days_left",
    "tahun",   "hasil", "crucial_unit", "status"};

std::vector<std::vector<std::string>> ExpiringCsvRows(
    const v1::ListExpiringContractsResponse& r) {
  std::vector<std::vector<std::string>> rows;
  rows.reserve(r.contracts_size());
  for (const v1::ExpiringContract& e : r.contracts()) {
    rows.push_back({e.contract().honorer(), e.full_name(), e.unit_kerja(),
                    e.contract().sk_number(), FormatDate(e.contract().end_date()),
                    absl::StrCat(e.days_left()), absl::StrCat(e.contract().start_date().year()),
                    e.review() == v1::REVIEW_OUTCOME_UNSPECIFIED
                        ? ""
                        : EnumName(v1::ReviewOutcome_descriptor(), e.review()),
                    e.crucial_unit() ? "true" : "false",
                    EnumName(v1::HonorerStatus_descriptor(), e.status())});
  }
  return rows;
}

void AddList(CLI::App& contract, ContextFn context, int* exit_code) {
  auto* list = contract.add_subcommand("list", "an honorer's SK periods, newest first");
  OffersCsv(list);
  auto who = std::make_shared<std::string>();
  list->add_option("honorer", *who, "honorers/ID, ID or the NIK")->required();
  list->callback([=] {
    CliContext& c = context();
    auto name = ResolveHonorer(c, *who, "honorer", "", exit_code);
    if (!name) return;
    v1::ListContractsRequest req;
    req.set_honorer(*name);
    req.set_page_size(1000);
    v1::ListContractsResponse all;
    do {
      v1::ListContractsResponse page;
      if (!Invoke(c, &Stub::ListContracts, req, &page, exit_code)) return;
      all.mutable_contracts()->MergeFrom(page.contracts());
      req.set_page_token(page.next_page_token());
    } while (!req.page_token().empty());
    if (c.json()) return c.PrintJson(all);
    if (c.csv()) {
      std::vector<std::vector<std::string>> rows;
      for (const v1::Contract& k : all.contracts()) rows.push_back(ContractCsvRow(k));
      return c.PrintCsv(kContractCsvHeader, rows);
    }
    if (all.contracts().empty()) {
      std::cout << *name << " has no contract periods\n";
      return;
    }
    std::vector<std::vector<std::string>> rows;
    for (const v1::Contract& k : all.contracts()) {
      rows.push_back({k.name(), k.sk_number().empty() ? "-" : k.sk_number(),
                      FormatDate(k.start_date()), FormatDate(k.end_date()),
                      k.signed_by().empty() ? "-" : k.signed_by(),
                      k.signed_date().year() == 0 ? "-" : FormatDate(k.signed_date()),
                      ExpiryCell(k.expiry()), k.created_by()});
    }
    c.PrintTable({"CONTRACT", "SK", "START", "END", "SIGNED BY", "SIGNED", "EXPIRY", "BY"}, rows);
  });
}

void AddExpiring(CLI::App& contract, ContextFn context, int* exit_code) {
  auto* expiring = contract.add_subcommand(
      "expiring", "the SKs ending soon (and, asked, those ended without renewal), each with its "
                  "performance review; the last line counts them and the reviews missing");
  auto req = std::make_shared<v1::ListExpiringContractsRequest>();
  auto within_days = std::make_shared<int>(0);
  expiring->add_option("--instansi", *req->mutable_instansi_code(),
                       "instansi code (default for an instansi: its own)");
  expiring->add_option("--within-days", *within_days,
                       "ending from today to today + N (the instansi's dates; default: the "
                       "policy's notice days)")
      ->check(CLI::Range(0, 3660));
  auto include_ended = std::make_shared<bool>(false);
  expiring->add_flag("--include-ended", *include_ended,
                     "also the current SKs that already ended without renewal");
  OffersCsv(expiring);
  expiring->callback([=] {
    CliContext& c = context();
    v1::ListExpiringContractsRequest r = *req;
    r.set_within_days(*within_days);
    r.set_include_ended(*include_ended);
    r.set_page_size(1000);
    v1::ListExpiringContractsResponse all;
    bool first = true;
    do {
      v1::ListExpiringContractsResponse page;
      if (!Invoke(c, &Stub::ListExpiringContracts, r, &page, exit_code, 120)) return;
      if (first) {
        all = page;
        first = false;
      } else {
        all.mutable_contracts()->MergeFrom(page.contracts());
      }
      r.set_page_token(page.next_page_token());
    } while (!r.page_token().empty());
    all.clear_next_page_token();
    if (c.json()) return c.PrintJson(all);
    if (c.csv()) {
      c.PrintCsv(kExpiringCsvHeader, ExpiringCsvRows(all));
    } else if (all.contracts_size() > 0) {
      c.PrintTable(kExpiringHeaders, ExpiringRows(all));
    }
    c.Summary() << ExpiringSummary(all) << "\n";
  });
}

struct RenewArgs {
  std::string instansi, sk_number, start, end, signed_by, signed_date, category, current_end,
      exclude_file, request_id;
  std::vector<std::string> units, honorers, excludes;
  int review_year = 0;
  bool include_kurang = false, require_review = false, dry_run = false;
  int timeout_seconds = 900;
};

// The request as typed; false (with *exit_code set) on a usage error. Honorers
// named by NIK are looked up, which needs the registry.
bool BuildRenewal(CliContext& c, const RenewArgs& a, v1::RenewContractsRequest* req,
                  int* exit_code) {
  req->set_instansi_code(a.instansi);
  req->set_sk_number(a.sk_number);
  req->set_signed_by(a.signed_by);
  struct DateFlag {
    const char* flag;
    const std::string& text;
    common::v1::Date* into;
  };
  for (const DateFlag& d : {DateFlag{"--start", a.start, req->mutable_start_date()},
                            DateFlag{"--end", a.end, req->mutable_end_date()},
                            DateFlag{"--signed-date", a.signed_date, req->mutable_signed_date()},
                            DateFlag{"--current-end", a.current_end,
                                     req->mutable_current_contract_end()}}) {
    if (d.text.empty()) continue;
    auto date = ParseDate(d.text);
    if (!date) {
      *exit_code = UsageError(absl::StrCat(d.flag, " \"", d.text, "\" is not a date YYYY-MM-DD"));
      return false;
    }
    *d.into = *date;
  }
  if (req->current_contract_end().year() == 0) req->clear_current_contract_end();
  if (!a.category.empty()) {
    auto v = ParseEnumName(common::v1::JabatanCategory_descriptor(), a.category);
    if (!v) {
      *exit_code = UsageError(absl::StrCat(
          "--category must be one of ", EnumChoices(common::v1::JabatanCategory_descriptor())));
      return false;
    }
    req->set_jabatan_category(static_cast<common::v1::JabatanCategory>(*v));
  }
  for (const std::string& u : a.units) req->add_unit_kerja(u);
  for (const std::string& h : a.honorers) {
    auto name = ResolveHonorer(c, h, "--honorer", a.instansi, exit_code);
    if (!name) return false;
    req->add_honorers(*name);
  }
  absl::flat_hash_set<std::string> excluded;
  for (const std::string& h : a.excludes) {
    auto name = ResolveHonorer(c, h, "--exclude", a.instansi, exit_code);
    if (!name) return false;
    if (excluded.insert(*name).second) req->add_exclude_honorers(*name);
  }
  if (!a.exclude_file.empty()) {
    std::ifstream in(a.exclude_file, std::ios::binary);
    if (!in) {
      *exit_code = UsageError(absl::StrCat("cannot read ", a.exclude_file));
      return false;
    }
    ExcludeCsv csv = ParseExcludeCsv(in);
    for (const std::string& e : csv.errors) std::cerr << a.exclude_file << " " << e << "\n";
    if (!csv.errors.empty()) {
      *exit_code = UsageError(absl::StrCat(csv.errors.size(), " errors in ", a.exclude_file,
                                           "; nothing was sent"));
      return false;
    }
    for (const ExcludeEntry& e : csv.entries) {
      auto name = ResolveHonorer(c, e.who, absl::StrCat(a.exclude_file, " line ", e.line),
                                 a.instansi, exit_code);
      if (!name) return false;
      if (excluded.insert(*name).second) req->add_exclude_honorers(*name);
    }
  }
  req->set_review_year(a.review_year);
  req->set_include_kurang(a.include_kurang);
  req->set_require_review(a.require_review);
  req->set_dry_run(a.dry_run);
  return true;
}

void PrintRenewal(const CliContext& c, const v1::RenewContractsResponse& out,
                  const std::string& request_id) {
  if (c.json()) return c.PrintJson(out);
  if (out.dry_run()) std::cout << "dry run: nothing was written\n";
  if (out.replayed()) {
    std::cout << "answered from the renewal made earlier with request id " << request_id
              << " (nobody renewed twice)\n";
  }
  for (const std::string& line : RenewalCountLines(out)) std::cout << line << "\n";
  if (out.exclusions_size() > 0) {
    std::cout << "\n";
    c.PrintTable(kExclusionHeaders, ExclusionRows(out));
    if (out.exclusions_truncated()) {
      std::cout << "... " << out.excluded() - out.exclusions_size() << " more not listed\n";
    }
  }
}

void AddRenew(CLI::App& contract, ContextFn context, int* exit_code) {
  auto a = std::make_shared<RenewArgs>();
  auto* renew = contract.add_subcommand(
      "renew",
      "a new SK for every honorer of the instansi matching the filter, less the exclusions "
      "(by default those reviewed KURANG and those RESIGNED, MOVED_TO_CPNS or PPPK)");
  renew->add_option("--instansi", a->instansi, "instansi code")->required();
  renew->add_option("--sk-number", a->sk_number, "the new SK, e.g. 800/0012/BKPPD/2021")
      ->required();
  renew->add_option("--start", a->start, "first day of the new SK, YYYY-MM-DD")->required();
  renew->add_option("--end", a->end, "last day of the new SK, YYYY-MM-DD")->required();
  renew->add_option("--signed-by", a->signed_by, "who signed it, e.g. \"Wali Kota Kupang\"")
      ->required();
  renew->add_option("--signed-date", a->signed_date, "the day it was signed, YYYY-MM-DD")
      ->required();
  renew->add_option("--unit", a->units, "only this unit kerja (repeatable)");
  renew->add_option("--category", a->category, "only this jabatan category");
  renew->add_option("--current-end", a->current_end,
                    "only honorers whose current SK ends on this day, e.g. 2020-12-31");
  renew->add_option("--honorer", a->honorers, "only this honorer: honorers/ID or NIK (repeatable)");
  renew->add_option("--exclude", a->excludes, "never this honorer: honorers/ID or NIK (repeatable)");
  renew->add_option("--exclude-file", a->exclude_file,
                    "CSV with a column honorer (or nik): never these; other columns ignored");
  renew->add_option("--review-year", a->review_year,
                    "the contract year whose reviews decide (default: each current SK's year)");
  renew->add_flag("--include-kurang", a->include_kurang, "renew those reviewed KURANG too");
  renew->add_flag("--require-review", a->require_review,
                  "exclude those without a review of that year");
  renew->add_flag("--dry-run", a->dry_run, "show exactly what would happen, write nothing");
  renew->add_option("--request-id", a->request_id,
                    "retry a renewal whose answer was lost: nobody is renewed twice "
                    "(default: a new id, printed)");
  renew->add_option("--renew-timeout", a->timeout_seconds, "seconds the renewal may take");
  renew->callback([=] {
    CliContext& c = context();
    v1::RenewContractsRequest req;
    if (!BuildRenewal(c, *a, &req, exit_code)) return;
    std::string request_id;
    if (!a->dry_run) {
      request_id = a->request_id.empty() ? NewRenewalRequestId(a->instansi) : a->request_id;
      // Before the call: a lost answer must not lose the id that recovers it.
      (c.json() ? std::cerr : std::cout)
          << "request id " << request_id << " (to retry: the same command with --request-id "
          << request_id << ")" << std::endl;
    }
    req.set_request_id(request_id);
    v1::RenewContractsResponse out;
    v1::RegistryService::Stub stub(c.RegistryChannel());
    grpc::Status status =
        stub.RenewContracts(c.NewContext(a->timeout_seconds).get(), req, &out);
    if (!status.ok()) {
      if (status.error_code() == grpc::StatusCode::ABORTED && !a->dry_run) {
        std::cerr << "penataanctl: a renewal with request id " << request_id
                  << " is still running (" << status.error_message()
                  << "); run the same command again once it has ended\n";
        *exit_code = kExitRpcError;
        return;
      }
      *exit_code = c.Fail(status, "registry");
      // Only when the renewal may have begun: its committed pages stay.
      const grpc::StatusCode code = status.error_code();
      if (!a->dry_run && (code == grpc::StatusCode::DEADLINE_EXCEEDED ||
                          code == grpc::StatusCode::UNAVAILABLE ||
                          code == grpc::StatusCode::CANCELLED ||
                          code == grpc::StatusCode::INTERNAL || code == grpc::StatusCode::UNKNOWN)) {
        std::cerr << "what was renewed is kept; run the same command with --request-id "
                  << request_id << " to finish (nobody is renewed twice)\n";
      }
      return;
    }
    PrintRenewal(c, out, request_id);
  });
}

}  // namespace

std::optional<std::string> ResolveHonorer(CliContext& c, const HonorerRef& ref,
                                          const std::string& what,
                                          const std::string& instansi, int* exit_code) {
  if (ref.nik.empty()) return ref.name;
  v1::GetHonorerRequest req;
  req.set_nik(ref.nik);
  v1::Honorer h;
  v1::RegistryService::Stub stub(c.RegistryChannel());
  grpc::Status status = stub.GetHonorer(c.NewContext().get(), req, &h);
  if (status.error_code() == grpc::StatusCode::NOT_FOUND ||
      (status.ok() && !instansi.empty() && h.instansi_code() != instansi)) {
    *exit_code = UsageError(absl::StrCat(
        what, ": no honorer", instansi.empty() ? "" : absl::StrCat(" of ", instansi),
        " has this NIK"));
    return std::nullopt;
  }
  if (!status.ok()) {
    *exit_code = c.Fail(status, "registry");
    return std::nullopt;
  }
  return h.name();
}

std::optional<std::string> ResolveHonorer(CliContext& c, const std::string& text,
                                          const std::string& what,
                                          const std::string& instansi, int* exit_code) {
  std::optional<HonorerRef> ref = ParseHonorerRef(text);
  if (!ref) {
    *exit_code = UsageError(absl::StrCat(what, " \"", text,
                                         "\" is not an honorer: want honorers/ID, ID or a NIK"));
    return std::nullopt;
  }
  return ResolveHonorer(c, *ref, what, instansi, exit_code);
}

void AddContractCommands(CLI::App& registry, ContextFn context, int* exit_code) {
  CLI::App* contract = registry.add_subcommand(
      "contract", "contracts (SK): periods, those ending, renewal, performance reviews, policy");
  contract->require_subcommand(1);
  AddList(*contract, context, exit_code);
  AddExpiring(*contract, context, exit_code);
  AddRenew(*contract, context, exit_code);
  AddReviewCommands(*contract, context, exit_code);
  AddPolicyCommands(*contract, context, exit_code);
  AddCrucialUnitCommands(registry, context, exit_code);
}

}  // namespace penataan::cli
