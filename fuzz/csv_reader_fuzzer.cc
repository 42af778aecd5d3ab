// penataanctl's CSV reader on what a spreadsheet (or anyone) may write. The first
// byte chooses how the rest becomes the file, so that every encoding the reader
// recognises is reached with structured text:
//   bits 0-1: 0 the bytes as they are (any BOM, any encoding: the scan decides),
//             1 after UTF-8's byte-order mark, 2 as UTF-16 LE, 3 as UTF-16 BE (each
//             byte one UTF-16 unit, after the mark);
//   bits 2-4: all set (one input in eight, as 64 KiB per run is slow): after a
//             first line and nearly a block of 'x' (bits 5-7: 0 to 7 short of it),
//             so that the input's characters straddle the reader's blocks.
// Invariants: the reader ends; every record it returns is UTF-8 unless it
// reported an encoding error; line numbers only increase; bytes_read stays within
// the file.

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "cli/csv_reader.h"
#include "common/utf8.h"
#include "fuzz/fuzz_check.h"

namespace {

using penataan::cli::CsvReader;

std::string Utf16Of(const std::string& bytes, bool big_endian) {
  std::string out = big_endian ? "\xFE\xFF" : "\xFF\xFE";
  for (char c : bytes) {
    out += big_endian ? std::string{'\0', c} : std::string{c, '\0'};
  }
  return out;
}

std::string FileOf(const uint8_t* data, size_t size) {
  const uint8_t mode = data[0];
  std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
  if ((mode & 0x1C) == 0x1C) {
    const size_t unit = (mode & 3) >= 2 ? 2 : 1;
    const size_t pad = penataan::cli::kTextBlockBytes / unit - 8 - (mode >> 5);
    text = "p\n" + std::string(pad, 'x') + text;
  }
  switch (mode & 3) {
    case 1: return "\xEF\xBB\xBF" + text;
    case 2: return Utf16Of(text, false);
    case 3: return Utf16Of(text, true);
    default: return text;
  }
}

void ReadRecords(const std::string& file) {
  std::istringstream in(file);
  CsvReader csv(in);
  std::vector<std::string> cells;
  int64_t last_line = 0;
  while (csv.Next(cells)) {
    FUZZ_CHECK(!cells.empty());
    FUZZ_CHECK(csv.line() > last_line);
    last_line = csv.line();
    for (const std::string& cell : cells) FUZZ_CHECK(penataan::IsValidUtf8(cell));
    FUZZ_CHECK(csv.bytes_read() >= 0 && csv.bytes_read() <= static_cast<int64_t>(file.size()));
  }
  FUZZ_CHECK(csv.encoding_error().empty() || last_line == 0);
  (void)penataan::cli::DescribeCsvFormat(csv.format());
}

// As the import commands read: NextDataRecord, its errors collected.
void ReadDataRecords(const std::string& file) {
  std::istringstream in(file);
  CsvReader csv(in);
  std::vector<std::string> cells, errors;
  while (penataan::cli::NextDataRecord(csv, cells, errors)) continue;
  for (const std::string& error : errors) FUZZ_CHECK(penataan::IsValidUtf8(error));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1 || size > 16384) return 0;
  const std::string file = FileOf(data, size);
  ReadRecords(file);
  ReadDataRecords(file);
  return 0;
}
