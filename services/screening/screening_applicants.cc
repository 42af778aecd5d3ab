// Screening: applicants, named or by filter.

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/paging.h"
#include "common/status_macros.h"
#include "common/storage/audit_log.h"
#include "services/screening/screening.h"

namespace penataan::screening {
namespace {

using storage::Connection;
using storage::InTransaction;
using storage::PooledConnection;

constexpr int kMaxNamed = 5000;

}  // namespace

absl::StatusOr<v1::AddApplicantsResponse> Screening::AddApplicants(
    const Caller& caller, const v1::AddApplicantsRequest& req) {
  ASSIGN_OR_RETURN(std::string code,
                   ScopeToInstansi(caller, req.instansi_code(), "AddApplicants", true));
  ASSIGN_OR_RETURN(int64_t round_id, ParseRoundName(req.round(), "round"));
  if (req.honorers_size() > kMaxNamed) {
    return InvalidField("honorers", absl::StrCat("at most ", kMaxNamed, " a call"));
  }
  std::vector<int64_t> ids;
  ids.reserve(req.honorers_size());
  for (int i = 0; i < req.honorers_size(); ++i) {
    ASSIGN_OR_RETURN(int64_t id,
                     ParseHonorerName(req.honorers(i), absl::StrCat("honorers[", i, "]")));
    ids.push_back(id);
  }
  v1::PostKind post_kind = req.post_kind();
  if (post_kind == v1::POST_KIND_UNSPECIFIED) post_kind = v1::GENERAL;
  if (!v1::PostKind_IsValid(post_kind)) return InvalidField("post_kind", "is not a post kind");
  for (int i = 0; i < req.categories_size(); ++i) {
    if (req.categories(i) == common::v1::JABATAN_CATEGORY_UNSPECIFIED ||
        !common::v1::JabatanCategory_IsValid(req.categories(i))) {
      return InvalidField(absl::StrCat("categories[", i, "]"), "is not a category");
    }
  }
  std::vector<registry::v1::HonorerStatus> statuses;
  for (int i = 0; i < req.statuses_size(); ++i) {
    const auto s = static_cast<registry::v1::HonorerStatus>(req.statuses(i));
    if (s == registry::v1::HONORER_STATUS_UNSPECIFIED ||
        !registry::v1::HonorerStatus_IsValid(s)) {
      return InvalidField(absl::StrCat("statuses[", i, "]"), "is not a status");
    }
    statuses.push_back(s);
  }
  if (statuses.empty()) statuses.push_back(registry::v1::ACTIVE);
  {
    ASSIGN_OR_RETURN(PooledConnection conn, db_.Acquire());
    RETURN_IF_ERROR(LoadRound(*conn, round_id, req.round(), false).status());
  }

  v1::AddApplicantsResponse out;
  const std::string added_by = caller.principal.ToString();
  // One page of honorer ids in one transaction: those already applicants counted,
  // the rest inserted.
  auto add_page = [&](const std::vector<int64_t>& page) -> absl::Status {
    int64_t added = 0, already = 0;
    RETURN_IF_ERROR(InTransaction(db_, [&](Connection& c) -> absl::Status {
      ASSIGN_OR_RETURN(auto existing, store_.ExistingApplicants(c, round_id, page));
      std::vector<Applicant> fresh;
      const absl::Time now = clock_.Now();
      absl::flat_hash_set<int64_t> seen;
      for (int64_t id : page) {
        if (!seen.insert(id).second) continue;  // named twice
        if (existing.contains(id)) continue;
        fresh.push_back(Applicant{round_id, id, code, post_kind, added_by, now});
      }
      RETURN_IF_ERROR(store_.InsertApplicants(c, fresh));
      added = static_cast<int64_t>(fresh.size());
      already = static_cast<int64_t>(seen.size() - fresh.size());
      if (added > 0) {
        RETURN_IF_ERROR(Audit(c, caller, "AddApplicants", req.round(),
                              absl::StrCat("instansi=", code, " added=", added, " first=",
                                           HonorerName(fresh.front().honorer_id))));
      }
      return absl::OkStatus();
    }));
    out.set_added(out.added() + added);
    out.set_already_applicants(out.already_applicants() + already);
    return absl::OkStatus();
  };

  if (!ids.empty()) {
    ASSIGN_OR_RETURN(auto found, registry_.GetHonorers(caller, ids));
    const absl::Time now = clock_.Now();
    for (size_t i = 0; i < ids.size(); ++i) {
      const std::string field = absl::StrCat("honorers[", i, "]");
      const absl::Status missing = WithViolation(
          absl::NotFoundError(absl::StrCat(field, ": ", req.honorers(i), " not found")),
          Violation{field, 0, "not found"});
      auto it = found.find(ids[i]);
      if (it == found.end()) return missing;
      // Another instansi's honorer reads as one that does not exist (the ownership
      // rule of every record, audited), so that an instansi learns nothing of what
      // others hold.
      RETURN_IF_ERROR(storage::RequireOwner(db_, now, caller, it->second.instansi_code(),
                                            "AddApplicants", HonorerName(ids[i]), missing));
    }
    RETURN_IF_ERROR(add_page(ids));
    return out;
  }
  std::vector<common::v1::JabatanCategory> categories;
  for (int c : req.categories()) categories.push_back(static_cast<common::v1::JabatanCategory>(c));
  RETURN_IF_ERROR(registry_.ForEachHonorerPage(caller, code, categories, statuses, add_page));
  return out;
}

absl::StatusOr<Page<Applicant>> Screening::ListApplicants(const Caller& caller,
                                                          const std::string& round,
                                                          const std::string& instansi_code,
                                                          int page_size,
                                                          const std::string& page_token) {
  ASSIGN_OR_RETURN(std::string code,
                   ScopeToInstansi(caller, instansi_code, "ListApplicants", false));
  ASSIGN_OR_RETURN(int64_t round_id, ParseRoundName(round, "round"));
  ASSIGN_OR_RETURN(int size, EffectivePageSize(page_size));
  const std::string kind = absl::StrCat("applicants.", round_id, ".", code);
  ASSIGN_OR_RETURN(int64_t after, DecodeIdPageToken(kind, page_token));
  ASSIGN_OR_RETURN(PooledConnection conn, db_.Acquire());
  RETURN_IF_ERROR(LoadRound(*conn, round_id, round, false).status());
  Page<Applicant> page;
  ASSIGN_OR_RETURN(page.items, store_.ListApplicants(*conn, round_id, code, after, size + 1));
  if (static_cast<int>(page.items.size()) > size) {
    page.items.pop_back();
    page.next_page_token = EncodePageToken(kind, absl::StrCat(page.items.back().honorer_id));
  }
  ASSIGN_OR_RETURN(page.total_size, store_.CountApplicants(*conn, round_id, code));
  return page;
}

}  // namespace penataan::screening
