#ifndef PENATAAN_CLI_IMPORT_REPORT_H_
#define PENATAAN_CLI_IMPORT_REPORT_H_

// What an import (or its check) says about the rows it rejected, as the person who
// made the file reads it: every error of a row, each under the column's name as the
// file spells it ("Tanggal Lahir", not birth_date), and the `kesalahan` cell of the
// errors file.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "cli/spreadsheet_header.h"
#include "google/protobuf/repeated_ptr_field.h"
#include "penataan/common/v1/common.pb.h"

namespace penataan::cli {

using RowError = common::v1::ErrorDetail::Violation;

// The registry's errors and penataanctl's own (cells it could not read), rows
// ascending and within a row in the order of the file's columns (errors of no
// column last). A field penataanctl could not read is also refused by the
// registry, in the registry's words; the one kept is penataanctl's, which says what
// a spreadsheet did.
std::vector<RowError> MergeRowErrors(const std::vector<RowError>& local,
                                     const google::protobuf::RepeatedPtrField<RowError>& registry,
                                     const SpreadsheetHeader& header);

// "row 5, Tanggal Lahir: \"31/02/1985\" is not a day …" ("row 5: …" without a field).
std::string ErrorLine(const RowError& error, const SpreadsheetHeader& header);

// Each rejected row's errors as one `kesalahan` cell: "Tanggal Lahir: …; NIK: …".
std::map<int64_t, std::string> ErrorCells(const std::vector<RowError>& errors,
                                          const SpreadsheetHeader& header);

}  // namespace penataan::cli

#endif  // PENATAAN_CLI_IMPORT_REPORT_H_
