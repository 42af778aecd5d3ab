#include "services/screening/run_store.h"

#include <algorithm>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/errors.h"
#include "common/proto_time.h"
#include "common/status_macros.h"
#include "google/protobuf/util/json_util.h"

namespace penataan::screening {
namespace {

using storage::Connection;
using storage::Dialect;
using storage::Row;
using storage::Value;

int64_t Micros(absl::Time t) { return absl::ToUnixMicros(t); }
absl::Time FromMicros(int64_t us) { return absl::FromUnixMicros(us); }

constexpr char kRunColumns[] =
    "id, round_id, request_id, state, phase, processed, total, ms, tms, error, lease_owner,"
    " lease_until_us, created_by, create_time_us, update_time_us";

RunRow RunFrom(const Row& r) {
  RunRow x;
  x.id = r.Int(0);
  x.round_id = r.Int(1);
  x.request_id = r.Str(2);
  x.state = static_cast<v1::Run::State>(r.Int(3));
  x.phase = static_cast<v1::Run::Phase>(r.Int(4));
  x.figures = {r.Int(5), r.Int(6), r.Int(7), r.Int(8)};
  x.error = r.Str(9);
  x.lease_owner = r.Str(10);
  x.lease_until = FromMicros(r.Int(11));
  x.created_by = r.Str(12);
  x.create_time = FromMicros(r.Int(13));
  x.update_time = FromMicros(r.Int(14));
  return x;
}

absl::StatusOr<std::optional<RunRow>> OneRun(Connection& c, const std::string& where,
                                             const std::vector<Value>& params) {
  ASSIGN_OR_RETURN(std::vector<Row> rows,
                   c.Query(absl::StrCat("SELECT ", kRunColumns, " FROM runs WHERE ", where),
                           params));
  if (rows.empty()) return std::nullopt;
  return RunFrom(rows[0]);
}

bool ParseDate(const std::string& iso, common::v1::Date* out) {
  std::vector<std::string> parts = absl::StrSplit(iso, '-');
  int y, m, d;
  if (parts.size() != 3 || !absl::SimpleAtoi(parts[0], &y) || !absl::SimpleAtoi(parts[1], &m) ||
      !absl::SimpleAtoi(parts[2], &d)) {
    return false;
  }
  out->set_year(y);
  out->set_month(m);
  out->set_day(d);
  return true;
}

// Errors stored for a person: cut to the column, never mid-character.
std::string Fitted(std::string s, size_t max) {
  if (s.size() <= max) return s;
  size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  s.resize(n);
  return s;
}

}  // namespace

std::string RunName(int64_t round_id, int64_t run_id) {
  return absl::StrCat("rounds/", round_id, "/runs/", run_id);
}

absl::StatusOr<std::pair<int64_t, int64_t>> ParseRunName(const std::string& name,
                                                         const std::string& field) {
  std::vector<std::string> parts = absl::StrSplit(name, '/');
  int64_t round = 0, run = 0;
  if (parts.size() != 4 || parts[0] != "rounds" || parts[2] != "runs" ||
      !absl::SimpleAtoi(parts[1], &round) || !absl::SimpleAtoi(parts[3], &run) || round <= 0 ||
      run <= 0) {
    return InvalidField(field, "must be \"rounds/{round}/runs/{run}\"");
  }
  return std::make_pair(round, run);
}

v1::Run RunToProto(const RunRow& r) {
  v1::Run out;
  out.set_name(RunName(r.round_id, r.id));
  out.set_request_id(r.request_id);
  out.set_state(r.state);
  out.set_phase(r.phase);
  out.set_processed(r.figures.processed);
  out.set_total(r.figures.total);
  out.set_ms(r.figures.ms);
  out.set_tms(r.figures.tms);
  out.set_error(r.error);
  SetTimestamp(r.create_time, out.mutable_create_time());
  SetTimestamp(r.update_time, out.mutable_update_time());
  return out;
}

absl::StatusOr<std::optional<RoundForRun>> ReadRoundForRun(Connection& c, int64_t round_id) {
  ASSIGN_OR_RETURN(std::vector<Row> rows,
                   c.Query("SELECT id, display_name, cutoff_date, rules, appeal_end_us,"
                           " appeal_zone, version FROM rounds WHERE id = ?",
                           {round_id}));
  if (rows.empty()) return std::nullopt;
  RoundForRun r;
  r.id = rows[0].Int(0);
  r.display_name = rows[0].Str(1);
  if (!ParseDate(rows[0].Str(2), &r.cutoff)) {
    return absl::DataLossError(absl::StrCat("round ", round_id, ": cut-off date unreadable"));
  }
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = true;
  if (!google::protobuf::util::JsonStringToMessage(rows[0].Str(3), &r.rules, options).ok()) {
    return absl::DataLossError(absl::StrCat("round ", round_id, ": stored rules unreadable"));
  }
  r.appeal_end = FromMicros(rows[0].Int(4));
  r.appeal_zone = rows[0].Str(5);
  r.version = rows[0].Int(6);
  return r;
}

absl::Status CheckRoundVersion(Connection& c, int64_t round_id, int64_t version) {
  const char* lock = c.dialect() == Dialect::kMysql ? " FOR UPDATE" : "";
  ASSIGN_OR_RETURN(std::vector<Row> rows,
                   c.Query(absl::StrCat("SELECT version FROM rounds WHERE id = ?", lock),
                           {round_id}));
  if (rows.empty()) return absl::NotFoundError(absl::StrCat("rounds/", round_id, " not found"));
  if (rows[0].Int(0) != version) {
    return absl::FailedPreconditionError(
        "the round's rules changed during the run; run again");
  }
  return absl::OkStatus();
}

absl::StatusOr<std::optional<RunRow>> FindRun(Connection& c, int64_t round_id,
                                              const std::string& request_id) {
  return OneRun(c, "round_id = ? AND request_id = ?", {round_id, request_id});
}

absl::StatusOr<std::optional<RunRow>> GetRunRow(Connection& c, int64_t run_id) {
  return OneRun(c, "id = ?", {run_id});
}

absl::StatusOr<RunRow> ClaimRun(Connection& c, int64_t round_id, const std::string& request_id,
                                const std::string& created_by, const std::string& owner,
                                absl::Time now, absl::Time lease_until) {
  // The round's row is the lock every claimer of the round takes first (a blocking
  // FOR UPDATE, not SKIP LOCKED: the claim is a few statements long, and a claimer
  // that skipped would answer ABORTED for a run that may be about to fail). The
  // lease then lives in the run row, as the dispatcher's claims do.
  const char* lock = c.dialect() == Dialect::kMysql ? " FOR UPDATE" : "";
  ASSIGN_OR_RETURN(std::vector<Row> round,
                   c.Query(absl::StrCat("SELECT id FROM rounds WHERE id = ?", lock), {round_id}));
  if (round.empty()) return absl::NotFoundError(absl::StrCat("rounds/", round_id, " not found"));

  ASSIGN_OR_RETURN(std::optional<RunRow> mine, FindRun(c, round_id, request_id));
  if (mine && mine->state == v1::Run::SUCCEEDED) return *mine;

  ASSIGN_OR_RETURN(
      std::vector<Row> live,
      c.Query(absl::StrCat("SELECT ", kRunColumns,
                           " FROM runs WHERE round_id = ? AND lease_until_us > ? ORDER BY id"),
              {round_id, Micros(now)}));
  for (const Row& row : live) {
    const RunRow other = RunFrom(row);
    if (other.lease_owner == owner) continue;
    return absl::AbortedError(absl::StrCat(
        RunName(round_id, other.id), " of this round is running (its lease ends ",
        absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", other.lease_until, absl::UTCTimeZone()),
        "); wait for it, or run again after it ends"));
  }

  if (!mine) {
    RETURN_IF_ERROR(c.Execute(
                         "INSERT INTO runs (round_id, request_id, state, phase, processed, total,"
                         " ms, tms, error, lease_owner, lease_until_us, created_by,"
                         " create_time_us, update_time_us)"
                         " VALUES (?, ?, ?, ?, 0, 0, 0, 0, '', ?, ?, ?, ?, ?)",
                         {round_id, request_id, int64_t{v1::Run::RUNNING},
                          int64_t{v1::Run::EVALUATING}, owner, Micros(lease_until), created_by,
                          Micros(now), Micros(now)})
                        .status());
  } else {
    RETURN_IF_ERROR(c.Execute("UPDATE runs SET state = ?, error = '', lease_owner = ?,"
                              " lease_until_us = ?, update_time_us = ? WHERE id = ?",
                              {int64_t{v1::Run::RUNNING}, owner, Micros(lease_until),
                               Micros(now), mine->id})
                        .status());
  }
  ASSIGN_OR_RETURN(std::optional<RunRow> claimed, FindRun(c, round_id, request_id));
  if (!claimed) return absl::InternalError("run vanished after its claim");
  return *claimed;
}

absl::StatusOr<int64_t> AdoptUnsummarised(Connection& c, int64_t round_id, int64_t run_id) {
  ASSIGN_OR_RETURN(std::vector<Row> rows,
                   c.Query("SELECT id FROM runs WHERE round_id = ? AND id <> ? AND state <> ?"
                           " AND phase = ?",
                           {round_id, run_id, int64_t{v1::Run::SUCCEEDED},
                            int64_t{v1::Run::EVALUATING}}));
  int64_t moved = 0;
  for (const Row& r : rows) {
    ASSIGN_OR_RETURN(int64_t n, c.Execute("UPDATE results SET run_id = ? WHERE round_id = ?"
                                          " AND run_id = ?",
                                          {run_id, round_id, r.Int(0)}));
    moved += n;
    // The earlier run is not evaluating any more: this one carries its results on.
    RETURN_IF_ERROR(
        c.Execute("UPDATE runs SET phase = ?, error = ? WHERE id = ?",
                  {int64_t{v1::Run::DONE},
                   Fitted(absl::StrCat("continued by ", RunName(round_id, run_id)), 1000),
                   r.Int(0)})
            .status());
  }
  return moved;
}

absl::Status SaveProgress(Connection& c, int64_t run_id, const std::string& owner,
                          v1::Run::Phase phase, const RunFigures& f, absl::Time now,
                          absl::Time lease_until) {
  ASSIGN_OR_RETURN(int64_t n,
                   c.Execute("UPDATE runs SET phase = ?, processed = ?, total = ?, ms = ?,"
                             " tms = ?, lease_until_us = ?, update_time_us = ?"
                             " WHERE id = ? AND lease_owner = ? AND lease_until_us > ?",
                             {int64_t{phase}, f.processed, f.total, f.ms, f.tms,
                              Micros(lease_until), Micros(now), run_id, owner, Micros(now)}));
  if (n == 0) {
    // MySQL counts rows changed, not matched: a renewal that writes the same values
    // (nothing new, the same instant) changes none. Whether the lease is still ours
    // is read back then.
    ASSIGN_OR_RETURN(std::vector<Row> held,
                     c.Query("SELECT 1 FROM runs WHERE id = ? AND lease_owner = ?"
                             " AND lease_until_us > ?",
                             {run_id, owner, Micros(now)}));
    if (!held.empty()) return absl::OkStatus();
    return absl::AbortedError(absl::StrCat(
        "this run lost its lease (it was paused longer than the lease, and another run may"
        " have taken over); run again to continue"));
  }
  return absl::OkStatus();
}

absl::Status FinishRun(Connection& c, int64_t run_id, const std::string& owner,
                       v1::Run::State state, v1::Run::Phase phase, const RunFigures& f,
                       const std::string& error, absl::Time now) {
  return c
      .Execute("UPDATE runs SET state = ?, phase = ?, processed = ?, total = ?, ms = ?,"
               " tms = ?, error = ?, lease_owner = '', lease_until_us = 0, update_time_us = ?"
               " WHERE id = ? AND lease_owner = ?",
               {int64_t{state}, int64_t{phase}, f.processed, f.total, f.ms, f.tms,
                Fitted(error, 1000), Micros(now), run_id, owner})
      .status();
}

absl::StatusOr<RunFigures> CountRound(Connection& c, int64_t round_id) {
  RunFigures f;
  ASSIGN_OR_RETURN(std::vector<Row> a,
                   c.Query("SELECT COUNT(*) FROM applicants WHERE round_id = ?", {round_id}));
  f.total = a[0].Int(0);
  ASSIGN_OR_RETURN(std::vector<Row> r,
                   c.Query("SELECT outcome, COUNT(*) FROM results WHERE round_id = ?"
                           " GROUP BY outcome",
                           {round_id}));
  for (const Row& row : r) {
    if (row.Int(0) == v1::MS) f.ms += row.Int(1);
    if (row.Int(0) == v1::TMS) f.tms += row.Int(1);
    f.processed += row.Int(1);
  }
  return f;
}

absl::StatusOr<std::vector<ApplicantRow>> ApplicantsWithoutResult(Connection& c,
                                                                  int64_t round_id,
                                                                  int64_t after_honorer,
                                                                  int limit) {
  // Two range reads on primary keys (a page of applicants, then which of them have
  // a result), not one query with NOT EXISTS: MariaDB planned that as an anti-join
  // over the round's results for every page, quadratic over a million applicants.
  // A page whose applicants all have results comes back empty-filtered; the caller
  // learns the keyset position from `after` through the last row returned, so such
  // pages are walked here until rows are found or the applicants end.
  std::vector<ApplicantRow> out;
  int64_t after = after_honorer;
  while (out.empty()) {
    ASSIGN_OR_RETURN(std::vector<Row> rows,
                     c.Query("SELECT honorer_id, instansi_code, post_kind FROM applicants"
                             " WHERE round_id = ? AND honorer_id > ? ORDER BY honorer_id LIMIT ?",
                             {round_id, after, int64_t{limit}}));
    if (rows.empty()) break;
    const int64_t first = rows.front().Int(0), last = rows.back().Int(0);
    ASSIGN_OR_RETURN(std::vector<Row> done,
                     c.Query("SELECT honorer_id FROM results WHERE round_id = ?"
                             " AND honorer_id >= ? AND honorer_id <= ?",
                             {round_id, first, last}));
    std::vector<int64_t> have;
    have.reserve(done.size());
    for (const Row& d : done) have.push_back(d.Int(0));
    std::sort(have.begin(), have.end());
    for (const Row& r : rows) {
      if (std::binary_search(have.begin(), have.end(), r.Int(0))) continue;
      ApplicantRow a;
      a.honorer_id = r.Int(0);
      a.instansi_code = r.Str(1);
      a.post_kind = static_cast<v1::PostKind>(r.Int(2));
      out.push_back(std::move(a));
    }
    after = last;
    if (static_cast<int>(rows.size()) < limit) break;
  }
  return out;
}

absl::StatusOr<std::vector<ApplicantRow>> ApplicantsWithStored(Connection& c, int64_t round_id,
                                                               int64_t after_honorer,
                                                               int limit) {
  ASSIGN_OR_RETURN(
      std::vector<Row> rows,
      c.Query("SELECT a.honorer_id, a.instansi_code, a.post_kind, r.outcome, r.reason_mask"
              " FROM applicants a LEFT JOIN results r ON r.round_id = a.round_id"
              " AND r.honorer_id = a.honorer_id"
              " WHERE a.round_id = ? AND a.honorer_id > ? ORDER BY a.honorer_id LIMIT ?",
              {round_id, after_honorer, int64_t{limit}}));
  std::vector<ApplicantRow> out;
  out.reserve(rows.size());
  for (const Row& r : rows) {
    ApplicantRow a;
    a.honorer_id = r.Int(0);
    a.instansi_code = r.Str(1);
    a.post_kind = static_cast<v1::PostKind>(r.Int(2));
    if (!r.IsNull(3)) {
      a.stored = static_cast<v1::Outcome>(r.Int(3));
      a.stored_mask = static_cast<ReasonBits>(r.Int(4));
    }
    out.push_back(std::move(a));
  }
  return out;
}

absl::Status MarkPublished(Connection& c, int64_t round_id, absl::Time now) {
  return c
      .Execute("UPDATE rounds SET results_publish_us = ? WHERE id = ?"
               " AND results_publish_us IS NULL",
               {Micros(now), round_id})
      .status();
}

absl::StatusOr<std::vector<int64_t>> RoundsWithOwedWork(Connection& c, absl::Time now) {
  // Per round an index seek (results_registry, notices_owed), never a scan of
  // every result: the sweeper asks this every sweep.
  ASSIGN_OR_RETURN(
      std::vector<Row> rows,
      c.Query("SELECT id FROM rounds o WHERE EXISTS (SELECT 1 FROM results r"
              " WHERE r.round_id = o.id AND r.registry_state = 0)"
              " UNION SELECT DISTINCT round_id FROM notices WHERE state = 0"));
  ASSIGN_OR_RETURN(std::vector<Row> leased,
                   c.Query("SELECT DISTINCT round_id FROM runs WHERE lease_until_us > ?",
                           {Micros(now)}));
  std::vector<int64_t> busy;
  for (const Row& r : leased) busy.push_back(r.Int(0));
  std::vector<int64_t> out;
  for (const Row& r : rows) {
    if (std::find(busy.begin(), busy.end(), r.Int(0)) == busy.end()) out.push_back(r.Int(0));
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace penataan::screening
