#ifndef PENATAAN_COMMON_AUTH_PRINCIPAL_H_
#define PENATAAN_COMMON_AUTH_PRINCIPAL_H_

// Who is calling, and the access rules of ARCHITECTURE.md "Identity and access"
// that every service shares. A refusal is PERMISSION_DENIED naming the principal
// and what it asked for, never a silently filtered answer.

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

// Reading an instansi's data: national principals, services, and the instansi itself.
absl::Status CheckCanRead(const Principal& p, absl::string_view instansi_code);
// Changing an instansi's data: national principals and the instansi itself.
absl::Status CheckCanWrite(const Principal& p, absl::string_view instansi_code);
// Any national principal.
absl::Status CheckNational(const Principal& p, absl::string_view what);
// National principals and services (the notification service's callers).
absl::Status CheckNationalOrService(const Principal& p, absl::string_view what);
// Exactly national:<id> (e.g. "bkn" for verification).
absl::Status CheckNationalIs(const Principal& p, absl::string_view id, absl::string_view what);

}  // namespace penataan

#endif  // PENATAAN_COMMON_AUTH_PRINCIPAL_H_
