#ifndef PENATAAN_CLI_HONORER_COLUMNS_H_
#define PENATAAN_CLI_HONORER_COLUMNS_H_

// The honorer CSV's columns, one list for the three files that use them: the import
// reads them (by any of their names), the template and `registry honorer list -o
// csv` write them (by their first name), so an export edited in Excel imports
// back unchanged.

#include <string>
#include <vector>

#include "cli/spreadsheet_header.h"
#include "penataan/registry/v1/registry.pb.h"

namespace penataan::cli {

// Every column the import knows, in the order exports write them; the read-only
// ones of an export (status) and an errors file's `kesalahan` are `ignored`.
const std::vector<ColumnSpec>& HonorerColumns();

// The header an export or the template writes: each column's first name.
std::vector<std::string> HonorerCsvHeader();

// One honorer as an export row under HonorerCsvHeader(): dates YYYY-MM-DD, enums
// by the names the import reads, the NIK and WhatsApp number as ExcelText so Excel
// keeps their digits.
std::vector<std::string> HonorerCsvRow(const registry::v1::Honorer& honorer);

// `penataanctl registry import --template`: every column the import reads (SK cells
// too), and two example honorers of Kota Kupang that import cleanly, written in the
// forms admins type (12/03/1985, 2 Januari 2015), contracts of `year`.
std::vector<std::vector<std::string>> HonorerTemplate(int year);

}  // namespace penataan::cli

#endif  // PENATAAN_CLI_HONORER_COLUMNS_H_
