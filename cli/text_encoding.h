#ifndef PENATAAN_CLI_TEXT_ENCODING_H_
#define PENATAAN_CLI_TEXT_ENCODING_H_

// How the bytes of a text file a spreadsheet wrote become UTF-8, for CsvReader:
// the one pass over the file that decides its encoding, and the conversions
// applied while it is read (Windows-1252 per cell, UTF-16 per block).

#include <cstddef>
#include <cstdint>
#include <istream>
#include <string>

#include "absl/strings/string_view.h"

namespace penataan::cli {

// The encodings CsvReader recognises (see csv_reader.h).
enum class TextEncoding { kUtf8, kUtf8Bom, kUtf16Le, kUtf16Be, kWindows1252 };

// Blocks read at a time: big enough that per-call overhead vanishes, small enough
// that a 1M-row file never sits in memory.
inline constexpr size_t kTextBlockBytes = 1 << 16;

struct EncodingScan {
  TextEncoding encoding = TextEncoding::kUtf8;
  // Why the file cannot be read as text of one encoding (naming lines); "" when it can.
  std::string error;
};

// Reads `in` from where it stands to its end and decides: a byte-order mark names
// UTF-8 or UTF-16 (then checked to be whole UTF-16); without one, valid UTF-8 is
// UTF-8, and bytes that are not UTF-8 are Windows-1252 unless the file also holds
// multi-byte UTF-8 (mixed: refused). A spreadsheet workbook (.xlsx, .xls) is
// refused by name.
EncodingScan ScanEncoding(std::istream& in);

// The length of the byte-order mark `encoding` starts a file with (0 when none).
size_t BomLength(TextEncoding encoding);

// Windows-1252 text as UTF-8, in place; text of ASCII bytes only is left as it is.
// The five bytes Windows-1252 leaves undefined become their Latin-1 code points.
void Cp1252ToUtf8(std::string& text);

// UTF-16 to UTF-8, one block at a time: a character split between blocks (an odd
// byte, the halves of a surrogate pair) waits for the next block.
class Utf16ToUtf8 {
 public:
  explicit Utf16ToUtf8(bool big_endian) : big_endian_(big_endian) {}
  // Appends the UTF-8 of `bytes` (after what an earlier call left) to `out`; false
  // at a surrogate without its other half, `out` then holding the text before it.
  bool Convert(absl::string_view bytes, std::string& out);
  // Whether the input so far ended on a character boundary.
  bool complete() const { return pending_.empty(); }

 private:
  bool big_endian_;
  std::string pending_;  // at most 3 bytes
};

}  // namespace penataan::cli

#endif  // PENATAAN_CLI_TEXT_ENCODING_H_
