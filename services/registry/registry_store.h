#ifndef PENATAAN_SERVICES_REGISTRY_REGISTRY_STORE_H_
#define PENATAAN_SERVICES_REGISTRY_REGISTRY_STORE_H_

// The registry's SQL, and nothing else. Every method takes the connection (or the
// transaction's connection) to run on, so that the caller decides what is one
// transaction. Queries are keyed by primary key or by instansi, so that sharding
// by instansi stays possible.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/errors.h"
#include "common/storage/audit_log.h"
#include "common/storage/database.h"
#include "services/registry/honorer.h"
#include "services/registry/instansi_contacts.h"

namespace penataan::registry {

struct HonorerFilter {
  std::string instansi_code;               // empty: all instansi (national reads)
  std::vector<HonorerStatus> statuses;     // empty: any
  JabatanCategory jabatan_category = common::v1::JABATAN_CATEGORY_UNSPECIFIED;
  std::vector<std::string> unit_kerja;          // empty: any
  std::vector<std::string> exclude_unit_kerja;  // never these
  std::optional<bool> in_bkn_database;          // unset: either
  std::vector<int64_t> ids;                     // empty: any; else only these
  std::optional<absl::CivilDay> contract_end;   // unset: any; else the current SK's end
};

struct StatusEvent {
  int64_t id = 0;
  int64_t honorer_id = 0;
  HonorerStatus from_status = v1::HONORER_STATUS_UNSPECIFIED;
  HonorerStatus status = v1::HONORER_STATUS_UNSPECIFIED;
  std::string reason;
  std::string principal;
  std::string request_id;
  absl::Time time;
  // Whom the change was made for: the caller, or whom a service acted for.
  std::string origin;
};

// One honorer's move, from the status read (under lock) to a new one.
struct StatusChange {
  int64_t honorer_id = 0;
  HonorerStatus from = v1::HONORER_STATUS_UNSPECIFIED;
  HonorerStatus to = v1::HONORER_STATUS_UNSPECIFIED;
  std::string reason;
};

// What a verification writes for one honorer: BKN's flag and record (an empty
// record clears the one stored).
struct BknUpdate {
  int64_t honorer_id = 0;
  bool in_bkn_database = false;
  BknRecord record;
};

using storage::AuditRecord;

struct ImportProgress {
  std::string import_id;
  std::string instansi_code;
  std::string principal;
  int64_t rows_committed = 0;  // the highest row number whose batch committed
  int64_t created = 0, updated = 0, unchanged = 0, rejected = 0;
  bool completed = false;
};

class RegistryStore {
 public:
  using Conn = storage::Connection;

  absl::Status InsertInstansi(Conn& c, const Instansi& instansi);
  absl::StatusOr<std::optional<Instansi>> GetInstansi(Conn& c, const std::string& code);
  absl::StatusOr<std::vector<Instansi>> ListInstansi(Conn& c, const std::string& after_code,
                                                     int limit);

  // Returns the new id. ALREADY_EXISTS when the NIK is registered.
  absl::StatusOr<int64_t> InsertHonorer(Conn& c, const Honorer& h);
  // `for_update` locks the row until the transaction ends (MySQL; SQLite's
  // BEGIN IMMEDIATE already holds the write lock).
  absl::StatusOr<std::optional<Honorer>> GetHonorerById(Conn& c, int64_t id, bool for_update);
  // The honorers with these ids (those that exist, in no particular order), in
  // IN (...) queries of at most 1,000 ids. `for_update` as GetHonorerById.
  absl::StatusOr<std::vector<Honorer>> GetHonorersById(Conn& c, const std::vector<int64_t>& ids,
                                                       bool for_update = false);
  absl::StatusOr<std::vector<Honorer>> GetHonorersByNik(Conn& c,
                                                        const std::vector<std::string>& niks,
                                                        bool for_update = false);
  // NIK -> id of those of `niks` that are registered (an import's new rows, whose
  // ids a multi-row INSERT does not answer).
  absl::StatusOr<absl::flat_hash_map<std::string, int64_t>> IdsByNik(
      Conn& c, const std::vector<std::string>& niks);
  // Ascending id after `after_id`. `for_update` locks the rows read until the
  // transaction ends, and reads the latest committed ones rather than the
  // transaction's snapshot (MySQL; SQLite's BEGIN IMMEDIATE already holds the write lock).
  absl::StatusOr<std::vector<Honorer>> ListHonorers(Conn& c, const HonorerFilter& f,
                                                    int64_t after_id, int limit,
                                                    bool for_update = false);
  absl::StatusOr<int64_t> CountHonorers(Conn& c, const HonorerFilter& f);
  // Writes every field and version+1 when the stored version is `expected_version`;
  // ABORTED otherwise (someone changed it since it was read).
  absl::Status UpdateHonorer(Conn& c, const Honorer& h, int64_t expected_version, absl::Time now);

