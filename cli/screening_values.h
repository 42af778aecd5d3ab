#ifndef PENATAAN_CLI_SCREENING_VALUES_H_
#define PENATAAN_CLI_SCREENING_VALUES_H_

// What a person types for `penataanctl screening` read into API values, and the
// API values shown back as table cells: resource names, the appeal window, the
// round's rule parameters with their regulations (flags, a rules file, what-if
// overrides), reason codes, decisions, the progress bar and the what-if and
// summary tables. Pure functions: each answers nullopt or an error in words for
// text it does not accept, never guesses.

#include <istream>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "google/protobuf/field_mask.pb.h"
#include "penataan/screening/v1/screening.pb.h"

namespace penataan::cli {

// "rounds/3" or "3" → "rounds/3".
std::optional<std::string> ParseRoundName(const std::string& text);
// "rounds/3/results/12" or "3/12" → "rounds/3/results/12".
std::optional<std::string> ParseResultName(const std::string& text);
// "rounds/3/results/12/appeal", "rounds/3/results/12" or "3/12" →
// "rounds/3/results/12/appeal" (one appeal per result).
std::optional<std::string> ParseAppealName(const std::string& text);

// The appeal window "2025-02-19..2025-02-21" (or one day "2025-02-19"): first and
// last civil day; the last not before the first.
absl::Status ParseDateRange(const std::string& text, common::v1::Date* first,
                            common::v1::Date* last);

// One rule parameter as typed: a flag (`--max-age GENERAL=57`) or a line of a
// rules file (`max-age GENERAL=57 | PermenPANRB 6/2024 Pasal 9`).
struct RuleInput {
  std::string key;    // a flag name or a Rules field: "min-service", "max_age", ...
  std::string value;  // "2", "GENERAL=57", "GURU,TENAGA_KESEHATAN", "yes"; may be empty
  std::string regulation;
};

// The Rules field a key names: "min-service", "min_continuous_service_years" →
// "min_continuous_service_years"; nullopt for an unknown key.
std::optional<std::string> RuleField(const std::string& key);
// The keys RuleField takes, for help and errors.
extern const char kRuleKeys[];

// Adds one parameter to `rules`: an int rule set, a requirement set (value empty,
// yes/ya/true/1 or no/tidak/false/0), a max age or minimum education appended
// (replacing one for the same post kind / category / position), categories added
// to the open ones. The input's regulation, when given, is the parameter's.
absl::Status ApplyRule(const RuleInput& in, screening::v1::Rules* rules);

// `--regulation KEY=REF`: fills the regulation of every parameter that has none.
// KEY is a parameter ("min-service"), a qualified entry of a list parameter
// ("max-age.FUNCTIONAL_AHLI_UTAMA", "min-education.GURU",
// "min-education.position:Penata Layanan Operasional") or "default" (every
// parameter still without one). The most specific wins.
absl::Status ApplyRegulations(const std::vector<std::string>& specs,
                              screening::v1::Rules* rules);
// The parameters set in `rules` that carry no regulation ("max_age GENERAL",
// "min_continuous_service_years"); empty when every one has its regulation.
std::vector<std::string> MissingRegulations(const screening::v1::Rules& rules);

// A rules file: JSON (a Rules message, proto field names) when it starts with '{',
// else one parameter a line, `KEY [=] VALUE | REGULATION`, '#' comments and blank
// lines skipped. Every error names its line, all of them at once.
struct RulesFile {
  screening::v1::Rules rules;
  std::vector<std::string> errors;
};
RulesFile ParseRulesFile(std::istream& in);

// The update mask paths ("rules.min_age_years", ...) of the parameters set in
// `rules`.
std::vector<std::string> RulePaths(const screening::v1::Rules& rules);

// A what-if override `--set min_continuous_service_years=1` (any key RuleField
// takes; `--set max-age=GENERAL=58`): applied to `overrides` and its path added to
// `mask` once. A list parameter overridden is replaced by the values given for it.
absl::Status ApplyOverride(const std::string& spec, screening::v1::Rules* overrides,
                           google::protobuf::FieldMask* mask);

// PARAMETER | VALUE | REGULATION, one row per parameter (a list one per entry).
std::vector<std::vector<std::string>> RuleRows(const screening::v1::Rules& rules);

// Reason codes: "SERVICE_TOO_SHORT", "service-too-short".
std::optional<screening::v1::ReasonCode> ParseReasonCode(const std::string& text);
// "masa kerja kurang", "tidak ada di pangkalan data BKN", ... (Indonesian, short).
std::string ReasonLabel(screening::v1::ReasonCode code);
std::string ReasonLabel(const std::string& code_name);
std::optional<screening::v1::Outcome> ParseOutcome(const std::string& text);
// GENERAL, FUNCTIONAL_AHLI_MADYA, FUNCTIONAL_AHLI_UTAMA; also "ahli-madya",
// "madya", "ahli-utama", "utama", "umum".
std::optional<screening::v1::PostKind> ParsePostKind(const std::string& text);
// accept|reject (also terima|tolak).
std::optional<screening::v1::DecideAppealRequest::Decision> ParseAppealDecision(
    const std::string& text);
// `--answer CODE="statement"`.
absl::StatusOr<screening::v1::Appeal::Answer> ParseAnswer(const std::string& text);

// "24 th 3 bl" from days of service (years of 365.2425 days, months of a twelfth of
// that): for tables; the service states the exact figure in its messages.
std::string FormatServiceDays(int64_t days);

// "[##########..........]  50%  500/1000  MS 320  TMS 180" with a bar of `width`.
std::string ProgressBar(int64_t processed, int64_t total, int64_t ms, int64_t tms, int width);
// "EVALUATING", "WRITING_STATUSES", ... as words: "evaluating", "writing statuses".
std::string PhaseWords(screening::v1::Run::Phase phase);

// INSTANSI | WHAT | STORED | WHAT-IF | CHANGE: the report's rows (outcome totals
// first, then reasons) and a TOTAL row of MS and TMS.
std::vector<std::vector<std::string>> WhatIfRows(const screening::v1::WhatIfReport& report);
// INSTANSI | MS | TMS | APPEALS | CHANGED BY APPEAL (rows, then TOTAL).
std::vector<std::vector<std::string>> SummaryRows(const screening::v1::ResultSummary& summary);
// INSTANSI | REASON | LABEL | TMS (per instansi, reasons by count then name; then
// TOTAL rows).
std::vector<std::vector<std::string>> ReasonRows(const screening::v1::ResultSummary& summary);
// TMS per category, per instansi then the total, categories in the enum's order.
std::vector<std::vector<std::string>> CategoryRows(const screening::v1::ResultSummary& summary);

}  // namespace penataan::cli

#endif  // PENATAAN_CLI_SCREENING_VALUES_H_
