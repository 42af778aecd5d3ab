// Screening: names, shared helpers, rounds.

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/strip.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/errors.h"
#include "common/paging.h"
#include "common/resource_name.h"
#include "common/status_macros.h"
#include "common/storage/audit_log.h"
#include "common/utf8.h"
#include "google/protobuf/util/field_mask_util.h"
#include "services/screening/rules/screening_rules.h"
#include "services/screening/run_notices.h"  // BatasSanggah
#include "services/screening/screening.h"
#include "services/screening/screening_text.h"

namespace penataan::screening {
namespace {

using google::protobuf::util::FieldMaskUtil;
using storage::Connection;
using storage::InTransaction;
using storage::PooledConnection;

constexpr char kDefaultZone[] = "Asia/Jakarta";  // BKN states national windows in WIB
constexpr size_t kMaxName = 200;

// A proto Date as a civil day; nullopt when unset or not a real date (31 February).
std::optional<absl::CivilDay> DayOf(const common::v1::Date& d) {
  if (d.year() == 0 && d.month() == 0 && d.day() == 0) return std::nullopt;
  const absl::CivilDay day(d.year(), d.month(), d.day());
  if (day.year() != d.year() || day.month() != d.month() || day.day() != d.day()) {
    return std::nullopt;
  }
  return day;
}

absl::StatusOr<absl::CivilDay> RequiredDay(const common::v1::Date& d, const std::string& field) {
  std::optional<absl::CivilDay> day = DayOf(d);
  if (!day) return InvalidField(field, "is required: a real date (year, month, day)");
  if (day->year() < 1900 || day->year() > 2200) {
    return InvalidField(field, "must be a year between 1900 and 2200");
  }
  return *day;
}

// The appeal window of `r` as instants: [start of the first day, start of the day
// after the last) in its zone, so that the last day is whole whatever its length.
absl::Status ResolveWindow(Round& r, const std::string& prefix) {
  absl::TimeZone tz;
  if (r.appeal_zone.empty()) r.appeal_zone = kDefaultZone;
  if (!absl::LoadTimeZone(r.appeal_zone, &tz)) {
    return InvalidField(absl::StrCat(prefix, "appeal_time_zone"),
                        absl::StrCat("\"", ValidUtf8(r.appeal_zone, 64),
                                     "\" is not an IANA time zone, e.g. Asia/Jakarta"));
  }
  if (r.appeal_end_date < r.appeal_start_date) {
    return InvalidField(absl::StrCat(prefix, "appeal_end_date"),
                        "must not be before appeal_start_date");
  }
  r.appeal_start = absl::FromCivil(absl::CivilSecond(r.appeal_start_date), tz);
  r.appeal_end = absl::FromCivil(absl::CivilSecond(r.appeal_end_date + 1), tz);
  return absl::OkStatus();
}

absl::Status CheckRules(const v1::Rules& rules) {
  std::vector<Violation> violations;
  for (RuleViolation& v : ValidateRules(rules, "round.rules")) {
    violations.push_back(Violation{std::move(v.field), 0, std::move(v.description)});
  }
  return InvalidFields(violations);
}

}  // namespace

// ---- Names ---------------------------------------------------------------------

std::string RoundName(int64_t id) { return absl::StrCat("rounds/", id); }
std::string ApplicantName(int64_t round_id, int64_t honorer_id) {
  return absl::StrCat("rounds/", round_id, "/applicants/", honorer_id);
}
std::string ResultName(int64_t round_id, int64_t honorer_id) {
  return absl::StrCat("rounds/", round_id, "/results/", honorer_id);
}
std::string AppealName(int64_t round_id, int64_t honorer_id) {
  return absl::StrCat(ResultName(round_id, honorer_id), "/appeal");
}
std::string Etag(int64_t version) { return absl::StrCat(version); }

absl::StatusOr<int64_t> ParseRoundName(const std::string& name, const std::string& field) {
  return ParseResourceId(name, "rounds", field);
}

absl::StatusOr<std::pair<int64_t, int64_t>> ParseResultName(const std::string& name,
                                                            const std::string& field,
                                                            bool appeal) {
  const std::string form =
      appeal ? "must read rounds/{id}/results/{honorer_id}/appeal"
             : "must read rounds/{id}/results/{honorer_id}";
  absl::string_view rest = name;
  if (appeal && !absl::ConsumeSuffix(&rest, "/appeal")) return InvalidField(field, form);
  const size_t split = rest.find("/results/");
  if (split == absl::string_view::npos) return InvalidField(field, form);
  // Each id as every other name's (common/resource_name.h), so that what one
  // service takes for an id the others take too.
  absl::StatusOr<int64_t> round = ParseResourceId(rest.substr(0, split), "rounds", field);
  absl::StatusOr<int64_t> honorer = ParseResourceId(rest.substr(split + 1), "results", field);
  if (!round.ok() || !honorer.ok()) return InvalidField(field, form);
  return std::make_pair(*round, *honorer);
}

absl::Status ValidateInstansiCode(const std::string& code, const std::string& field) {
  if (code.empty() || code.size() > 16) {
    return InvalidField(field, "must be an instansi code of 1 to 16 letters and digits");
  }
  for (char ch : code) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(ch))) {
      return InvalidField(field, "must be an instansi code of 1 to 16 letters and digits");
    }
  }
  return absl::OkStatus();
}

