#include "cli/spreadsheet_date.h"

#include <algorithm>
#include <optional>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/civil_time.h"
#include "common/utf8.h"

namespace penataan::cli {
namespace {

constexpr absl::string_view kForms =
    "write it day first, as 12/03/1985, 12-03-1985, 12.03.1985, 12 Maret 1985 or "
    "12-Mar-1985, or as 1985-03-12";

// Month names, Indonesian and English, full and abbreviated, in lower case.
const absl::flat_hash_map<std::string, int>& MonthNames() {
  static const auto* names = new absl::flat_hash_map<std::string, int>{
      {"januari", 1},   {"january", 1},  {"jan", 1},
      {"februari", 2},  {"pebruari", 2}, {"february", 2}, {"feb", 2}, {"peb", 2},
      {"maret", 3},     {"march", 3},    {"mar", 3},
      {"april", 4},     {"apr", 4},
      {"mei", 5},       {"may", 5},
      {"juni", 6},      {"june", 6},     {"jun", 6},
      {"juli", 7},      {"july", 7},     {"jul", 7},
      {"agustus", 8},   {"august", 8},   {"agu", 8},     {"agt", 8}, {"ags", 8}, {"aug", 8},
      {"september", 9}, {"sep", 9},      {"sept", 9},
      {"oktober", 10},  {"october", 10}, {"okt", 10},    {"oct", 10},
      {"november", 11}, {"nopember", 11}, {"nov", 11},   {"nop", 11},
      {"desember", 12}, {"december", 12}, {"des", 12},   {"dec", 12},
  };
  return *names;
}

// Excel's long date in Indonesian starts with the day of the week: "Selasa, 12
// Maret 1985". The date says which day it was; the name is not checked.
bool IsWeekday(const std::string& word) {
  static const auto* days = new std::vector<std::string>{
      "senin", "selasa", "rabu", "kamis", "jumat", "jum'at", "sabtu", "minggu", "ahad",
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
      "mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  return std::find(days->begin(), days->end(), word) != days->end();
}

constexpr const char* kEnglishMonths[] = {"January", "February", "March",     "April",
                                          "May",     "June",     "July",      "August",
                                          "September", "October", "November", "December"};

enum class DateForm { kYearFirst, kDayFirst, kMonthName };

struct Token {
  enum Kind { kNumber, kWord, kSeparator } kind;
  std::string text;  // digits; a word in lower case without its dot; ' ', '-', '/', '.', ','
};

// The cell as numbers, words and separators; nullopt at a character no date holds.
// Spaces around a separator belong to it ("12 - 03 - 1985"); two separators in a
// row ("12--03") are refused.
std::optional<std::vector<Token>> Tokens(absl::string_view text) {
  std::vector<Token> out;
  size_t i = 0;
  auto run = [&](auto belongs) {
    const size_t from = i;
    while (i < text.size() && belongs(static_cast<unsigned char>(text[i]))) ++i;
    return std::string(text.substr(from, i - from));
  };
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (absl::ascii_isdigit(c)) {
      out.push_back({Token::kNumber, run([](unsigned char d) { return absl::ascii_isdigit(d); })});
    } else if (absl::ascii_isalpha(c)) {
      std::string word = run([](unsigned char a) { return absl::ascii_isalpha(a) || a == '\''; });
      // The dot of an abbreviation ("Agt. 2020", "Sept."), not of "12.Mar.1985".
      if (i < text.size() && text[i] == '.' && (i + 1 == text.size() || text[i + 1] == ' ')) ++i;
      out.push_back({Token::kWord, absl::AsciiStrToLower(word)});
    } else if (absl::string_view(" -/.,").find(text[i]) != absl::string_view::npos) {
      std::string separator = " ";
      for (; i < text.size() && absl::string_view(" -/.,").find(text[i]) != absl::string_view::npos;
           ++i) {
        if (text[i] == ' ') continue;
        if (separator != " ") return std::nullopt;
        separator = std::string(1, text[i]);
      }
      if (!out.empty() && out.back().kind == Token::kSeparator) return std::nullopt;
      out.push_back({Token::kSeparator, separator});
    } else {
      return std::nullopt;
    }
  }
  return out;
}

bool IsLeap(int year) { return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0); }

int DaysIn(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeap(year) ? 29 : kDays[month - 1];
}

std::string Iso(int year, int month, int day) {
  std::string out = "0000-00-00";
  for (int i = 3; i >= 0; --i, year /= 10) out[i] = static_cast<char>('0' + year % 10);
  out[5] = static_cast<char>('0' + month / 10);
  out[6] = static_cast<char>('0' + month % 10);
  out[8] = static_cast<char>('0' + day / 10);
  out[9] = static_cast<char>('0' + day % 10);
  return out;
}

// The two-digit number at t[at], or -1.
int TwoDigits(absl::string_view t, size_t at) {
  const auto d = [&](size_t i) { return absl::ascii_isdigit(static_cast<unsigned char>(t[i])); };
  return d(at) && d(at + 1) ? (t[at] - '0') * 10 + (t[at + 1] - '0') : -1;
}

// "1985-03-12" and "12/03/1985" (or - .) exactly, the forms of nearly every cell: read
// without tokens. nullopt for anything else, which the general reading then judges.
std::optional<std::string> CommonForm(absl::string_view t) {
  if (t.size() != 10) return std::nullopt;
  int century = -1, year = -1, month = 0, day = 0;
  if (t[4] == '-' && t[7] == '-') {
    century = TwoDigits(t, 0), year = TwoDigits(t, 2), month = TwoDigits(t, 5),
    day = TwoDigits(t, 8);
  } else if (t[2] == t[5] && (t[2] == '/' || t[2] == '-' || t[2] == '.')) {
    century = TwoDigits(t, 6), year = TwoDigits(t, 8), month = TwoDigits(t, 3),
    day = TwoDigits(t, 0);
  }
  if (century < 0 || year < 0) return std::nullopt;
  year += century * 100;
  if (month < 1 || month > 12 || day < 1 || day > DaysIn(year, month)) return std::nullopt;
  return Iso(year, month, day);
}

class DateCell {
 public:
  // Quoted only for an error: most cells are dates, read at import speed.
  explicit DateCell(absl::string_view cell) : cell_(cell) {}

