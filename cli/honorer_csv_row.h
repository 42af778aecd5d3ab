#ifndef PENATAAN_CLI_HONORER_CSV_ROW_H_
#define PENATAAN_CLI_HONORER_CSV_ROW_H_

// One record of an honorer CSV as the ImportRow penataanctl sends. The NIK and
// date cells are read as spreadsheets write them (NikFromSpreadsheet,
// ParseSpreadsheetDate) and sent in the API's form. A cell that cannot be read is
// sent as it is: the registry refuses it too, so the counts stay the registry's,
// and the error kept here (worded for a spreadsheet: what Excel did, the accepted
// date forms) stands in for the registry's error of that field.

#include <cstdint>
#include <string>
#include <vector>

#include "cli/spreadsheet_header.h"
#include "penataan/common/v1/common.pb.h"
#include "penataan/registry/v1/registry.pb.h"

namespace penataan::cli {

struct HonorerCsvRecord {
  registry::v1::ImportRow row;
  // field = the ImportRow field ("birth_date"), row = the line.
  std::vector<common::v1::ErrorDetail::Violation> errors;
};

// The ImportRow fields read as dates ("birth_date", …), in column order.
const std::vector<std::string>& HonorerDateFields();

// `header` must have been built from HonorerColumns().
HonorerCsvRecord ReadHonorerRecord(const SpreadsheetHeader& header,
                                   const std::vector<std::string>& cells, int64_t line);

}  // namespace penataan::cli

#endif  // PENATAAN_CLI_HONORER_CSV_ROW_H_
