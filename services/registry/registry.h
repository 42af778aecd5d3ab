#ifndef PENATAAN_SERVICES_REGISTRY_REGISTRY_H_
#define PENATAAN_SERVICES_REGISTRY_REGISTRY_H_

// The registry's behaviour on plain types: what is one transaction, what is
// audited, and whose data a caller may touch. Which principals may call a method
// at all is the access table's (registry_access.cc), checked before this runs.
// No gRPC, no SQL.
// Thread-safe. Point reads go through a HonorerLookup, which owns a few threads.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/auth/principal.h"
#include "common/clock.h"
#include "common/server/caller.h"
#include "common/storage/audit_log.h"
#include "common/storage/database.h"
#include "services/registry/honorer.h"
#include "services/registry/honorer_lookup.h"
#include "services/registry/registry_store.h"

namespace penataan::registry {

using ::penataan::Caller;

template <typename T>
struct Page {
  std::vector<T> items;
  std::string next_page_token;
  int64_t total_size = 0;
};

// GetHonorer's key: a resource name "honorers/{id}" or a NIK.
struct HonorerKey {
  std::string name;
  std::string nik;
};

struct BulkStatusChange {
  HonorerFilter filter;  // filter.instansi_code is required
  HonorerStatus new_status = v1::HONORER_STATUS_UNSPECIFIED;
  std::string reason;
  bool dry_run = false;
};

struct BulkStatusResult {
  int64_t matched = 0, changed = 0, skipped = 0;
};

struct BknEntry {
  std::string nik;
  bool in_bkn_database = false;
};

struct VerifyResult {
  int64_t updated = 0, unchanged = 0;
  std::vector<int> not_found;  // indexes into the request
};

std::string HonorerName(int64_t id);
std::string Etag(int64_t version);

class Registry {
 public:
  Registry(storage::Database& db, const Clock& clock)
      : db_(db), clock_(clock), lookup_(db, store_) {}

  absl::StatusOr<Instansi> CreateInstansi(const Caller& caller, Instansi instansi);
  absl::StatusOr<Instansi> GetInstansi(const Caller& caller, const std::string& code);
  absl::StatusOr<Page<Instansi>> ListInstansi(const Caller& caller, int page_size,
                                              const std::string& page_token);

  // `request_id` (optional) makes a retried create answer the honorer it created.
  absl::StatusOr<Honorer> CreateHonorer(const Caller& caller, Honorer honorer,
                                        const std::string& request_id);
  absl::StatusOr<Honorer> GetHonorer(const Caller& caller, const HonorerKey& key);
  absl::StatusOr<Page<Honorer>> ListHonorers(const Caller& caller, HonorerFilter filter,
                                             int page_size, const std::string& page_token);
  // Applies the fields of `patch` named in `mask`; `etag`, when given, must be current.
  absl::StatusOr<Honorer> UpdateHonorer(const Caller& caller, const Honorer& patch,
                                        const std::vector<std::string>& mask,
                                        const std::string& name, const std::string& etag);
  absl::StatusOr<Honorer> ChangeStatus(const Caller& caller, const std::string& name,
                                       HonorerStatus status, const std::string& reason,
                                       const std::string& etag);
  absl::StatusOr<Page<StatusEvent>> ListStatusHistory(const Caller& caller,
                                                      const std::string& name, int page_size,
                                                      const std::string& page_token);
  absl::StatusOr<BulkStatusResult> BulkChangeStatus(const Caller& caller,
                                                    const BulkStatusChange& change);
  absl::StatusOr<VerifyResult> VerifyHonorers(const Caller& caller,
                                              const std::vector<BknEntry>& entries);

  // OK when `caller` may touch data of `instansi_code`; otherwise audits the
  // attempt and answers `answer` (storage::RequireOwner). Outside transactions.
  absl::Status RequireOwner(const Caller& caller, const std::string& instansi_code,
                            const char* action, const std::string& resource,
                            absl::Status answer = storage::OwnDataOnly());
  absl::StatusOr<Instansi> RequireInstansi(storage::Connection& c, const std::string& code,
                                           const char* field);
  absl::CivilDay TodayIn(const Instansi& instansi) const;

  storage::Database& db() { return db_; }
  RegistryStore& store() { return store_; }
  const Clock& clock() const { return clock_; }

 private:
  absl::StatusOr<Honorer> LoadForRead(const Caller& caller, const std::string& name,
                                      const char* action);
  // Returns `status` of a transaction that ended; first audits what it refused:
  // another instansi's record (`foreign`, answered as missing) or a rule's
  // PERMISSION_DENIED.
  absl::Status AuditRefusalAfter(const Caller& caller, const absl::Status& status, bool foreign,
                                 const char* action, const std::string& resource);
  absl::Status Audit(storage::Connection& c, const Caller& caller, const char* action,
                     const std::string& resource, const std::string& detail);

  storage::Database& db_;
  const Clock& clock_;
  RegistryStore store_;
  HonorerLookup lookup_;  // after store_, which it uses
};

// "honorers/42" -> 42; INVALID_ARGUMENT naming `field` otherwise.
absl::StatusOr<int64_t> ParseHonorerName(const std::string& name, const char* field);

}  // namespace penataan::registry

#endif  // PENATAAN_SERVICES_REGISTRY_REGISTRY_H_