// ---- Shared helpers ------------------------------------------------------------

absl::Status Screening::Audit(Connection& c, const Caller& caller, const char* action,
                              const std::string& resource, const std::string& detail) {
  return storage::InsertAudit(c, AuditRecord{caller.principal.ToString(), action, resource,
                                             caller.request_id, "OK", ValidUtf8(detail, 1000),
                                             clock_.Now(), caller.origin});
}

absl::StatusOr<std::string> Screening::ScopeToInstansi(const Caller& caller,
                                                       const std::string& instansi_code,
                                                       const char* action, bool required) {
  std::string code = instansi_code;
  if (code.empty() && caller.own_records_only) code = caller.principal.id;
  if (code.empty() && required) return InvalidField("instansi_code", "is required");
  if (!code.empty()) RETURN_IF_ERROR(ValidateInstansiCode(code, "instansi_code"));
  RETURN_IF_ERROR(storage::RequireOwner(db_, clock_.Now(), caller, code, action,
                                        absl::StrCat("instansi/", code), storage::OwnDataOnly()));
  return code;
}

std::string Screening::ZoneOf(const Caller& caller, const std::string& instansi_code,
                              const std::string& fallback) {
  absl::StatusOr<InstansiInfo> info = registry_.GetInstansi(caller, instansi_code);
  return info.ok() && !info->time_zone.empty() ? info->time_zone : fallback;
}

absl::StatusOr<Round> Screening::LoadRound(Connection& c, int64_t id, const std::string& name,
                                           bool for_update) {
  ASSIGN_OR_RETURN(std::optional<Round> r, store_.GetRound(c, id, for_update));
  if (!r) return absl::NotFoundError(absl::StrCat(name, " not found"));
  return *std::move(r);
}

absl::StatusOr<RoundView> Screening::ViewOf(Connection& c, Round round) {
  RoundView v;
  ASSIGN_OR_RETURN(v.counts, store_.CountsOf(c, round.id));
  v.round = std::move(round);
  return v;
}

// ---- Rounds --------------------------------------------------------------------

