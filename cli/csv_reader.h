#ifndef PENATAAN_CLI_CSV_READER_H_
#define PENATAAN_CLI_CSV_READER_H_

// A streaming RFC 4180 reader for what spreadsheets write: quoted cells may hold
// the delimiter, quotes ("") and line breaks; CRLF and LF line ends.
//
// The file's format is recognised before the first record:
//  - the delimiter from the header line: the most frequent of comma, semicolon and
//    tab outside quotes (comma when none; Excel with Indonesian settings writes
//    semicolons, its "Unicode text" tabs);
//  - the encoding: UTF-8 with or without a byte-order mark; UTF-16 with a BOM (Excel's
//    "Unicode text"); otherwise, when the bytes are not UTF-8, Windows-1252 (Excel's
//    "CSV" on older versions and Latin-1 files: every byte is a character of it).
//    Cells are always returned as UTF-8. A file that mixes UTF-8 with other bytes
//    is refused (encoding_error) rather than guessed: never stored as broken text.
// The stream must be seekable (a file, a string): the encoding is decided by
// reading it to its end once and seeking back. (A stream that cannot seek, a pipe,
// is read as UTF-8: NextDataRecord then refuses the records that are not.) One
// block of the file and one record in memory at a time.

#include <array>
#include <cstdint>
#include <istream>
#include <string>
#include <vector>

#include "cli/text_encoding.h"

namespace penataan::cli {

struct CsvFormat {
  TextEncoding encoding = TextEncoding::kUtf8;
  char delimiter = ',';
};

// For telling the person how their file was read:
// "separated by semicolons, Windows-1252 (converted to UTF-8)".
std::string DescribeCsvFormat(const CsvFormat& format);

class CsvReader {
 public:
  explicit CsvReader(std::istream& in);
  const CsvFormat& format() const { return format_; }
  // Set when the file cannot be read as text: "line 7 is not UTF-8 but line 3 is:
  // the file mixes encodings; save it again as CSV UTF-8". Next() then returns false.
  const std::string& encoding_error() const { return encoding_error_; }
  // The next record into `cells` (UTF-8); false at the end of input.
  bool Next(std::vector<std::string>& cells);
  // 1-based line number where the last record started (for messages).
  int64_t line() const { return record_line_; }
  // Bytes of the file consumed so far (for progress; to a block for UTF-16).
  int64_t bytes_read() const;
  // Set when a quoted cell was not closed before the end of input.
  bool malformed() const { return malformed_; }

 private:
  int Get();
  int Peek();
  bool Fill();
  // Appends the characters from the block up to the next one in `stops` (or the
  // block's end) at once: most characters of a file are nothing but text.
  void AppendRun(std::string& cell, const std::array<bool, 256>& stops);
  std::istream& in_;
  CsvFormat format_;
  std::string encoding_error_;
  // Read in blocks (istream::get per character dominated profiles): the block as
  // UTF-8, or, for Windows-1252, its bytes (converted per cell, once complete).
  std::string buf_;
  std::string raw_;  // UTF-16 only: the block's bytes before conversion
  Utf16ToUtf8 utf16_{false};
  std::array<bool, 256> stops_{}, quoted_stops_{};  // what ends a run, outside and inside quotes
  size_t pos_ = 0;
  int64_t line_ = 1, record_line_ = 0;
  int64_t raw_before_ = 0, raw_block_ = 0;  // bytes of the file before the block, in it
  bool started_ = false, malformed_ = false;
};

// A record with a cell that is not UTF-8 (a spreadsheet saved as Latin-1 or
// Windows-1252) cannot travel in a protobuf string: "line N column C is not
// UTF-8: \"Pr\uFFFDfecture\" (save the file as UTF-8)", the cell made valid
// and cut short; empty when every cell is UTF-8.
std::string NotUtf8Error(const std::vector<std::string>& cells, int64_t line);

// The next record of a file a person made: blank lines skipped, a record with a
// cell that is not UTF-8 reported in `errors` (NotUtf8Error) and skipped. False at
// the end, at a file that cannot be read as text (its encoding_error appended to
// `errors`), or at a quoted cell left open ("line N: a quoted cell is not closed"
// appended), after which nothing more can be read reliably. Read the header with
// it too: a file whose errors stay empty when the first call is false is empty.
bool NextDataRecord(CsvReader& csv, std::vector<std::string>& cells,
                    std::vector<std::string>& errors);

}  // namespace penataan::cli

#endif  // PENATAAN_CLI_CSV_READER_H_
