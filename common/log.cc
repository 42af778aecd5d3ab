#include "common/log.h"

#include <cstdio>
#include <mutex>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/plain_text.h"

namespace penataan {
namespace {

const char* LevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kInfo: return "info";
    case LogLevel::kWarning: return "warning";
    case LogLevel::kError: return "error";
  }
  return "info";
}

// A value as written: bare when it is plain, otherwise in quotes with the quote,
// the backslash, line breaks, every other control character, bidirectional
// control, line separator and byte that is not UTF-8 escaped (\n, \x1b, \u202e),
// so that a value from a request can neither start a forged event on a new line
// nor rewrite the terminal that shows the log.
std::string Quote(absl::string_view value) {
  std::string out;
  bool plain = !value.empty();
  for (size_t i = 0; i < value.size();) {
    const Utf8Char c = FirstUtf8Char(value.substr(i));
    if (c.length == 0) {  // not UTF-8
      absl::StrAppendFormat(&out, "\\x%02x", static_cast<unsigned char>(value[i]));
      plain = false;
      ++i;
      continue;
    }
    const uint32_t cp = c.code_point;
    if (cp == ' ' || cp == '=' || cp == '"' || cp == '\\' || IsControlOrBidi(cp)) plain = false;
    if (cp == '"' || cp == '\\') {
      absl::StrAppend(&out, "\\", value.substr(i, 1));
    } else if (cp == '\n') {
      out += "\\n";
    } else if (cp == '\r') {
      out += "\\r";
    } else if (cp == '\t') {
      out += "\\t";
    } else if (IsControlOrBidi(cp)) {
      if (cp < 0x80) {
        absl::StrAppendFormat(&out, "\\x%02x", cp);
      } else {
        absl::StrAppendFormat(&out, "\\u%04x", cp);
      }
    } else {
      absl::StrAppend(&out, value.substr(i, c.length));
    }
    i += c.length;
  }
  return plain ? out : absl::StrCat("\"", out, "\"");
}

}  // namespace

void LogEvent(LogLevel level, absl::string_view event, std::initializer_list<LogField> fields) {
  std::string line = absl::StrCat("ts=", absl::FormatTime("%Y-%m-%dT%H:%M:%E6SZ", absl::Now(),
                                                           absl::UTCTimeZone()),
                                  " level=", LevelName(level), " event=", Quote(event));
  for (const auto& [key, value] : fields) {
    if (!value.empty()) absl::StrAppend(&line, " ", key, "=", Quote(value));
  }
  line.push_back('\n');
  static std::mutex mu;
  std::lock_guard<std::mutex> lock(mu);
  std::fwrite(line.data(), 1, line.size(), stderr);
}

std::string MaskNik(absl::string_view nik) {
  if (nik.size() <= 6) return std::string(nik.size(), '*');
  return absl::StrCat(nik.substr(0, 6), std::string(nik.size() - 6, '*'));
}

}  // namespace penataan
