#include "cli/text_encoding.h"

#include <algorithm>
#include <cstring>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/utf8.h"

namespace penataan::cli {
namespace {

constexpr absl::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr absl::string_view kSaveAsUtf8 =
    "save it again in Excel as \"CSV UTF-8 (Comma delimited)\"";

// Windows-1252's characters for 0x80-0x9F; the five bytes it leaves undefined
// (81 8D 8F 90 9D) are their Latin-1 code points, as Windows itself maps them.
constexpr char32_t kCp1252High[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

void AppendUtf8(char32_t c, std::string& out) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (c >> 18)));
    out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

// Reads the next block after the first `keep` bytes of `block`; the bytes read
// (fewer than a block: the stream has ended).
size_t ReadBlock(std::istream& in, std::string& block, size_t keep) {
  block.resize(keep + kTextBlockBytes);
  in.read(&block[keep], static_cast<std::streamsize>(kTextBlockBytes));
  const size_t got = static_cast<size_t>(in.gcount());
  block.resize(keep + got);
  return got;
}

// The first byte at or after `i` that is not ASCII (or `n`), eight at a time:
// most of a file is ASCII.
size_t SkipAscii(absl::string_view b, size_t i, size_t n) {
  for (; i + 8 <= n; i += 8) {
    uint64_t word;
    std::memcpy(&word, b.data() + i, 8);
    if (word & 0x8080808080808080ULL) break;
  }
  while (i < n && !(static_cast<unsigned char>(b[i]) & 0x80)) ++i;
  return i;
}

// Where the first multi-byte UTF-8 character and the first byte that is not UTF-8
// are (1-based lines; 0 when none): the two together make a file of mixed encodings.
struct Utf8Evidence {
  int64_t multibyte_line = 0, invalid_line = 0;
  bool mixed() const { return multibyte_line > 0 && invalid_line > 0; }
};

// Scans the rest of a file whose first block is `block` (`start` bytes of it a
// byte-order mark). A character cut by the end of a block is carried to the next.
Utf8Evidence ScanUtf8(std::istream& in, std::string block, size_t got, size_t start) {
  Utf8Evidence found;
  int64_t lines_before = 0;  // line breaks before `block`
  std::string carry;
  for (;;) {
    const bool last = got < kTextBlockBytes;
    const absl::string_view b = block;
    size_t n = b.size(), i = start;
    start = 0;
    auto line_at = [&](size_t at) {
      return lines_before + std::count(b.begin(), b.begin() + at, '\n') + 1;
    };
    while ((i = SkipAscii(b, i, n)) < n) {
      const size_t length = Utf8SequenceLength(static_cast<unsigned char>(b[i]));
      if (length > 1 && i + length > n && !last) {
        carry.assign(b.data() + i, b.size() - i);
        n = i;
        break;
      }
      if (length > 1 && i + length <= n && IsValidUtf8(b.substr(i, length))) {
        if (found.multibyte_line == 0) found.multibyte_line = line_at(i);
        i += length;
      } else {
        if (found.invalid_line == 0) found.invalid_line = line_at(i);
        ++i;
      }
      if (found.mixed()) return found;
    }
    if (last) return found;
    lines_before += std::count(b.begin(), b.begin() + n, '\n');
    block.swap(carry);
    carry.clear();
    got = ReadBlock(in, block, block.size());
  }
}

EncodingScan ScanUtf16(std::istream& in, const std::string& first, bool big_endian) {
  const TextEncoding encoding = big_endian ? TextEncoding::kUtf16Be : TextEncoding::kUtf16Le;
  Utf16ToUtf8 convert(big_endian);
  std::string block = first.substr(2), text;
  int64_t lines = 0;
  do {
    text.clear();
    const bool whole = convert.Convert(block, text);
    lines += std::count(text.begin(), text.end(), '\n');
    if (!whole) {
      return {encoding, absl::StrCat("line ", lines + 1,
                                     " is not UTF-16 text (half of a character pair), though "
                                     "the file begins with UTF-16's byte-order mark: ",
                                     kSaveAsUtf8)};
    }
  } while (ReadBlock(in, block, 0) > 0);
  if (!convert.complete()) {
    return {encoding, absl::StrCat("the file ends in the middle of a UTF-16 character (line ",
                                   lines + 1, "): it was cut short; ", kSaveAsUtf8)};
  }
  return {encoding, ""};
}

}  // namespace

