#ifndef PENATAAN_CLI_CSV_READER_H_
#define PENATAAN_CLI_CSV_READER_H_

// A streaming RFC 4180 reader: quoted cells may hold commas, quotes ("") and line
// breaks; CRLF and LF line ends; a UTF-8 byte-order mark at the start is skipped.
// One record in memory at a time.

#include <cstdint>
#include <istream>
#include <string>
#include <vector>

namespace penataan::cli {

class CsvReader {
 public:
  explicit CsvReader(std::istream& in) : in_(in) {}
  // The next record into `cells`; false at the end of input.
  bool Next(std::vector<std::string>& cells);
  // 1-based line number where the last record started (for messages).
  int64_t line() const { return record_line_; }
  // Bytes consumed so far (for progress).
  int64_t bytes_read() const { return bytes_; }
  // Set when a quoted cell was not closed before the end of input.
  bool malformed() const { return malformed_; }

 private:
  int Get();
  int Peek();
  bool Fill();
  std::istream& in_;
  std::string buf_;  // read in blocks: istream::get per character dominated profiles
  size_t pos_ = 0;
  int64_t line_ = 1, record_line_ = 0, bytes_ = 0;
  bool started_ = false, malformed_ = false;
};

// A record with a cell that is not UTF-8 (a spreadsheet saved as Latin-1 or
// Windows-1252) cannot travel in a protobuf string: "line N column C is not
// UTF-8: \"Pr\uFFFDfecture\" (save the file as UTF-8)", the cell made valid
// and cut short; empty when every cell is UTF-8.
std::string NotUtf8Error(const std::vector<std::string>& cells, int64_t line);

// The next record of a file a person made: blank lines skipped, a record with a
// cell that is not UTF-8 reported in `errors` (NotUtf8Error) and skipped. False at
// the end, or at a quoted cell left open ("line N: a quoted cell is not closed"
// appended to `errors`), after which nothing more can be read reliably.
bool NextDataRecord(CsvReader& csv, std::vector<std::string>& cells,
                    std::vector<std::string>& errors);

}  // namespace penataan::cli

#endif  // PENATAAN_CLI_CSV_READER_H_
