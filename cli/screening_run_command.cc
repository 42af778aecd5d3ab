// penataanctl screening run ROUND [--request-id X] [--dry-run --set PARAM=VALUE ...]
//
// Streams RunScreening: a progress bar on a terminal (plain lines otherwise, for
// logs and scripts), then the run's counts; a dry run prints how the counts per
// instansi and reason would change against the stored results (what-if), and
// writes nothing. A run cut off is completed by running the same command again.

#include <unistd.h>

#include <iostream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "cli/screening_commands.h"
#include "cli/screening_values.h"

namespace penataan::cli {
namespace {

namespace v1 = screening::v1;
using ContextFn = std::function<CliContext&()>;

// Draws the progress: one redrawn line on a terminal; otherwise a line when the
// phase changes and at each further quarter of the applicants.
class ProgressView {
 public:
  explicit ProgressView(bool quiet) : tty_(!quiet && isatty(STDOUT_FILENO)), quiet_(quiet) {}

  void Show(const v1::RunScreeningProgress& p) {
    if (quiet_) return;
    const bool new_phase = p.phase() != phase_;
    phase_ = p.phase();
    if (tty_) {
      const absl::Time now = absl::Now();
      if (!new_phase && now - last_ < absl::Milliseconds(100) && p.processed() < p.total()) return;
      last_ = now;
      std::cout << "\r  " << ProgressBar(p.processed(), p.total(), p.ms(), p.tms(), 30) << "  "
                << absl::StrFormat("%-34s", PhaseWords(p.phase())) << std::flush;
      drawn_ = true;
      return;
    }
    const int quarter = p.total() > 0 ? static_cast<int>(4 * p.processed() / p.total()) : 0;
    if (!new_phase && quarter == quarter_) return;
    quarter_ = quarter;
    std::cout << PhaseWords(p.phase()) << ": " << p.processed() << "/" << p.total() << " (MS "
              << p.ms() << ", TMS " << p.tms() << ")\n";
  }

  void End() {
    if (drawn_) std::cout << "\n";
    drawn_ = false;
  }

 private:
  bool tty_, quiet_;
  bool drawn_ = false;
  v1::Run::Phase phase_ = v1::Run::PHASE_UNSPECIFIED;
  int quarter_ = -1;
  absl::Time last_ = absl::InfinitePast();
};

struct RunArgs {
  std::string round, request_id;
  bool dry_run = false;
  std::vector<std::string> sets;
  int timeout_seconds = 3600;
};

int RunScreening(CliContext& c, const RunArgs& a, int* exit_code) {
  auto n = RoundArg(a.round, exit_code);
  if (!n) return *exit_code;
  v1::RunScreeningRequest req;
  req.set_round(*n);
  req.set_request_id(a.request_id);
  req.set_dry_run(a.dry_run);
  if (!a.sets.empty() && !a.dry_run) {
    return UsageError("--set changes parameters only for a --dry-run (what-if); to change the "
                      "round's rules use `screening round update`");
  }
  for (const std::string& spec : a.sets) {
    if (absl::Status s = ApplyOverride(spec, req.mutable_overrides(), req.mutable_override_mask());
        !s.ok()) {
      return UsageError(std::string(s.message()));
    }
  }
  ScreeningStub stub(c.ScreeningChannel());
  auto ctx = c.NewContext(a.timeout_seconds);
  auto reader = stub.RunScreening(ctx.get(), req);
  ProgressView view(c.json());
  v1::RunScreeningProgress progress, last;
  bool any = false;
  while (reader->Read(&progress)) {
    view.Show(progress);
    last = progress;
    any = true;
  }
  view.End();
  grpc::Status status = reader->Finish();
  if (!status.ok()) {
    const int code = FailScreening(c, status);
    if (!a.dry_run) {
      std::cerr << "the run stopped"
                << (any ? absl::StrCat(" at ", last.processed(), "/", last.total()) : "")
                << "; what was stored is kept: run the same command again to complete it\n";
    }
    return code;
  }
  if (c.json()) {
    if (a.dry_run) {
      c.PrintJson(last.what_if());
    } else {
      c.PrintJson(last);
    }
    return kExitOk;
  }
  if (a.dry_run) {
    const v1::WhatIfReport& w = last.what_if();
    std::cout << "what-if (nothing written): " << w.changed()
              << " applicants would change outcome\n\n";
    // CHANGE compares the what-if with the round's own rules on the same (today's)
    // data; STORED is what was published, judged on the data of its day.
    std::cout << "STORED: the published results; NOW: the round's rules on today's data; "
                 "CHANGE: WHAT-IF against NOW\n";
    c.PrintTable({"INSTANSI", "OUTCOME / REASON", "STORED", "NOW", "WHAT-IF", "CHANGE"},
                 WhatIfRows(w));
    return kExitOk;
  }
  std::cout << (last.run().empty() ? "run" : last.run()) << ": " << last.processed() << " of "
            << last.total() << " applicants screened: " << last.ms() << " MS, " << last.tms()
            << " TMS\n";
  return kExitOk;
}

}  // namespace

void AddRunCommand(CLI::App& screening, ContextFn context, int* exit_code) {
  auto a = std::make_shared<RunArgs>();
  auto* run = screening.add_subcommand(
      "run", "screen every applicant without a result (BKN): store MS/TMS with the reasons, "
             "write them to the registry and tell each honorer; --dry-run: what-if");
  run->add_option("round", a->round, "rounds/3 or 3")->required();
  run->add_option("--request-id", a->request_id,
                  "names the run: the same id answers (or completes) the same run");
  run->add_flag("--dry-run", a->dry_run,
                "evaluate with the --set parameters and report how the counts would change; "
                "writes nothing");
  run->add_option("--set", a->sets,
                  "PARAMETER=VALUE for a dry run, repeatable: min_continuous_service_years=1, "
                  "max-age=GENERAL=58, require_in_bkn_database=no");
  run->add_option("--run-timeout", a->timeout_seconds, "seconds the whole run may take")
      ->capture_default_str();
  run->callback([=] { *exit_code = RunScreening(context(), *a, exit_code); });
}

}  // namespace penataan::cli
