#ifndef PENATAAN_CLI_REJECTED_ROWS_FILE_H_
#define PENATAAN_CLI_REJECTED_ROWS_FILE_H_

// `--errors-out FILE.csv`: the rejected records of an input file, as they were
// typed, with one more column, `kesalahan`, saying what is wrong with each. The
// person fixes the cells in Excel and imports that file (the import does not read
// `kesalahan`). Written UTF-8 with a byte-order mark and the input's delimiter, so
// Excel opens it as it opened the input; an input that already has a `kesalahan`
// column (an errors file imported again) gets it replaced, not a second one. NIKs
// and phone numbers are written as ="…" so that Excel keeps their digits.

#include <cstdint>
#include <map>
#include <string>

#include "absl/status/status.h"

namespace penataan::cli {

// Reads `input` again and writes to `output` its header and every record whose
// line is a key of `errors_by_line`. FAILED_PRECONDITION naming the file when
// either cannot be read or written; `output` is never the input.
absl::Status WriteRejectedRows(const std::string& input, const std::string& output,
                               const std::map<int64_t, std::string>& errors_by_line);

}  // namespace penataan::cli

#endif  // PENATAAN_CLI_REJECTED_ROWS_FILE_H_
