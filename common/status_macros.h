#ifndef PENATAAN_COMMON_STATUS_MACROS_H_
#define PENATAAN_COMMON_STATUS_MACROS_H_

// Abseil 20220623 has no RETURN_IF_ERROR / ASSIGN_OR_RETURN. These carry the names
// later Abseil and the Google codebase use, so an upgrade is a deletion.

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define PENATAAN_CONCAT_INNER_(a, b) a##b
#define PENATAAN_CONCAT_(a, b) PENATAAN_CONCAT_INNER_(a, b)

#define RETURN_IF_ERROR(expr)                    \
  do {                                           \
    ::absl::Status penataan_status_ = (expr);    \
    if (!penataan_status_.ok()) return penataan_status_; \
  } while (0)

#define ASSIGN_OR_RETURN(lhs, expr) \
  PENATAAN_ASSIGN_OR_RETURN_IMPL_(PENATAAN_CONCAT_(penataan_statusor_, __LINE__), lhs, expr)

#define PENATAAN_ASSIGN_OR_RETURN_IMPL_(statusor, lhs, expr) \
  auto statusor = (expr);                                    \
  if (!statusor.ok()) return std::move(statusor).status();   \
  lhs = std::move(statusor).value()

#endif  // PENATAAN_COMMON_STATUS_MACROS_H_
