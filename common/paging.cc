#include "common/paging.h"

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/errors.h"

namespace penataan {

absl::StatusOr<int> EffectivePageSize(int requested) {
  if (requested < 0) return InvalidField("page_size", "must not be negative");
  if (requested == 0) return kDefaultPageSize;
  return requested > kMaxPageSize ? kMaxPageSize : requested;
}

std::string EncodePageToken(absl::string_view kind, absl::string_view last_key) {
  return absl::WebSafeBase64Escape(absl::StrCat(kind, ":", last_key));
}

absl::StatusOr<std::string> DecodePageToken(absl::string_view kind, absl::string_view token) {
  if (token.empty()) return std::string();
  std::string raw;
  const std::string prefix = absl::StrCat(kind, ":");
  if (!absl::WebSafeBase64Unescape(token, &raw) || !absl::StartsWith(raw, prefix)) {
    return InvalidField("page_token", "is not a token from this list; start again without it");
  }
  return raw.substr(prefix.size());
}

absl::StatusOr<int64_t> DecodeIdPageToken(absl::string_view kind, absl::string_view token) {
  absl::StatusOr<std::string> key = DecodePageToken(kind, token);
  if (!key.ok()) return key.status();
  if (key->empty()) return 0;
  int64_t id = 0;
  if (!absl::SimpleAtoi(*key, &id) || id < 0) {
    return InvalidField("page_token", "is not a token from this list; start again without it");
  }
  return id;
}

}  // namespace penataan
