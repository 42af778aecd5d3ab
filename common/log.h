#ifndef PENATAAN_COMMON_LOG_H_
#define PENATAAN_COMMON_LOG_H_

// One line per event on stderr: `ts=… level=… event=… key=value …`. Values with
// spaces are quoted; fields with an empty value are left out. Never pass a token, a password or a whole NIK: use MaskNik.

#include <initializer_list>
#include <string>
#include <utility>

#include "absl/strings/string_view.h"

namespace penataan {

enum class LogLevel { kInfo, kWarning, kError };

using LogField = std::pair<absl::string_view, std::string>;

void LogEvent(LogLevel level, absl::string_view event, std::initializer_list<LogField> fields);

// The first six digits (province, kabupaten/kota, kecamatan) and stars: "537101**********".
std::string MaskNik(absl::string_view nik);

}  // namespace penataan

#endif  // PENATAAN_COMMON_LOG_H_
