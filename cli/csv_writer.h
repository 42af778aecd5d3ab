#ifndef PENATAAN_CLI_CSV_WRITER_H_
#define PENATAAN_CLI_CSV_WRITER_H_

// CSV for a spreadsheet: RFC 4180 quoting (a cell with the delimiter, a quote, a
// line break, or leading/trailing space is quoted; quotes doubled), CRLF line ends,
// and a UTF-8 byte-order mark before the first row so Excel reads the text as
// UTF-8. `;` is what Excel with Indonesian settings expects. A cell Excel would run
// as a formula gets its text mark (FormulaSafe, excel_cell.h).

#include <ostream>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace penataan::cli {

struct CsvWriteOptions {
  char delimiter = ',';
  bool byte_order_mark = true;
};

class CsvWriter {
 public:
  CsvWriter(std::ostream& out, CsvWriteOptions options) : out_(out), options_(options) {}
  void Row(const std::vector<std::string>& cells);

 private:
  std::ostream& out_;
  CsvWriteOptions options_;
  bool started_ = false;
};

// A cell Excel must keep as text: a long digit string (NIK) written as the formula
// ="6471…", which Excel shows and saves as the digits. NikFromSpreadsheet reads it.
std::string ExcelText(absl::string_view digits);

}  // namespace penataan::cli

#endif  // PENATAAN_CLI_CSV_WRITER_H_
