// Registry: RenewContracts (declared, with its guarantees, in registry.h). Who is
// renewed is renewal_rules.h's; here are the pages, their transactions, and the
// request_id's claim, lease and stored answer (the dispatcher's pattern: a lease
// that a holder extends page by page and that another call may take once expired).

#include <algorithm>
#include <map>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "common/utf8.h"
#include "services/registry/contract_notices.h"
#include "services/registry/registry.h"
#include "services/registry/renewal_notice.h"
#include "services/registry/review_rules.h"
#include "services/registry/status_rules.h"

namespace penataan::registry {
namespace {

using storage::Connection;
using storage::InTransaction;
using storage::PooledConnection;

// Honorers read, decided and written per transaction.
constexpr int kRenewalPage = 1000;
// How long a renewal's holder owns its request_id without committing a page: a
// page takes well under a second, so a holder this late has died.
constexpr absl::Duration kRenewalLease = absl::Minutes(2);
constexpr size_t kMaxNamedViolations = 100;

// FNV-1a 64 over the request's parameters (lengths keep the fields apart): the
// same on every replica, unlike std::hash. request_id and dry_run are not
// parameters of the renewal.
std::string Fingerprint(const RenewalRequest& r) {
  std::string canonical;
  auto add = [&canonical](absl::string_view field) {
    absl::StrAppend(&canonical, field.size(), ":", field, ";");
  };
  auto day = [](const std::optional<absl::CivilDay>& d) {
    return d ? FormatIsoDate(*d) : std::string("-");
  };
  add(r.instansi_code);
  add(absl::StrCat(r.unit_kerja.size()));
  for (const std::string& u : r.unit_kerja) add(u);
  add(absl::StrCat(r.jabatan_category));
  add(day(r.current_contract_end));
  add(absl::StrCat(r.honorers.size()));
  for (const std::string& h : r.honorers) add(h);
  add(absl::StrCat(r.exclude_honorers.size()));
  for (const std::string& h : r.exclude_honorers) add(h);
  add(r.sk.sk_number);
  add(day(r.sk.start_date));
  add(day(r.sk.end_date));
  add(r.sk.signed_by);
  add(day(r.sk.signed_date));
  add(absl::StrCat(r.options.review_year, ",", r.options.include_kurang, ",",
                   r.options.require_review));
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : canonical) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return absl::StrFormat("%016x", h);
}

absl::Status ValidateRequestId(const std::string& id) {
  if (id.size() > 100) return InvalidField("request_id", "is longer than 100 characters");
  for (char c : id) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.' &&
        c != ':') {
      return InvalidField("request_id", "may contain letters, digits and - _ . : only");
    }
  }
  return absl::OkStatus();
}

