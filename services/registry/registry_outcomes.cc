// Registry: the screening's MS/TMS write-back (RecordScreeningOutcomes). Which
// principals may call it is the access table's (service:screening only).
//
// A screening round writes back up to a million results, 5000 a call: every step
// here is a multi-row statement (locking reads by IN (...), one UPDATE per status
// move, one INSERT of the events), never one round trip per honorer.

#include <algorithm>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "common/utf8.h"
#include "services/registry/registry.h"
#include "services/registry/status_rules.h"

namespace penataan::registry {
namespace {

using storage::Connection;
using storage::InTransaction;

constexpr size_t kMaxReasonBytes = 500;
constexpr size_t kMaxNamedViolations = 100;

// The actor of a write-back: the screening sets MS and TMS and nothing else, and
// only on an ACTIVE, MS or TMS honorer (status_rules.h). results_only holds
// whoever the caller is: this RPC is the screening's write-back, never a person's
// correction, so a status a person set (DIRUMAHKAN, CONTRACT_ENDED, ...) is kept.
StatusActor ScreeningActor(const Principal& p) {
  return StatusActor{p.IsNational(), true, /*results_only=*/true};
}

}  // namespace

absl::StatusOr<OutcomesResult> Registry::RecordScreeningOutcomes(
    const Caller& caller, const std::vector<ScreeningOutcome>& entries) {
  if (entries.empty()) return InvalidField("entries", "is empty");
  if (entries.size() > kMaxScreeningOutcomes) {
    return InvalidField("entries", absl::StrCat("at most ", kMaxScreeningOutcomes,
                                                " per call, not ", entries.size()));
  }
  // Every bad entry (up to a hundred) before anything is read.
  std::vector<Violation> bad;
  std::vector<int64_t> ids(entries.size());
  absl::flat_hash_map<int64_t, size_t> first_of;
  first_of.reserve(entries.size());
  auto complain = [&](size_t i, const char* field, std::string why) {
    if (bad.size() < kMaxNamedViolations) {
      bad.push_back({absl::StrCat("entries[", i, "].", field), 0, std::move(why)});
    }
  };
  for (size_t i = 0; i < entries.size(); ++i) {
    const ScreeningOutcome& e = entries[i];
    absl::StatusOr<int64_t> id = ParseHonorerName(e.name, "name");
    if (!id.ok()) {
      complain(i, "name", "is not of the form honorers/{id}");
    } else {
      ids[i] = *id;
      auto [at, fresh] = first_of.emplace(*id, i);
      if (!fresh) complain(i, "name", absl::StrCat("repeats entries[", at->second, "].name"));
    }
    if (e.status != v1::MS && e.status != v1::TMS) {
      complain(i, "status", "must be MS or TMS");
    }
    if (absl::StripAsciiWhitespace(e.reason).empty()) {
      complain(i, "reason", "is required: the honorer's history says why");
    } else if (e.reason.size() > kMaxReasonBytes || !IsValidUtf8(e.reason)) {
      complain(i, "reason", absl::StrCat("must be valid UTF-8 of at most ", kMaxReasonBytes,
                                         " bytes"));
    }
  }
  RETURN_IF_ERROR(InvalidFields(bad));

  std::vector<int64_t> distinct = ids;
  std::sort(distinct.begin(), distinct.end());
  OutcomesResult result;
  absl::Status status = InTransaction(db_, [&](Connection& c) -> absl::Status {
    result = OutcomesResult{};
    // Locked until commit: the status each move is judged from is the one it
    // leaves, and the UPDATEs below are conditional on it besides.
    ASSIGN_OR_RETURN(std::vector<Honorer> rows,
                     store_.GetHonorersById(c, distinct, /*for_update=*/true));
    absl::flat_hash_map<int64_t, HonorerStatus> current;
    current.reserve(rows.size());
    for (const Honorer& h : rows) current.emplace(h.id, h.status);
    std::vector<StatusChange> changes;
    changes.reserve(entries.size());
    const StatusActor actor = ScreeningActor(caller.principal);
    for (size_t i = 0; i < entries.size(); ++i) {
      auto it = current.find(ids[i]);
      if (it == current.end()) {
        result.not_found.push_back(static_cast<int>(i));
      } else if (it->second == entries[i].status) {
        ++result.unchanged;  // a round run again: no second event
      } else if (!CheckStatusChange(it->second, entries[i].status, actor).ok()) {
        result.refused.push_back(static_cast<int>(i));
      } else {
        changes.push_back(StatusChange{ids[i], it->second, entries[i].status, entries[i].reason});
      }
    }
    result.changed = static_cast<int64_t>(changes.size());
    RETURN_IF_ERROR(store_.ChangeStatuses(c, changes, caller.principal.ToString(),
                                          caller.request_id, caller.origin, clock_.Now()));
    // One record per call, with the counts (as BulkChangeStatus): a round writes
    // back a million results.
    return Audit(c, caller, "RecordScreeningOutcomes", "honorers/*",
                 absl::StrCat("entries=", entries.size(), " changed=", result.changed,
                              " unchanged=", result.unchanged,
                              " refused=", result.refused.size(),
                              " not_found=", result.not_found.size()));
  });
  RETURN_IF_ERROR(status);
  return result;
}

}  // namespace penataan::registry
