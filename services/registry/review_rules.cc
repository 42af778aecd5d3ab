#include "services/registry/review_rules.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "common/utf8.h"

namespace penataan::registry {

std::optional<ReviewOutcome> ParseReviewOutcome(absl::string_view text) {
  const std::string upper = absl::AsciiStrToUpper(absl::StripAsciiWhitespace(text));
  if (upper == "BAIK") return v1::BAIK;
  if (upper == "CUKUP") return v1::CUKUP;
  if (upper == "KURANG") return v1::KURANG;
  return std::nullopt;
}

std::vector<Violation> ValidateReview(const PerformanceReview& review, const std::string& prefix) {
  std::vector<Violation> out;
  auto field = [&](const char* name) { return absl::StrCat(prefix, name); };
  if (review.year < kMinReviewYear || review.year > kMaxReviewYear) {
    out.push_back({field("year"), 0,
                   absl::StrCat("must be a contract year from ", kMinReviewYear, " to ",
                                kMaxReviewYear)});
  }
  if (review.outcome != v1::BAIK && review.outcome != v1::CUKUP && review.outcome != v1::KURANG) {
    out.push_back({field("outcome"), 0, "must be BAIK, CUKUP or KURANG"});
  }
  if (absl::StripAsciiWhitespace(review.reviewer).empty()) {
    out.push_back({field("reviewer"), 0, "is required: the unit head who reviewed"});
  } else if (!IsValidUtf8(review.reviewer) || review.reviewer.size() > kMaxReviewerBytes) {
    out.push_back({field("reviewer"), 0,
                   absl::StrCat("must be valid UTF-8 of at most ", kMaxReviewerBytes, " bytes")});
  }
  if (!IsValidUtf8(review.note) || review.note.size() > kMaxReviewNoteBytes) {
    out.push_back({field("note"), 0,
                   absl::StrCat("must be valid UTF-8 of at most ", kMaxReviewNoteBytes, " bytes")});
  }
  return out;
}

}  // namespace penataan::registry
