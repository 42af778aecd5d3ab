#ifndef PENATAAN_COMMON_RESOURCE_NAME_H_
#define PENATAAN_COMMON_RESOURCE_NAME_H_

// Resource names of the form "{collection}/{id}" with a positive integer id
// (AIP-122), e.g. "honorers/42", "notifications/7", "batches/3".

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace penataan {

// INVALID_ARGUMENT naming `field` unless `name` is "<collection>/<positive id>".
absl::StatusOr<int64_t> ParseResourceId(absl::string_view name, absl::string_view collection,
                                        absl::string_view field);

}  // namespace penataan

#endif  // PENATAAN_COMMON_RESOURCE_NAME_H_
