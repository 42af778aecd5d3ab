// penataanctl formasi summary PERIOD [--instansi CODE]: where a period stands — per
// instansi its state, posts, honorers named and left out, cost and deadline; the
// national totals, the reasons honorers were left out, and who has not submitted.

#include <iostream>
#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "cli/formasi_commands.h"
#include "cli/formasi_values.h"
#include "cli/proto_text.h"

namespace penataan::cli {
namespace {

namespace v1 = formasi::v1;

int64_t LeftOut(const v1::PeriodSummary::Row& r) {
  int64_t n = 0;
  for (const auto& l : r.left_out()) n += l.count();
  return n;
}

int64_t Posts(const v1::PeriodSummary::Row& r) {
  int64_t n = 0;
  for (const auto& p : r.posts_by_category()) n += p.posts();
  return n;
}

std::string Percent(int64_t part, int64_t whole) {
  return whole > 0 ? absl::StrFormat("%.1f%%", 100.0 * part / whole) : "-";
}

// One row per instansi, full values; the national totals go to stderr with it.
void PrintRowsCsv(CliContext& c, const v1::PeriodSummary& s) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& r : s.rows()) {
    rows.push_back({r.instansi_code(), r.instansi_display_name(), ProposalStateName(r.state()),
                    r.deadline_missed() ? "true" : "false", absl::StrCat(Posts(r)),
                    absl::StrCat(r.honorers_named()), absl::StrCat(LeftOut(r)),
                    absl::StrCat(r.estimated_annual_cost_idr()),
                    FormatCsvTime(r.effective_deadline()), FormatCsvTime(r.submit_time())});
  }
  c.PrintCsv({"instansi_code", "instansi_display_name", "state", "deadline_missed", "posts",
              "honorers_named", "left_out", "estimated_annual_cost_idr", "effective_deadline_utc",
              "submit_time_utc"},
             rows);
}

void PrintRowsTable(CliContext& c, const v1::PeriodSummary& s, const std::string& zone) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& r : s.rows()) {
    rows.push_back({r.instansi_code(), r.instansi_display_name(),
                    ProposalStateName(r.state()) + (r.deadline_missed() ? " (missed)" : ""),
                    std::to_string(Posts(r)), std::to_string(r.honorers_named()),
                    std::to_string(LeftOut(r)), FormatRupiah(r.estimated_annual_cost_idr()),
                    DeadlineWithTimeLeft(r.deadline_display(), r.time_left()),
                    r.has_submit_time() ? FormatInstant(r.submit_time(), zone) : "-"});
  }
  c.PrintTable({"INSTANSI", "NAME", "STATE", "POSTS", "NAMED", "LEFT OUT", "COST/YEAR",
                "DEADLINE", "SUBMITTED"},
               rows);
}

void PrintSummary(CliContext& c, const v1::PeriodSummary& s, const v1::Period* period) {
  std::ostream& out = c.Summary();
  if (period != nullptr) {
    out << period->display_name() << " (" << s.period() << "), deadline "
              << period->deadline_display()
              << (period->deadline_letter_number().empty()
                      ? ""
                      : " per " + period->deadline_letter_number())
              << ", " << EnumName(v1::Period::State_descriptor(), period->state()) << "\n\n";
  }
  if (c.csv()) {
    PrintRowsCsv(c, s);
  } else {
    PrintRowsTable(c, s, period != nullptr ? period->deadline_time_zone() : "");
  }
  std::map<std::string, std::string> names;
  for (const auto& r : s.rows()) names[r.instansi_code()] = r.instansi_display_name();

  out << "\nsubmitted: " << s.instansi_submitted() << " of " << s.instansi_total()
            << " instansi\n";
  std::vector<std::string> posts;
  for (const auto& p : s.posts_by_category()) {
    posts.push_back(absl::StrCat(
        EnumName(common::v1::JabatanCategory_descriptor(), p.jabatan_category()), " ", p.posts()));
  }
  out << "posts:     " << s.total_posts()
            << (posts.empty() ? "" : " (" + absl::StrJoin(posts, ", ") + ")") << "\n";
  out << "honorers:  " << s.honorers_named() << " named, " << s.honorers_left_out()
            << " left out: "
            << absl::StrFormat("%.1f%%", s.share_proposed_percent())
            << " of the eligible honorers proposed (submitted proposals)\n";
  if (!s.left_out().empty()) {
    out << "left out by reason:\n";
    std::vector<std::vector<std::string>> reasons;
    for (const auto& l : s.left_out()) {
      reasons.push_back({"  " + ReasonLabel(l.reason()), std::to_string(l.count()),
                         Percent(l.count(), s.honorers_left_out())});
    }
    c.PrintTable({}, reasons, out);
  }
  std::vector<std::string> missing;
  for (const std::string& code : s.not_submitted()) {
    auto it = names.find(code);
    missing.push_back(it == names.end() || it->second.empty()
                          ? code
                          : absl::StrCat(code, " ", it->second));
  }
  out << "not submitted (" << missing.size() << "): "
            << (missing.empty() ? "none" : absl::StrJoin(missing, "; ")) << "\n";
}

}  // namespace

void AddSummaryCommand(CLI::App& formasi, std::function<CliContext&()> context,
                       int* exit_code) {
  auto period = std::make_shared<std::string>();
  auto instansi = std::make_shared<std::string>();
  auto* summary = formasi.add_subcommand(
      "summary", "a period at a glance: per instansi, national totals, who has not submitted");
  OffersCsv(summary);
  summary->add_option("period", *period, "periods/7 or 7")->required();
  summary->add_option("--instansi", *instansi,
                      "one instansi's row (an instansi principal must name itself)");
  summary->callback([=] {
    auto n = PeriodArg(*period, exit_code);
    if (!n) return;
    CliContext& c = context();
    v1::GetPeriodSummaryRequest req;
    req.set_period(*n);
    req.set_instansi_code(*instansi);
    v1::PeriodSummary out;
    if (!InvokeFormasi(c, &FormasiStub::GetPeriodSummary, req, &out, exit_code, 120)) return;
    if (c.json()) return c.PrintJson(out);
    // The heading is a courtesy: the summary stands without it.
    FormasiStub stub(c.FormasiChannel());
    v1::GetPeriodRequest get;
    get.set_name(*n);
    v1::Period p;
    const bool have_period = stub.GetPeriod(c.NewContext().get(), get, &p).ok();
    PrintSummary(c, out, have_period ? &p : nullptr);
  });
}

}  // namespace penataan::cli
