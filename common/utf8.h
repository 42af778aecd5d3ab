#ifndef PENATAAN_COMMON_UTF8_H_
#define PENATAAN_COMMON_UTF8_H_

// Text that comes from outside (a webhook's or SMTP relay's reply, a CSV cell
// quoted in an error, an audit detail) made fit to store: MariaDB's utf8mb4
// columns refuse bytes that are not UTF-8 (error 1366) where SQLite keeps them,
// and a protobuf string field must be UTF-8 to be sent at all.

#include <cstddef>
#include <string>

#include "absl/strings/string_view.h"

namespace penataan {

// `text` as valid UTF-8 of at most `max_bytes` bytes. Each maximal ill-formed
// subsequence (a stray continuation byte, a Latin-1 byte, an overlong form, a
// surrogate, a code point above U+10FFFF, a sequence cut short) becomes one
// U+FFFD, as the Unicode standard recommends (3.9, "U+FFFD substitution of
// maximal subparts"). The result is cut on a character boundary, so a multi-byte
// character is kept whole or left out, never split.
std::string ValidUtf8(absl::string_view text, size_t max_bytes = std::string::npos);

// Whether `text` is valid UTF-8 as ValidUtf8 reads it.
bool IsValidUtf8(absl::string_view text);

// The length of the UTF-8 sequence a byte `lead` starts: 2 to 4, or 1 for an ASCII
// byte and for a byte no sequence starts with (a continuation, C0, C1, F5..FF).
size_t Utf8SequenceLength(unsigned char lead);

}  // namespace penataan

#endif  // PENATAAN_COMMON_UTF8_H_
