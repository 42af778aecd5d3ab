#ifndef PENATAAN_COMMON_AUTH_PRINCIPAL_H_
#define PENATAAN_COMMON_AUTH_PRINCIPAL_H_

// Who is calling. What each principal may do is each service's access table
// (common/server/access_table.h).

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace penataan {

struct Principal {
  enum class Kind { kNational, kInstansi, kService };
  Kind kind;
  std::string id;  // "kemenpanrb", "bkn", an instansi code, a service name

  std::string ToString() const;
  bool IsNational() const { return kind == Kind::kNational; }
  bool IsKemenpanRb() const { return kind == Kind::kNational && id == "kemenpanrb"; }
  bool IsBkn() const { return kind == Kind::kNational && id == "bkn"; }
  bool IsInstansi(absl::string_view code) const { return kind == Kind::kInstansi && id == code; }
  bool IsService() const { return kind == Kind::kService; }
};

// "national:kemenpanrb", "instansi:5371", "service:formasi".
absl::StatusOr<Principal> ParsePrincipal(absl::string_view text);

}  // namespace penataan

#endif  // PENATAAN_COMMON_AUTH_PRINCIPAL_H_
