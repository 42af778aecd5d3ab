#ifndef PENATAAN_COMMON_ERRORS_H_
#define PENATAAN_COMMON_ERRORS_H_

// Errors that name what was wrong. A violation travels inside absl::Status as a
// payload and becomes a penataan.common.v1.ErrorDetail at the RPC edge, so a client
// can point at the field or input row; the message says the same in words.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace penataan {

struct Violation {
  std::string field;
  int64_t row = 0;  // 1-based input row; 0 when the violation is not about a row
  std::string description;
};

// INVALID_ARGUMENT "<field>: <description>" carrying the violation.
absl::Status InvalidField(absl::string_view field, absl::string_view description);

// One status for several violations; the message names the first and the count.
absl::Status InvalidFields(const std::vector<Violation>& violations);

// Adds the violation to any status (e.g. FAILED_PRECONDITION naming a field).
absl::Status WithViolation(absl::Status status, Violation violation);

// The violations a status carries (empty if none).
std::vector<Violation> ViolationsOf(const absl::Status& status);

}  // namespace penataan

#endif  // PENATAAN_COMMON_ERRORS_H_
