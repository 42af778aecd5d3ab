#include "common/log.h"

#include <cstdio>
#include <mutex>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

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

std::string Quote(absl::string_view value) {
  if (!value.empty() && value.find_first_of(" \"=\n\t") == absl::string_view::npos) {
    return std::string(value);
  }
  return absl::StrCat("\"", absl::StrReplaceAll(value, {{"\\", "\\\\"}, {"\"", "\\\""}, {"\n", "\\n"}}),
                      "\"");
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
