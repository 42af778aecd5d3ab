#ifndef PENATAAN_COMMON_SERVER_ACCESS_TABLE_H_
#define PENATAAN_COMMON_SERVER_ACCESS_TABLE_H_

// One table per service: for every RPC method, which principals may call it and
// whether it is scoped to the caller's own records (ARCHITECTURE.md "Identity and
// access"). The edge (Call) consults it before the handler reads anything, so a
// refusal never depends on, or reveals, what exists.
//
// Guarantees:
//  - deny by default: a method the table does not name is refused to everyone;
//  - CheckCovers() fails when the service's proto and the table disagree on the
//    set of methods, so a new RPC cannot be served without an entry (service
//    start-up calls it);
//  - callers are named exactly: "service:formasi" is not "service:notification",
//    and a caller spec that is not one of the known forms aborts construction.
// Immutable after construction; thread-safe.

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "common/auth/principal.h"
#include "google/protobuf/descriptor.h"

namespace penataan {

// Whom a method's data belongs to, for callers the table lets in.
enum class Scope {
  kAll,           // every allowed caller sees everything the method offers
  kOwnInstansi,   // an instansi only its own instansi's data (checked in the logic
                  // through Caller::Owns); national principals and services all
  kOwnRecords,    // instansi and services only what they made themselves
};

struct MethodAccess {
  // "national:kemenpanrb", "national:bkn", "national:*" (both), "instansi" (any
  // instansi, subject to the scope), "service:<name>".
  std::vector<std::string> callers;
  Scope scope = Scope::kAll;
};

class AccessTable {
 public:
  // `service` is the proto's full name, e.g. "penataan.registry.v1.RegistryService".
  AccessTable(std::string service, std::vector<std::pair<std::string, MethodAccess>> methods);

  const std::string& service() const { return service_; }
  const std::map<std::string, MethodAccess>& methods() const { return methods_; }

  // OK when `p` may call `method` (a bare name, "GetHonorer"); otherwise
  // PERMISSION_DENIED naming only the caller and the method.
  absl::Status Check(const Principal& p, absl::string_view method) const;
  // Whether a call of `method` by `p` sees only its own records.
  bool OwnRecordsOnly(const Principal& p, absl::string_view method) const;

  // FAILED_PRECONDITION naming each method of `descriptor` missing from the table,
  // and each table entry the proto does not have.
  absl::Status CheckCovers(const google::protobuf::ServiceDescriptor& descriptor) const;

  // The table as a Markdown table (docs/security.md holds it; a test compares).
  std::string Markdown() const;

 private:
  std::string service_;
  std::map<std::string, MethodAccess> methods_;
};

// Whether `p` matches one caller spec of MethodAccess::callers.
bool CallerSpecMatches(absl::string_view spec, const Principal& p);

}  // namespace penataan

#endif  // PENATAAN_COMMON_SERVER_ACCESS_TABLE_H_
