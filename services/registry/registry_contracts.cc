// Registry: contracts (SK periods), the contract policy (crucial units, the expiry
// notice) and performance reviews (declared in registry.h). RenewContracts is in
// registry_renewal.cc; the expiry scheduler is a component of its own.

#include <algorithm>
#include <map>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "common/errors.h"
#include "common/paging.h"
#include "common/status_macros.h"
#include "common/utf8.h"
#include "services/registry/contract_periods.h"
#include "services/registry/crucial_units.h"
#include "services/registry/registry.h"
#include "services/registry/review_rules.h"

namespace penataan::registry {
namespace {

using storage::Connection;
using storage::InTransaction;
using storage::PooledConnection;

// Error details travel in a response trailer: past a hundred or so violations it
// outgrows what a client accepts, and the call fails with no detail at all.
constexpr size_t kMaxNamedViolations = 100;

absl::Status BadToken() {
  return InvalidField("page_token", "is not a token from this list; start again without it");
}

std::string PolicyName(const std::string& code) {
  return absl::StrCat("instansi/", code, "/contractPolicy");
}

bool IsSixteenDigits(const std::string& s) {
  return s.size() == 16 && std::all_of(s.begin(), s.end(), [](char c) {
           return absl::ascii_isdigit(static_cast<unsigned char>(c));
         });
}

// Every violation by row; the first kMaxNamedViolations travel with the error and
// the message counts the rows.
absl::Status RowViolations(std::vector<Violation> bad) {
  std::stable_sort(bad.begin(), bad.end(),
                   [](const Violation& a, const Violation& b) { return a.row < b.row; });
  absl::flat_hash_set<int64_t> rows;
  for (const Violation& v : bad) rows.insert(v.row);
  const size_t total = bad.size();
  if (total > kMaxNamedViolations) bad.resize(kMaxNamedViolations);
  absl::Status status = InvalidFields(bad);
  if (total <= kMaxNamedViolations) return status;
  absl::Status out = absl::InvalidArgumentError(
      absl::StrCat(bad[0].field, " (row ", bad[0].row, "): ", bad[0].description, " (", rows.size(),
                   " bad rows, ", total, " problems; the first ", kMaxNamedViolations,
                   " are named); nothing was written"));
  for (const Violation& v : bad) out = WithViolation(out, v);
  return out;
}

// ListExpiringContracts' token: the window (fixed by the first page) and the last
// (end date, honorer) answered, for one instansi.
struct ExpiringCursor {
  absl::CivilDay today, until;
  absl::CivilDay last_end;
  int64_t last_honorer = 0;
};

std::string EncodeExpiringToken(const std::string& code, bool include_ended,
                                const ExpiringCursor& c) {
  return EncodePageToken(
      "expiring", absl::StrCat(code, "|", include_ended ? 1 : 0, "|", FormatIsoDate(c.today), "|",
                               FormatIsoDate(c.until), "|", FormatIsoDate(c.last_end), "|",
                               c.last_honorer));
}

absl::StatusOr<std::optional<ExpiringCursor>> DecodeExpiringToken(const std::string& code,
                                                                   bool include_ended,
                                                                   const std::string& token) {
  ASSIGN_OR_RETURN(std::string key, DecodePageToken("expiring", token));
  if (key.empty()) return std::optional<ExpiringCursor>();
  std::vector<std::string> parts = absl::StrSplit(key, '|');
  ExpiringCursor c;
  if (parts.size() != 6 || parts[0] != code || parts[1] != (include_ended ? "1" : "0")) {
    return BadToken();
  }
  auto today = ParseIsoDate(parts[2]), until = ParseIsoDate(parts[3]),
       last = ParseIsoDate(parts[4]);
  if (!today || !until || !last || !absl::SimpleAtoi(parts[5], &c.last_honorer)) return BadToken();
  c.today = *today;
  c.until = *until;
  c.last_end = *last;
  return std::optional<ExpiringCursor>(c);
}

}  // namespace

absl::StatusOr<std::string> Registry::OwnedInstansi(const Caller& caller, std::string code,
                                                    const char* field, const char* action) {
  if (code.empty() && caller.own_records_only) code = caller.principal.id;
  if (code.empty()) return InvalidField(field, "is required");
  RETURN_IF_ERROR(RequireOwner(caller, code, action, absl::StrCat("instansi/", code)));
  return code;
}

// ---- Periods written with the honorer ------------------------------------------

absl::Status Registry::CorrectPeriods(Connection& c, const Honorer& before, Honorer& after,
                                      const std::string& principal, absl::Time now) {
  if (after.instansi_code != before.instansi_code) {
    RETURN_IF_ERROR(contracts_.MoveToInstansi(c, before.id, after.instansi_code));
  }
  if (after.contract_start == before.contract_start && after.contract_end == before.contract_end) {
    return absl::OkStatus();
  }
  ASSIGN_OR_RETURN(std::vector<Contract> periods,
                   contracts_.ContractsOf(c, {before.id}, /*for_update=*/true));
  const bool both = after.contract_start && after.contract_end;
  if (periods.empty()) {
    if (!both) return absl::OkStatus();  // dates without a period, as before contracts
    return contracts_.InsertContracts(
        c, {NewPeriod(before.id, after.instansi_code, *after.contract_start, *after.contract_end,
                      principal, now)});
  }
  if (!both) {
    return InvalidField(after.contract_start ? "honorer.contract_end" : "honorer.contract_start",
                        "an honorer with SK periods keeps a current one: correct its dates "
                        "rather than clear them");
  }
  const Contract* current = &periods[0];
  for (const Contract& p : periods) {
    if (p.start_date > current->start_date) current = &p;
  }
  if (auto ended = CheckEndedDates(*current, *after.contract_start, *after.contract_end,
                                   "honorer.contract_start", "honorer.contract_end")) {
    return WithViolation(
        absl::FailedPreconditionError(absl::StrCat(ended->field, ": ", ended->description)),
        *ended);
  }
  if (auto bad = CheckCorrection(periods, *current, *after.contract_start)) {
    return InvalidFields({*bad});
  }
  return contracts_.UpdatePeriodDates(c, current->id, *after.contract_start, *after.contract_end,
                                      now);
}

// ---- Contracts -----------------------------------------------------------------

absl::StatusOr<Page<Contract>> Registry::ListContracts(const Caller& caller,
                                                       const std::string& honorer, int page_size,
                                                       const std::string& page_token) {
  ASSIGN_OR_RETURN(Honorer h, LoadForRead(caller, honorer, "ListContracts"));
  ASSIGN_OR_RETURN(int size, EffectivePageSize(page_size));
  // The token is this honorer's: another honorer's is refused.
  const std::string kind = absl::StrCat("contracts-", h.id);
  ASSIGN_OR_RETURN(std::string last, DecodePageToken(kind, page_token));
  std::optional<absl::CivilDay> before;
  if (!last.empty()) {
    before = ParseIsoDate(last);
    if (!before) return BadToken();
  }
  ASSIGN_OR_RETURN(PooledConnection conn, db_.Acquire());
  ASSIGN_OR_RETURN(std::vector<Contract> rows,
                   contracts_.ListContracts(*conn, h.id, before, size + 1));
  Page<Contract> page;
  if (static_cast<int>(rows.size()) > size) {
    rows.pop_back();
    page.next_page_token = EncodePageToken(kind, FormatIsoDate(rows.back().start_date));
  }
  page.items = std::move(rows);
  return page;
}

absl::StatusOr<ExpiringPage> Registry::ListExpiringContracts(const Caller& caller,
                                                             ExpiringQuery query) {
  ASSIGN_OR_RETURN(const std::string code, OwnedInstansi(caller, query.instansi_code,
                                                         "instansi_code", "ListExpiringContracts"));
  if (query.within_days < 0 || query.within_days > kMaxExpiryNoticeDays) {
    return InvalidField("within_days",
                        absl::StrCat("must be 0 (the policy's expiry_notice_days) or 1 to ",
                                     kMaxExpiryNoticeDays));
  }
  ASSIGN_OR_RETURN(int size, EffectivePageSize(query.page_size));
  ASSIGN_OR_RETURN(std::optional<ExpiringCursor> cursor,
                   DecodeExpiringToken(code, query.include_ended, query.page_token));
  ASSIGN_OR_RETURN(PooledConnection conn, db_.Acquire());
  ASSIGN_OR_RETURN(Instansi instansi, RequireInstansi(*conn, code, "instansi_code"));
  ASSIGN_OR_RETURN(ContractPolicy policy, contracts_.GetPolicy(*conn, code, false));
  ExpiringPage page;
  if (cursor) {
    page.today = cursor->today;
    page.until = cursor->until;
  } else {
    page.today = TodayIn(instansi);
    page.until = page.today + (query.within_days != 0 ? query.within_days
                                                      : policy.expiry_notice_days);
  }
  const ExpiringWindow window{code, page.today, page.until, query.include_ended};
  std::optional<absl::CivilDay> after_end;
  if (cursor) after_end = cursor->last_end;
  ASSIGN_OR_RETURN(std::vector<ExpiringRow> rows,
                   contracts_.ListExpiring(*conn, window, after_end,
                                           cursor ? cursor->last_honorer : 0, size + 1));
  ASSIGN_OR_RETURN(ExpiringCounts counts, contracts_.CountExpiring(*conn, window));
  page.total_size = counts.total;
  page.reviews_missing = counts.reviews_missing;
  if (static_cast<int>(rows.size()) > size) {
    rows.pop_back();
    const Contract& last = rows.back().contract;
    page.next_page_token = EncodeExpiringToken(
        code, query.include_ended,
        ExpiringCursor{page.today, page.until, last.end_date, last.honorer_id});
  }
  for (ExpiringRow& r : rows) {
    ExpiringContract e;
    e.crucial_unit = IsCrucialUnit(policy.crucial_units, r.unit_kerja);
    e.days_left = static_cast<int>(r.contract.end_date - page.today);
    e.contract = std::move(r.contract);
    e.full_name = std::move(r.full_name);
    e.unit_kerja = std::move(r.unit_kerja);
    e.status = r.status;
    e.review = r.review;
    page.items.push_back(std::move(e));
  }
  return page;
}

// ---- Policy --------------------------------------------------------------------

absl::StatusOr<ContractPolicy> Registry::GetContractPolicy(const Caller& caller,
                                                           std::string code) {
  ASSIGN_OR_RETURN(code, OwnedInstansi(caller, code, "instansi_code", "GetContractPolicy"));
  ASSIGN_OR_RETURN(PooledConnection conn, db_.Acquire());
  RETURN_IF_ERROR(RequireInstansi(*conn, code, "instansi_code").status());
  return contracts_.GetPolicy(*conn, code, false);
}

absl::StatusOr<ContractPolicy> Registry::UpdateContractPolicy(
    const Caller& caller, std::string code, const ContractPolicy& policy,
    const std::vector<std::string>& mask, const std::string& etag) {
  ASSIGN_OR_RETURN(code,
                   OwnedInstansi(caller, code, "policy.instansi_code", "UpdateContractPolicy"));
  bool units = mask.empty(), days = mask.empty();
  for (const std::string& path : mask) {
    if (path == "crucial_units") {
      units = true;
    } else if (path == "expiry_notice_days") {
      days = true;
    } else {
      return InvalidField("update_mask",
                          absl::StrCat("\"", path,
                                       "\" is not crucial_units or expiry_notice_days"));
    }
  }
  std::vector<Violation> bad;
  if (units) bad = ValidateCrucialUnits(policy.crucial_units, "policy.crucial_units");
  if (days && (policy.expiry_notice_days < 1 || policy.expiry_notice_days > kMaxExpiryNoticeDays)) {
    bad.push_back({"policy.expiry_notice_days", 0,
                   absl::StrCat("must be 1 to ", kMaxExpiryNoticeDays, " days")});
  }
  RETURN_IF_ERROR(InvalidFields(bad));
  std::optional<ContractPolicy> result;
  absl::Status status = InTransaction(db_, [&](Connection& c) -> absl::Status {
    RETURN_IF_ERROR(RequireInstansi(c, code, "policy.instansi_code").status());
    // Locked: a concurrent update waits, then sees this one's version.
    ASSIGN_OR_RETURN(ContractPolicy current, contracts_.GetPolicy(c, code, /*for_update=*/true));
    if (!etag.empty() && etag != Etag(current.version)) {
      return WithViolation(
          absl::AbortedError("etag: the policy was changed since it was read; read it again"),
          Violation{"etag", 0, "is stale"});
    }
    ContractPolicy next = current;
    if (units) next.crucial_units = policy.crucial_units;
    if (days) next.expiry_notice_days = policy.expiry_notice_days;
    next.version = current.version + 1;
    next.updated_by = caller.principal.ToString();
    next.update_time = clock_.Now();
    RETURN_IF_ERROR(contracts_.ReplacePolicy(c, next, current.version));
    RETURN_IF_ERROR(Audit(c, caller, "UpdateContractPolicy", PolicyName(code),
                          absl::StrCat("crucial_units=", next.crucial_units.size(),
                                       " expiry_notice_days=", next.expiry_notice_days,
                                       " version=", next.version)));
    result = std::move(next);
    return absl::OkStatus();
  });
  RETURN_IF_ERROR(status);
  return *std::move(result);
}

// ---- Reviews -------------------------------------------------------------------

absl::StatusOr<PerformanceReview> Registry::SetPerformanceReview(const Caller& caller,
                                                                 const std::string& honorer,
                                                                 PerformanceReview review) {
  ASSIGN_OR_RETURN(int64_t id, ParseHonorerName(honorer, "review.honorer"));
  RETURN_IF_ERROR(InvalidFields(ValidateReview(review, "review.")));
  bool foreign = false;
  absl::Status status = InTransaction(db_, [&](Connection& c) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<Honorer> h, store_.GetHonorerById(c, id, /*for_update=*/true));
    foreign = h && !caller.Owns(h->instansi_code);
    if (!h || foreign) return absl::NotFoundError(absl::StrCat("honorer ", honorer, " not found"));
    review.honorer_id = id;
    review.instansi_code = h->instansi_code;
    review.updated_by = caller.principal.ToString();
    review.update_time = clock_.Now();
    RETURN_IF_ERROR(contracts_.UpsertReviews(c, {review}));
    return Audit(c, caller, "SetPerformanceReview", ReviewName(id, review.year),
                 absl::StrCat("outcome=", v1::ReviewOutcome_Name(review.outcome)));
  });
  RETURN_IF_ERROR(
      AuditRefusalAfter(caller, status, foreign, "SetPerformanceReview", honorer));
  return review;
}

