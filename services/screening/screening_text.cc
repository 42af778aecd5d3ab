#include "services/screening/screening_text.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "common/errors.h"
#include "common/utf8.h"

namespace penataan::screening {

absl::Status CheckText(const std::string& value, const std::string& field, size_t max,
                       bool required) {
  if (!IsValidUtf8(value)) return InvalidField(field, "must be valid UTF-8");
  if (required && absl::StripAsciiWhitespace(value).empty()) {
    return InvalidField(field, "is required");
  }
  // Characters, not bytes: a statement in Indonesian with a few accented names
  // must not be refused for its encoding.
  size_t chars = 0;
  for (unsigned char ch : value) chars += (ch & 0xC0) != 0x80;
  if (chars > max) return InvalidField(field, absl::StrCat("must be at most ", max, " characters"));
  return absl::OkStatus();
}

}  // namespace penataan::screening
