// Formasi: SubmitProposal. The registry is read first, outside any transaction;
// then one short transaction re-reads the proposal, judges the deadline by the
// clock at that moment, and writes the state and its audit record.

#include <algorithm>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "services/formasi/formasi.h"
#include "services/formasi/honorer_eligibility.h"
#include "services/formasi/proposal_rules.h"

namespace penataan::formasi {
namespace {

using storage::Connection;
using storage::InTransaction;
using storage::PooledConnection;

// What the registry's unavailability means to the instansi: nothing happened.
absl::Status RegistryDown(const absl::Status& status) {
  // A registry too slow to answer in time is, to the instansi, one not reached.
  if (!absl::IsUnavailable(status) && !absl::IsDeadlineExceeded(status)) return status;
  return absl::UnavailableError(absl::StrCat("registry tidak dapat dihubungi; usulan tidak berubah (",
                                             status.message(), ")"));
}

absl::Status WithViolations(absl::Status status, const std::vector<Violation>& violations) {
  for (const Violation& v : violations) status = WithViolation(status, v);
  return status;
}

// Every named and left-out honorer as the registry knows it, one violation per
// honorer that may not be used so.
std::vector<Violation> HonorerViolations(const Proposal& p,
                                         const absl::flat_hash_map<int64_t, HonorerFacts>& facts) {
  std::vector<Violation> out;
  auto check = [&](int64_t id, HonorerUse use, const std::string& field) {
    auto it = facts.find(id);
    const HonorerFacts none;
    std::optional<std::string> why =
        WhyNotUsable(it == facts.end() ? none : it->second, p.instansi_code, use);
    if (why) out.push_back({field, 0, absl::StrCat(HonorerName(id), " ", *why)});
  };
  for (size_t i = 0; i < p.lines.size(); ++i) {
    for (size_t j = 0; j < p.lines[i].honorer_ids.size(); ++j) {
      check(p.lines[i].honorer_ids[j], HonorerUse::kNamed,
            absl::StrCat("lines[", i, "].honorers[", j, "]"));
    }
  }
  for (size_t k = 0; k < p.left_out.size(); ++k) {
    check(p.left_out[k].honorer_id, HonorerUse::kLeftOut, absl::StrCat("left_out[", k, "].honorer"));
  }
  return out;
}

// Paruh Waktu: every eligible honorer of the instansi is named or left out. The
// honorers the proposal holds that are eligible are counted against the
// registry's count (one cheap call); only when they differ is the whole eligible
// list read, to name how many are missing and the first of them. The violation,
// if any; an error only when the registry cannot answer.
absl::StatusOr<std::optional<Violation>> UnaccountedEligible(
    RegistryReader& registry, const Caller& caller, const std::string& code,
    const std::vector<int64_t>& ids, const absl::flat_hash_map<int64_t, HonorerFacts>& facts) {
  absl::StatusOr<int64_t> owed = registry.EligibleCount(caller, code);
  if (!owed.ok()) return RegistryDown(owed.status());
  int64_t accounted_eligible = 0;
  for (const auto& [id, f] : facts) {
    if (f.found && f.instansi_code == code && EligibleForParuhWaktu(f)) ++accounted_eligible;
  }
  if (accounted_eligible == *owed) return std::optional<Violation>();

  absl::StatusOr<std::vector<int64_t>> eligible = registry.EligibleHonorers(caller, code);
  if (!eligible.ok()) return RegistryDown(eligible.status());
  const absl::flat_hash_set<int64_t> accounted(ids.begin(), ids.end());
  std::vector<int64_t> missing;
  for (int64_t id : *eligible) {
    if (!accounted.contains(id)) missing.push_back(id);
  }
  if (missing.empty()) return std::optional<Violation>();  // the registry changed between the calls
  return std::optional<Violation>(Violation{
      "left_out", 0,
      absl::StrCat(missing.size(), " unaccounted: ", missing.size(),
                   " eligible honorer(s) of instansi ", code,
                   " are neither named nor left out with a reason; the first is ",
                   HonorerName(missing.front()))});
}

// One FAILED_PRECONDITION carrying every violation found, so that an instansi
// fixes them all in one round: the message is the first, "(and N more)".
absl::Status Refused(const std::vector<Violation>& violations) {
  std::string message = absl::StrCat(violations.front().field, ": ", violations.front().description);
  if (violations.size() > 1) absl::StrAppend(&message, " (and ", violations.size() - 1, " more)");
  return WithViolations(absl::FailedPreconditionError(message), violations);
}

SubmissionWindow WindowOf(const Period& period, const std::optional<Extension>& ext,
                          const std::string& instansi_zone) {
  return WindowFor(period, ext ? &*ext : nullptr, instansi_zone);
}

}  // namespace

absl::StatusOr<ProposalView> Formasi::SubmitProposal(const Caller& caller, const std::string& name,
                                                     const std::string& etag,
                                                     bool validate_only) {
  ASSIGN_OR_RETURN(auto key, ParseChildName(name, "proposals", "name"));
  const int64_t period_id = key.first;
  const std::string code = key.second;
  RETURN_IF_ERROR(RequireOwner(caller, code, "SubmitProposal", name));

  // 1. What is to be submitted, as it stands now.
  Period period;
  Proposal p;
  std::optional<Extension> ext;
  {
    ASSIGN_OR_RETURN(PooledConnection conn, db_.Acquire());
    ASSIGN_OR_RETURN(period, LoadPeriod(*conn, period_id, PeriodName(period_id), false));
    ASSIGN_OR_RETURN(std::optional<Proposal> found,
                     store_.GetProposal(*conn, period_id, code, false, true));
    if (!found) return absl::NotFoundError(absl::StrCat(name, " not found"));
    p = std::move(*found);
    ASSIGN_OR_RETURN(ext, store_.GetExtension(*conn, period_id, code));
  }
  if (!etag.empty() && etag != Etag(p.version)) {
    return absl::AbortedError("etag: the proposal was changed since it was read; read it again");
  }
  if (p.state != v1::Proposal::DRAFT && p.state != v1::Proposal::RETURNED) {
    return absl::FailedPreconditionError(
        absl::StrCat(name, " is ", v1::Proposal::State_Name(p.state),
                     "; only a DRAFT or RETURNED proposal is submitted"));
  }

  // 2. The registry, before any transaction: the instansi's zone, the honorers.
  // The time is judged before the registry's failure is: past the deadline the
  // answer is the deadline's, in the zone last known for the instansi (else as
  // the deadline was stated), whether or not the registry answers.
  absl::StatusOr<InstansiInfo> instansi = registry_.GetInstansi(caller, code);
  const std::string zone =
      instansi.ok() ? instansi->time_zone : registry_.CachedZone(code).value_or("");
  RETURN_IF_ERROR(CheckSubmissionTime(WindowOf(period, ext, zone), clock_.Now()));
  if (!instansi.ok()) return RegistryDown(instansi.status());

  // Every violation that can be found, reported together.
  std::vector<Violation> violations;
  if (absl::StripAsciiWhitespace(p.sptjm_reference).empty()) {
    violations.push_back({"sptjm_reference", 0,
                          "is required to submit: the reference of its SPTJM (the head of "
                          "agency's statement of responsibility)"});
  }
  // A Paruh Waktu instansi may propose nobody, each eligible honorer left out
  // with a reason (the accounting below checks that every one is); a proposal
  // with nothing in it at all is refused.
  if (p.lines.empty() && (period.kind != v1::PPPK_PARUH_WAKTU || p.left_out.empty())) {
    violations.push_back({"lines", 0, "at least one line is required to submit"});
  }
  // Stored content was checked when written; checked again since a rule may have
  // tightened since.
  std::vector<Violation> content = ValidateProposalContent(p, period.kind);
  violations.insert(violations.end(), content.begin(), content.end());

  const std::vector<int64_t> ids = HonorersOf(p);
  absl::flat_hash_map<int64_t, HonorerFacts> facts;
  if (!ids.empty()) {
    absl::StatusOr<absl::flat_hash_map<int64_t, HonorerFacts>> got =
        registry_.GetHonorers(caller, ids);
    if (!got.ok()) return RegistryDown(got.status());
    facts = *std::move(got);
    std::vector<Violation> bad = HonorerViolations(p, facts);
    violations.insert(violations.end(), bad.begin(), bad.end());
  }
  if (period.kind == v1::PPPK_PARUH_WAKTU) {
    absl::StatusOr<std::optional<Violation>> unaccounted =
        UnaccountedEligible(registry_, caller, code, ids, facts);
    // What was found already is worth more than the outage: it can be fixed now.
    if (!unaccounted.ok() && !violations.empty()) return Refused(violations);
    if (!unaccounted.ok()) return unaccounted.status();
    if (*unaccounted) violations.push_back(**std::move(unaccounted));
  }
  if (!violations.empty()) return Refused(violations);
  if (validate_only) return ViewOf(period, ext, instansi->time_zone, std::move(p));

  // 3. One transaction: the proposal as checked, the deadline by the clock now.
  const int64_t checked_version = p.version;
  std::optional<ProposalView> out;
  RETURN_IF_ERROR(InTransaction(db_, [&](Connection& c) -> absl::Status {
    // Shared-locked, so that a ClosePeriod or a deadline moved earlier either
    // commits before this reads it or waits until this submission has committed:
    // never accepted against a deadline that has since changed.
    ASSIGN_OR_RETURN(std::optional<Period> locked, store_.GetPeriodShared(c, period_id));
    if (!locked) return absl::NotFoundError(absl::StrCat(PeriodName(period_id), " not found"));
    const Period current_period = std::move(*locked);
    ASSIGN_OR_RETURN(std::optional<Proposal> current,
                     store_.GetProposal(c, period_id, code, true, false));
    if (!current) return absl::NotFoundError(absl::StrCat(name, " not found"));
    if (current->version != checked_version) {
      return absl::AbortedError(
          "etag: the proposal was changed while it was being checked; read it and submit again");
    }
    ASSIGN_OR_RETURN(std::optional<Extension> current_ext, store_.GetExtension(c, period_id, code));
    const absl::Time now = clock_.Now();
    RETURN_IF_ERROR(CheckSubmissionTime(
        WindowOf(current_period, current_ext, instansi->time_zone), now));
    Proposal next = p;  // with its content, as checked
    next.state = v1::Proposal::SUBMITTED;
    next.submit_time = now;
    next.update_time = now;
    RETURN_IF_ERROR(store_.UpdateProposal(c, next, checked_version));
    next.version = checked_version + 1;
    RETURN_IF_ERROR(Audit(c, caller, "SubmitProposal", name,
                          absl::StrCat("honorers=", ids.size(), " from=",
                                       v1::Proposal::State_Name(p.state))));
    out = ViewOf(current_period, current_ext, instansi->time_zone, std::move(next));
    return absl::OkStatus();
  }));
  return *out;
}

}  // namespace penataan::formasi