absl::StatusOr<ReviewImportResult> Registry::ImportPerformanceReviews(
    const Caller& caller, std::string code, const std::vector<ReviewImportRow>& rows) {
  ASSIGN_OR_RETURN(code,
                   OwnedInstansi(caller, code, "instansi_code", "ImportPerformanceReviews"));
  if (rows.empty()) return InvalidField("rows", "is empty");
  if (rows.size() > kMaxReviewImportRows) {
    return InvalidField("rows", absl::StrCat("at most ", kMaxReviewImportRows, " rows, not ",
                                             rows.size()));
  }
  // The form of every row first; the keys that are well formed are looked up below.
  std::vector<Violation> bad;
  std::vector<PerformanceReview> parsed(rows.size());
  std::vector<int64_t> by_name(rows.size(), 0);
  std::vector<std::string> niks;
  std::vector<int64_t> ids;
  for (size_t i = 0; i < rows.size(); ++i) {
    const ReviewImportRow& r = rows[i];
    const int64_t row = r.row_number > 0 ? r.row_number : static_cast<int64_t>(i + 1);
    auto complain = [&](const char* field, std::string why) {
      bad.push_back({field, row, std::move(why)});
    };
    const std::string nik(absl::StripAsciiWhitespace(r.nik));
    if (nik.empty() == r.honorer.empty()) {
      complain(nik.empty() ? "nik" : "honorer",
               "give the honorer's nik or name (honorers/{id}), one of them");
    } else if (!nik.empty()) {
      if (IsSixteenDigits(nik)) {
        niks.push_back(nik);
      } else {
        complain("nik", "must be 16 digits");
      }
    } else if (absl::StatusOr<int64_t> id = ParseHonorerName(r.honorer, "honorer"); id.ok()) {
      by_name[i] = *id;
      ids.push_back(*id);
    } else {
      complain("honorer", "is not of the form honorers/{id}");
    }
    PerformanceReview& v = parsed[i];
    v.year = r.year;
    v.reviewer = r.reviewer;
    v.note = r.note;
    std::optional<ReviewOutcome> outcome = ParseReviewOutcome(r.outcome);
    v.outcome = outcome.value_or(v1::REVIEW_OUTCOME_UNSPECIFIED);
    for (Violation& problem : ValidateReview(v, "")) {
      if (problem.field == "outcome") {
        problem.description = absl::StrCat("\"", ValidUtf8(r.outcome, 40),
                                           "\" is not BAIK, CUKUP or KURANG");
      }
      problem.row = row;
      bad.push_back(std::move(problem));
    }
  }
  ReviewImportResult result;
  bool foreign = false;
  absl::Status status = InTransaction(db_, [&](Connection& c) -> absl::Status {
    result = ReviewImportResult{};
    foreign = false;
    std::vector<Violation> problems = bad;
    RETURN_IF_ERROR(RequireInstansi(c, code, "instansi_code").status());
    // Locked: the reviews compared below are the ones replaced.
    ASSIGN_OR_RETURN(std::vector<Honorer> found_by_nik,
                     store_.GetHonorersByNik(c, niks, /*for_update=*/true));
    ASSIGN_OR_RETURN(std::vector<Honorer> found_by_id,
                     store_.GetHonorersById(c, ids, /*for_update=*/true));
    absl::flat_hash_map<std::string, int64_t> nik_to_id;
    absl::flat_hash_set<int64_t> known;
    for (const Honorer& h : found_by_nik) {
      if (h.instansi_code == code) nik_to_id[h.nik] = h.id;
      foreign |= h.instansi_code != code;
    }
    for (const Honorer& h : found_by_id) {
      if (h.instansi_code == code) known.insert(h.id);
      foreign |= h.instansi_code != code;
    }
    // (honorer, year) -> the first row naming it.
    std::map<std::pair<int64_t, int>, int64_t> first_row;
    std::vector<PerformanceReview> wanted;
    for (size_t i = 0; i < rows.size(); ++i) {
      const int64_t row = rows[i].row_number > 0 ? rows[i].row_number : static_cast<int64_t>(i + 1);
      const std::string nik(absl::StripAsciiWhitespace(rows[i].nik));
      int64_t id = 0;
      if (by_name[i] != 0) {
        // Another instansi's honorer reads exactly like one that does not exist.
        if (known.count(by_name[i])) {
          id = by_name[i];
        } else {
          problems.push_back({"honorer", row, "no honorer of this instansi has this name"});
        }
      } else if (IsSixteenDigits(nik)) {
        auto it = nik_to_id.find(nik);
        if (it != nik_to_id.end()) {
          id = it->second;
        } else {
          problems.push_back({"nik", row, "no honorer of this instansi has this NIK"});
        }
      }
      if (id == 0) continue;
      auto [at, fresh] = first_row.emplace(std::make_pair(id, parsed[i].year), row);
      if (!fresh) {
        problems.push_back({rows[i].honorer.empty() ? "nik" : "honorer", row,
                            absl::StrCat("the same honorer and year as row ", at->second)});
        continue;
      }
      PerformanceReview v = parsed[i];
      v.honorer_id = id;
      v.instansi_code = code;
      wanted.push_back(std::move(v));
    }
    if (!problems.empty()) return RowViolations(std::move(problems));
    std::vector<int64_t> honorer_ids;
    for (const auto& [key, row] : first_row) honorer_ids.push_back(key.first);
    std::sort(honorer_ids.begin(), honorer_ids.end());
    honorer_ids.erase(std::unique(honorer_ids.begin(), honorer_ids.end()), honorer_ids.end());
    ASSIGN_OR_RETURN(std::vector<PerformanceReview> stored, contracts_.ReviewsOf(c, honorer_ids));
    std::map<std::pair<int64_t, int>, const PerformanceReview*> stored_by_key;
    for (const PerformanceReview& v : stored) stored_by_key[{v.honorer_id, v.year}] = &v;
    const absl::Time now = clock_.Now();
    std::vector<PerformanceReview> writes;
    for (PerformanceReview& v : wanted) {
      auto it = stored_by_key.find({v.honorer_id, v.year});
      if (it != stored_by_key.end() && it->second->outcome == v.outcome &&
          it->second->reviewer == v.reviewer && it->second->note == v.note) {
        ++result.unchanged;
        continue;
      }
      ++(it == stored_by_key.end() ? result.created : result.updated);
      v.updated_by = caller.principal.ToString();
      v.update_time = now;
      writes.push_back(std::move(v));
    }
    RETURN_IF_ERROR(contracts_.UpsertReviews(c, writes));
    return Audit(c, caller, "ImportPerformanceReviews", absl::StrCat("instansi/", code),
                 absl::StrCat("rows=", rows.size(), " created=", result.created,
                              " updated=", result.updated, " unchanged=", result.unchanged));
  });
  // Another instansi's honorers were answered as unknown: one refusal per call.
  if (foreign) {
    storage::RecordForeignAccess(db_, clock_.Now(), caller, "ImportPerformanceReviews",
                                 absl::StrCat("instansi/", code));
  }
  RETURN_IF_ERROR(status);
  return result;
}

