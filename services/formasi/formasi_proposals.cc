// Formasi: proposals (create, read, list, update) and their review.

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "common/errors.h"
#include "common/indonesian_time.h"
#include "common/paging.h"
#include "common/status_macros.h"
#include "common/utf8.h"
#include "services/formasi/decision_notice.h"
#include "services/formasi/formasi.h"
#include "services/formasi/proposal_rules.h"
#include "services/formasi/deadline_rules.h"

namespace penataan::formasi {
namespace {

using storage::Connection;
using storage::InTransaction;
using storage::PooledConnection;

absl::Status NotFoundProposal(const std::string& name) {
  return absl::NotFoundError(absl::StrCat(name, " not found"));
}

bool Editable(ProposalState s) { return s == v1::Proposal::DRAFT || s == v1::Proposal::RETURNED; }

absl::Status NotEditable(const std::string& name, ProposalState s) {
  return absl::FailedPreconditionError(
      absl::StrCat(name, " is ", v1::Proposal::State_Name(s),
                   "; a proposal changes only while DRAFT or RETURNED"));
}

// Create and update: the content the caller sends, checked before any write.
absl::Status CheckContent(Proposal& p, FormasiKind kind) {
  RETURN_IF_ERROR(InvalidFields(ValidateProposalContent(p, kind)));
  ASSIGN_OR_RETURN(p.estimated_annual_cost_idr, EstimatedAnnualCost(p.lines));
  return absl::OkStatus();
}

int64_t PostsOf(const Proposal& p) {
  int64_t n = 0;
  for (const ProposalLine& l : p.lines) n += l.count;
  return n;
}

}  // namespace

ProposalView Formasi::ViewOf(const Period& period, const std::optional<Extension>& extension,
                             const std::string& instansi_zone, Proposal p) {
  ProposalView v;
  const Extension* ext = extension ? &*extension : nullptr;
  const ResolvedDeadline effective = EffectiveDeadlineOf(period, ext);
  v.effective_deadline = effective.instant;
  v.deadline_display = DeadlineDisplay(v.effective_deadline, effective.zone, instansi_zone);
  const absl::Time now = clock_.Now();
  const SubmissionWindow window = WindowFor(period, ext, instansi_zone);
  v.time_left = TimeLeft(window, now);
  v.deadline_missed = WindowShut(window, now) && Editable(p.state);
  v.warnings = ProposalWarnings(p);
  v.proposal = std::move(p);
  return v;
}

absl::StatusOr<ProposalView> Formasi::CreateProposal(const Caller& caller, const ProposalInput& in,
                                                     const std::string& request_id) {
  std::string code = in.instansi_code;
  if (code.empty() && caller.principal.kind == Principal::Kind::kInstansi) {
    code = caller.principal.id;
  }
  RETURN_IF_ERROR(ValidateInstansiCode(code, "proposal.instansi_code"));
  ASSIGN_OR_RETURN(int64_t period_id, ParsePeriodName(in.period, "proposal.period"));
  const std::string name = ProposalName(period_id, code);
  RETURN_IF_ERROR(RequireOwner(caller, code, "CreateProposal", name));
  // As CreatePeriod's: it is stored and compared on a retry.
  RETURN_IF_ERROR(CheckText(request_id, "request_id", 100, false));
  // The instansi's zone, for the deadline as it reads it (the registry is asked
  // before the transaction opens).
  const std::string zone = ZoneOf(caller, code, "");

  std::optional<ProposalView> out;
  absl::Status status = InTransaction(db_, [&](Connection& c) -> absl::Status {
    ASSIGN_OR_RETURN(Period period, LoadPeriod(c, period_id, in.period, false));
    if (!request_id.empty()) {
      ASSIGN_OR_RETURN(std::optional<Proposal> earlier,
                       store_.GetProposal(c, period_id, code, false, true));
      if (earlier && earlier->request_id == request_id) {
        ASSIGN_OR_RETURN(std::optional<Extension> ext, store_.GetExtension(c, period_id, code));
        out = ViewOf(period, ext,
                     zone.empty() ? EffectiveDeadlineOf(period, ext ? &*ext : nullptr).zone : zone,
                     *earlier);
        return absl::OkStatus();
      }
    }
    ASSIGN_OR_RETURN(std::optional<Extension> ext, store_.GetExtension(c, period_id, code));
    const absl::Time now = clock_.Now();
    // A draft is written before the period opens too.
    SubmissionWindow window = WindowFor(period, ext ? &*ext : nullptr, zone);
    window.open_time = absl::InfinitePast();
    RETURN_IF_ERROR(CheckSubmissionTime(window, now));
    Proposal p = in.content;
    p.period_id = period_id;
    p.instansi_code = code;
    RETURN_IF_ERROR(CheckContent(p, period.kind));
    p.state = v1::Proposal::DRAFT;
    p.decision_note.clear();
    p.submit_time.reset();
    p.decide_time.reset();
    p.decided_by.clear();
    p.request_id = request_id;
    p.created_by = caller.principal.ToString();
    p.version = 1;
    p.create_time = p.update_time = now;
    absl::StatusOr<int64_t> id = store_.InsertProposal(c, p);
    if (absl::IsAlreadyExists(id.status())) {
      return WithViolation(
          absl::AlreadyExistsError(absl::StrCat(
              "instansi ", code, " already has a proposal in this period: ", name,
              "; change it with UpdateProposal")),
          Violation{"proposal.period", 0, "already has this instansi's proposal"});
    }
    RETURN_IF_ERROR(id.status());
    p.id = *id;
    RETURN_IF_ERROR(store_.ReplaceLines(c, p.id, p.lines));
    RETURN_IF_ERROR(store_.ReplaceLeftOut(c, p.id, p.left_out));
    RETURN_IF_ERROR(Audit(c, caller, "CreateProposal", name,
                          absl::StrCat("lines=", p.lines.size(), " posts=", PostsOf(p),
                                       " left_out=", p.left_out.size())));
    out = ViewOf(period, ext, zone.empty() ? window.stated_zone : zone, p);
    return absl::OkStatus();
  });
  RETURN_IF_ERROR(status);
  return *out;
}

absl::StatusOr<ProposalView> Formasi::GetProposal(const Caller& caller, const std::string& name) {
  ASSIGN_OR_RETURN(auto key, ParseChildName(name, "proposals", "name"));
  RETURN_IF_ERROR(RequireOwner(caller, key.second, "GetProposal", name));
  Period period;
  Proposal p;
  std::optional<Extension> ext;
  {
    ASSIGN_OR_RETURN(PooledConnection conn, db_.Acquire());
    ASSIGN_OR_RETURN(period, LoadPeriod(*conn, key.first, PeriodName(key.first), false));
    ASSIGN_OR_RETURN(std::optional<Proposal> found,
                     store_.GetProposal(*conn, key.first, key.second, false, true));
    if (!found) return NotFoundProposal(name);
    p = std::move(*found);
    ASSIGN_OR_RETURN(ext, store_.GetExtension(*conn, key.first, key.second));
  }
  const std::string stated = EffectiveDeadlineOf(period, ext ? &*ext : nullptr).zone;
  return ViewOf(period, ext, ZoneOf(caller, key.second, stated), std::move(p));
}

absl::StatusOr<Page<ProposalView>> Formasi::ListProposals(const Caller& caller,
                                                          const std::string& period,
                                                          const std::string& instansi_code,
                                                          ProposalState state, int page_size,
                                                          const std::string& page_token) {
  ASSIGN_OR_RETURN(std::string code, ScopeToInstansi(caller, instansi_code, "ListProposals"));
  ProposalFilter filter;
  filter.instansi_code = code;
  filter.state = state;
  if (!period.empty()) {
    ASSIGN_OR_RETURN(filter.period_id, ParsePeriodName(period, "period"));
  }
  ASSIGN_OR_RETURN(int size, EffectivePageSize(page_size));
  const std::string kind =
      absl::StrCat("proposals.", filter.period_id, ".", code, ".", static_cast<int>(state));
  ASSIGN_OR_RETURN(int64_t after, DecodeIdPageToken(kind, page_token));
  Page<ProposalView> page;
  std::vector<std::pair<Proposal, std::pair<Period, std::optional<Extension>>>> rows;
  {
    ASSIGN_OR_RETURN(PooledConnection conn, db_.Acquire());
    ASSIGN_OR_RETURN(std::vector<Proposal> found,
                     store_.ListProposals(*conn, filter, after, size + 1));
    if (static_cast<int>(found.size()) > size) {
      found.pop_back();
      page.next_page_token = EncodePageToken(kind, absl::StrCat(found.back().id));
    }
    for (Proposal& p : found) {
      ASSIGN_OR_RETURN(Period per, LoadPeriod(*conn, p.period_id, PeriodName(p.period_id), false));
      ASSIGN_OR_RETURN(std::optional<Extension> ext,
                       store_.GetExtension(*conn, p.period_id, p.instansi_code));
      rows.push_back({std::move(p), {std::move(per), std::move(ext)}});
    }
  }
  for (auto& [p, context] : rows) {
    const auto& [per, ext] = context;
    const std::string stated = EffectiveDeadlineOf(per, ext ? &*ext : nullptr).zone;
    const std::string zone = ZoneOf(caller, p.instansi_code, stated);
    page.items.push_back(ViewOf(per, ext, zone, std::move(p)));
  }
  return page;
}

absl::StatusOr<ProposalView> Formasi::UpdateProposal(const Caller& caller,
                                                     const ProposalInput& in,
                                                     const std::vector<std::string>& mask,
                                                     const std::string& etag) {
  ASSIGN_OR_RETURN(auto key, ParseChildName(in.name, "proposals", "proposal.name"));
  const int64_t period_id = key.first;
  const std::string code = key.second;
  RETURN_IF_ERROR(RequireOwner(caller, code, "UpdateProposal", in.name));
  if (mask.empty()) return InvalidField("update_mask", "name at least one field to change");
  for (const std::string& path : mask) {
    if (path != "lines" && path != "left_out" && path != "budget_capacity_idr" &&
        path != "sptjm_reference") {
      return InvalidField("update_mask",
                          absl::StrCat("unknown or read-only field \"", path,
                                       "\"; lines, left_out, budget_capacity_idr or "
                                       "sptjm_reference"));
    }
  }
  auto in_mask = [&mask](const char* path) {
    return std::find(mask.begin(), mask.end(), path) != mask.end();
  };
  const std::string zone = ZoneOf(caller, code, "");
  std::optional<ProposalView> out;
  RETURN_IF_ERROR(InTransaction(db_, [&](Connection& c) -> absl::Status {
    ASSIGN_OR_RETURN(Period period, LoadPeriod(c, period_id, PeriodName(period_id), false));
    ASSIGN_OR_RETURN(std::optional<Proposal> current,
                     store_.GetProposal(c, period_id, code, true, true));
    if (!current) return NotFoundProposal(in.name);
    if (!etag.empty() && etag != Etag(current->version)) {
      return absl::AbortedError("etag: the proposal was changed since it was read; read it again");
    }
    if (!Editable(current->state)) return NotEditable(in.name, current->state);
    ASSIGN_OR_RETURN(std::optional<Extension> ext, store_.GetExtension(c, period_id, code));
    const absl::Time now = clock_.Now();
    // A draft is written before the period opens too.
    SubmissionWindow window = WindowFor(period, ext ? &*ext : nullptr, zone);
    window.open_time = absl::InfinitePast();
    RETURN_IF_ERROR(CheckSubmissionTime(window, now));
    Proposal next = *current;
    if (in_mask("lines")) next.lines = in.content.lines;
    if (in_mask("left_out")) next.left_out = in.content.left_out;
    if (in_mask("budget_capacity_idr")) next.budget_capacity_idr = in.content.budget_capacity_idr;
    if (in_mask("sptjm_reference")) next.sptjm_reference = in.content.sptjm_reference;
    RETURN_IF_ERROR(CheckContent(next, period.kind));
    next.update_time = now;
    RETURN_IF_ERROR(store_.UpdateProposal(c, next, current->version));
    next.version = current->version + 1;
    if (in_mask("lines")) RETURN_IF_ERROR(store_.ReplaceLines(c, next.id, next.lines));
    if (in_mask("left_out")) RETURN_IF_ERROR(store_.ReplaceLeftOut(c, next.id, next.left_out));
    RETURN_IF_ERROR(Audit(c, caller, "UpdateProposal", in.name,
                          absl::StrCat("fields=", absl::StrJoin(mask, ","), " posts=",
                                       PostsOf(next), " left_out=", next.left_out.size())));
    out = ViewOf(period, ext, zone.empty() ? window.stated_zone : zone, next);
    return absl::OkStatus();
  }));
  return *out;
}

absl::StatusOr<ProposalView> Formasi::DecideProposal(const Caller& caller, const std::string& name,
                                                     v1::DecideProposalRequest::Decision decision,
                                                     const std::string& note,
                                                     const std::string& etag) {
  ASSIGN_OR_RETURN(auto key, ParseChildName(name, "proposals", "name"));
  const int64_t period_id = key.first;
  const std::string code = key.second;
  ProposalState to = v1::Proposal::STATE_UNSPECIFIED;
  switch (decision) {
    case v1::DecideProposalRequest::APPROVE: to = v1::Proposal::APPROVED; break;
    case v1::DecideProposalRequest::REJECT: to = v1::Proposal::REJECTED; break;
    case v1::DecideProposalRequest::RETURN: to = v1::Proposal::RETURNED; break;
    default: return InvalidField("decision", "is required: APPROVE, REJECT or RETURN");
  }
  if (to != v1::Proposal::APPROVED && absl::StripAsciiWhitespace(note).empty()) {
    return InvalidField("note", "is required when a proposal is rejected or returned: say why");
  }
  if (!IsValidUtf8(note)) return InvalidField("note", "is not valid UTF-8");
  if (note.size() > 2000) return InvalidField("note", "is longer than 2000 bytes");
  std::optional<Proposal> out;
  std::optional<Period> period_out;
  std::optional<Extension> ext_out;
  RETURN_IF_ERROR(InTransaction(db_, [&](Connection& c) -> absl::Status {
    ASSIGN_OR_RETURN(Period period, LoadPeriod(c, period_id, PeriodName(period_id), false));
    ASSIGN_OR_RETURN(std::optional<Proposal> current,
                     store_.GetProposal(c, period_id, code, true, true));
    if (!current) return NotFoundProposal(name);
    if (!etag.empty() && etag != Etag(current->version)) {
      return absl::AbortedError("etag: the proposal was changed since it was read; read it again");
    }
    if (current->state != v1::Proposal::SUBMITTED) {
      return absl::FailedPreconditionError(
          absl::StrCat(name, " is ", v1::Proposal::State_Name(current->state),
                       "; only a SUBMITTED proposal is decided"));
    }
    const absl::Time now = clock_.Now();
    Proposal next = *current;
    next.state = to;
    next.decision_note = note;
    next.decide_time = now;
    next.decided_by = caller.principal.ToString();
    next.update_time = now;
    RETURN_IF_ERROR(store_.UpdateProposal(c, next, current->version));
    next.version = current->version + 1;
    ASSIGN_OR_RETURN(std::optional<Extension> ext, store_.GetExtension(c, period_id, code));
    DecisionNotice notice;
    notice.period_id = period_id;
    notice.instansi_code = code;
    notice.proposal_version = next.version;
    notice.decision = decision;
    notice.posts_approved = to == v1::Proposal::APPROVED ? PostsOf(next) : 0;
    notice.note = note;
    notice.deadline = EffectiveDeadline(period, ext ? &*ext : nullptr);
    RETURN_IF_ERROR(InsertDecisionNotice(c, notice, now));
    RETURN_IF_ERROR(Audit(c, caller, "DecideProposal", name,
                          absl::StrCat(v1::DecideProposalRequest::Decision_Name(decision),
                                       " note=", note)));
    out = std::move(next);
    period_out = std::move(period);
    ext_out = std::move(ext);
    return absl::OkStatus();
  }));
  // The registry (the instansi's zone) is asked after the transaction ended.
  const std::string stated =
      EffectiveDeadlineOf(*period_out, ext_out ? &*ext_out : nullptr).zone;
  return ViewOf(*period_out, ext_out, ZoneOf(caller, code, stated), std::move(*out));
}

}  // namespace penataan::formasi
