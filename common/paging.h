#ifndef PENATAAN_COMMON_PAGING_H_
#define PENATAAN_COMMON_PAGING_H_

// AIP-158 paging by key: the token is the last key of the previous page, opaque to
// clients (web-safe base64 with a kind prefix so that a token of one List cannot be
// replayed on another).

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace penataan {

constexpr int kDefaultPageSize = 100;
constexpr int kMaxPageSize = 1000;

// 0 means the default; above the maximum is clamped; negative is INVALID_ARGUMENT.
absl::StatusOr<int> EffectivePageSize(int requested);

std::string EncodePageToken(absl::string_view kind, absl::string_view last_key);
// The last key; "" for an empty token. INVALID_ARGUMENT "page_token: ..." otherwise.
absl::StatusOr<std::string> DecodePageToken(absl::string_view kind, absl::string_view token);
// For integer keys; 0 for an empty token.
absl::StatusOr<int64_t> DecodeIdPageToken(absl::string_view kind, absl::string_view token);

}  // namespace penataan

#endif  // PENATAAN_COMMON_PAGING_H_