absl::StatusOr<Page<PerformanceReview>> Registry::ListPerformanceReviews(
    const Caller& caller, std::string code, int year, ReviewOutcome outcome, int page_size,
    const std::string& page_token) {
  ASSIGN_OR_RETURN(code,
                   OwnedInstansi(caller, code, "instansi_code", "ListPerformanceReviews"));
  if (year < kMinReviewYear || year > kMaxReviewYear) {
    return InvalidField("year", absl::StrCat("is required: a contract year from ", kMinReviewYear,
                                             " to ", kMaxReviewYear));
  }
  if (!v1::ReviewOutcome_IsValid(outcome)) return InvalidField("outcome", "is not an outcome");
  ASSIGN_OR_RETURN(int size, EffectivePageSize(page_size));
  const std::string kind = absl::StrCat("reviews-", code, "-", year, "-", outcome);
  ASSIGN_OR_RETURN(int64_t after, DecodeIdPageToken(kind, page_token));
  ASSIGN_OR_RETURN(PooledConnection conn, db_.Acquire());
  RETURN_IF_ERROR(RequireInstansi(*conn, code, "instansi_code").status());
  ASSIGN_OR_RETURN(std::vector<PerformanceReview> rows,
                   contracts_.ListReviews(*conn, code, year, outcome, after, size + 1));
  Page<PerformanceReview> page;
  if (static_cast<int>(rows.size()) > size) {
    rows.pop_back();
    page.next_page_token = EncodePageToken(kind, absl::StrCat(rows.back().honorer_id));
  }
  page.items = std::move(rows);
  return page;
}

}  // namespace penataan::registry
