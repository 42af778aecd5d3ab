#ifndef PENATAAN_SERVICES_SCREENING_SCREENING_TEXT_H_
#define PENATAAN_SERVICES_SCREENING_SCREENING_TEXT_H_

// Text from a request, checked before it is stored: valid UTF-8 (MariaDB's
// utf8mb4 columns refuse anything else), within its column, present when required.

#include <cstddef>
#include <string>

#include "absl/status/status.h"

namespace penataan::screening {

// INVALID_ARGUMENT naming `field` when `value` is not valid UTF-8, longer than
// `max` characters, or (`required`) blank.
absl::Status CheckText(const std::string& value, const std::string& field, size_t max,
                       bool required);

}  // namespace penataan::screening

#endif  // PENATAAN_SERVICES_SCREENING_SCREENING_TEXT_H_