  // Registers new honorers (by `created_by`) in multi-row statements.
  // ALREADY_EXISTS when one of the NIKs is registered. With `ids`, also answers
  // each new honorer's id by NIK (a multi-row INSERT answers none): SQLite through
  // RETURNING, as the rows are written; MySQL, which has no RETURNING, by reading
  // them back (by the primary-key range the INSERT used; IdsByNik for any not in it).
  // With `first_id`, answers instead the lowest id given: every row written has an
  // id at or above it (on MySQL, so may rows other transactions write meanwhile).
  absl::Status InsertHonorers(Conn& c, const std::vector<const Honorer*>& rows,
                              const std::string& created_by, absl::Time now,
                              absl::flat_hash_map<std::string, int64_t>* ids = nullptr,
                              int64_t* first_id = nullptr);
  // Updates honorers by NIK (inserting any that vanished); an update keeps status,
  // in_bkn_database, instansi, created_by and create_time.
  absl::Status UpsertHonorers(Conn& c, const std::vector<const Honorer*>& rows,
                              const std::string& created_by, absl::Time now);

  absl::Status InsertStatusEvent(Conn& c, const StatusEvent& e);
  absl::StatusOr<std::vector<StatusEvent>> ListStatusEvents(Conn& c, int64_t honorer_id,
                                                            int64_t after_id, int limit);
  // Sets status (version+1) of every (id, status read) and appends one event each,
  // from the status read. Only a row still in the status read is changed: when one
  // has moved on, RetryableAborted (the caller's read is stale; read again).
  absl::Status ChangeStatusMany(Conn& c, const std::vector<std::pair<int64_t, HonorerStatus>>& rows,
                                HonorerStatus to, const std::string& reason,
                                const std::string& principal, const std::string& request_id,
                                const std::string& origin, absl::Time now);
  // The same for moves with their own new status and reason: per 500 changes one
  // UPDATE per distinct (from, to) and one multi-row INSERT of their events.
  absl::Status ChangeStatuses(Conn& c, const std::vector<StatusChange>& changes,
                              const std::string& principal, const std::string& request_id,
                              const std::string& origin, absl::Time now);
  // Writes each row's BKN flag and record, version+1 (callers pass only rows whose
  // stored values differ), one UPDATE per 500 rows.
  absl::Status SetBknRecords(Conn& c, const std::vector<BknUpdate>& rows, absl::Time now);

  // The contact lists of those of `codes` that are registered instansi, in no
  // particular order; one never set is empty with version 0. Codes may repeat (each
  // list is answered once). `for_update` locks the instansi's row and its list until
  // the transaction ends, and reads the latest committed list rather than the
  // transaction's snapshot (MySQL; SQLite's BEGIN IMMEDIATE already holds the write
  // lock): updates of one instansi's list then run one after the other.
  absl::StatusOr<std::vector<InstansiContactList>> GetContactLists(
      Conn& c, const std::vector<std::string>& codes, bool for_update = false);
  // Replaces the list of `list.instansi_code` with `list` (its version, time and
  // author included). `previous_version` is what GetContactLists read under lock:
  // 0 inserts the list's row, anything else updates it.
  absl::Status ReplaceContactList(Conn& c, const InstansiContactList& list,
                                  int64_t previous_version);

  absl::Status InsertAudit(Conn& c, const AuditRecord& a);

  absl::StatusOr<std::optional<int64_t>> FindCreateRequest(Conn& c, const std::string& principal,
                                                           const std::string& request_id);
  absl::Status InsertCreateRequest(Conn& c, const std::string& principal,
                                   const std::string& request_id, int64_t honorer_id,
                                   absl::Time now);

  // An import is its instansi's: two instansi may use one import_id, and neither
  // sees the other's. ALREADY_EXISTS from InsertImport when the pair is taken.
  absl::StatusOr<std::optional<ImportProgress>> GetImport(Conn& c,
                                                          const std::string& instansi_code,
                                                          const std::string& import_id,
                                                          bool for_update);
  absl::Status InsertImport(Conn& c, const ImportProgress& p, absl::Time now);
  absl::Status UpdateImport(Conn& c, const ImportProgress& p, absl::Time now);
  // `errors` ascending by row, a row's errors together in their order: they are
  // numbered (seq) in that order, so that ListImportErrors answers them so.
  absl::Status InsertImportErrors(Conn& c, const std::string& instansi_code,
                                  const std::string& import_id,
                                  const std::vector<Violation>& errors);
  // Every error of the first `rows` rejected rows: ascending row, a row's errors
  // in the order stored.
  absl::StatusOr<std::vector<Violation>> ListImportErrors(Conn& c,
                                                          const std::string& instansi_code,
                                                          const std::string& import_id,
                                                          int64_t rows);

 private:
  absl::Status WriteHonorers(Conn& c, const std::vector<const Honorer*>& rows,
                             bool update_existing, const std::string& created_by, absl::Time now,
                             absl::flat_hash_map<std::string, int64_t>* ids = nullptr,
                             int64_t* first_id = nullptr);
  // The id of the first row of the multi-row INSERT of `n` rows just run.
  absl::StatusOr<int64_t> FirstIdOfInsert(Conn& c, size_t n);
  // The ids of rows[start, start + n), just inserted by one statement (MySQL).
  absl::Status ReadBackIds(Conn& c, const std::vector<const Honorer*>& rows, size_t start,
                           size_t n, absl::flat_hash_map<std::string, int64_t>& ids);
};

}  // namespace penataan::registry

#endif  // PENATAAN_SERVICES_REGISTRY_REGISTRY_STORE_H_
