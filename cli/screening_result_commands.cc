// penataanctl screening results|rank: the MS/TMS results of a round (filtered,
// one in full with every reason, or counted per reason), and an instansi's MS
// candidates in priority order.

#include <algorithm>
#include <iostream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "cli/proto_text.h"
#include "cli/screening_commands.h"
#include "cli/screening_values.h"

namespace penataan::cli {
namespace {

namespace v1 = screening::v1;
using ContextFn = std::function<CliContext&()>;

std::string OutcomeText(const v1::Result& r) {
  std::string out = EnumName(v1::Outcome_descriptor(), r.outcome());
  if (r.changed_by_appeal()) absl::StrAppend(&out, " (sanggah diterima)");
  return out;
}

// A result in full values; `honorer` is what `applicants add --file` reads, so that
// a filtered list (the TMS of one reason, say) is the file of another round.
std::vector<std::string> ResultCsvRow(const v1::Result& r) {
  std::vector<std::string> codes;
  for (const auto& reason : r.reasons()) codes.push_back(v1::ReasonCode_Name(reason.code()));
  return {r.name(),
          r.honorer(),
          r.full_name(),
          r.instansi_code(),
          EnumName(v1::Outcome_descriptor(), r.outcome()),
          r.changed_by_appeal() ? "true" : "false",
          absl::StrCat(r.service_days()),
          absl::StrCat(r.age_years()),
          absl::StrJoin(codes, ";")};
}
const std::vector<std::string> kResultCsvHeader = {
    "name",      "honorer",      "full_name", "instansi_code", "outcome", "changed_by_appeal",
    "service_days", "age_years", "reasons"};

void PrintResult(CliContext& c, const v1::Result& r) {
  if (c.json()) return c.PrintJson(r);
  if (c.csv()) return c.PrintCsv(kResultCsvHeader, {ResultCsvRow(r)});
  std::cout << "result:    " << r.name() << "\n"
            << "honorer:   " << r.honorer() << "  " << r.full_name() << " (instansi "
            << r.instansi_code() << ")\n"
            << "outcome:   " << OutcomeText(r) << "\n"
            << "judged:    service " << FormatServiceDays(r.service_days()) << " ("
            << r.service_days() << " days), age " << r.age_years() << " at the cut-off\n";
  if (!r.appeal().empty()) std::cout << "appeal:    " << r.appeal() << "\n";
  if (r.reasons_size() == 0) return;
  std::cout << "\nreasons" << (r.changed_by_appeal() ? " (kept after the appeal)" : "") << ":\n";
  for (const auto& reason : r.reasons()) {
    std::cout << "  " << v1::ReasonCode_Name(reason.code()) << ": " << reason.message() << "\n";
    if (!reason.regulation().empty()) std::cout << "    (" << reason.regulation() << ")\n";
  }
}

struct ResultArgs {
  std::string target, instansi, outcome, reason;
  bool counts = false, all = false;
  int page_size = 50;
};

void PrintCounts(CliContext& c, const std::string& round, const ResultArgs& a, int* exit_code) {
  v1::SummarizeResultsRequest req;
  req.set_round(round);
  req.set_instansi_code(a.instansi);
  v1::ResultSummary summary;
  if (!InvokeScreening(c, &ScreeningStub::SummarizeResults, req, &summary, exit_code)) return;
  if (c.json()) return c.PrintJson(summary);
  c.PrintTable({"INSTANSI", "MS", "TMS", "APPEALS", "CHANGED BY APPEAL"}, SummaryRows(summary));
  const auto reasons = ReasonRows(summary);
  if (reasons.empty()) return;
  std::cout << "\nTMS per reason (a result with two reasons counts in both):\n";
  c.PrintTable({"INSTANSI", "REASON", "", "TMS"}, reasons);
  std::cout << "\nTMS per category:\n";
  c.PrintTable({"INSTANSI", "CATEGORY", "TMS"}, CategoryRows(summary));
}

void ListResults(CliContext& c, const std::string& round, const ResultArgs& a, int* exit_code) {
  v1::ListResultsRequest req;
  req.set_round(round);
  req.set_instansi_code(a.instansi);
  if (!a.outcome.empty()) {
    auto o = ParseOutcome(a.outcome);
    if (!o) {
      *exit_code = UsageError(absl::StrCat("--outcome \"", a.outcome, "\": want MS or TMS"));
      return;
    }
    req.set_outcome(*o);
  }
  if (!a.reason.empty()) {
    auto r = ParseReasonCode(a.reason);
    if (!r) {
      *exit_code = UsageError(absl::StrCat("--reason \"", a.reason, "\": want one of ",
                                           EnumChoices(v1::ReasonCode_descriptor())));
      return;
    }
    req.set_reason(*r);
  }
  req.set_page_size(a.all ? 1000 : a.page_size);
  v1::ListResultsResponse all;
  do {
    v1::ListResultsResponse page;
    if (!InvokeScreening(c, &ScreeningStub::ListResults, req, &page, exit_code)) return;
    all.mutable_results()->MergeFrom(page.results());
    all.set_total_size(page.total_size());
    all.set_next_page_token(page.next_page_token());
    req.set_page_token(page.next_page_token());
  } while (a.all && !req.page_token().empty());
  if (c.json()) return c.PrintJson(all);
  std::vector<std::vector<std::string>> rows;
  for (const auto& r : all.results()) {
    if (c.csv()) {
      rows.push_back(ResultCsvRow(r));
      continue;
    }
    std::vector<std::string> codes;
    for (const auto& reason : r.reasons()) codes.push_back(v1::ReasonCode_Name(reason.code()));
    rows.push_back({r.name(), r.full_name(), r.instansi_code(), OutcomeText(r),
                    FormatServiceDays(r.service_days()), absl::StrCat(r.age_years()),
                    absl::StrJoin(codes, ",")});
  }
  if (c.csv()) {
    c.PrintCsv(kResultCsvHeader, rows);
  } else {
    c.PrintTable({"RESULT", "NAME", "INSTANSI", "OUTCOME", "SERVICE", "AGE", "REASONS"}, rows);
  }
  c.Summary() << all.results_size() << " of " << all.total_size() << " results"
              << (all.next_page_token().empty() ? "" : " (--all for every one)")
              << "; one in full: penataanctl screening results RESULT\n";
}

void AddResults(CLI::App& screening, ContextFn context, int* exit_code) {
  auto a = std::make_shared<ResultArgs>();
  auto* results = screening.add_subcommand(
      "results", "the results of a round (filtered, or --counts per reason), or one result in "
                 "full with every reason");
  results->add_option("round", a->target, "rounds/3 (or 3); a result rounds/3/results/12 shows it")
      ->required();
  results->add_option("--instansi", a->instansi, "only this instansi (an instansi: its own)");
  results->add_option("--outcome", a->outcome, "MS or TMS");
  results->add_option("--reason", a->reason, "only results with this reason, e.g. SERVICE_TOO_SHORT");
  results->add_flag("--counts", a->counts, "counts per instansi and per reason");
  results->add_option("--page-size", a->page_size, "rows to show")->capture_default_str();
  results->add_flag("--all", a->all, "every result, page by page");
  OffersCsv(results);
  results->callback([=] {
    CliContext& c = context();
    if (c.csv() && a->counts) {
      *exit_code = UsageError("--counts prints three tables, which are no one CSV: use -o json, "
                              "or -o csv without --counts for the results themselves");
      return;
    }
    if (auto result = ParseResultName(a->target)) {
      v1::GetResultRequest req;
      req.set_name(*result);
      v1::Result r;
      if (InvokeScreening(c, &ScreeningStub::GetResult, req, &r, exit_code)) PrintResult(c, r);
      return;
    }
    auto n = RoundArg(a->target, exit_code);
    if (!n) return;
    if (a->counts) return PrintCounts(c, *n, *a, exit_code);
    ListResults(c, *n, *a, exit_code);
  });
}

void AddRank(CLI::App& screening, ContextFn context, int* exit_code) {
  struct Args {
    std::string round, instansi;
    int limit = 20;
    bool all = false;
  };
  auto a = std::make_shared<Args>();
  auto* rank = screening.add_subcommand(
      "rank", "an instansi's MS candidates, longest continuous service first, then older first");
  rank->add_option("round", a->round, "rounds/3 or 3")->required();
  rank->add_option("--instansi", a->instansi, "the instansi, e.g. 6471")->required();
  rank->add_option("--limit", a->limit, "candidates to show")->capture_default_str();
  rank->add_flag("--all", a->all, "every candidate");
  OffersCsv(rank);
  rank->callback([=] {
    auto n = RoundArg(a->round, exit_code);
    if (!n) return;
    CliContext& c = context();
    v1::RankCandidatesRequest req;
    req.set_round(*n);
    req.set_instansi_code(a->instansi);
    v1::RankCandidatesResponse all;
    do {
      const int left = a->limit - all.candidates_size();
      req.set_page_size(a->all ? 1000 : std::min(1000, std::max(1, left)));
      v1::RankCandidatesResponse page;
      if (!InvokeScreening(c, &ScreeningStub::RankCandidates, req, &page, exit_code)) return;
      all.mutable_candidates()->MergeFrom(page.candidates());
      all.set_total_size(page.total_size());
      req.set_page_token(page.next_page_token());
    } while (!req.page_token().empty() && (a->all || all.candidates_size() < a->limit));
    if (!a->all && all.candidates_size() > a->limit) {
      all.mutable_candidates()->DeleteSubrange(a->limit, all.candidates_size() - a->limit);
    }
    if (c.json()) return c.PrintJson(all);
    std::vector<std::vector<std::string>> rows;
    for (const auto& k : all.candidates()) {
      if (c.csv()) {
        rows.push_back({absl::StrCat(k.rank()), k.honorer(), k.full_name(),
                        absl::StrCat(k.service_days()), absl::StrCat(k.age_years()),
                        k.changed_by_appeal() ? "true" : "false"});
        continue;
      }
      rows.push_back({absl::StrCat(k.rank()), k.honorer(), k.full_name(),
                      k.service_display().empty() ? FormatServiceDays(k.service_days())
                                                  : k.service_display(),
                      absl::StrCat(k.age_years()), k.changed_by_appeal() ? "MS by appeal" : ""});
    }
    if (c.csv()) {
      c.PrintCsv({"rank", "honorer", "full_name", "service_days", "age_years",
                  "changed_by_appeal"},
                 rows);
    } else {
      c.PrintTable({"RANK", "HONORER", "NAME", "SERVICE", "AGE", ""}, rows);
    }
    c.Summary() << all.candidates_size() << " of " << all.total_size() << " MS candidates of "
                << a->instansi << "\n";
  });
}

}  // namespace

void AddResultCommands(CLI::App& screening, ContextFn context, int* exit_code) {
  AddResults(screening, context, exit_code);
  AddRank(screening, context, exit_code);
}

}  // namespace penataan::cli