  absl::Status Error(absl::string_view why) const {
    return absl::InvalidArgumentError(absl::StrCat(Quoted(), ": ", why));
  }
  absl::Status NotADate() const {
    return absl::InvalidArgumentError(absl::StrCat(Quoted(), " is not a date: ", kForms));
  }

  // The ISO date of a day, month and year as read, or why they are not one.
  absl::StatusOr<std::string> Checked(int day, int month, int year, DateForm form) const {
    if (month == 0) return Error("there is no month 0");
    if (month > 12 && form == DateForm::kYearFirst) {
      return Error(absl::StrCat("there is no month ", month, " (YYYY-MM-DD)"));
    }
    if (month > 12) {
      std::string example;
      if (day >= 1 && day <= 12) {  // the file was written month first
        example = absl::StrFormat("; %d %s %d is %02d/%02d/%04d", month,
                                  kEnglishMonths[day - 1], year, month, day, year);
      }
      return Error(absl::StrCat("there is no month ", month,
                                ": dates are day first (DD/MM/YYYY)", example));
    }
    if (day < 1 || day > DaysIn(year, month)) {
      if (day == 0) return Error("there is no day 0");
      return Error(absl::StrFormat("%s %d has %d days", kEnglishMonths[month - 1], year,
                                   DaysIn(year, month)));
    }
    return Iso(year, month, day);
  }

  // The year of a day-first date: four digits.
  absl::StatusOr<int> Year(const std::string& digits) const {
    int year = 0;
    if (digits.size() == 2) {
      return Error("the year has two digits (19.. or 20..?): write it in full, like 1985");
    }
    if (digits.size() != 4 || !absl::SimpleAtoi(digits, &year)) return NotADate();
    return year;
  }

  // A number alone: what Excel writes for a date in a column formatted as a number
  // (five digits for the years 1927 to 2173; shorter numbers are no such dates).
  absl::Status Serial(const std::string& digits) const {
    int serial = 0;
    if (digits.size() != 5 || !absl::SimpleAtoi(digits, &serial)) return NotADate();
    // Excel counts 1900-01-01 as day 1 and has a 29 February 1900, so from day
    // 61 on its days count from 1899-12-30.
    const absl::CivilDay day = absl::CivilDay(1899, 12, 30) + serial;
    return absl::InvalidArgumentError(absl::StrFormat(
        "%s is a date as Excel counts days (%02d/%02d/%04d), written so because the column "
        "is formatted as a number: format the column as Date (or Text) in Excel and save "
        "the file again",
        Quoted(), day.day(), day.month(), day.year()));
  }