absl::StatusOr<RoundView> Screening::CreateRound(const Caller& caller, const v1::Round& in,
                                                 const std::string& request_id) {
  RETURN_IF_ERROR(CheckText(in.display_name(), "round.display_name", kMaxName, true));
  Round r;
  ASSIGN_OR_RETURN(r.cutoff, RequiredDay(in.cutoff_date(), "round.cutoff_date"));
  RETURN_IF_ERROR(CheckRules(in.rules()));
  ASSIGN_OR_RETURN(r.appeal_start_date,
                   RequiredDay(in.appeal_start_date(), "round.appeal_start_date"));
  ASSIGN_OR_RETURN(r.appeal_end_date, RequiredDay(in.appeal_end_date(), "round.appeal_end_date"));
  r.appeal_zone = in.appeal_time_zone();
  RETURN_IF_ERROR(ResolveWindow(r, "round."));
  RETURN_IF_ERROR(CheckText(request_id, "request_id", 100, false));

  const absl::Time now = clock_.Now();
  r.display_name = in.display_name();
  r.rules = in.rules();
  r.request_key = request_id;
  r.created_by = caller.principal.ToString();
  r.version = 1;
  r.create_time = r.update_time = now;
  std::optional<RoundView> out;
  RETURN_IF_ERROR(InTransaction(db_, [&](Connection& c) -> absl::Status {
    auto replay = [&]() -> absl::StatusOr<bool> {
      if (request_id.empty()) return false;
      ASSIGN_OR_RETURN(std::optional<int64_t> earlier,
                       store_.FindRoundByRequest(c, r.created_by, request_id));
      if (!earlier) return false;
      ASSIGN_OR_RETURN(Round existing, LoadRound(c, *earlier, RoundName(*earlier), false));
      ASSIGN_OR_RETURN(out, ViewOf(c, std::move(existing)));
      return true;
    };
    ASSIGN_OR_RETURN(bool replayed, replay());
    if (replayed) return absl::OkStatus();
    absl::StatusOr<int64_t> id = store_.InsertRound(c, r);
    if (absl::IsAlreadyExists(id.status())) {
      // A concurrent create with the same request id committed first: answer it.
      ASSIGN_OR_RETURN(replayed, replay());
      if (replayed) return absl::OkStatus();
    }
    ASSIGN_OR_RETURN(r.id, std::move(id));
    RETURN_IF_ERROR(Audit(c, caller, "CreateRound", RoundName(r.id),
                          absl::StrCat("cutoff=", IsoDate(r.cutoff), " appeal=",
                                       IsoDate(r.appeal_start_date), "..",
                                       IsoDate(r.appeal_end_date), " ", r.appeal_zone)));
    ASSIGN_OR_RETURN(out, ViewOf(c, r));
    return absl::OkStatus();
  }));
  return *out;
}

absl::StatusOr<RoundView> Screening::GetRound(const Caller& caller, const std::string& name) {
  ASSIGN_OR_RETURN(int64_t id, ParseRoundName(name, "name"));
  ASSIGN_OR_RETURN(PooledConnection conn, db_.Acquire());
  ASSIGN_OR_RETURN(Round r, LoadRound(*conn, id, name, false));
  return ViewOf(*conn, std::move(r));
}

absl::StatusOr<Page<RoundView>> Screening::ListRounds(const Caller& caller, int page_size,
                                                      const std::string& page_token) {
  ASSIGN_OR_RETURN(int size, EffectivePageSize(page_size));
  ASSIGN_OR_RETURN(int64_t after, DecodeIdPageToken("rounds", page_token));
  ASSIGN_OR_RETURN(PooledConnection conn, db_.Acquire());
  ASSIGN_OR_RETURN(std::vector<Round> rows, store_.ListRounds(*conn, after, size + 1));
  Page<RoundView> page;
  if (static_cast<int>(rows.size()) > size) {
    rows.pop_back();
    page.next_page_token = EncodePageToken("rounds", absl::StrCat(rows.back().id));
  }
  // No counts: they read every applicant and result of a round, and a page of
  // rounds would read them all; GetRound gives them (documented in the proto).
  for (Round& r : rows) page.items.push_back(RoundView{std::move(r), RoundCounts{}});
  return page;
}

