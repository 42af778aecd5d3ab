#include "common/utf8.h"

#include <algorithm>

namespace penataan {
namespace {

constexpr absl::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// The length of the well-formed character at the start of `s`, or 0 when `s`
// starts with an ill-formed sequence; then *skip is the length of its maximal
// subpart (at least 1), which becomes one U+FFFD. Table 3-7 of the Unicode
// standard: the second byte's range depends on the first byte, which is what
// rules out overlong forms, surrogates and code points above U+10FFFF.
size_t WellFormedLength(absl::string_view s, size_t* skip) {
  const auto byte = [&s](size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned char b0 = byte(0);
  *skip = 1;
  if (b0 < 0x80) return 1;
  size_t length;
  unsigned char lo = 0x80, hi = 0xBF;  // the second byte's range
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    length = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    length = 3;
    if (b0 == 0xE0) lo = 0xA0;  // below: overlong
    if (b0 == 0xED) hi = 0x9F;  // above: surrogates D800-DFFF
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    length = 4;
    if (b0 == 0xF0) lo = 0x90;  // below: overlong
    if (b0 == 0xF4) hi = 0x8F;  // above: beyond U+10FFFF
  } else {
    return 0;  // 80-C1 (continuation, overlong lead) and F5-FF never start a character
  }
  for (size_t i = 1; i < length; ++i) {
    if (i >= s.size()) return 0;  // cut short: the bytes so far are one maximal subpart
    const unsigned char b = byte(i);
    if (i == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF)) return 0;
    *skip = i + 1;
  }
  return length;
}

}  // namespace

std::string ValidUtf8(absl::string_view text, size_t max_bytes) {
  std::string out;
  out.reserve(std::min(text.size(), max_bytes));
  while (!text.empty()) {
    size_t skip;
    const size_t n = WellFormedLength(text, &skip);
    const absl::string_view piece = n > 0 ? text.substr(0, n) : kReplacement;
    if (out.size() + piece.size() > max_bytes) break;
    out.append(piece.data(), piece.size());
    text.remove_prefix(n > 0 ? n : skip);
  }
  return out;
}

size_t Utf8SequenceLength(unsigned char lead) {
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 1;
}

bool IsValidUtf8(absl::string_view text) {
  while (!text.empty()) {
    size_t skip;
    const size_t n = WellFormedLength(text, &skip);
    if (n == 0) return false;
    text.remove_prefix(n);
  }
  return true;
}

}  // namespace penataan
