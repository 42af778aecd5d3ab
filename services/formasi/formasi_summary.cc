// Formasi: GetPeriodSummary. One row per instansi of the registry, filled from
// a few grouped queries over the period (never line by line), and the national
// totals over the submitted proposals.

#include <cmath>
#include <map>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/indonesian_time.h"
#include "common/proto_time.h"
#include "common/status_macros.h"
#include "services/formasi/formasi.h"
#include "services/formasi/deadline_rules.h"

namespace penataan::formasi {
namespace {

using storage::PooledConnection;

bool Submitted(ProposalState s) { return IsSubmitted(s); }

}  // namespace

absl::StatusOr<v1::PeriodSummary> Formasi::GetPeriodSummary(const Caller& caller,
                                                            const std::string& period_name,
                                                            const std::string& instansi_code) {
  if (caller.own_records_only && instansi_code.empty()) {
    return InvalidField("instansi_code", "an instansi asks for its own row by its code");
  }
  if (!instansi_code.empty()) RETURN_IF_ERROR(ValidateInstansiCode(instansi_code, "instansi_code"));
  // Another instansi's row is refused, not filtered away.
  RETURN_IF_ERROR(RequireOwner(caller, instansi_code, "GetPeriodSummary",
                               absl::StrCat(period_name, "/summary/", instansi_code)));
  ASSIGN_OR_RETURN(int64_t period_id, ParsePeriodName(period_name, "period"));

  Period period;
  std::vector<Proposal> proposals;
  std::vector<Extension> extensions;
  std::vector<CategoryPosts> posts;
  std::vector<InstansiCount> named;
  std::vector<ReasonCount> left;
  {
    ASSIGN_OR_RETURN(PooledConnection conn, db_.Acquire());
    ASSIGN_OR_RETURN(period, LoadPeriod(*conn, period_id, period_name, false));
    ProposalFilter filter{period_id, instansi_code, v1::Proposal::STATE_UNSPECIFIED};
    for (int64_t after = 0;;) {
      ASSIGN_OR_RETURN(std::vector<Proposal> page,
                       store_.ListProposals(*conn, filter, after, 1000));
      if (page.empty()) break;
      after = page.back().id;
      for (Proposal& p : page) proposals.push_back(std::move(p));
    }
    // One instansi's summary reads only its rows, not the whole period's.
    ASSIGN_OR_RETURN(extensions, store_.AllExtensions(*conn, period_id, instansi_code));
    ASSIGN_OR_RETURN(posts, store_.PostsByCategory(*conn, period_id, instansi_code));
    ASSIGN_OR_RETURN(named, store_.HonorersNamed(*conn, period_id, instansi_code));
    ASSIGN_OR_RETURN(left, store_.LeftOutByReason(*conn, period_id, instansi_code));
  }

  // The instansi the rows are for: every one in the registry, or the one asked.
  std::vector<InstansiInfo> instansi;
  if (instansi_code.empty()) {
    absl::StatusOr<std::vector<InstansiInfo>> all = registry_.ListInstansi(caller);
    RETURN_IF_ERROR(all.status());
    instansi = std::move(*all);
  } else {
    absl::StatusOr<InstansiInfo> one = registry_.GetInstansi(caller, instansi_code);
    if (one.ok()) {
      instansi.push_back(*one);
    } else if (absl::IsNotFound(one.status())) {
      instansi.push_back(InstansiInfo{instansi_code, "", ""});
    } else {
      return one.status();
    }
  }
  std::map<std::string, InstansiInfo> by_code;
  for (InstansiInfo& i : instansi) by_code[i.code] = std::move(i);
  for (const Proposal& p : proposals) {  // a proposal of an instansi since removed
    by_code.try_emplace(p.instansi_code, InstansiInfo{p.instansi_code, "", ""});
  }

  absl::flat_hash_map<std::string, const Proposal*> proposal_of;
  for (const Proposal& p : proposals) proposal_of[p.instansi_code] = &p;
  absl::flat_hash_map<std::string, const Extension*> extension_of;
  for (const Extension& e : extensions) extension_of[e.instansi_code] = &e;
  std::map<std::string, std::vector<const CategoryPosts*>> posts_of;
  for (const CategoryPosts& c : posts) posts_of[c.instansi_code].push_back(&c);
  absl::flat_hash_map<std::string, int64_t> named_of;
  for (const InstansiCount& n : named) named_of[n.instansi_code] = n.count;
  std::map<std::string, std::vector<const ReasonCount*>> left_of;
  for (const ReasonCount& r : left) left_of[r.instansi_code].push_back(&r);

  const absl::Time now = clock_.Now();
  v1::PeriodSummary out;
  out.set_period(period_name);
  std::map<int, int64_t> total_posts, total_left;
  int64_t named_total = 0, left_total = 0, posts_total = 0, submitted = 0;
  for (const auto& [code, info] : by_code) {
    v1::PeriodSummary::Row* row = out.add_rows();
    row->set_instansi_code(code);
    row->set_instansi_display_name(info.display_name);
    const Proposal* p = proposal_of.contains(code) ? proposal_of[code] : nullptr;
    const Extension* ext = extension_of.contains(code) ? extension_of[code] : nullptr;
    const ResolvedDeadline deadline = EffectiveDeadlineOf(period, ext);
    const SubmissionWindow window = WindowFor(period, ext, info.time_zone);
    SetTimestamp(deadline.instant, row->mutable_effective_deadline());
    row->set_deadline_display(DeadlineDisplay(deadline.instant, deadline.zone, info.time_zone));
    row->set_time_left(TimeLeft(window, now));
    const ProposalState state = p ? p->state : v1::Proposal::STATE_UNSPECIFIED;
    row->set_state(state);
    const bool in = Submitted(state);
    row->set_deadline_missed(!in && WindowShut(window, now));
    if (!in) out.add_not_submitted(code);
    if (p == nullptr) continue;
    if (p->submit_time) SetTimestamp(*p->submit_time, row->mutable_submit_time());
    row->set_estimated_annual_cost_idr(p->estimated_annual_cost_idr);
    if (in) ++submitted;
    for (const CategoryPosts* c : posts_of[code]) {
      auto* cc = row->add_posts_by_category();
      cc->set_jabatan_category(c->jabatan_category);
      cc->set_posts(c->posts);
      if (in) {
        total_posts[c->jabatan_category] += c->posts;
        posts_total += c->posts;
      }
    }
    const int64_t n = named_of.contains(code) ? named_of[code] : 0;
    row->set_honorers_named(n);
    if (in) named_total += n;
    for (const ReasonCount* r : left_of[code]) {
      auto* lc = row->add_left_out();
      lc->set_reason(r->reason);
      lc->set_count(r->count);
      if (in) {
        total_left[r->reason] += r->count;
        left_total += r->count;
      }
    }
  }
  out.set_total_posts(posts_total);
  for (const auto& [category, n] : total_posts) {
    auto* c = out.add_posts_by_category();
    c->set_jabatan_category(static_cast<JabatanCategory>(category));
    c->set_posts(n);
  }
  for (const auto& [reason, n] : total_left) {
    auto* c = out.add_left_out();
    c->set_reason(static_cast<LeaveOutReason>(reason));
    c->set_count(n);
  }
  out.set_honorers_named(named_total);
  out.set_honorers_left_out(left_total);
  if (named_total + left_total > 0) {
    const double share = 100.0 * static_cast<double>(named_total) /
                         static_cast<double>(named_total + left_total);
    out.set_share_proposed_percent(std::round(share * 10.0) / 10.0);
  }
  out.set_instansi_total(static_cast<int64_t>(by_code.size()));
  out.set_instansi_submitted(submitted);
  return out;
}

}  // namespace penataan::formasi
