#include "services/registry/renewal_rules.h"

#include "absl/strings/str_cat.h"

namespace penataan::registry {
namespace {

using Reason = v1::RenewalExclusion;

RenewalDecision Exclude(ExclusionReason reason, std::string message) {
  RenewalDecision d;
  d.action = RenewalAction::kExclude;
  d.reason = reason;
  d.message = std::move(message);
  return d;
}

// The status's exclusion, or none for a renewable status.
std::optional<RenewalDecision> ExcludedByStatus(HonorerStatus status) {
  switch (status) {
    case v1::ACTIVE:
    case v1::MS:
    case v1::TMS:
    case v1::DIRUMAHKAN:
      return std::nullopt;
    case v1::RESIGNED:
      return Exclude(Reason::RESIGNED, "Mengundurkan diri");
    case v1::MOVED_TO_CPNS:
      return Exclude(Reason::MOVED_TO_CPNS, "Pindah menjadi CPNS");
    case v1::PPPK_PENUH_WAKTU:
      return Exclude(Reason::PPPK, "Sudah PPPK (penuh waktu)");
    case v1::PPPK_PARUH_WAKTU:
      return Exclude(Reason::PPPK, "Sudah PPPK (paruh waktu)");
    case v1::CONTRACT_ENDED:
      return Exclude(Reason::CONTRACT_ENDED, "Kontraknya sudah diakhiri (diberhentikan)");
    default:
      return Exclude(Reason::CONTRACT_ENDED,
                     absl::StrCat("Status ", v1::HonorerStatus_Name(status),
                                  " tidak dapat diperpanjang"));
  }
}

bool Identical(const Contract& a, const Contract& b) {
  return a.start_date == b.start_date && a.end_date == b.end_date && a.sk_number == b.sk_number;
}

bool Overlaps(const Contract& a, const Contract& b) {
  return a.start_date <= b.end_date && b.start_date <= a.end_date;
}

const Contract* Latest(const std::vector<Contract>& periods) {
  const Contract* latest = nullptr;
  for (const Contract& p : periods) {
    if (latest == nullptr || p.start_date > latest->start_date) latest = &p;
  }
  return latest;
}

// Check 1's exception: `stored` (identical to the new SK) is the current period
// and the honorer is DIRUMAHKAN from the end of the period before it.
bool SentHomeBefore(const RenewalCandidate& candidate, const Contract& stored) {
  if (candidate.status != v1::DIRUMAHKAN) return false;
  const Contract* before = nullptr;
  for (const Contract& p : candidate.periods) {
    if (p.start_date > stored.start_date) return false;
    if (p.start_date < stored.start_date &&
        (before == nullptr || p.start_date > before->start_date)) {
      before = &p;
    }
  }
  return before != nullptr && before->expiry == v1::Contract::SENT_HOME;
}

std::string OutcomeWord(ReviewOutcome outcome) { return v1::ReviewOutcome_Name(outcome); }

}  // namespace

bool IsRenewableStatus(HonorerStatus status) { return !ExcludedByStatus(status).has_value(); }

RenewalDecision DecideRenewal(const RenewalCandidate& candidate, const Contract& sk,
                              const RenewalOptions& options) {
  for (const Contract& p : candidate.periods) {
    if (!Identical(p, sk)) continue;
    if (SentHomeBefore(candidate, p)) {
      RenewalCandidate without = candidate;
      without.periods.clear();
      for (const Contract& q : candidate.periods) {
        if (q.start_date != p.start_date) without.periods.push_back(q);
      }
      RenewalDecision d = DecideRenewal(without, sk, options);
      d.sk_stored = d.action == RenewalAction::kRenew;
      return d;
    }
    RenewalDecision d;
    d.action = RenewalAction::kAlreadyRenewed;
    return d;
  }
  if (candidate.excluded_by_request) {
    return Exclude(Reason::EXCLUDED_BY_REQUEST, "Dikecualikan oleh instansi dalam permintaan ini");
  }
  if (auto excluded = ExcludedByStatus(candidate.status)) return *excluded;
  for (const Contract& p : candidate.periods) {
    if (Overlaps(p, sk)) {
      return Exclude(Reason::OVERLAPPING_CONTRACT,
                     absl::StrCat("Kontrak yang ada ", FormatIsoDate(p.start_date), " s.d. ",
                                  FormatIsoDate(p.end_date), " bertumpang tindih"));
    }
  }
  const Contract* current = Latest(candidate.periods);
  const int year = options.review_year != 0 ? options.review_year
                   : current != nullptr     ? static_cast<int>(current->start_date.year())
                                            : 0;
  const PerformanceReview* review = nullptr;
  for (const PerformanceReview& r : candidate.reviews) {
    if (year != 0 && r.year == year) review = &r;
  }
  if (review != nullptr && review->outcome == v1::KURANG && !options.include_kurang) {
    return Exclude(Reason::REVIEW_KURANG,
                   absl::StrCat("Penilaian kinerja ", year, ": ", OutcomeWord(review->outcome),
                                " (", review->reviewer, ")"));
  }
  if (review == nullptr && options.require_review) {
    return Exclude(Reason::REVIEW_MISSING,
                   year != 0 ? absl::StrCat("Belum ada penilaian kinerja ", year)
                             : std::string("Belum ada kontrak sebelumnya untuk dinilai"));
  }
  RenewalDecision d;
  d.action = RenewalAction::kRenew;
  d.becomes_current = current == nullptr || sk.start_date > current->start_date;
  if (d.becomes_current && current != nullptr && candidate.status == v1::DIRUMAHKAN &&
      current->expiry == v1::Contract::SENT_HOME) {
    d.reactivate = true;
    const HonorerStatus before = current->status_before;
    d.return_to = before == v1::ACTIVE || before == v1::MS || before == v1::TMS ? before
                                                                                : v1::ACTIVE;
  }
  return d;
}

}  // namespace penataan::registry
