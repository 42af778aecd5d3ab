// Screening: reading results, and their counts per instansi and reason.

#include <map>

#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/paging.h"
#include "common/status_macros.h"
#include "common/storage/audit_log.h"
#include "services/screening/screening.h"

namespace penataan::screening {
namespace {

using storage::PooledConnection;

void AddRow(const v1::ResultSummary::Row& from, v1::ResultSummary::Row* to) {
  to->set_ms(to->ms() + from.ms());
  to->set_tms(to->tms() + from.tms());
  to->set_changed_by_appeal(to->changed_by_appeal() + from.changed_by_appeal());
  to->set_appeals_filed(to->appeals_filed() + from.appeals_filed());
  for (const auto& [reason, n] : from.tms_by_reason()) (*to->mutable_tms_by_reason())[reason] += n;
  for (const auto& [category, n] : from.tms_by_category()) {
    (*to->mutable_tms_by_category())[category] += n;
  }
}

}  // namespace

absl::StatusOr<Result> Screening::GetResult(const Caller& caller, const std::string& name) {
  ASSIGN_OR_RETURN(auto key, ParseResultName(name, "name", false));
  ASSIGN_OR_RETURN(PooledConnection conn, db_.Acquire());
  ASSIGN_OR_RETURN(std::optional<Result> r, store_.GetResult(*conn, key.first, key.second, false));
  const absl::Status missing = absl::NotFoundError(absl::StrCat(name, " not found"));
  if (!r) return missing;
  // Another instansi's result answers exactly as a missing one, and is audited.
  RETURN_IF_ERROR(storage::RequireOwner(db_, clock_.Now(), caller, r->instansi_code, "GetResult",
                                        name, missing));
  return *std::move(r);
}

absl::StatusOr<Page<Result>> Screening::ListResults(const Caller& caller,
                                                    const v1::ListResultsRequest& req) {
  ASSIGN_OR_RETURN(std::string code,
                   ScopeToInstansi(caller, req.instansi_code(), "ListResults", false));
  ASSIGN_OR_RETURN(int64_t round_id, ParseRoundName(req.round(), "round"));
  if (!v1::Outcome_IsValid(req.outcome())) return InvalidField("outcome", "is not an outcome");
  if (!v1::ReasonCode_IsValid(req.reason())) return InvalidField("reason", "is not a reason code");
  ASSIGN_OR_RETURN(int size, EffectivePageSize(req.page_size()));
  ResultFilter f{round_id, code, req.outcome(), req.reason()};
  // The token is bound to the filter: a token of one list cannot page another.
  const std::string kind =
      absl::StrCat("results.", round_id, ".", code, ".", req.outcome(), ".", req.reason());
  ASSIGN_OR_RETURN(int64_t after, DecodeIdPageToken(kind, req.page_token()));
  ASSIGN_OR_RETURN(PooledConnection conn, db_.Acquire());
  RETURN_IF_ERROR(LoadRound(*conn, round_id, req.round(), false).status());
  Page<Result> page;
  ASSIGN_OR_RETURN(page.items, store_.ListResults(*conn, f, after, size + 1));
  if (static_cast<int>(page.items.size()) > size) {
    page.items.pop_back();
    page.next_page_token = EncodePageToken(kind, absl::StrCat(page.items.back().honorer_id));
  }
  ASSIGN_OR_RETURN(page.total_size, store_.CountResults(*conn, f));
  return page;
}

absl::StatusOr<v1::ResultSummary> Screening::SummarizeResults(const Caller& caller,
                                                              const std::string& round,
                                                              const std::string& instansi_code) {
  ASSIGN_OR_RETURN(std::string code,
                   ScopeToInstansi(caller, instansi_code, "SummarizeResults", false));
  ASSIGN_OR_RETURN(int64_t round_id, ParseRoundName(round, "round"));
  ASSIGN_OR_RETURN(PooledConnection conn, db_.Acquire());
  RETURN_IF_ERROR(LoadRound(*conn, round_id, round, false).status());
  ASSIGN_OR_RETURN(std::vector<MaskCount> groups, store_.CountByMask(*conn, round_id, code));
  ASSIGN_OR_RETURN(std::vector<InstansiCount> appeals,
                   store_.AppealsByInstansi(*conn, round_id, code));
  std::map<std::string, v1::ResultSummary::Row> rows;
  for (const MaskCount& g : groups) {
    v1::ResultSummary::Row& row = rows[g.instansi_code];
    row.set_instansi_code(g.instansi_code);
    row.set_changed_by_appeal(row.changed_by_appeal() + g.changed_by_appeal);
    if (g.outcome == v1::MS) row.set_ms(row.ms() + g.count);
    if (g.outcome != v1::TMS) continue;
    row.set_tms(row.tms() + g.count);
    (*row.mutable_tms_by_category())[common::v1::JabatanCategory_Name(g.jabatan_category)] +=
        g.count;
    // A result with two reasons counts under both.
    for (int code_bit = 1; code_bit < 63; ++code_bit) {
      if ((g.reason_mask & (int64_t{1} << code_bit)) == 0) continue;
      const std::string reason = v1::ReasonCode_IsValid(code_bit)
                                     ? v1::ReasonCode_Name(static_cast<v1::ReasonCode>(code_bit))
                                     : absl::StrCat(code_bit);
      (*row.mutable_tms_by_reason())[reason] += g.count;
    }
  }
  for (const InstansiCount& a : appeals) {
    v1::ResultSummary::Row& row = rows[a.instansi_code];
    row.set_instansi_code(a.instansi_code);
    row.set_appeals_filed(a.count);
  }
  v1::ResultSummary out;
  for (auto& [c, row] : rows) {
    AddRow(row, out.mutable_total());
    *out.add_rows() = std::move(row);
  }
  return out;
}

}  // namespace penataan::screening
