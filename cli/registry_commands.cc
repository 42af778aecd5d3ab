#include "cli/registry_commands.h"

#include <iostream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "cli/contract_commands.h"
#include "cli/honorer_columns.h"
#include "cli/proto_text.h"
#include "penataan/registry/v1/registry.grpc.pb.h"

namespace penataan::cli {
namespace {

namespace v1 = registry::v1;
using google::protobuf::EnumDescriptor;

const EnumDescriptor* StatusEnum() { return v1::HonorerStatus_descriptor(); }

std::vector<std::string> HonorerRow(const v1::Honorer& h) {
  return {h.name(),
          h.nik(),
          h.full_name(),
          h.instansi_code(),
          h.unit_kerja(),
          EnumName(common::v1::JabatanCategory_descriptor(), h.jabatan_category()),
          EnumName(StatusEnum(), h.status()),
          FormatDate(h.service_start_date()),
          h.in_bkn_database() ? "yes" : "no"};
}
const std::vector<std::string> kHonorerHeaders = {"NAME", "NIK", "FULL NAME", "INSTANSI", "UNIT KERJA",
                                                  "CATEGORY", "STATUS", "TMT", "IN BKN"};

void PrintHonorer(CliContext& c, const v1::Honorer& h) {
  if (c.json()) return c.PrintJson(h);
  c.PrintTable(kHonorerHeaders, {HonorerRow(h)});
}

// Sets one Honorer field from text; the error names the field.
std::string SetHonorerField(v1::Honorer& h, const std::string& field, const std::string& value) {
  auto date = [&](common::v1::Date* into) -> std::string {
    auto d = ParseDate(value);
    if (!d) return absl::StrCat(field, ": \"", value, "\" is not a date YYYY-MM-DD");
    *into = *d;
    return "";
  };
  auto enumeration = [&](const EnumDescriptor* type, auto setter) -> std::string {
    auto v = ParseEnumName(type, value);
    if (!v) return absl::StrCat(field, ": \"", value, "\" is not one of ", EnumChoices(type));
    setter(*v);
    return "";
  };
  if (field == "nik") { h.set_nik(value); return ""; }
  if (field == "full_name") { h.set_full_name(value); return ""; }
  if (field == "unit_kerja") { h.set_unit_kerja(value); return ""; }
  if (field == "position_title") { h.set_position_title(value); return ""; }
  if (field == "instansi_code") { h.set_instansi_code(value); return ""; }
  // An empty value clears the contact (--set contact.email=).
  if (field == "contact.email") { h.mutable_contact()->set_email(value); return ""; }
  if (field == "contact.whatsapp") { h.mutable_contact()->set_whatsapp(value); return ""; }
  if (field == "birth_date") return date(h.mutable_birth_date());
  if (field == "service_start_date") return date(h.mutable_service_start_date());
  if (field == "contract_start") return date(h.mutable_contract_start());
  if (field == "contract_end") return date(h.mutable_contract_end());
  if (field == "gender") {
    return enumeration(v1::Gender_descriptor(), [&](int v) { h.set_gender(static_cast<v1::Gender>(v)); });
  }
  if (field == "education") {
    return enumeration(penataan::common::v1::Education_descriptor(), [&](int v) { h.set_education(static_cast<penataan::common::v1::Education>(v)); });
  }
  if (field == "jabatan_category") {
    return enumeration(common::v1::JabatanCategory_descriptor(), [&](int v) {
      h.set_jabatan_category(static_cast<common::v1::JabatanCategory>(v));
    });
  }
  return absl::StrCat("unknown field \"", field, "\"");
}

void AddInstansiCommands(CLI::App& registry, ContextFn context, int* exit_code) {
  CLI::App* instansi = registry.add_subcommand("instansi", "agencies (instansi)");
  instansi->require_subcommand(1);

  auto* create = instansi->add_subcommand("create", "register an instansi (national principals)");
  auto req = std::make_shared<v1::CreateInstansiRequest>();
  auto level = std::make_shared<std::string>();
  create->add_option("--code", *req->mutable_instansi()->mutable_code(),
                     "region code, e.g. 5371 (Kota Kupang)")->required();
  create->add_option("--name", *req->mutable_instansi()->mutable_display_name(),
                     "display name")->required();
  create->add_option("--level", *level, "PUSAT, PROVINSI, KABUPATEN or KOTA")->required();
  create->add_option("--time-zone", *req->mutable_instansi()->mutable_time_zone(),
                     "IANA zone: Asia/Jakarta (WIB), Asia/Makassar (WITA), Asia/Jayapura (WIT)")
      ->required();
  create->callback([=] {
    auto l = ParseEnumName(v1::Instansi::Level_descriptor(), *level);
    if (!l) {
      *exit_code = UsageError("--level must be PUSAT, PROVINSI, KABUPATEN or KOTA");
      return;
    }
    req->mutable_instansi()->set_level(static_cast<v1::Instansi::Level>(*l));
    CliContext& c = context();
    v1::Instansi out;
    if (!Invoke(c, &v1::RegistryService::Stub::CreateInstansi, *req, &out, exit_code)) return;
    if (c.json()) return c.PrintJson(out);
    std::cout << "created " << out.name() << " (" << out.display_name() << ", " << out.time_zone()
              << ")\n";
  });

  auto* get = instansi->add_subcommand("get", "one instansi by code");
  auto code = std::make_shared<std::string>();
  get->add_option("code", *code, "instansi code")->required();
  get->callback([=] {
    CliContext& c = context();
    v1::GetInstansiRequest r;
    r.set_code(*code);
    v1::Instansi out;
    if (!Invoke(c, &v1::RegistryService::Stub::GetInstansi, r, &out, exit_code)) return;
    if (c.json()) return c.PrintJson(out);
    c.PrintTable({"CODE", "NAME", "LEVEL", "TIME ZONE"},
                 {{out.code(), out.display_name(),
                   EnumName(v1::Instansi::Level_descriptor(), out.level()), out.time_zone()}});
  });

  auto* list = instansi->add_subcommand("list", "list every instansi");
  OffersCsv(list);
  list->callback([=] {
    CliContext& c = context();
    v1::ListInstansiRequest req;
    req.set_page_size(1000);
    v1::ListInstansiResponse all;
    do {
      v1::ListInstansiResponse page;
      if (!Invoke(c, &v1::RegistryService::Stub::ListInstansi, req, &page, exit_code)) {
        return;
      }
      all.mutable_instansi()->MergeFrom(page.instansi());
      req.set_page_token(page.next_page_token());
    } while (!req.page_token().empty());
    if (c.json()) return c.PrintJson(all);
    std::vector<std::vector<std::string>> rows;
    for (const auto& i : all.instansi()) {
      rows.push_back({i.code(), i.display_name(),
                      EnumName(v1::Instansi::Level_descriptor(), i.level()), i.time_zone()});
    }
    if (c.csv()) return c.PrintCsv({"code", "display_name", "level", "time_zone"}, rows);
    c.PrintTable({"CODE", "NAME", "LEVEL", "TIME ZONE"}, rows);
  });
}

void AddHonorerCreate(CLI::App& honorer, ContextFn context, int* exit_code) {
  auto* create = honorer.add_subcommand("create", "register one honorer");
  auto fields = std::make_shared<std::map<std::string, std::string>>();
  auto request_id = std::make_shared<std::string>();
  struct Flag {
    const char* flag;
    const char* field;
    const char* help;
    bool required;
  };
  static const Flag kFlags[] = {
      {"--instansi", "instansi_code", "instansi code, e.g. 5371", true},
      {"--nik", "nik", "16-digit NIK", true},
      {"--name", "full_name", "full name", true},
      {"--birth-date", "birth_date", "YYYY-MM-DD", true},
      {"--gender", "gender", "L/P (MALE/FEMALE)", true},
      {"--education", "education", "SD, SMP, SMA, D1-D4, S1-S3", true},
      {"--unit", "unit_kerja", "unit kerja (OPD)", true},
      {"--category", "jabatan_category",
       "GURU, TENAGA_KEPENDIDIKAN, TENAGA_KESEHATAN, TENAGA_TEKNIS", true},
      {"--title", "position_title", "position title", false},
      {"--tmt", "service_start_date", "service start date (TMT), YYYY-MM-DD", true},
      {"--contract-start", "contract_start", "current SK start, YYYY-MM-DD", false},
      {"--contract-end", "contract_end", "current SK end, YYYY-MM-DD", false},
  };
  for (const Flag& f : kFlags) {
    auto* opt = create->add_option(f.flag, (*fields)[f.field], f.help);
    if (f.required) opt->required();
  }
  create->add_option("--request-id", *request_id, "makes a retried create create nothing twice");
  create->callback([=] {
    v1::CreateHonorerRequest req;
    for (const auto& [field, value] : *fields) {
      if (value.empty()) continue;
      std::string error = SetHonorerField(*req.mutable_honorer(), field, value);
      if (!error.empty()) {
        *exit_code = UsageError(error);
        return;
      }
    }
    req.set_request_id(*request_id);
    CliContext& c = context();
    v1::Honorer out;
    if (!Invoke(c, &v1::RegistryService::Stub::CreateHonorer, req, &out, exit_code)) return;
    PrintHonorer(c, out);
  });
}

void AddHonorerReads(CLI::App& honorer, ContextFn context, int* exit_code) {
  auto* get = honorer.add_subcommand("get", "one honorer by name (honorers/ID) or --nik");
  auto name = std::make_shared<std::string>();
  auto nik = std::make_shared<std::string>();
  get->add_option("name", *name, "honorers/ID");
  get->add_option("--nik", *nik, "16-digit NIK");
  get->callback([=] {
    if (name->empty() == nik->empty()) {
      *exit_code = UsageError("give a name (honorers/ID) or --nik, not both");
      return;
    }
    v1::GetHonorerRequest req;
    if (!nik->empty()) req.set_nik(*nik); else req.set_name(*name);
    CliContext& c = context();
    v1::Honorer out;
    if (!Invoke(c, &v1::RegistryService::Stub::GetHonorer, req, &out, exit_code)) return;
    PrintHonorer(c, out);
  });

  auto* list = honorer.add_subcommand("list", "list honorers, filtered and paged");
  auto req = std::make_shared<v1::ListHonorersRequest>();
  auto status = std::make_shared<std::string>();
  auto category = std::make_shared<std::string>();
  auto all = std::make_shared<bool>(false);
  auto page_size = std::make_shared<int>(50);
  list->add_option("--instansi", *req->mutable_instansi_code(), "instansi code (default: yours)");
  list->add_option("--status", *status, EnumChoices(StatusEnum()));
  list->add_option("--category", *category, "jabatan category");
  list->add_option("--unit", *req->mutable_unit_kerja(), "unit kerja");
  list->add_option("--page-size", *page_size, "rows per page (at most 1000)");
  list->add_option("--page-token", *req->mutable_page_token(), "continue from a previous page");
  list->add_flag("--all", *all, "fetch every page");
  OffersCsv(list);
  list->callback([=] {
    v1::ListHonorersRequest r = *req;
    r.set_page_size(*page_size);
    if (!status->empty()) {
      auto v = ParseEnumName(StatusEnum(), *status);
      if (!v) {
        *exit_code = UsageError(absl::StrCat("--status must be one of ", EnumChoices(StatusEnum())));
        return;
      }
      r.set_status(static_cast<v1::HonorerStatus>(*v));
    }
    if (!category->empty()) {
      auto v = ParseEnumName(common::v1::JabatanCategory_descriptor(), *category);
      if (!v) {
        *exit_code = UsageError("--category must be GURU, TENAGA_KEPENDIDIKAN, TENAGA_KESEHATAN or TENAGA_TEKNIS");
        return;
      }
      r.set_jabatan_category(static_cast<common::v1::JabatanCategory>(*v));
    }
    CliContext& c = context();
    // Pages are printed as they arrive, so that --all over a national list holds one
    // page in memory. With --all, JSON is one honorer per line (JSON Lines).
    bool header = true;
    int64_t shown = 0;
    v1::ListHonorersResponse page;
    do {
      page.Clear();
      if (!Invoke(c, &v1::RegistryService::Stub::ListHonorers, r, &page, exit_code)) {
        return;
      }
      shown += page.honorers_size();
      if (c.json() && !*all) {
        c.PrintJson(page);
      } else if (c.json()) {
        for (const auto& h : page.honorers()) c.PrintJsonLine(h);
      } else if (c.csv()) {
        // The import's own columns, so that the file edited in Excel imports back.
        std::vector<std::vector<std::string>> rows;
        for (const auto& h : page.honorers()) rows.push_back(HonorerCsvRow(h));
        c.PrintCsv(HonorerCsvHeader(), rows);
      } else {
        std::vector<std::vector<std::string>> rows;
        for (const auto& h : page.honorers()) rows.push_back(HonorerRow(h));
        c.PrintTable(header ? kHonorerHeaders : std::vector<std::string>{}, rows);
        header = false;
      }
      r.set_page_token(page.next_page_token());
    } while (*all && !r.page_token().empty());
    if (c.json()) return;
    std::ostream& summary = c.Summary();
    summary << shown << " of " << page.total_size() << " honorers";
    if (!page.next_page_token().empty()) {
      summary << "; next page: --page-token " << page.next_page_token();
    }
    summary << "\n";
  });

  auto* history = honorer.add_subcommand("history", "the honorer's status history, oldest first");
  auto hname = std::make_shared<std::string>();
  history->add_option("name", *hname, "honorers/ID, ID or the NIK")->required();
  OffersCsv(history);
  history->callback([=] {
    CliContext& c = context();
    auto name = ResolveHonorer(c, *hname, "honorer", "", exit_code);
    if (!name) return;
    v1::ListStatusHistoryRequest r;
    r.set_name(*name);
    r.set_page_size(1000);
    v1::ListStatusHistoryResponse all;
    do {
      v1::ListStatusHistoryResponse page;
      if (!Invoke(c, &v1::RegistryService::Stub::ListStatusHistory, r, &page, exit_code)) {
        return;
      }
      all.mutable_events()->MergeFrom(page.events());
      r.set_page_token(page.next_page_token());
    } while (!r.page_token().empty());
    if (c.json()) return c.PrintJson(all);
    std::vector<std::vector<std::string>> rows;
    if (c.csv()) {
      for (const auto& e : all.events()) {
        rows.push_back({FormatCsvTime(e.time()),
                        e.from_status() == 0 ? "" : EnumName(StatusEnum(), e.from_status()),
                        EnumName(StatusEnum(), e.status()), e.principal(), e.reason()});
      }
      return c.PrintCsv({"time_utc", "from_status", "status", "principal", "reason"}, rows);
    }
    for (const auto& e : all.events()) {
      rows.push_back({FormatTimestamp(e.time()),
                      e.from_status() == 0 ? "-" : EnumName(StatusEnum(), e.from_status()),
                      EnumName(StatusEnum(), e.status()), e.principal(), e.reason()});
    }
    c.PrintTable({"TIME", "FROM", "TO", "BY", "REASON"}, rows);
  });
}

void AddHonorerWrites(CLI::App& honorer, ContextFn context, int* exit_code) {
  auto* update = honorer.add_subcommand("update", "change fields: --set unit_kerja=BPBD ...");
  auto name = std::make_shared<std::string>();
  auto sets = std::make_shared<std::vector<std::string>>();
  auto etag = std::make_shared<std::string>();
  update->add_option("name", *name, "honorers/ID")->required();
  update->add_option("--set", *sets, "field=value (repeatable)")->required();
  update->add_option("--etag", *etag, "refuse if the honorer changed since this etag");
  update->callback([=] {
    v1::UpdateHonorerRequest req;
    req.mutable_honorer()->set_name(*name);
    req.mutable_honorer()->set_etag(*etag);
    for (const std::string& kv : *sets) {
      std::pair<std::string, std::string> p = absl::StrSplit(kv, absl::MaxSplits('=', 1));
      std::string error = SetHonorerField(*req.mutable_honorer(), p.first, p.second);
      if (!error.empty() || kv.find('=') == std::string::npos) {
        *exit_code = UsageError(error.empty() ? absl::StrCat("--set ", kv, ": want field=value") : error);
        return;
      }
      req.mutable_update_mask()->add_paths(p.first);
    }
    CliContext& c = context();
    v1::Honorer out;
    if (!Invoke(c, &v1::RegistryService::Stub::UpdateHonorer, req, &out, exit_code)) return;
    PrintHonorer(c, out);
  });

  auto* status = honorer.add_subcommand("status", "change the status, with a reason");
  auto sname = std::make_shared<std::string>();
  auto to = std::make_shared<std::string>();
  auto reason = std::make_shared<std::string>();
  auto setag = std::make_shared<std::string>();
  status->add_option("name", *sname, "honorers/ID, ID or the NIK")->required();
  status->add_option("--to", *to, EnumChoices(StatusEnum()))->required();
  status->add_option("--reason", *reason, "why; the honorer will read it")->required();
  status->add_option("--etag", *setag, "refuse if the honorer changed since this etag");
  status->callback([=] {
    auto v = ParseEnumName(StatusEnum(), *to);
    if (!v) {
      *exit_code = UsageError(absl::StrCat("--to must be one of ", EnumChoices(StatusEnum())));
      return;
    }
    CliContext& c = context();
    auto name = ResolveHonorer(c, *sname, "honorer", "", exit_code);
    if (!name) return;
    v1::ChangeHonorerStatusRequest req;
    req.set_name(*name);
    req.set_status(static_cast<v1::HonorerStatus>(*v));
    req.set_reason(*reason);
    req.set_etag(*setag);
    v1::Honorer out;
    if (!Invoke(c, &v1::RegistryService::Stub::ChangeHonorerStatus, req, &out, exit_code)) return;
    PrintHonorer(c, out);
  });
}

void AddBulkStatus(CLI::App& registry, ContextFn context, int* exit_code) {
  auto* bulk = registry.add_subcommand(
      "bulk-status", "change the status of every honorer of an instansi that matches");
  auto req = std::make_shared<v1::BulkChangeStatusRequest>();
  auto to = std::make_shared<std::string>();
  auto only = std::make_shared<std::vector<std::string>>();
  auto units = std::make_shared<std::vector<std::string>>();
  auto except = std::make_shared<std::vector<std::string>>();
  auto dry_run = std::make_shared<bool>(false);
  bulk->add_option("--instansi", *req->mutable_instansi_code(), "instansi code")->required();
  bulk->add_option("--to", *to, EnumChoices(StatusEnum()))->required();
  bulk->add_option("--reason", *req->mutable_reason(), "why; every honorer will read it")
      ->required();
  bulk->add_option("--only-status", *only, "only honorers now in this status (repeatable)");
  bulk->add_option("--unit", *units, "only this unit kerja (repeatable)");
  bulk->add_option("--except-unit", *except, "never this unit kerja (repeatable)");
  bulk->add_flag("--dry-run", *dry_run, "count what would change, change nothing");
  bulk->callback([=] {
    v1::BulkChangeStatusRequest r = *req;
    auto v = ParseEnumName(StatusEnum(), *to);
    if (!v) {
      *exit_code = UsageError(absl::StrCat("--to must be one of ", EnumChoices(StatusEnum())));
      return;
    }
    r.set_new_status(static_cast<v1::HonorerStatus>(*v));
    for (const std::string& s : *only) {
      auto sv = ParseEnumName(StatusEnum(), s);
      if (!sv) {
        *exit_code = UsageError(absl::StrCat("--only-status ", s, " is not a status"));
        return;
      }
      r.add_current_status(static_cast<v1::HonorerStatus>(*sv));
    }
    for (const std::string& u : *units) r.add_unit_kerja(u);
    for (const std::string& u : *except) r.add_exclude_unit_kerja(u);
    r.set_dry_run(*dry_run);
    CliContext& c = context();
    v1::BulkChangeStatusResponse out;
    if (!Invoke(c, &v1::RegistryService::Stub::BulkChangeStatus, r, &out, exit_code, 300)) return;
    if (c.json()) return c.PrintJson(out);
    std::cout << (out.dry_run() ? "dry run: " : "") << out.matched() << " matched, "
              << out.changed() << (out.dry_run() ? " would change, " : " changed, ")
              << out.skipped() << " skipped (already " << *to << " or not allowed)\n";
  });
}

}  // namespace

void AddRegistryCommands(CLI::App& app, ContextFn context, int* exit_code) {
  CLI::App* registry = app.add_subcommand("registry", "instansi, their contacts, honorers and their contracts (SK)");
  registry->require_subcommand(1);
  AddInstansiCommands(*registry, context, exit_code);
  CLI::App* honorer = registry->add_subcommand("honorer", "one honorer at a time");
  honorer->require_subcommand(1);
  AddHonorerCreate(*honorer, context, exit_code);
  AddHonorerReads(*honorer, context, exit_code);
  AddHonorerWrites(*honorer, context, exit_code);
  AddImportCommand(*registry, context, exit_code);
  AddVerifyCommand(*registry, context, exit_code);
  AddBulkStatus(*registry, context, exit_code);
  AddContactsCommands(*registry, context, exit_code);
  AddContractCommands(*registry, context, exit_code);
}

}  // namespace penataan::cli
