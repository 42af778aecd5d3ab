#ifndef PENATAAN_CLI_EXCEL_CELL_H_
#define PENATAAN_CLI_EXCEL_CELL_H_

// A cell that Excel would run as a formula. Excel reads a CSV cell that starts with
// = + - or @ as a formula: a name typed as "=HYPERLINK(…)" by someone upstream would
// run on the desk of whoever opens an export, and "+6281234567890" would become the
// number 6.28123E+12. So CSVs penataanctl writes put Excel's text mark, an
// apostrophe, before such a cell (FormulaSafe), and everything penataanctl reads
// takes it off again (PlainCell): an export opened and saved imports back unchanged.
// The one formula written on purpose is ExcelText's ="6471…", which keeps a NIK's
// digits; it is left as it is, and PlainCell unwraps it.

#include <string>

#include "absl/strings/string_view.h"

namespace penataan::cli {

// `cell`, with an apostrophe before it when Excel would read it as a formula; a
// number ("-12", "+62"… no: "+62…" is a phone number, marked) is a number only
// when it is digits with at most a leading minus and one decimal point.
std::string FormulaSafe(absl::string_view cell);

// What a person meant by `cell`: ="…" unwrapped, a text-mark apostrophe before
// = + - @ removed. Anything else as it is.
std::string PlainCell(absl::string_view cell);

}  // namespace penataan::cli

#endif  // PENATAAN_CLI_EXCEL_CELL_H_
