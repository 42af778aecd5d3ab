#ifndef PENATAAN_SERVICES_REGISTRY_RENEWAL_RULES_H_
#define PENATAAN_SERVICES_REGISTRY_RENEWAL_RULES_H_

// Whether one honorer gets a renewal's new SK: renewed, already holding it, or
// excluded with a reason and an Indonesian message stating the facts. The one
// place this rule lives; RenewContracts asks it for every honorer its filter
// matches, and a dry run asks it the same way. No clock, no SQL.
//
// The checks, in order (the first that applies decides):
//   1. a period identical to the new SK (same start, end and SK number): already
//      renewed (a retry, or renewed before) — whatever else is true now; except
//      when it is the current period of an honorer still DIRUMAHKAN because the
//      expiry sent them home at the end of the period before it (recorded by an
//      import, which never changes a status): then the rest is decided as if the
//      SK were not stored yet, and renewing means returning them to work
//      (sk_stored: the period is not written again);
//   2. named in exclude_honorers: EXCLUDED_BY_REQUEST;
//   3. the status: only ACTIVE, MS, TMS and DIRUMAHKAN are renewed; RESIGNED,
//      MOVED_TO_CPNS, PPPK (either kind) and CONTRACT_ENDED are excluded as such;
//   4. any other period overlapping the new SK: OVERLAPPING_CONTRACT;
//   5. the review of the year (options.review_year, or the current period's start
//      year): KURANG excluded unless include_kurang; none excluded only with
//      require_review (no current period and no review_year: no year, so none).

#include <optional>
#include <string>
#include <vector>

#include "services/registry/contract.h"
#include "services/registry/honorer.h"

namespace penataan::registry {

struct RenewalOptions {
  int review_year = 0;  // 0: each honorer's current period's start year
  bool include_kurang = false;
  bool require_review = false;
};

// One honorer as the renewal read them (under lock).
struct RenewalCandidate {
  HonorerStatus status = v1::HONORER_STATUS_UNSPECIFIED;
  bool excluded_by_request = false;
  std::vector<Contract> periods;           // all of the honorer's, any order
  std::vector<PerformanceReview> reviews;  // the honorer's, any years
};

enum class RenewalAction { kRenew, kAlreadyRenewed, kExclude };

struct RenewalDecision {
  RenewalAction action = RenewalAction::kExclude;
  ExclusionReason reason = v1::RenewalExclusion::REASON_UNSPECIFIED;  // kExclude only
  std::string message;                                                // kExclude only
  // kRenew: the new SK starts after every period the honorer has, so it becomes the
  // current one (mirrored on the honorer; older NOT_ENDED periods become RENEWED).
  bool becomes_current = false;
  // kRenew: the honorer is DIRUMAHKAN because the expiry sent them home at the end
  // of their current period (its expiry SENT_HOME), and the new SK becomes current:
  // they return to `return_to` (the status the expiry sent home; ACTIVE when it
  // was not a renewable one).
  bool reactivate = false;
  HonorerStatus return_to = v1::HONORER_STATUS_UNSPECIFIED;
  // kRenew: the honorer already holds the new SK (check 1's exception): only the
  // return to work is written, with its history and notice.
  bool sk_stored = false;
};

// `sk` is the new period: sk_number, start_date, end_date (validated before).
RenewalDecision DecideRenewal(const RenewalCandidate& candidate, const Contract& sk,
                              const RenewalOptions& options);

// Whether a status may be given a new SK: ACTIVE, MS, TMS, DIRUMAHKAN.
bool IsRenewableStatus(HonorerStatus status);

}  // namespace penataan::registry

#endif  // PENATAAN_SERVICES_REGISTRY_RENEWAL_RULES_H_
