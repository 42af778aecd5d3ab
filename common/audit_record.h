#ifndef PENATAAN_COMMON_AUDIT_RECORD_H_
#define PENATAAN_COMMON_AUDIT_RECORD_H_

// One entry of a service's audit log (ARCHITECTURE.md "Identity and access"):
// who did what to which resource, when, with which request id, and the outcome.
// Plain data; common/storage/audit_log writes and reads it.

#include <string>

#include "absl/time/time.h"

namespace penataan {

struct AuditRecord {
  std::string principal;
  std::string action;    // the RPC, e.g. "UpdateHonorer"
  std::string resource;  // e.g. "honorers/42", "instansi/5371", "batches/7"
  std::string request_id;
  std::string outcome;   // "OK", "PERMISSION_DENIED", "UNAUTHENTICATED"
  std::string detail;    // never a whole NIK; cut at 1,000 bytes
  absl::Time time;
  std::string origin;    // who started the request (see Caller::origin); empty: principal
  int64_t id = 0;        // set when read back
};

}  // namespace penataan

#endif  // PENATAAN_COMMON_AUDIT_RECORD_H_
