// penataanctl screening appeal file|list|show|decide: the sanggah of a TMS result
// — filed by the instansi inside the round's window, answering every failed rule,
// and decided by BKN.

#include <iostream>

#include "absl/strings/str_cat.h"
#include "cli/proto_text.h"
#include "cli/screening_commands.h"
#include "cli/screening_values.h"

namespace penataan::cli {
namespace {

namespace v1 = screening::v1;
using ContextFn = std::function<CliContext&()>;

std::string StateName(v1::Appeal::State s) { return EnumName(v1::Appeal::State_descriptor(), s); }

// The round of an appeal or result name ("rounds/3/results/12/appeal" → "rounds/3").
std::string RoundOf(const std::string& name) { return name.substr(0, name.find("/results/")); }

// The zone of the round's appeal window, for showing times; "" (UTC) when the
// round cannot be read: a courtesy, never a reason to fail.
std::string WindowZone(CliContext& c, const std::string& name) {
  ScreeningStub stub(c.ScreeningChannel());
  v1::GetRoundRequest req;
  req.set_name(RoundOf(name));
  v1::Round r;
  return stub.GetRound(c.NewContext().get(), req, &r).ok() ? r.appeal_time_zone() : "";
}

void PrintAppeal(CliContext& c, const v1::Appeal& a) {
  if (c.json()) return c.PrintJson(a);
  const std::string zone = WindowZone(c, a.name());
  std::cout << "appeal:    " << a.name() << " (instansi " << a.instansi_code() << ")\n"
            << "state:     " << StateName(a.state()) << "\n";
  if (a.has_file_time()) {
    std::cout << "filed:     " << ShowInstant(a.file_time(), zone)
              << (a.filed_by().empty() ? "" : " by " + a.filed_by()) << "\n";
  }
  if (a.has_decide_time()) {
    std::cout << "decided:   " << ShowInstant(a.decide_time(), zone)
              << (a.decided_by().empty() ? "" : " by " + a.decided_by())
              << (a.decision_note().empty() ? "" : ": " + a.decision_note()) << "\n";
  }
  std::cout << "etag:      " << a.etag() << "\n";
  for (const auto& answer : a.answers()) {
    std::cout << "  " << v1::ReasonCode_Name(answer.code()) << ": " << answer.statement() << "\n";
  }
}

std::optional<v1::Appeal> FetchAppeal(CliContext& c, const std::string& name, int* exit_code) {
  v1::GetAppealRequest req;
  req.set_name(name);
  v1::Appeal a;
  if (!InvokeScreening(c, &ScreeningStub::GetAppeal, req, &a, exit_code)) return std::nullopt;
  return a;
}

void AddFile(CLI::App& appeal, ContextFn context, int* exit_code) {
  struct Args {
    std::string result, request_id;
    std::vector<std::string> answers;
  };
  auto a = std::make_shared<Args>();
  auto* file = appeal.add_subcommand(
      "file", "file the sanggah of a TMS result (the instansi, inside the appeal window)");
  file->add_option("result", a->result, "rounds/3/results/12 or 3/12")->required();
  file->add_option("--answer", a->answers,
                   "CODE=\"statement\" for every failed rule, e.g. BKN_DATA_MISMATCH=\"Tanggal lahir "
                   "di BKN salah ketik\"")
      ->required();
  file->add_option("--request-id", a->request_id, "makes a retried filing answer the same appeal");
  file->callback([=] {
    auto n = ResultArg(a->result, exit_code);
    if (!n) return;
    v1::FileAppealRequest req;
    req.set_result(*n);
    for (const std::string& text : a->answers) {
      auto answer = ParseAnswer(text);
      if (!answer.ok()) {
        *exit_code = UsageError(std::string(answer.status().message()));
        return;
      }
      *req.add_answers() = *answer;
    }
    req.set_request_id(a->request_id);
    CliContext& c = context();
    v1::Appeal out;
    if (!InvokeScreening(c, &ScreeningStub::FileAppeal, req, &out, exit_code)) return;
    PrintAppeal(c, out);
  });
}

void AddReads(CLI::App& appeal, ContextFn context, int* exit_code) {
  struct Args {
    std::string round, instansi, state;
  };
  auto a = std::make_shared<Args>();
  auto* list = appeal.add_subcommand("list", "the appeals of a round");
  list->add_option("round", a->round, "rounds/3 or 3")->required();
  list->add_option("--instansi", a->instansi, "only this instansi (an instansi: its own)");
  list->add_option("--state", a->state, "FILED, ACCEPTED or REJECTED");
  OffersCsv(list);
  list->callback([=] {
    auto n = RoundArg(a->round, exit_code);
    if (!n) return;
    v1::ListAppealsRequest req;
    req.set_round(*n);
    req.set_instansi_code(a->instansi);
    if (!a->state.empty()) {
      auto s = ParseEnumName(v1::Appeal::State_descriptor(), a->state);
      if (!s) {
        *exit_code = UsageError(absl::StrCat("--state \"", a->state,
                                             "\": want FILED, ACCEPTED or REJECTED"));
        return;
      }
      req.set_state(static_cast<v1::Appeal::State>(*s));
    }
    req.set_page_size(500);
    CliContext& c = context();
    v1::ListAppealsResponse all;
    do {
      v1::ListAppealsResponse page;
      if (!InvokeScreening(c, &ScreeningStub::ListAppeals, req, &page, exit_code)) return;
      all.mutable_appeals()->MergeFrom(page.appeals());
      req.set_page_token(page.next_page_token());
    } while (!req.page_token().empty());
    if (c.json()) return c.PrintJson(all);
    std::vector<std::vector<std::string>> rows;
    for (const auto& ap : all.appeals()) {
      rows.push_back({ap.name(), ap.instansi_code(), StateName(ap.state()),
                      c.csv() ? FormatCsvTime(ap.file_time())
                              : ap.has_file_time() ? FormatTimestamp(ap.file_time()) : "",
                      ap.decision_note()});
    }
    if (c.csv()) {
      c.PrintCsv({"name", "instansi_code", "state", "file_time_utc", "decision_note"}, rows);
    } else {
      c.PrintTable({"APPEAL", "INSTANSI", "STATE", "FILED", "NOTE"}, rows);
    }
    c.Summary() << all.appeals_size() << " appeals\n";
  });

  auto name = std::make_shared<std::string>();
  auto* show = appeal.add_subcommand("show", "one appeal with its answers and decision");
  show->add_option("appeal", *name, "rounds/3/results/12/appeal or 3/12")->required();
  show->callback([=] {
    auto n = AppealArg(*name, exit_code);
    if (!n) return;
    CliContext& c = context();
    if (auto ap = FetchAppeal(c, *n, exit_code)) PrintAppeal(c, *ap);
  });
}

void AddDecide(CLI::App& appeal, ContextFn context, int* exit_code) {
  struct Args {
    std::string appeal, decision, note, etag;
  };
  auto a = std::make_shared<Args>();
  auto* decide = appeal.add_subcommand(
      "decide", "accept (the result becomes MS, its reasons kept) or reject an appeal (BKN)");
  decide->add_option("appeal", a->appeal, "rounds/3/results/12/appeal or 3/12")->required();
  decide->add_option("decision", a->decision, "accept or reject (terima, tolak)")->required();
  decide->add_option("--note", a->note, "why, for the honorer and the instansi")->required();
  decide->add_option("--etag", a->etag, "the appeal's etag as you read it (default: read now)");
  decide->callback([=] {
    auto n = AppealArg(a->appeal, exit_code);
    if (!n) return;
    auto decision = ParseAppealDecision(a->decision);
    if (!decision) {
      *exit_code = UsageError(absl::StrCat("\"", a->decision, "\": want accept or reject"));
      return;
    }
    CliContext& c = context();
    v1::DecideAppealRequest req;
    req.set_name(*n);
    req.set_decision(*decision);
    req.set_note(a->note);
    std::string etag = a->etag;
    if (etag.empty()) {
      auto current = FetchAppeal(c, *n, exit_code);
      if (!current) return;
      etag = current->etag();
    }
    req.set_etag(etag);
    v1::Appeal out;
    if (!InvokeScreening(c, &ScreeningStub::DecideAppeal, req, &out, exit_code)) return;
    PrintAppeal(c, out);
  });
}

}  // namespace

void AddAppealCommands(CLI::App& screening, ContextFn context, int* exit_code) {
  CLI::App* appeal = screening.add_subcommand("appeal", "appeals (sanggah) against TMS results");
  appeal->require_subcommand(1);
  AddFile(*appeal, context, exit_code);
  AddReads(*appeal, context, exit_code);
  AddDecide(*appeal, context, exit_code);
}

}  // namespace penataan::cli
