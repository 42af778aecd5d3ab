// A date cell as a person typed it (ParseSpreadsheetDate, WrittenMonthFirst).
// Invariants: an accepted cell becomes a real ISO date that reads back as itself;
// a refusal's message is valid UTF-8 (it quotes the cell, which may not be).

#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/strings/numbers.h"
#include "absl/time/civil_time.h"
#include "cli/spreadsheet_date.h"
#include "common/utf8.h"
#include "fuzz/fuzz_check.h"

namespace {

// "YYYY-MM-DD" naming a day that exists.
bool IsRealIsoDate(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  int y = 0, m = 0, d = 0;
  if (!absl::SimpleAtoi(s.substr(0, 4), &y) || !absl::SimpleAtoi(s.substr(5, 2), &m) ||
      !absl::SimpleAtoi(s.substr(8, 2), &d)) {
    return false;
  }
  const absl::CivilDay day(y, m, d);
  return day.year() == y && day.month() == m && day.day() == d;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 1024) return 0;
  const std::string cell(reinterpret_cast<const char*>(data), size);
  absl::StatusOr<std::string> date = penataan::cli::ParseSpreadsheetDate(cell);
  if (date.ok()) {
    if (!date->empty()) {
      FUZZ_CHECK(IsRealIsoDate(*date));
      absl::StatusOr<std::string> again = penataan::cli::ParseSpreadsheetDate(*date);
      FUZZ_CHECK(again.ok() && *again == *date);
    }
  } else {
    FUZZ_CHECK(date.status().code() == absl::StatusCode::kInvalidArgument);
    FUZZ_CHECK(penataan::IsValidUtf8(date.status().message()));
  }
  // A month-first cell is never read as a date (its month would be above 12).
  if (penataan::cli::WrittenMonthFirst(cell)) FUZZ_CHECK(!date.ok());
  return 0;
}
