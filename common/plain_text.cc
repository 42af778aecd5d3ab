#include "common/plain_text.h"

#include "absl/strings/str_format.h"
#include "common/utf8.h"

namespace penataan {

Utf8Char FirstUtf8Char(absl::string_view text) {
  if (text.empty()) return {};
  const size_t length = Utf8SequenceLength(static_cast<unsigned char>(text[0]));
  if (length > text.size() || !IsValidUtf8(text.substr(0, length))) return {};
  const auto byte = [&text](size_t i) { return static_cast<unsigned char>(text[i]); };
  uint32_t cp = length == 1 ? byte(0) : byte(0) & (0xFF >> (length + 1));
  for (size_t i = 1; i < length; ++i) cp = (cp << 6) | (byte(i) & 0x3F);
  return {cp, length};
}

bool IsControlOrBidi(uint32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
         (cp >= 0x2066 && cp <= 0x2069) || cp == 0x2028 || cp == 0x2029;
}

std::string TextProblem(absl::string_view value, TextKind kind) {
  if (!IsValidUtf8(value)) return "is not valid UTF-8";
  for (size_t i = 0; i < value.size();) {
    const Utf8Char c = FirstUtf8Char(value.substr(i));
    const uint32_t cp = c.code_point;
    const bool line_break = cp == '\t' || cp == '\n' || cp == '\r';
    if (IsControlOrBidi(cp) && !(line_break && kind == TextKind::kMultiLine)) {
      return absl::StrFormat("has %s U+%04X at byte %d%s",
                             cp >= 0x2028 ? "a bidirectional control or line separator"
                                          : "a control character",
                             cp, i, line_break ? " (one line of plain text)" : "");
    }
    i += c.length;
  }
  return "";
}

}  // namespace penataan