// Names "honorers/{id}" -> sorted distinct ids; each bad one a violation on
// `field` with its 1-based place.
std::vector<int64_t> IdsOf(const std::vector<std::string>& names, const char* field,
                           std::vector<Violation>& bad) {
  std::vector<int64_t> ids;
  ids.reserve(names.size());
  if (names.size() > kMaxRenewalNames) {
    bad.push_back({field, 0, absl::StrCat("at most ", kMaxRenewalNames, " names")});
    return ids;
  }
  for (size_t i = 0; i < names.size(); ++i) {
    absl::StatusOr<int64_t> id = ParseHonorerName(names[i], field);
    if (id.ok()) {
      ids.push_back(*id);
    } else {
      bad.push_back({field, static_cast<int64_t>(i + 1),
                     absl::StrCat("name ", i + 1, " is not of the form honorers/{id}")});
    }
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

void CountReason(v1::RenewContractsResponse& r, ExclusionReason reason) {
  for (auto& c : *r.mutable_excluded_by_reason()) {
    if (c.reason() == reason) {
      c.set_count(c.count() + 1);
      return;
    }
  }
  auto* c = r.add_excluded_by_reason();
  c->set_reason(reason);
  c->set_count(1);
}

std::string EncodeResponse(const v1::RenewContractsResponse& r) {
  return absl::Base64Escape(r.SerializeAsString());
}

absl::StatusOr<v1::RenewContractsResponse> DecodeResponse(const std::string& stored) {
  v1::RenewContractsResponse r;
  std::string bytes;
  if (!absl::Base64Unescape(stored, &bytes) || !r.ParseFromString(bytes)) {
    return absl::DataLossError("a stored renewal's answer cannot be read");
  }
  return r;
}

int64_t Micros(absl::Time t) { return absl::ToUnixMicros(t); }

}  // namespace

struct Registry::RenewalRun {
  Instansi instansi;
  HonorerFilter filter;
  absl::flat_hash_set<int64_t> excluded;
  Contract sk;  // the new period, without an honorer
  RenewalOptions options;
  std::string request_id;
  std::string fingerprint;
  int64_t lease_us = 0;  // the lease this call holds (its token); 0: no request_id
  // Progress: the last honorer id of the pages committed, and the answer so far.
  int64_t after_id = 0;
  v1::RenewContractsResponse response;
};

absl::StatusOr<v1::RenewContractsResponse> Registry::RenewContracts(
    const Caller& caller, const RenewalRequest& request) {
  ASSIGN_OR_RETURN(const std::string code, OwnedInstansi(caller, request.instansi_code,
                                                         "instansi_code", "RenewContracts"));
  std::vector<Violation> bad = ValidateNewSk(request.sk, "");
  RenewalRun run;
  run.filter.instansi_code = code;
  run.filter.ids = IdsOf(request.honorers, "honorers", bad);
  for (int64_t id : IdsOf(request.exclude_honorers, "exclude_honorers", bad)) {
    run.excluded.insert(id);
  }
  if (request.unit_kerja.size() > kMaxUnitFilter) {
    bad.push_back({"unit_kerja", 0, absl::StrCat("at most ", kMaxUnitFilter, " units")});
  }
  for (size_t i = 0; i < request.unit_kerja.size(); ++i) {
    if (!IsValidUtf8(request.unit_kerja[i]) || request.unit_kerja[i].size() > 200) {
      bad.push_back({"unit_kerja", static_cast<int64_t>(i + 1),
                     "must be valid UTF-8 of at most 200 bytes"});
    }
  }
  if (!common::v1::JabatanCategory_IsValid(request.jabatan_category)) {
    bad.push_back({"jabatan_category", 0, "is not a category"});
  }
  const int year = request.options.review_year;
  if (year != 0 && (year < kMinReviewYear || year > kMaxReviewYear)) {
    bad.push_back({"review_year", 0,
                   absl::StrCat("must be 0 (each honorer's current contract year) or ",
                                kMinReviewYear, " to ", kMaxReviewYear)});
  }
  if (absl::Status id = ValidateRequestId(request.request_id); !id.ok()) {
    bad.push_back(ViolationsOf(id)[0]);
  }
  if (bad.size() > kMaxNamedViolations) bad.resize(kMaxNamedViolations);
  RETURN_IF_ERROR(InvalidFields(bad));
  {
    ASSIGN_OR_RETURN(PooledConnection conn, db_.Acquire());
    ASSIGN_OR_RETURN(run.instansi, RequireInstansi(*conn, code, "instansi_code"));
  }
  run.filter.unit_kerja = request.unit_kerja;
  run.filter.jabatan_category = request.jabatan_category;
  run.filter.contract_end = request.current_contract_end;
  run.sk.instansi_code = code;
  run.sk.sk_number = request.sk.sk_number;
  run.sk.start_date = *request.sk.start_date;
  run.sk.end_date = *request.sk.end_date;
  run.sk.signed_by = request.sk.signed_by;
  run.sk.signed_date = request.sk.signed_date;
  run.sk.expiry = v1::Contract::NOT_ENDED;
  run.sk.created_by = caller.principal.ToString();
  run.options = request.options;

  if (request.dry_run) {
    RETURN_IF_ERROR(RenewAll(caller, run, /*write=*/false));
    run.response.set_dry_run(true);
    return run.response;
  }
  run.request_id = request.request_id;
  run.sk.renewal_id = request.request_id;
  run.fingerprint = Fingerprint(request);
  if (!run.request_id.empty()) {
    ASSIGN_OR_RETURN(std::optional<v1::RenewContractsResponse> earlier, ClaimRenewal(caller, run));
    if (earlier) return *earlier;
  }
  absl::Status status = RenewAll(caller, run, /*write=*/true);
  if (!status.ok() && !run.request_id.empty()) ReleaseRenewal(run);
  RETURN_IF_ERROR(status);
  return run.response;
}

absl::StatusOr<std::optional<v1::RenewContractsResponse>> Registry::ClaimRenewal(
    const Caller& caller, RenewalRun& run) {
  std::optional<v1::RenewContractsResponse> earlier;
  const std::string& code = run.instansi.code;
  absl::Status status = InTransaction(db_, [&](Connection& c) -> absl::Status {
    earlier.reset();
    const absl::Time now = clock_.Now();
    const int64_t lease = Micros(now + kRenewalLease);
    ASSIGN_OR_RETURN(std::optional<RenewalRecord> rec,
                     contracts_.GetRenewal(c, code, run.request_id, /*for_update=*/true));
    if (!rec) {
      RenewalRecord fresh{code, run.request_id, caller.principal.ToString(), run.fingerprint,
                          false, lease, 0, ""};
      absl::Status inserted = contracts_.InsertRenewal(c, fresh, now);
      if (inserted.code() == absl::StatusCode::kAlreadyExists) {
        return storage::RetryableAborted("the renewal's request_id was claimed meanwhile");
      }
      RETURN_IF_ERROR(inserted);
      run.lease_us = lease;
      run.after_id = 0;
      run.response.Clear();
      return absl::OkStatus();
    }
    if (rec->fingerprint != run.fingerprint) {
      return WithViolation(
          absl::FailedPreconditionError(
              "request_id: it was used for a renewal with other parameters; use a new one"),
          Violation{"request_id", 0, "names another renewal"});
    }
    if (rec->done) {
      ASSIGN_OR_RETURN(v1::RenewContractsResponse stored, DecodeResponse(rec->response));
      stored.set_replayed(true);
      earlier = std::move(stored);
      return absl::OkStatus();
    }
    if (rec->lease_until_us > Micros(now)) {
      return absl::AbortedError(
          "request_id: this renewal is running in another call; try again later");
    }
    // Its holder died or failed: this call goes on from its last committed page.
    run.response.Clear();
    if (!rec->response.empty()) {
      ASSIGN_OR_RETURN(run.response, DecodeResponse(rec->response));
    }
    run.after_id = rec->after_honorer_id;
    const int64_t held = rec->lease_until_us;
    rec->lease_until_us = lease;
    RETURN_IF_ERROR(contracts_.UpdateRenewal(c, *rec, held, now));
    run.lease_us = lease;
    return absl::OkStatus();
  });
  RETURN_IF_ERROR(status);
  return earlier;
}

void Registry::ReleaseRenewal(const RenewalRun& run) {
  // Best effort: a retry may then resume at once rather than after the lease. The
  // progress stays as the committed pages wrote it.
  (void)InTransaction(db_, [&](Connection& c) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<RenewalRecord> rec,
                     contracts_.GetRenewal(c, run.instansi.code, run.request_id, true));
    if (!rec || rec->done || rec->lease_until_us != run.lease_us) return absl::OkStatus();
    rec->lease_until_us = 0;
    return contracts_.UpdateRenewal(c, *rec, run.lease_us, clock_.Now());
  });
}

