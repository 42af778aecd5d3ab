// Screening: the ranking of an instansi's MS candidates (Balikpapan's rule):
// longest continuous service first, then the older first, then by honorer id.

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/errors.h"
#include "common/paging.h"
#include "common/status_macros.h"
#include "services/screening/rules/screening_rules.h"
#include "services/screening/screening.h"

namespace penataan::screening {
namespace {

using storage::PooledConnection;

// The token's key: the last candidate's position and rank, "service,age,id,rank",
// so that the next page goes on counting ranks without counting what came before.
std::string EncodeKey(const RankKey& k, int rank) {
  return absl::StrCat(k.service_days, ",", k.age_days, ",", k.honorer_id, ",", rank);
}

absl::StatusOr<std::pair<std::optional<RankKey>, int>> DecodeKey(const std::string& text) {
  if (text.empty()) return std::make_pair(std::optional<RankKey>(), 0);
  std::vector<std::string> parts = absl::StrSplit(text, ',');
  RankKey k;
  int rank = 0;
  if (parts.size() != 4 || !absl::SimpleAtoi(parts[0], &k.service_days) ||
      !absl::SimpleAtoi(parts[1], &k.age_days) || !absl::SimpleAtoi(parts[2], &k.honorer_id) ||
      !absl::SimpleAtoi(parts[3], &rank) || rank < 0) {
    return InvalidField("page_token", "is not a token of this list");
  }
  return std::make_pair(std::optional<RankKey>(k), rank);
}

}  // namespace

absl::StatusOr<Page<RankedCandidate>> Screening::RankCandidates(
    const Caller& caller, const v1::RankCandidatesRequest& req) {
  ASSIGN_OR_RETURN(std::string code,
                   ScopeToInstansi(caller, req.instansi_code(), "RankCandidates", true));
  ASSIGN_OR_RETURN(int64_t round_id, ParseRoundName(req.round(), "round"));
  ASSIGN_OR_RETURN(int size, EffectivePageSize(req.page_size()));
  const std::string kind = absl::StrCat("rank.", round_id, ".", code);
  ASSIGN_OR_RETURN(std::string token, DecodePageToken(kind, req.page_token()));
  ASSIGN_OR_RETURN(auto after, DecodeKey(token));
  ASSIGN_OR_RETURN(PooledConnection conn, db_.Acquire());
  ASSIGN_OR_RETURN(Round round, LoadRound(*conn, round_id, req.round(), false));
  ASSIGN_OR_RETURN(std::vector<Candidate> rows,
                   store_.Ranked(*conn, round_id, code, after.first, size + 1));
  Page<RankedCandidate> page;
  int rank = after.second;
  const bool more = static_cast<int>(rows.size()) > size;
  if (more) rows.pop_back();
  for (Candidate& c : rows) {
    // The service as a person says it: from the TMT (the cut-off less the days) to
    // the cut-off, in completed years and months.
    std::string display = FormatService(round.cutoff - c.service_days, round.cutoff);
    page.items.push_back(RankedCandidate{std::move(c), ++rank, std::move(display)});
  }
  if (more) {
    const Candidate& last = page.items.back().candidate;
    page.next_page_token = EncodePageToken(
        kind, EncodeKey(RankKey{last.service_days, last.age_days, last.honorer_id}, rank));
  }
  ASSIGN_OR_RETURN(page.total_size,
                   store_.CountResults(*conn, ResultFilter{round_id, code, v1::MS}));
  return page;
}

}  // namespace penataan::screening