 private:
  std::string Quoted() const { return absl::StrCat("\"", ValidUtf8(cell_, 40), "\""); }
  absl::string_view cell_;
};

// "12/03/1985 00:00" and "1985-03-12 00:00:00", what a date-and-time column
// holds for a plain date: the date; other times are refused (a birth date has none).
absl::StatusOr<absl::string_view> WithoutMidnight(absl::string_view t, const DateCell& cell) {
  const size_t colon = t.find(':');
  if (colon == absl::string_view::npos) return t;
  const size_t space = t.rfind(' ', colon);
  if (space == absl::string_view::npos) return cell.NotADate();
  for (const char c : t.substr(space + 1)) {
    if (c != '0' && c != ':') return cell.Error("has a time of day: write the date only");
  }
  return absl::StripTrailingAsciiWhitespace(t.substr(0, space));
}

bool IsNumber(const Token& t, size_t min, size_t max) {
  return t.kind == Token::kNumber && t.text.size() >= min && t.text.size() <= max;
}

}  // namespace

absl::StatusOr<std::string> ParseSpreadsheetDate(absl::string_view text) {
  absl::string_view t = absl::StripAsciiWhitespace(text);
  while (absl::ConsumePrefix(&t, "\xC2\xA0") || absl::ConsumeSuffix(&t, "\xC2\xA0")) {
    t = absl::StripAsciiWhitespace(t);
  }
  if (t.empty()) return "";
  if (std::optional<std::string> common = CommonForm(t)) return *std::move(common);
  const DateCell cell(t);
  absl::StatusOr<absl::string_view> date = WithoutMidnight(t, cell);
  if (!date.ok()) return date.status();
  std::optional<std::vector<Token>> tokens = Tokens(*date);
  if (!tokens) return cell.NotADate();
  std::vector<Token>& k = *tokens;
  if (k.size() >= 2 && k[0].kind == Token::kWord && IsWeekday(k[0].text) &&
      k[1].kind == Token::kSeparator) {
    k.erase(k.begin(), k.begin() + 2);
  }
  if (k.size() == 1 && k[0].kind == Token::kNumber) return cell.Serial(k[0].text);
  if (k.size() != 5 || k[1].kind != Token::kSeparator || k[3].kind != Token::kSeparator ||
      k[1].text == "," || k[3].text == ",") {
    return cell.NotADate();
  }
  int a = 0, b = 0;
  // 1985-03-12: the year first, then (always) the month.
  if (IsNumber(k[0], 4, 4) && IsNumber(k[2], 1, 2) && IsNumber(k[4], 1, 2) &&
      k[1].text == k[3].text && k[1].text != " ") {
    int year = 0;
    absl::SimpleAtoi(k[0].text, &year);
    absl::SimpleAtoi(k[2].text, &a);
    absl::SimpleAtoi(k[4].text, &b);
    return cell.Checked(b, a, year, DateForm::kYearFirst);
  }
  if (!IsNumber(k[0], 1, 2) || k[4].kind != Token::kNumber) return cell.NotADate();
  absl::SimpleAtoi(k[0].text, &a);
  // 12/03/1985, 12-03-1985, 12.03.1985: one separator, not a space.
  if (IsNumber(k[2], 1, 2) && k[1].text == k[3].text && k[1].text != " ") {
    absl::StatusOr<int> year = cell.Year(k[4].text);
    if (!year.ok()) return year.status();
    absl::SimpleAtoi(k[2].text, &b);
    return cell.Checked(a, b, *year, DateForm::kDayFirst);
  }
  // 12 Maret 1985, 12-Mar-1985.
  if (k[2].kind == Token::kWord) {
    auto month = MonthNames().find(k[2].text);
    if (month == MonthNames().end()) {
      return cell.Error(absl::StrCat("\"", k[2].text,
                                     "\" is not a month (Januari ... Desember, Jan ... Des)"));
    }
    absl::StatusOr<int> year = cell.Year(k[4].text);
    if (!year.ok()) return year.status();
    return cell.Checked(a, month->second, *year, DateForm::kMonthName);
  }
  return cell.NotADate();
}

bool WrittenMonthFirst(absl::string_view text) {
  const std::vector<absl::string_view> parts =
      absl::StrSplit(absl::StripAsciiWhitespace(text), absl::ByAnyChar("/-."));
  if (parts.size() != 3 || parts[2].size() != 4) return false;
  int month = 0, day = 0, year = 0;
  for (absl::string_view p : parts) {
    if (p.empty() || p.size() > 4 || !std::all_of(p.begin(), p.end(), [](char c) {
          return absl::ascii_isdigit(static_cast<unsigned char>(c));
        })) {
      return false;
    }
  }
  return absl::SimpleAtoi(parts[0], &month) && absl::SimpleAtoi(parts[1], &day) &&
         absl::SimpleAtoi(parts[2], &year) && parts[0].size() <= 2 && parts[1].size() <= 2 &&
         month >= 1 && month <= 12 && day >= 13 && day <= 31;
}

}  // namespace penataan::cli
