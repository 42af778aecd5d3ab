#include "services/screening/what_if_run.h"

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/log.h"
#include "common/status_macros.h"
#include "google/protobuf/util/field_mask_util.h"
#include "services/screening/result_writer.h"
#include "services/screening/run_facts.h"
#include "services/screening/run_store.h"
#include "services/screening/screening_store.h"
#include "services/screening/what_if.h"

namespace penataan::screening {
namespace {

// A what-if asks "what if the rule were…": its parameters come from no regulation
// yet, so an overridden parameter without one is marked as the what-if's own.
void MarkWhatIfRegulations(const google::protobuf::FieldMask& mask, v1::Rules* rules) {
  const google::protobuf::Reflection* reflection = rules->GetReflection();
  auto mark = [](google::protobuf::Message* param) {
    const google::protobuf::FieldDescriptor* field =
        param->GetDescriptor()->FindFieldByName("regulation");
    if (field != nullptr && param->GetReflection()->GetString(*param, field).empty()) {
      param->GetReflection()->SetString(param, field, "what-if");
    }
  };
  for (const std::string& path : mask.paths()) {
    const google::protobuf::FieldDescriptor* field =
        v1::Rules::descriptor()->FindFieldByName(path);
    if (field == nullptr || field->type() != google::protobuf::FieldDescriptor::TYPE_MESSAGE) {
      continue;
    }
    if (field->is_repeated()) {
      for (int i = 0; i < reflection->FieldSize(*rules, field); ++i) {
        mark(reflection->MutableRepeatedMessage(rules, field, i));
      }
    } else if (reflection->HasField(*rules, field)) {
      mark(reflection->MutableMessage(rules, field));
    }
  }
}

}  // namespace

absl::Status RunWhatIf(storage::Database& db, RegistryClient& registry, int page_size,
                       const Caller& caller, int64_t round_id,
                       const v1::RunScreeningRequest& request,
                       const std::function<bool(const v1::RunScreeningProgress&)>& progress) {
  RoundForRun round;
  RunFigures figures;
  {
    ASSIGN_OR_RETURN(storage::PooledConnection conn, db.Acquire());
    ASSIGN_OR_RETURN(std::optional<RoundForRun> r, ReadRoundForRun(*conn, round_id));
    if (!r) return absl::NotFoundError(absl::StrCat("rounds/", round_id, " not found"));
    round = std::move(*r);
    ASSIGN_OR_RETURN(figures, CountRound(*conn, round_id));
  }
  // The overridden parameters replace the round's whole (a list such as max_age is
  // replaced, not appended to; a parameter named but left unset is not checked).
  google::protobuf::FieldMask mask;
  for (const std::string& path : request.override_mask().paths()) {
    std::string p = path;
    if (absl::StartsWith(p, "rules.")) p = p.substr(6);
    if (p.empty() || p.find('.') != std::string::npos ||
        v1::Rules::descriptor()->FindFieldByName(p) == nullptr) {
      return InvalidField("override_mask",
                          absl::StrCat("\"", path, "\" is not a rule parameter of the round"));
    }
    mask.add_paths(p);
  }
  v1::Rules rules = round.rules;
  google::protobuf::util::FieldMaskUtil::MergeOptions merge;
  merge.set_replace_message_fields(true);
  merge.set_replace_repeated_fields(true);
  google::protobuf::util::FieldMaskUtil::MergeMessageTo(request.overrides(), mask, merge, &rules);
  MarkWhatIfRegulations(mask, &rules);
  std::vector<RuleViolation> violations = ValidateRules(rules, "overrides");
  if (!violations.empty()) {
    std::vector<Violation> out;
    for (const RuleViolation& v : violations) out.push_back({v.field, 0, v.description});
    return InvalidFields(out);
  }
  const RoundRules baseline_rules = RulesFromProto(round.cutoff, round.rules);
  const RoundRules what_if_rules = RulesFromProto(round.cutoff, rules);

  WhatIfTally tally;
  std::vector<Finding> baseline, findings;
  int64_t after = 0, processed = 0;
  for (;;) {
    std::vector<ApplicantRow> page;
    {
      ASSIGN_OR_RETURN(storage::PooledConnection conn, db.Acquire());
      ASSIGN_OR_RETURN(page,
                       ApplicantsWithStored(*conn, round_id, after, page_size));
    }
    if (page.empty()) break;
    after = page.back().honorer_id;
    std::vector<int64_t> ids;
    ids.reserve(page.size());
    for (const ApplicantRow& a : page) ids.push_back(a.honorer_id);
    ASSIGN_OR_RETURN(auto honorers, registry.GetHonorers(caller, ids));
    for (const ApplicantRow& a : page) {
      auto h = honorers.find(a.honorer_id);
      // Both rule sets on the same facts, read once: the difference is the rules'.
      if (h == honorers.end()) {
        baseline.assign(1, MissingFromRegistry());
        findings.assign(1, MissingFromRegistry());
      } else {
        const ApplicantFacts facts = FactsOf(h->second, a.instansi_code, a.post_kind);
        EvaluateInto(baseline_rules, facts, &baseline);
        EvaluateInto(what_if_rules, facts, &findings);
      }
      tally.Add(a.instansi_code, a.stored, a.stored_mask, baseline.empty() ? v1::MS : v1::TMS,
                MaskOf(baseline), findings.empty() ? v1::MS : v1::TMS, MaskOf(findings));
    }
    processed += static_cast<int64_t>(page.size());
    v1::RunScreeningProgress p;
    p.set_processed(processed);
    p.set_total(figures.total);
    p.set_ms(tally.what_if_ms());
    p.set_tms(tally.what_if_tms());
    p.set_phase(v1::Run::EVALUATING);
    if (!progress(p)) return absl::CancelledError("the caller went away");
  }
  v1::RunScreeningProgress last;
  last.set_processed(processed);
  last.set_total(figures.total);
  last.set_ms(tally.what_if_ms());
  last.set_tms(tally.what_if_tms());
  last.set_phase(v1::Run::DONE);
  *last.mutable_what_if() = tally.Report();
  LogEvent(LogLevel::kInfo, "screening_what_if",
           {{"round", absl::StrCat("rounds/", round_id)},
            {"overrides", absl::StrCat(mask.paths_size())},
            {"evaluated", absl::StrCat(processed)},
            {"changed", absl::StrCat(last.what_if().changed())}});
  progress(last);
  return absl::OkStatus();
}

}  // namespace penataan::screening
