#ifndef PENATAAN_COMMON_PLAIN_TEXT_H_
#define PENATAAN_COMMON_PLAIN_TEXT_H_

// What a text field of a request may hold. Names, codes, references and one-line
// reasons are shown in lists, letters, subjects, CSV files and logs: a control
// character there breaks a line or a terminal, a NUL cuts the value short in C
// libraries, and a bidirectional override makes "Kota Kupang" read as something
// else than what is stored. Multi-line text (a template's body, a note) may break
// lines, and nothing else of that.

#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"

namespace penataan {

enum class TextKind { kOneLine, kMultiLine };

// Empty if `value` is fit for a field of `kind`; otherwise what is wrong with it,
// in words for an INVALID_ARGUMENT ("has a control character U+001B at byte 0").
// Refused in both kinds: bytes that are not UTF-8, C0 controls other than those
// below, DEL, C1 controls, the bidirectional embeddings, overrides and isolates
// (U+202A..U+202E, U+2066..U+2069) and the line and paragraph separators
// (U+2028, U+2029). Multi-line text may also hold tab, line feed and carriage
// return.
std::string TextProblem(absl::string_view value, TextKind kind);

// The first character of `text`: its code point and length in bytes, or length 0
// when `text` is empty or does not start with a well-formed UTF-8 sequence.
struct Utf8Char {
  uint32_t code_point = 0;
  size_t length = 0;
};
Utf8Char FirstUtf8Char(absl::string_view text);

// Whether `code_point` is one that text of either kind must not hold as it is (a
// C0 or C1 control, DEL, a bidirectional control, a line or paragraph separator);
// tab, line feed and carriage return count.
bool IsControlOrBidi(uint32_t code_point);

}  // namespace penataan

#endif  // PENATAAN_COMMON_PLAIN_TEXT_H_