EncodingScan ScanEncoding(std::istream& in) {
  std::string block;
  const size_t got = ReadBlock(in, block, 0);
  // An admin may well give the workbook itself: its bytes would read as a
  // Windows-1252 header of nonsense.
  if (absl::StartsWith(block, "PK\x03\x04") ||
      absl::StartsWith(block, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) {
    return {TextEncoding::kUtf8,
            absl::StrCat("this is an Excel workbook (.xlsx or .xls), not a CSV file: ",
                         kSaveAsUtf8)};
  }
  if (absl::StartsWith(block, "\xFF\xFE")) return ScanUtf16(in, block, false);
  if (absl::StartsWith(block, "\xFE\xFF")) return ScanUtf16(in, block, true);
  const bool bom = absl::StartsWith(block, kUtf8Bom);
  Utf8Evidence found = ScanUtf8(in, std::move(block), got, bom ? kUtf8Bom.size() : 0);
  if (bom && found.invalid_line > 0) {
    return {TextEncoding::kUtf8Bom,
            absl::StrCat("line ", found.invalid_line,
                         " is not UTF-8, though the file begins with UTF-8's byte-order mark: "
                         "the file mixes encodings; ",
                         kSaveAsUtf8)};
  }
  if (found.mixed()) {
    return {TextEncoding::kUtf8,
            absl::StrCat("line ", found.invalid_line, " is not UTF-8 but line ",
                         found.multibyte_line, " is: the file mixes encodings; ", kSaveAsUtf8)};
  }
  if (found.invalid_line > 0) return {TextEncoding::kWindows1252, ""};
  return {bom ? TextEncoding::kUtf8Bom : TextEncoding::kUtf8, ""};
}

size_t BomLength(TextEncoding encoding) {
  switch (encoding) {
    case TextEncoding::kUtf8Bom: return kUtf8Bom.size();
    case TextEncoding::kUtf16Le:
    case TextEncoding::kUtf16Be: return 2;
    default: return 0;
  }
}

void Cp1252ToUtf8(std::string& text) {
  if (SkipAscii(text, 0, text.size()) == text.size()) return;
  std::string out;
  out.reserve(text.size() + text.size() / 2);
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    AppendUtf8(c >= 0x80 && c < 0xA0 ? kCp1252High[c - 0x80] : c, out);
  }
  text.swap(out);
}

bool Utf16ToUtf8::Convert(absl::string_view bytes, std::string& out) {
  std::string joined;
  if (!pending_.empty()) {
    joined = pending_ + std::string(bytes);
    bytes = joined;
    pending_.clear();
  }
  auto unit = [&](size_t i) -> char32_t {
    const auto a = static_cast<unsigned char>(bytes[i]), b = static_cast<unsigned char>(bytes[i + 1]);
    return big_endian_ ? (a << 8 | b) : (b << 8 | a);
  };
  size_t i = 0;
  while (i + 2 <= bytes.size()) {
    const char32_t u = unit(i);
    if (u < 0xD800 || u > 0xDFFF) {
      AppendUtf8(u, out);
      i += 2;
      continue;
    }
    if (u >= 0xDC00) return false;        // the second half of a pair, alone
    if (i + 4 > bytes.size()) break;      // the pair's second half is in the next block
    const char32_t low = unit(i + 2);
    if (low < 0xDC00 || low > 0xDFFF) return false;  // a first half, alone
    AppendUtf8(0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00), out);
    i += 4;
  }
  pending_.assign(bytes.substr(i).data(), bytes.size() - i);
  return true;
}

}  // namespace penataan::cli