absl::Status Registry::RenewAll(const Caller& caller, RenewalRun& run, bool write) {
  while (true) {
    if (!write) {
      ASSIGN_OR_RETURN(PooledConnection conn, db_.Acquire());
      ASSIGN_OR_RETURN(std::vector<Honorer> page,
                       store_.ListHonorers(*conn, run.filter, run.after_id, kRenewalPage));
      RETURN_IF_ERROR(RenewPage(*conn, caller, run, page, false, run.response));
      if (static_cast<int>(page.size()) < kRenewalPage) return absl::OkStatus();
      run.after_id = page.back().id;
      continue;
    }
    // The page's answer and cursor apply only once its transaction commits: a
    // body run again after a deadlock starts from the same progress.
    v1::RenewContractsResponse response;
    int64_t after = 0;
    int64_t lease = 0;
    bool last = false;
    absl::Status status = InTransaction(db_, [&](Connection& c) -> absl::Status {
      response = run.response;
      after = run.after_id;
      const absl::Time now = clock_.Now();
      std::optional<RenewalRecord> rec;
      if (!run.request_id.empty()) {
        ASSIGN_OR_RETURN(rec, contracts_.GetRenewal(c, run.instansi.code, run.request_id, true));
        if (!rec || rec->done || rec->lease_until_us != run.lease_us) {
          return absl::AbortedError(
              "request_id: another call took this renewal over; send it again to read its "
              "answer");
        }
      }
      // Locked until commit: the statuses and periods decided on are the ones written.
      ASSIGN_OR_RETURN(std::vector<Honorer> page,
                       store_.ListHonorers(c, run.filter, after, kRenewalPage,
                                           /*for_update=*/true));
      RETURN_IF_ERROR(RenewPage(c, caller, run, page, true, response));
      last = static_cast<int>(page.size()) < kRenewalPage;
      if (!page.empty()) after = page.back().id;
      lease = last ? 0 : Micros(now + kRenewalLease);
      if (rec) {
        rec->done = last;
        rec->lease_until_us = lease;
        rec->after_honorer_id = after;
        rec->response = EncodeResponse(response);
        RETURN_IF_ERROR(contracts_.UpdateRenewal(c, *rec, run.lease_us, now));
      }
      return Audit(c, caller, "RenewContracts",
                   absl::StrCat("instansi/", run.instansi.code, "/renewals/",
                                run.request_id.empty() ? "-" : run.request_id),
                   absl::StrCat("sk_start=", FormatIsoDate(run.sk.start_date),
                                " after=", run.after_id, " through=", after,
                                " matched=", response.matched(), " renewed=", response.renewed(),
                                " already=", response.already_renewed(),
                                " reactivated=", response.reactivated(),
                                " excluded=", response.excluded(), last ? " done" : ""));
    });
    RETURN_IF_ERROR(status);
    run.response = std::move(response);
    run.after_id = after;
    if (!run.request_id.empty()) run.lease_us = lease;
    if (last) return absl::OkStatus();
  }
}

