// penataanctl screening round create|list|show|update: what BKN does with a
// selection round — its cut-off, appeal window and rule parameters, each with the
// regulation it comes from.

#include <fstream>
#include <iostream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "cli/proto_text.h"
#include "cli/screening_commands.h"
#include "cli/screening_values.h"

namespace penataan::cli {
namespace {

namespace v1 = screening::v1;
using ContextFn = std::function<CliContext&()>;

void PrintRound(CliContext& c, const v1::Round& r) {
  if (c.json()) return c.PrintJson(r);
  const std::string& zone = r.appeal_time_zone();
  std::cout << "round:     " << r.name() << "  " << r.display_name() << "\n"
            << "cut-off:   " << FormatDate(r.cutoff_date()) << " (ages and service judged on it)\n"
            << "appeal:    " << FormatDate(r.appeal_start_date()) << " to "
            << FormatDate(r.appeal_end_date()) << " " << zone;
  if (r.has_appeal_window_end()) {
    // The end is exclusive: an admin reads the window's last minute, as the honorers'
    // messages give it ("21 Februari 2025 pukul 23.59 WIB").
    google::protobuf::Timestamp last = r.appeal_window_end();
    last.set_seconds(last.seconds() - 1);
    std::cout << " (last minute " << ShowInstant(last, zone) << ")";
  }
  std::cout << "\n";
  if (r.has_results_publish_time()) {
    std::cout << "results:   published " << ShowInstant(r.results_publish_time(), zone) << "; "
              << r.applicant_count() << " applicants, " << r.ms_count() << " MS, "
              << r.tms_count() << " TMS\n";
  } else {
    std::cout << "results:   none yet (" << r.applicant_count() << " applicants)\n";
  }
  std::cout << "etag:      " << r.etag() << "\n\n";
  c.PrintTable({"PARAMETER", "VALUE", "REGULATION"}, RuleRows(r.rules()));
}

// The rule flags shared by create and update; Build reads them into Rules.
struct RuleFlags {
  std::string min_service, min_age, rules_file;
  std::vector<std::string> max_age, open, min_education, regulations;
  bool require_bkn = false, no_require_bkn = false, require_active = false,
       no_require_active = false, require_match = false, no_require_match = false;

  void Add(CLI::App* cmd) {
    cmd->add_option("--min-service", min_service,
                    "minimum continuous service at the cut-off, in whole years (e.g. 2)");
    cmd->add_option("--min-age", min_age, "minimum age at the cut-off, in completed years");
    cmd->add_option("--max-age", max_age,
                    "POST_KIND=YEARS, repeatable: GENERAL=57 FUNCTIONAL_AHLI_MADYA=59 "
                    "FUNCTIONAL_AHLI_UTAMA=64");
    cmd->add_flag("--require-bkn", require_bkn, "must be in the BKN non-ASN database");
    cmd->add_flag("--no-require-bkn", no_require_bkn, "(update) no longer required");
    cmd->add_flag("--require-active", require_active, "must be actively working (ACTIVE)");
    cmd->add_flag("--no-require-active", no_require_active, "(update) no longer required");
    cmd->add_flag("--require-bkn-match", require_match,
                  "the registry's name and birth date must match BKN's record");
    cmd->add_flag("--no-require-bkn-match", no_require_match, "(update) no longer required");
    cmd->add_option("--open", open,
                    "open categories, comma-separated or repeated: GURU,TENAGA_KEPENDIDIKAN,...");
    cmd->add_option("--min-education", min_education,
                    "CATEGORY=EDUCATION or \"position:TITLE=EDUCATION\", repeatable");
    cmd->add_option("--regulation", regulations,
                    "PARAMETER=REFERENCE, repeatable: the regulation each parameter comes from "
                    "(min-service=\"KepmenPANRB 347/2024\", max-age.FUNCTIONAL_AHLI_UTAMA=…, "
                    "default=… for the rest)");
    cmd->add_option("--rules-file", rules_file,
                    "the parameters from a file: one a line, KEY VALUE | REGULATION (or a Rules "
                    "JSON object); see docs/penataanctl.md")
        ->check(CLI::ExistingFile);
  }

