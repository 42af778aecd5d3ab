#ifndef PENATAAN_COMMON_STORAGE_AUDIT_LOG_H_
#define PENATAAN_COMMON_STORAGE_AUDIT_LOG_H_

// The audit log every service keeps in its own database (ARCHITECTURE.md
// "Identity and access"): who did what to which resource, when, with which request
// id. Written on the caller's connection, so that a mutation's record commits or
// rolls back with the mutation itself.

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "common/storage/database.h"

namespace penataan::storage {

struct AuditRecord {
  std::string principal;
  std::string action;    // the RPC, e.g. "UpdateHonorer"
  std::string resource;  // e.g. "honorers/42", "instansi/5371", "batches/7"
  std::string request_id;
  std::string outcome;   // "OK", "PERMISSION_DENIED"
  std::string detail;    // never a whole NIK; cut at 1,000 characters
  absl::Time time;
};

absl::Status InsertAudit(Connection& c, const AuditRecord& a);

// Records a refused call (outcome PERMISSION_DENIED) on a connection of its own,
// so that the record survives the failed call, and logs it. Best effort: a
// database that cannot take the record does not change the refusal.
// Not inside another transaction: on SQLite it would wait for that one's lock.
void RecordRefusal(Database& db, const AuditRecord& a);

// The statements that create the audit_log table, for a service's first migration.
std::vector<std::string> AuditLogSchema();

}  // namespace penataan::storage

#endif  // PENATAAN_COMMON_STORAGE_AUDIT_LOG_H_
