#ifndef PENATAAN_COMMON_STORAGE_AUDIT_LOG_H_
#define PENATAAN_COMMON_STORAGE_AUDIT_LOG_H_

// The audit log every service keeps in its own database (ARCHITECTURE.md
// "Identity and access"): who did what to which resource, when, with which request
// id and on whose behalf. Written on the caller's connection, so that a mutation's
// record commits or rolls back with the mutation itself. Append-only: nothing here
// (and no RPC) changes or deletes a record.

#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/audit_record.h"
#include "common/server/caller.h"
#include "common/storage/database.h"

namespace penataan::storage {

using ::penataan::AuditRecord;

absl::Status InsertAudit(Connection& c, const AuditRecord& a);

// Records a refused call on a connection of its own, so that the record survives
// the failed call, and logs it. Best effort: a database that cannot take the
// record does not change the refusal. Not inside another transaction: on SQLite
// it would wait for that one's lock.
void RecordRefusal(Database& db, const AuditRecord& a);
// RecordRefusal on `db`, as a ServiceEdge's refusal sink.
inline std::function<void(const AuditRecord&)> RefusalsTo(Database& db) {
  return [&db](const AuditRecord& a) { RecordRefusal(db, a); };
}

// The ownership check of every service's logic: OK when `caller` may touch data
// of instansi `instansi_code` (Caller::Owns). Otherwise the attempt is recorded
// (outcome PERMISSION_DENIED, on its own connection: call it outside any
// transaction) and `answer` is returned: OwnDataOnly() when the caller named the
// instansi itself, or the very NOT_FOUND a missing record gets when it named a
// record, so that nobody learns what another instansi holds.
absl::Status RequireOwner(Database& db, absl::Time now, const Caller& caller,
                          absl::string_view instansi_code, const char* action,
                          const std::string& resource, absl::Status answer);
// Records a refusal found inside a transaction, after it ended (see RequireOwner).
void RecordForeignAccess(Database& db, absl::Time now, const Caller& caller, const char* action,
                         const std::string& resource);
// PERMISSION_DENIED naming no other instansi.
absl::Status OwnDataOnly();

struct AuditFilter {
  std::string principal, action, outcome;
  std::string resource;  // ending in '*': a prefix
  absl::Time start = absl::InfinitePast(), end = absl::InfiniteFuture();  // [start, end)
};

// Records after id `after_id` that match, oldest first, at most `limit`.
absl::StatusOr<std::vector<AuditRecord>> ListAudit(Connection& c, const AuditFilter& filter,
                                                   int64_t after_id, int limit);

// The statements that create the audit_log table, for a service's first migration.
std::vector<std::string> AuditLogSchema();
// Migration 3 of every service: the origin column and indexes for ListAuditEvents.
std::vector<std::string> AuditLogOriginAndIndexes();

}  // namespace penataan::storage

#endif  // PENATAAN_COMMON_STORAGE_AUDIT_LOG_H_