  // The rules given; false (with *exit_code set) on a usage error.
  bool Build(v1::Rules* rules, int* exit_code) const {
    if (!rules_file.empty()) {
      std::ifstream in(rules_file, std::ios::binary);
      RulesFile file = ParseRulesFile(in);
      if (!file.errors.empty()) {
        for (const std::string& e : file.errors) std::cerr << rules_file << " " << e << "\n";
        *exit_code = UsageError(absl::StrCat(file.errors.size(), " errors in ", rules_file,
                                             "; nothing was sent"));
        return false;
      }
      *rules = file.rules;
    }
    std::vector<RuleInput> inputs;
    if (!min_service.empty()) inputs.push_back({"min-service", min_service, ""});
    if (!min_age.empty()) inputs.push_back({"min-age", min_age, ""});
    for (const auto& v : max_age) inputs.push_back({"max-age", v, ""});
    if (require_bkn || no_require_bkn) {
      inputs.push_back({"require-bkn", require_bkn ? "yes" : "no", ""});
    }
    if (require_active || no_require_active) {
      inputs.push_back({"require-active", require_active ? "yes" : "no", ""});
    }
    if (require_match || no_require_match) {
      inputs.push_back({"require-bkn-match", require_match ? "yes" : "no", ""});
    }
    for (const auto& v : open) inputs.push_back({"open", v, ""});
    for (const auto& v : min_education) inputs.push_back({"min-education", v, ""});
    for (const RuleInput& in : inputs) {
      if (absl::Status s = ApplyRule(in, rules); !s.ok()) {
        *exit_code = UsageError(absl::StrCat("--", s.message()));
        return false;
      }
    }
    if (absl::Status s = ApplyRegulations(regulations, rules); !s.ok()) {
      *exit_code = UsageError(std::string(s.message()));
      return false;
    }
    const std::vector<std::string> missing = MissingRegulations(*rules);
    if (!missing.empty()) {
      *exit_code = UsageError(absl::StrCat(
          "every parameter needs the regulation it comes from; none for: ",
          absl::StrJoin(missing, ", "),
          " (give --regulation PARAMETER=REFERENCE or --regulation default=REFERENCE)"));
      return false;
    }
    return true;
  }
};

bool CheckZone(const std::string& zone, int* exit_code) {
  absl::TimeZone tz;
  if (absl::LoadTimeZone(zone, &tz)) return true;
  *exit_code = UsageError(absl::StrCat("--zone \"", zone, "\" is not an IANA zone such as Asia/Jakarta"));
  return false;
}

void AddCreate(CLI::App& round, ContextFn context, int* exit_code) {
  struct Args {
    std::string name, cutoff, appeal, zone = "Asia/Jakarta", request_id;
    RuleFlags rules;
  };
  auto a = std::make_shared<Args>();
  auto* create = round.add_subcommand("create", "open a selection round (BKN)");
  create->add_option("--name", a->name, "e.g. \"Seleksi PPPK 2024 Tahap II\"")->required();
  create->add_option("--cutoff", a->cutoff, "the day ages and service are judged on, YYYY-MM-DD")
      ->required();
  create->add_option("--appeal", a->appeal,
                     "the appeal window as civil days in --zone: 2025-02-19..2025-02-21")
      ->required();
  create->add_option("--zone", a->zone, "IANA zone of the appeal window")->capture_default_str();
  create->add_option("--request-id", a->request_id,
                     "makes a retried create answer the round it created");
  a->rules.Add(create);
  create->callback([=] {
    v1::CreateRoundRequest req;
    v1::Round* r = req.mutable_round();
    r->set_display_name(a->name);
    auto cutoff = ParseDate(a->cutoff);
    if (!cutoff) {
      *exit_code = UsageError(absl::StrCat("--cutoff \"", a->cutoff, "\": want YYYY-MM-DD"));
      return;
    }
    *r->mutable_cutoff_date() = *cutoff;
    if (absl::Status s = ParseDateRange(a->appeal, r->mutable_appeal_start_date(),
                                        r->mutable_appeal_end_date());
        !s.ok()) {
      *exit_code = UsageError(absl::StrCat("--appeal ", s.message()));
      return;
    }
    if (!CheckZone(a->zone, exit_code)) return;
    r->set_appeal_time_zone(a->zone);
    if (!a->rules.Build(r->mutable_rules(), exit_code)) return;
    req.set_request_id(a->request_id);
    CliContext& c = context();
    v1::Round out;
    if (!InvokeScreening(c, &ScreeningStub::CreateRound, req, &out, exit_code)) return;
    PrintRound(c, out);
  });
}

void AddReads(CLI::App& round, ContextFn context, int* exit_code) {
  auto* list = round.add_subcommand("list", "every selection round");
  OffersCsv(list);
  list->callback([=] {
    CliContext& c = context();
    v1::ListRoundsRequest req;
    req.set_page_size(100);
    v1::ListRoundsResponse all;
    do {
      v1::ListRoundsResponse page;
      if (!InvokeScreening(c, &ScreeningStub::ListRounds, req, &page, exit_code)) return;
      all.mutable_rounds()->MergeFrom(page.rounds());
      req.set_page_token(page.next_page_token());
    } while (!req.page_token().empty());
    if (c.json()) return c.PrintJson(all);
    std::vector<std::vector<std::string>> rows;
    if (c.csv()) {
      for (const auto& r : all.rounds()) {
        rows.push_back({r.name(), r.display_name(), FormatDate(r.cutoff_date()),
                        FormatDate(r.appeal_start_date()), FormatDate(r.appeal_end_date()),
                        r.appeal_time_zone(), FormatCsvTime(r.results_publish_time())});
      }
      return c.PrintCsv({"name", "display_name", "cutoff_date", "appeal_start_date",
                         "appeal_end_date", "appeal_time_zone", "results_publish_time_utc"},
                        rows);
    }
    for (const auto& r : all.rounds()) {
      // ListRounds gives no counts (they read every result): `round show` does.
      rows.push_back({r.name(), r.display_name(), FormatDate(r.cutoff_date()),
                      absl::StrCat(FormatDate(r.appeal_start_date()), "..",
                                   FormatDate(r.appeal_end_date()), " ", r.appeal_time_zone()),
                      r.has_results_publish_time()
                          ? ShowInstant(r.results_publish_time(), r.appeal_time_zone())
                          : "not yet"});
    }
    c.PrintTable({"NAME", "TITLE", "CUT-OFF", "APPEAL", "RESULTS PUBLISHED"}, rows);
  });

  auto name = std::make_shared<std::string>();
  auto* show = round.add_subcommand("show", "one round: its window, counts and rules");
  show->add_option("round", *name, "rounds/3 or 3")->required();
  show->callback([=] {
    auto n = RoundArg(*name, exit_code);
    if (!n) return;
    CliContext& c = context();
    if (auto r = FetchRound(c, *n, exit_code)) PrintRound(c, *r);
  });
}

void AddUpdate(CLI::App& round, ContextFn context, int* exit_code) {
  struct Args {
    std::string round, name, cutoff, appeal, zone, etag;
    RuleFlags rules;
  };
  auto a = std::make_shared<Args>();
  auto* update = round.add_subcommand(
      "update", "rename, move the cut-off or the appeal window, or change rule parameters "
                "(the cut-off and rules only while the round has no results)");
  update->add_option("round", a->round, "rounds/3 or 3")->required();
  update->add_option("--name", a->name, "new title");
  update->add_option("--cutoff", a->cutoff, "new cut-off, YYYY-MM-DD");
  update->add_option("--appeal", a->appeal, "new appeal window, 2025-02-19..2025-02-21");
  update->add_option("--zone", a->zone, "new zone of the appeal window");
  update->add_option("--etag", a->etag, "the round's etag as you read it (default: read now)");
  a->rules.Add(update);
  update->callback([=] {
    auto n = RoundArg(a->round, exit_code);
    if (!n) return;
    v1::UpdateRoundRequest req;
    v1::Round* r = req.mutable_round();
    r->set_name(*n);
    auto* mask = req.mutable_update_mask();
    if (!a->name.empty()) {
      r->set_display_name(a->name);
      mask->add_paths("display_name");
    }
    if (!a->cutoff.empty()) {
      auto cutoff = ParseDate(a->cutoff);
      if (!cutoff) {
        *exit_code = UsageError(absl::StrCat("--cutoff \"", a->cutoff, "\": want YYYY-MM-DD"));
        return;
      }
      *r->mutable_cutoff_date() = *cutoff;
      mask->add_paths("cutoff_date");
    }
    if (!a->appeal.empty()) {
      if (absl::Status s = ParseDateRange(a->appeal, r->mutable_appeal_start_date(),
                                          r->mutable_appeal_end_date());
          !s.ok()) {
        *exit_code = UsageError(absl::StrCat("--appeal ", s.message()));
        return;
      }
      mask->add_paths("appeal_start_date");
      mask->add_paths("appeal_end_date");
    }
    if (!a->zone.empty()) {
      if (!CheckZone(a->zone, exit_code)) return;
      r->set_appeal_time_zone(a->zone);
      mask->add_paths("appeal_time_zone");
    }
    if (!a->rules.Build(r->mutable_rules(), exit_code)) return;
    for (const std::string& path : RulePaths(r->rules())) mask->add_paths(path);
    if (mask->paths_size() == 0) {
      *exit_code = UsageError("nothing to change: give --name, --cutoff, --appeal, --zone or a rule");
      return;
    }
    CliContext& c = context();
    std::string etag = a->etag;
    if (etag.empty()) {
      auto current = FetchRound(c, *n, exit_code);
      if (!current) return;
      etag = current->etag();
    }
    req.set_etag(etag);
    v1::Round out;
    if (!InvokeScreening(c, &ScreeningStub::UpdateRound, req, &out, exit_code)) return;
    PrintRound(c, out);
  });
}

}  // namespace

void AddRoundCommands(CLI::App& screening, ContextFn context, int* exit_code) {
  CLI::App* round = screening.add_subcommand("round", "selection rounds and their rules");
  round->require_subcommand(1);
  AddCreate(*round, context, exit_code);
  AddReads(*round, context, exit_code);
  AddUpdate(*round, context, exit_code);
}

}  // namespace penataan::cli