absl::StatusOr<RoundView> Screening::UpdateRound(const Caller& caller, const v1::Round& patch,
                                                 const std::vector<std::string>& mask,
                                                 const std::string& etag) {
  ASSIGN_OR_RETURN(int64_t id, ParseRoundName(patch.name(), "round.name"));
  if (mask.empty()) return InvalidField("update_mask", "name at least one field to change");
  if (etag.empty()) return InvalidField("etag", "is required: the round's current etag");
  bool name_in = false, cutoff_in = false, window_in = false;
  google::protobuf::FieldMask rules_mask;
  bool whole_rules = false;
  for (const std::string& path : mask) {
    if (path == "display_name") {
      name_in = true;
    } else if (path == "cutoff_date") {
      cutoff_in = true;
    } else if (path == "appeal_start_date" || path == "appeal_end_date" ||
               path == "appeal_time_zone") {
      window_in = true;
    } else if (path == "rules") {
      whole_rules = true;
    } else if (absl::StartsWith(path, "rules.") &&
               FieldMaskUtil::IsValidPath<v1::Rules>(path.substr(6)) &&
               path.find('.', 6) == std::string::npos) {
      rules_mask.add_paths(path.substr(6));
    } else {
      return InvalidField("update_mask",
                          absl::StrCat("unknown or read-only field \"", ValidUtf8(path, 100),
                                       "\"; display_name, cutoff_date, rules, rules.<param>,"
                                       " appeal_start_date, appeal_end_date or"
                                       " appeal_time_zone"));
    }
  }
  const bool rules_in = whole_rules || rules_mask.paths_size() > 0;
  if (name_in) RETURN_IF_ERROR(CheckText(patch.display_name(), "round.display_name", kMaxName, true));

  std::optional<RoundView> out;
  RETURN_IF_ERROR(InTransaction(db_, [&](Connection& c) -> absl::Status {
    ASSIGN_OR_RETURN(Round current, LoadRound(c, id, patch.name(), true));
    if (etag != Etag(current.version)) {
      return absl::AbortedError("etag: the round was changed since it was read; read it again");
    }
    const absl::Time now = clock_.Now();
    // A run reads the round when it starts and stops if the round changes under it
    // (its stored notices carry the name and the window's end): no change while one
    // is under way, so that BKN is told now instead of the run failing later.
    ASSIGN_OR_RETURN(bool running, store_.HasLiveRun(c, id, now));
    if (running) {
      return WithViolation(
          absl::FailedPreconditionError(absl::StrCat(
              "a run of ", patch.name(), " is under way; change the round when it has ended")),
          Violation{"round", 0, "a run of the round is under way"});
    }
    if (cutoff_in || rules_in) {
      const std::string field = cutoff_in ? "round.cutoff_date" : "round.rules";
      ASSIGN_OR_RETURN(bool has_results, store_.HasResults(c, id));
      if (has_results) {
        return WithViolation(
            absl::FailedPreconditionError(absl::StrCat(
                field, ": ", patch.name(),
                " has results; its cut-off and rules stay as they were judged by")),
            Violation{field, 0, "the round has results"});
      }
    }
    Round next = current;
    if (name_in) next.display_name = patch.display_name();
    if (cutoff_in) {
      ASSIGN_OR_RETURN(next.cutoff, RequiredDay(patch.cutoff_date(), "round.cutoff_date"));
    }
    if (whole_rules) {
      next.rules = patch.rules();
    } else if (rules_in) {
      FieldMaskUtil::MergeOptions options;
      options.set_replace_message_fields(true);
      options.set_replace_repeated_fields(true);
      FieldMaskUtil::MergeMessageTo(patch.rules(), rules_mask, options, &next.rules);
    }
    if (rules_in) RETURN_IF_ERROR(CheckRules(next.rules));
    for (const std::string& path : mask) {
      if (path == "appeal_start_date") {
        ASSIGN_OR_RETURN(next.appeal_start_date,
                         RequiredDay(patch.appeal_start_date(), "round.appeal_start_date"));
      } else if (path == "appeal_end_date") {
        ASSIGN_OR_RETURN(next.appeal_end_date,
                         RequiredDay(patch.appeal_end_date(), "round.appeal_end_date"));
      } else if (path == "appeal_time_zone") {
        next.appeal_zone = patch.appeal_time_zone();
      }
    }
    if (window_in) {
      RETURN_IF_ERROR(ResolveWindow(next, "round."));
      // Once results are published every TMS honorer has been told the window's end
      // (batas_sanggah): an earlier end would close appeals they were promised. A
      // later end is allowed, and nobody is told of it again (docs/screening.md).
      if (current.results_publish_time && next.appeal_end < current.appeal_end) {
        return WithViolation(
            absl::FailedPreconditionError(absl::StrCat(
                "round.appeal_end_date: ", patch.name(),
                " has published results whose honorers were told the appeal window ends ",
                BatasSanggah(current.appeal_end, current.appeal_zone),
                "; the end may move later, not earlier")),
            Violation{"round.appeal_end_date", 0,
                      "results are published: the appeal window may not end earlier"});
      }
    }
    next.update_time = now;
    RETURN_IF_ERROR(store_.UpdateRound(c, next, current.version));
    next.version = current.version + 1;
    RETURN_IF_ERROR(Audit(c, caller, "UpdateRound", patch.name(),
                          absl::StrCat("fields=", absl::StrJoin(mask, ","))));
    ASSIGN_OR_RETURN(out, ViewOf(c, std::move(next)));
    return absl::OkStatus();
  }));
  return *out;
}

}  // namespace penataan::screening
