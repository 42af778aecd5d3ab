#ifndef PENATAAN_COMMON_SERVER_CALLER_H_
#define PENATAAN_COMMON_SERVER_CALLER_H_

// Who a service's logic is acting for in one call, as the edge (Call) established
// it: authenticated, let through by the service's access table, and told whether
// the method limits the caller to its own data. Plain data; no gRPC.

#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/auth/principal.h"

namespace penataan {

struct Caller {
  Principal principal;
  std::string request_id;
  // Who started the request: the principal itself, or the principal a calling
  // service acts for (its "x-penataan-origin"). Written in logs and audit records.
  std::string origin;
  // The access table scopes this method to the caller's own records: an instansi
  // to its own instansi's data, and (where the table says so) a service to what
  // it made itself.
  bool own_records_only = false;
  // The incoming call's deadline; calls to peers do not outlive it.
  absl::Time deadline = absl::InfiniteFuture();

  // Whether the caller may see or change data held by instansi `code`. The one
  // ownership rule of every service's logic.
  bool Owns(absl::string_view instansi_code) const {
    return !own_records_only || principal.IsInstansi(instansi_code);
  }
};

// A caller for work a service does on its own (start-up, schedulers): itself.
inline Caller ServiceSelf(const std::string& service_name, std::string request_id) {
  Principal self{Principal::Kind::kService, service_name};
  return Caller{self, std::move(request_id), self.ToString(), false, absl::InfiniteFuture()};
}

}  // namespace penataan

#endif  // PENATAAN_COMMON_SERVER_CALLER_H_
