// penataanctl formasi period create|list|show|update|close, extend, extensions:
// what Kemenpan-RB does with a proposal period and its deadlines.

#include <iostream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "cli/formasi_commands.h"
#include "cli/formasi_values.h"
#include "cli/proto_text.h"
#include "common/indonesian_time.h"
#include "google/protobuf/util/time_util.h"

namespace penataan::cli {
namespace {

namespace v1 = formasi::v1;
using ContextFn = std::function<CliContext&()>;
using google::protobuf::util::TimeUtil;

std::string Offsets(const v1::Period& p) {
  std::vector<std::string> out;
  for (const auto& d : p.reminder_offsets()) out.push_back(FormatOffset(d));
  return out.empty() ? "none" : absl::StrJoin(out, ", ");
}

std::string OpenDisplay(const v1::Period& p) {
  const absl::Time open = absl::FromUnixSeconds(p.open_time().seconds());
  return absl::StrCat(FormatIndonesianDateTime(open, p.deadline_time_zone()), " ",
                      ZoneAbbreviation(p.deadline_time_zone(), open));
}

void PrintPeriod(CliContext& c, const v1::Period& p) {
  if (c.json()) return c.PrintJson(p);
  std::cout << "period:    " << p.name() << "  " << p.display_name() << " ("
            << EnumName(v1::FormasiKind_descriptor(), p.kind()) << ")\n"
            << "state:     " << EnumName(v1::Period::State_descriptor(), p.state()) << "\n"
            << "opens:     " << OpenDisplay(p) << "\n"
            << "deadline:  " << p.deadline_display() << "  [" << p.deadline_civil_time() << " "
            << p.deadline_time_zone() << "]\n";
  if (!p.deadline_letter_number().empty()) {
    std::cout << "letter:    " << p.deadline_letter_number() << "\n";
  }
  std::cout << "reminders: " << Offsets(p) << " before each instansi's deadline\n";
  if (p.has_close_time()) std::cout << "closed:    " << FormatTimestamp(p.close_time()) << "\n";
}

std::vector<std::string> ExtensionRow(const v1::Extension& e) {
  return {e.instansi_code(), e.deadline_display(), e.letter_number(), e.reason(), e.granted_by()};
}
const std::vector<std::string> kExtensionHeaders = {"INSTANSI", "DEADLINE", "LETTER", "REASON",
                                                    "GRANTED BY"};

// The deadline as the letter states it: a civil time and its zone, in two cells a
// spreadsheet reads as they are.
std::vector<std::string> ExtensionCsvRow(const v1::Extension& e) {
  return {e.name(),          e.instansi_code(), e.deadline_civil_time(), e.deadline_time_zone(),
          e.letter_number(), e.reason(),        e.granted_by()};
}
const std::vector<std::string> kExtensionCsvHeader = {
    "name", "instansi_code", "deadline_civil_time", "deadline_time_zone", "letter_number",
    "reason", "granted_by"};

std::vector<std::string> PeriodCsvRow(const v1::Period& p) {
  return {p.name(),
          p.display_name(),
          EnumName(v1::FormasiKind_descriptor(), p.kind()),
          EnumName(v1::Period::State_descriptor(), p.state()),
          FormatCsvTime(p.open_time()),
          p.deadline_civil_time(),
          p.deadline_time_zone(),
          p.deadline_letter_number()};
}
const std::vector<std::string> kPeriodCsvHeader = {
    "name",  "display_name", "kind", "state", "open_time_utc", "deadline_civil_time",
    "deadline_time_zone", "deadline_letter_number"};

// Deadline flags as a civil time in a zone: what the ministry's letters state.
bool SetDeadline(const std::string& civil, const std::string& zone, std::string* civil_out,
                 std::string* zone_out, int* exit_code) {
  auto normal = NormalizeCivilTime(civil);
  if (!normal) {
    *exit_code = UsageError(absl::StrCat("--deadline \"", civil,
                                         "\": want a time like \"2025-08-25 23:59:59\""));
    return false;
  }
  *civil_out = *normal;
  *zone_out = zone;
  return true;
}

void AddCreate(CLI::App& period, ContextFn context, int* exit_code) {
  struct Args {
    std::string name, kind, open, deadline, zone = "Asia/Jakarta", remind = "7d,3d,1d,2h",
                                                 request_id;
  };
  auto a = std::make_shared<Args>();
  auto* create = period.add_subcommand("create", "open a proposal period (Kemenpan-RB)");
  create->add_option("--name", a->name, "e.g. \"PPPK Paruh Waktu 2025\"")->required();
  create->add_option("--kind", a->kind, "paruh-waktu or penuh-waktu")->required();
  create->add_option("--open", a->open, "civil time in --zone, e.g. \"2025-08-07 00:00:00\"")
      ->required();
  create->add_option("--deadline", a->deadline,
                     "civil time in --zone, e.g. \"2025-08-20 23:59:59\" (to the second)")
      ->required();
  create->add_option("--zone", a->zone, "IANA zone the times are stated in")
      ->capture_default_str();
  create->add_option("--remind", a->remind, "reminder offsets before each deadline, or none")
      ->capture_default_str();
  create->add_option("--request-id", a->request_id,
                     "makes a retried create answer the period it created");
  create->callback([=] {
    v1::CreatePeriodRequest req;
    v1::Period* p = req.mutable_period();
    p->set_display_name(a->name);
    auto kind = ParseKind(a->kind);
    if (!kind) {
      *exit_code = UsageError("--kind must be paruh-waktu or penuh-waktu");
      return;
    }
    p->set_kind(*kind);
    auto open = CivilTimeIn(a->open, a->zone);
    if (!open.ok()) {
      *exit_code = UsageError(absl::StrCat("--open ", open.status().message()));
      return;
    }
    *p->mutable_open_time() = TimeUtil::SecondsToTimestamp(absl::ToUnixSeconds(*open));
    if (!SetDeadline(a->deadline, a->zone, p->mutable_deadline_civil_time(),
                     p->mutable_deadline_time_zone(), exit_code)) {
      return;
    }
    auto offsets = ParseOffsets(a->remind);
    if (!offsets.ok()) {
      *exit_code = UsageError(absl::StrCat("--remind ", offsets.status().message()));
      return;
    }
    for (absl::Duration d : *offsets) {
      p->add_reminder_offsets()->set_seconds(absl::ToInt64Seconds(d));
    }
    req.set_request_id(a->request_id);
    CliContext& c = context();
    v1::Period out;
    if (!InvokeFormasi(c, &FormasiStub::CreatePeriod, req, &out, exit_code)) return;
    PrintPeriod(c, out);
  });
}

void AddReads(CLI::App& period, ContextFn context, int* exit_code) {
  auto* list = period.add_subcommand("list", "every proposal period");
  OffersCsv(list);
  list->callback([=] {
    CliContext& c = context();
    v1::ListPeriodsRequest req;
    req.set_page_size(100);
    v1::ListPeriodsResponse all;
    do {
      v1::ListPeriodsResponse page;
      if (!InvokeFormasi(c, &FormasiStub::ListPeriods, req, &page, exit_code)) return;
      all.mutable_periods()->MergeFrom(page.periods());
      req.set_page_token(page.next_page_token());
    } while (!req.page_token().empty());
    if (c.json()) return c.PrintJson(all);
    std::vector<std::vector<std::string>> rows;
    if (c.csv()) {
      for (const auto& p : all.periods()) rows.push_back(PeriodCsvRow(p));
      return c.PrintCsv(kPeriodCsvHeader, rows);
    }
    for (const auto& p : all.periods()) {
      rows.push_back({p.name(), p.display_name(), EnumName(v1::FormasiKind_descriptor(), p.kind()),
                      EnumName(v1::Period::State_descriptor(), p.state()), p.deadline_display(),
                      p.deadline_letter_number()});
    }
    c.PrintTable({"NAME", "TITLE", "KIND", "STATE", "DEADLINE", "LETTER"}, rows);
  });

  auto name = std::make_shared<std::string>();
  auto* show = period.add_subcommand("show", "one period: its deadline, letter and reminders");
  show->add_option("period", *name, "periods/7 or 7")->required();
  show->callback([=] {
    auto n = PeriodArg(*name, exit_code);
    if (!n) return;
    CliContext& c = context();
    if (auto p = FetchPeriod(c, *n, exit_code)) PrintPeriod(c, *p);
  });
}

void AddUpdateAndClose(CLI::App& period, ContextFn context, int* exit_code) {
  struct Args {
    std::string period, deadline, zone, name, remind, letter, reason;
  };
  auto a = std::make_shared<Args>();
  auto* update = period.add_subcommand(
      "update", "move the national deadline (with the letter that decided it), rename, or "
                "change the reminders");
  update->add_option("period", a->period, "periods/7 or 7")->required();
  update->add_option("--deadline", a->deadline, "new deadline, civil time, e.g. \"2025-08-25 23:59:59\"");
  update->add_option("--zone", a->zone, "the zone of --deadline (default: the period's)");
  update->add_option("--name", a->name, "new title");
  update->add_option("--remind", a->remind, "new reminder offsets, e.g. 7d,3d,1d,2h");
  update->add_option("--letter", a->letter,
                     "number of the letter that moved the deadline, e.g. B/3832/M.SM.01.00/2025");
  update->add_option("--reason", a->reason, "why, for the audit log");
  update->callback([=] {
    auto n = PeriodArg(a->period, exit_code);
    if (!n) return;
    if (a->deadline.empty() && a->name.empty() && a->remind.empty()) {
      *exit_code = UsageError("nothing to change: give --deadline, --name or --remind");
      return;
    }
    if (!a->deadline.empty() && a->letter.empty()) {
      *exit_code = UsageError("--deadline needs --letter: the letter that decided the move");
      return;
    }
    CliContext& c = context();
    auto current = FetchPeriod(c, *n, exit_code);
    if (!current) return;
    v1::UpdatePeriodRequest req;
    v1::Period* p = req.mutable_period();
    p->set_name(*n);
    if (!a->deadline.empty()) {
      if (!SetDeadline(a->deadline, a->zone.empty() ? current->deadline_time_zone() : a->zone,
                       p->mutable_deadline_civil_time(), p->mutable_deadline_time_zone(),
                       exit_code)) {
        return;
      }
      req.mutable_update_mask()->add_paths("deadline");
    }
    if (!a->name.empty()) {
      p->set_display_name(a->name);
      req.mutable_update_mask()->add_paths("display_name");
    }
    if (!a->remind.empty()) {
      auto offsets = ParseOffsets(a->remind);
      if (!offsets.ok()) {
        *exit_code = UsageError(absl::StrCat("--remind ", offsets.status().message()));
        return;
      }
      for (absl::Duration d : *offsets) {
        p->add_reminder_offsets()->set_seconds(absl::ToInt64Seconds(d));
      }
      req.mutable_update_mask()->add_paths("reminder_offsets");
    }
    req.set_letter_number(a->letter);
    req.set_reason(a->reason);
    req.set_etag(current->etag());
    v1::Period out;
    if (!InvokeFormasi(c, &FormasiStub::UpdatePeriod, req, &out, exit_code)) return;
    if (!c.json() && !a->deadline.empty()) {
      std::cout << "deadline moved from " << current->deadline_display() << " to "
                << out.deadline_display() << "\n\n";
    }
    PrintPeriod(c, out);
  });

  auto close_name = std::make_shared<std::string>();
  auto close_reason = std::make_shared<std::string>();
  auto* close = period.add_subcommand("close", "close the period now, for every instansi");
  close->add_option("period", *close_name, "periods/7 or 7")->required();
  close->add_option("--reason", *close_reason, "why, for the audit log");
  close->callback([=] {
    auto n = PeriodArg(*close_name, exit_code);
    if (!n) return;
    CliContext& c = context();
    auto current = FetchPeriod(c, *n, exit_code);
    if (!current) return;
    v1::ClosePeriodRequest req;
    req.set_name(*n);
    req.set_etag(current->etag());
    req.set_reason(*close_reason);
    v1::Period out;
    if (!InvokeFormasi(c, &FormasiStub::ClosePeriod, req, &out, exit_code)) return;
    PrintPeriod(c, out);
  });
}

void AddExtensions(CLI::App& formasi, ContextFn context, int* exit_code) {
  struct Args {
    std::string period, instansi, deadline, zone, reason, letter, request_id;
  };
  auto a = std::make_shared<Args>();
  auto* extend = formasi.add_subcommand("extend", "give one instansi a later deadline");
  extend->add_option("period", a->period, "periods/7 or 7")->required();
  extend->add_option("instansi", a->instansi, "instansi code, e.g. 5371")->required();
  extend->add_option("--deadline", a->deadline, "civil time, e.g. \"2025-08-27 23:59:59\"")
      ->required();
  extend->add_option("--zone", a->zone, "the zone of --deadline (default: the period's)");
  extend->add_option("--reason", a->reason, "why")->required();
  extend->add_option("--letter", a->letter, "the granting letter, e.g. B/4014/M.SM.01.00/2025")
      ->required();
  extend->add_option("--request-id", a->request_id, "makes a retry grant nothing twice");
  extend->callback([=] {
    auto n = PeriodArg(a->period, exit_code);
    if (!n) return;
    v1::GrantExtensionRequest req;
    v1::Extension* e = req.mutable_extension();
    e->set_period(*n);
    e->set_instansi_code(a->instansi);
    if (!SetDeadline(a->deadline, a->zone, e->mutable_deadline_civil_time(),
                     e->mutable_deadline_time_zone(), exit_code)) {
      return;
    }
    e->set_reason(a->reason);
    e->set_letter_number(a->letter);
    req.set_request_id(a->request_id);
    CliContext& c = context();
    v1::Extension out;
    if (!InvokeFormasi(c, &FormasiStub::GrantExtension, req, &out, exit_code)) return;
    if (c.json()) return c.PrintJson(out);
    std::cout << "extended " << out.name() << ": " << out.instansi_code() << " may submit until "
              << out.deadline_display() << " (letter " << out.letter_number() << ")\n";
  });

  auto period = std::make_shared<std::string>();
  auto instansi = std::make_shared<std::string>();
  auto* list = formasi.add_subcommand("extensions", "the extensions granted in a period");
  list->add_option("period", *period, "periods/7 or 7")->required();
  list->add_option("--instansi", *instansi, "only this instansi");
  OffersCsv(list);
  list->callback([=] {
    auto n = PeriodArg(*period, exit_code);
    if (!n) return;
    CliContext& c = context();
    v1::ListExtensionsRequest req;
    req.set_period(*n);
    req.set_instansi_code(*instansi);
    req.set_page_size(500);
    v1::ListExtensionsResponse all;
    do {
      v1::ListExtensionsResponse page;
      if (!InvokeFormasi(c, &FormasiStub::ListExtensions, req, &page, exit_code)) return;
      all.mutable_extensions()->MergeFrom(page.extensions());
      req.set_page_token(page.next_page_token());
    } while (!req.page_token().empty());
    if (c.json()) return c.PrintJson(all);
    std::vector<std::vector<std::string>> rows;
    if (c.csv()) {
      for (const auto& e : all.extensions()) rows.push_back(ExtensionCsvRow(e));
      c.PrintCsv(kExtensionCsvHeader, rows);
    } else {
      for (const auto& e : all.extensions()) rows.push_back(ExtensionRow(e));
      c.PrintTable(kExtensionHeaders, rows);
    }
    c.Summary() << all.extensions_size() << " extensions\n";
  });
}

}  // namespace

void AddPeriodCommands(CLI::App& formasi, ContextFn context, int* exit_code) {
  CLI::App* period = formasi.add_subcommand("period", "proposal periods and their deadlines");
  period->require_subcommand(1);
  AddCreate(*period, context, exit_code);
  AddReads(*period, context, exit_code);
  AddUpdateAndClose(*period, context, exit_code);
  AddExtensions(formasi, context, exit_code);
}

}  // namespace penataan::cli
