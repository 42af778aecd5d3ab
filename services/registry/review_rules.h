#ifndef PENATAAN_SERVICES_REGISTRY_REVIEW_RULES_H_
#define PENATAAN_SERVICES_REGISTRY_REVIEW_RULES_H_

// What makes a performance review valid, set singly or imported from a unit
// head's spreadsheet. No clock, no SQL.

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "common/errors.h"
#include "services/registry/contract.h"

namespace penataan::registry {

inline constexpr int kMinReviewYear = 2000;
inline constexpr int kMaxReviewYear = 2100;
inline constexpr size_t kMaxReviewerBytes = 200;
inline constexpr size_t kMaxReviewNoteBytes = 1000;

// "BAIK", "baik", " Cukup " -> the outcome; anything else (empty included): none.
std::optional<ReviewOutcome> ParseReviewOutcome(absl::string_view text);

// Every problem with a review's year, outcome, reviewer and note, each naming its
// field with `prefix` ("review." for SetPerformanceReview, "" for an import row):
// year 2000..2100; an outcome BAIK, CUKUP or KURANG; reviewer 1..200 bytes of valid
// UTF-8 (not only spaces); note at most 1,000 bytes of valid UTF-8.
std::vector<Violation> ValidateReview(const PerformanceReview& review, const std::string& prefix);

}  // namespace penataan::registry

#endif  // PENATAAN_SERVICES_REGISTRY_REVIEW_RULES_H_
