#ifndef PENATAAN_CLI_SPREADSHEET_DATE_H_
#define PENATAAN_CLI_SPREADSHEET_DATE_H_

// A date as people in Indonesia type it in a spreadsheet, as the API's
// "YYYY-MM-DD". Accepted, day always first (never month first):
//   1985-03-12   12/03/1985   12-03-1985   12.03.1985   2/3/1985
//   12 Maret 1985   12 Mar 1985   12-Mar-1985   (Indonesian month names, full or
//   abbreviated, any case; the English ones too: May, Aug, Oct, Dec)
// Refused with a message a person can act on: a two-digit year ("12/03/85": which
// century?), a day the month does not have ("31/02/1985"), a month above 12
// ("03/25/1985": dates are day first), an Excel date number ("31118": format the
// column as a date), anything else (naming the accepted forms).
//
// One parser for every CSV penataanctl reads: honorers, contract and SK dates,
// proposal lines, reviews, send-batch.

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace penataan::cli {

// "" for an empty (or all-space) cell; else the ISO date or INVALID_ARGUMENT whose
// message quotes the cell and says what is wrong (without a column name: the
// caller adds it).
absl::StatusOr<std::string> ParseSpreadsheetDate(absl::string_view text);

// "03/25/1985": a date Excel with English (US) settings wrote, month first — the
// first number a month (1..12), the second a day only (13..31), a four-digit year.
// One such cell means the whole file is month first, and its dates whose day is
// 12 or less would be read as other, valid dates: the file must be refused whole.
bool WrittenMonthFirst(absl::string_view text);

}  // namespace penataan::cli

#endif  // PENATAAN_CLI_SPREADSHEET_DATE_H_
