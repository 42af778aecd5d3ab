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
  // BKN's record when in its database; replaces the one stored. Empty (or not in
  // BKN) clears it, and with it the honorer's differences.
  BknRecord record;
};

// One honorer's result of a screening round, written back by the screening.
struct ScreeningOutcome {
  std::string name;  // "honorers/{id}"
  HonorerStatus status = v1::HONORER_STATUS_UNSPECIFIED;  // MS or TMS
  std::string reason;
};

struct OutcomesResult {
  int64_t changed = 0, unchanged = 0;
  std::vector<int> not_found, refused;  // indexes into the request, ascending
};

// BatchGetHonorers' answer: what the caller may see of the names asked, in their
// order (a name asked twice is answered twice), and the rest as asked.
struct HonorerBatch {
  std::vector<Honorer> honorers;
  std::vector<std::string> missing;
};

struct VerifyResult {
  int64_t updated = 0, unchanged = 0;
  std::vector<int> not_found;  // indexes into the request
};

inline constexpr size_t kMaxBatchGetHonorers = 5000;
inline constexpr size_t kMaxBatchGetInstansiContacts = 1000;
inline constexpr size_t kMaxScreeningOutcomes = 5000;

std::string HonorerName(int64_t id);
// "instansi/{code}/contacts".
std::string ContactsName(const std::string& instansi_code);
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
  // AIP-231, for formasi checking a proposal's named honorers: at most
  // kMaxBatchGetHonorers names, read by primary key in a few IN (...) queries (one
  // per 1,000 distinct ids), never one per name. An honorer of another instansi is
  // missing to an instansi caller, exactly like one that does not exist (the try is
  // audited once per call, as a refusal). Without `allow_missing`, NOT_FOUND naming
  // the first missing name (violation on "names", row = its 1-based place).
  // Malformed names: INVALID_ARGUMENT, each a violation on "names" with its place.
  absl::StatusOr<HonorerBatch> BatchGetHonorers(const Caller& caller,
                                                const std::vector<std::string>& names,
                                                bool allow_missing);
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
  // BKN's flag and record of each NIK, in one transaction; a row is written (and
  // counted `updated`, version+1) only when its flag or record changes.
  absl::StatusOr<VerifyResult> VerifyHonorers(const Caller& caller,
                                              const std::vector<BknEntry>& entries);

  // The screening's MS/TMS write-back (registry_outcomes.cc). Guarantees:
  //  - at most kMaxScreeningOutcomes entries; each names an honorer once, status MS
  //    or TMS, a reason of 1..500 bytes of valid UTF-8: otherwise INVALID_ARGUMENT
  //    naming every bad entries[i].name / .status / .reason, nothing written;
  //  - one transaction for the whole batch, rows read under lock in IN (...)
  //    queries; an honorer already in the status is `unchanged` (no event); one
  //    whose current status is not ACTIVE, MS or TMS (DIRUMAHKAN, CONTRACT_ENDED,
  //    PPPK_PARUH_WAKTU, a final status: status_rules.h) is `refused` and keeps its
  //    status; an unknown id is `not_found`; every other changes
  //    with one history event (the caller's principal, request id and origin);
  //  - a few statements per 500 changes (status_rules' moves grouped), and one audit
  //    record per call with the counts, whatever the batch's size.
  absl::StatusOr<OutcomesResult> RecordScreeningOutcomes(
      const Caller& caller, const std::vector<ScreeningOutcome>& entries);

  // The view a read answers in. A service never receives the NIK: UNSPECIFIED is
  // BASIC for it, FULL is PERMISSION_DENIED naming "view" (audited as a refusal
  // of `action`), and so is SCREENING (contacts, BKN's values, the birth date) for
  // every service but those registry_access.h MayReadScreeningView names. Anyone
  // else: UNSPECIFIED is FULL. An unknown view is INVALID_ARGUMENT.
  absl::StatusOr<v1::HonorerView> ResolveView(const Caller& caller, v1::HonorerView view,
                                              const char* action);

  // Contact lists (registry_contacts.cc). An instansi caller that leaves the code
  // empty means its own; naming another instansi is PERMISSION_DENIED (audited),
  // before anything is read. An unknown instansi is NOT_FOUND; a registered one
  // that never set a list answers an empty one with etag "0".
  absl::StatusOr<InstansiContactList> GetInstansiContacts(const Caller& caller,
                                                          std::string code);
  // Replaces the whole list (ValidateContacts first, every violation named under
  // "contacts.contacts"). `etag` empty: unconditional; stale: ABORTED. Audited in
  // the same transaction with counts only: contact details are personal data.
  absl::StatusOr<InstansiContactList> UpdateInstansiContacts(
      const Caller& caller, std::string code, const std::vector<InstansiContact>& contacts,
      const std::string& etag);
  // At most kMaxBatchGetInstansiContacts codes; answers in the order asked, unknown
  // codes left out. An instansi caller naming any code but its own is refused
  // (PERMISSION_DENIED, as ListHonorers naming another instansi).
  absl::StatusOr<std::vector<InstansiContactList>> BatchGetInstansiContacts(
      const Caller& caller, const std::vector<std::string>& codes);

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