absl::Status Registry::RenewPage(Connection& c, const Caller& caller, const RenewalRun& run,
                                 const std::vector<Honorer>& page, bool write,
                                 v1::RenewContractsResponse& response) {
  if (page.empty()) return absl::OkStatus();
  std::vector<int64_t> ids;
  ids.reserve(page.size());
  for (const Honorer& h : page) ids.push_back(h.id);
  ASSIGN_OR_RETURN(std::vector<Contract> periods, contracts_.ContractsOf(c, ids, write));
  ASSIGN_OR_RETURN(std::vector<PerformanceReview> reviews, contracts_.ReviewsOf(c, ids));
  absl::flat_hash_map<int64_t, RenewalCandidate> candidates;
  for (Contract& k : periods) candidates[k.honorer_id].periods.push_back(std::move(k));
  for (PerformanceReview& v : reviews) candidates[v.honorer_id].reviews.push_back(std::move(v));

  struct Renewed {
    const Honorer* honorer;
    RenewalDecision decision;
  };
  std::vector<Renewed> renewed;
  for (const Honorer& h : page) {
    response.set_matched(response.matched() + 1);
    RenewalCandidate& candidate = candidates[h.id];
    candidate.status = h.status;
    candidate.excluded_by_request = run.excluded.count(h.id) > 0;
    RenewalDecision d = DecideRenewal(candidate, run.sk, run.options);
    switch (d.action) {
      case RenewalAction::kAlreadyRenewed:
        response.set_already_renewed(response.already_renewed() + 1);
        break;
      case RenewalAction::kExclude: {
        response.set_excluded(response.excluded() + 1);
        CountReason(response, d.reason);
        if (static_cast<size_t>(response.exclusions_size()) >= kMaxRenewalExclusions) {
          response.set_exclusions_truncated(true);
          break;
        }
        v1::RenewalExclusion* e = response.add_exclusions();
        e->set_honorer(HonorerName(h.id));
        e->set_full_name(h.full_name);
        e->set_unit_kerja(h.unit_kerja);
        e->set_reason(d.reason);
        e->set_message(d.message);
        break;
      }
      case RenewalAction::kRenew:
        response.set_renewed(response.renewed() + 1);
        if (d.reactivate) response.set_reactivated(response.reactivated() + 1);
        renewed.push_back({&h, std::move(d)});
        break;
    }
  }
  if (!write || renewed.empty()) return absl::OkStatus();

  const absl::Time now = clock_.Now();
  std::vector<Contract> inserts;
  std::vector<int64_t> becoming_current, with_contact;
  std::vector<StatusChange> back_to_work;
  const std::string reason = BackToWorkReason(run.sk);
  StatusActor restorer;
  restorer.restores_after_renewal = true;
  for (const Renewed& r : renewed) {
    if (!r.decision.sk_stored) {
      Contract k = run.sk;
      k.honorer_id = r.honorer->id;
      // NOT_ENDED only as the current period: one behind a later period is followed.
      k.expiry = r.decision.becomes_current ? v1::Contract::NOT_ENDED : v1::Contract::RENEWED;
      k.create_time = k.update_time = now;
      inserts.push_back(std::move(k));
    }
    if (r.decision.becomes_current) becoming_current.push_back(r.honorer->id);
    if (r.decision.reactivate) {
      RETURN_IF_ERROR(CheckStatusChange(r.honorer->status, r.decision.return_to, restorer));
      back_to_work.push_back({r.honorer->id, v1::DIRUMAHKAN, r.decision.return_to, reason});
    }
    if (!r.honorer->contact.email.empty() || !r.honorer->contact.whatsapp.empty()) {
      with_contact.push_back(r.honorer->id);
    }
  }
  absl::Status inserted = contracts_.InsertContracts(c, inserts);
  if (inserted.code() == absl::StatusCode::kAlreadyExists) {
    // A period of the same start was written after the locking read (only if
    // locks were bypassed): decide the page again.
    return storage::RetryableAborted("a period of this renewal was written meanwhile");
  }
  RETURN_IF_ERROR(inserted);
  RETURN_IF_ERROR(
      contracts_.SetCurrentPeriod(c, becoming_current, run.sk.start_date, run.sk.end_date, now));
  RETURN_IF_ERROR(contracts_.MarkRenewedBefore(c, becoming_current, run.sk.start_date, now));
  RETURN_IF_ERROR(store_.ChangeStatuses(c, back_to_work, caller.principal.ToString(),
                                        caller.request_id, caller.origin, now));
  // One message to each renewed honorer with a contact, keyed by honorer and SK.
  ASSIGN_OR_RETURN(auto contract_ids,
                   contracts_.ContractIdsStarting(c, with_contact, run.sk.start_date));
  std::vector<ContractNotice> notices;
  for (const Renewed& r : renewed) {
    auto it = contract_ids.find(r.honorer->id);
    if (it == contract_ids.end()) continue;
    Contract k = run.sk;
    k.id = it->second;
    notices.push_back(RenewedNotice(run.instansi, *r.honorer, k, r.decision.reactivate));
  }
  return InsertContractNotices(c, notices, now).status();
}

}  // namespace penataan::registry
