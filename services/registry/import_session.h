#ifndef PENATAAN_SERVICES_REGISTRY_IMPORT_SESSION_H_
#define PENATAAN_SERVICES_REGISTRY_IMPORT_SESSION_H_

// One ImportHonorers stream. Rows are validated one by one; good rows are upserted by
// NIK in batches, each batch one transaction that also records the import's
// progress (highest row committed, counts, rejected rows). Memory is one batch,
// plus 16 bytes or so for each NIK of the stream (to find a repeated one).
// A validate_only stream (Start's `validate_only`) runs the same checks and the same
// classification on the same batches, with plain reads, and writes nothing; it
// keeps the errors it answers (those of at most kMaxReturnedRows rows) in memory.
//
// Guarantees:
//  - a rejected row is answered with every one of its errors, each naming its
//    column, in the order of ImportRow's columns: its cells (ParseImportRow), its SK
//    cells, a NIK accepted at an earlier row; `rejected` counts rows. A row whose
//    cells are good may still be rejected by what is registered (another
//    instansi's NIK, an SK period the registry refuses): that is its one error;
//  - the answer carries every error of the first kMaxReturnedRows rejected rows,
//    ascending row (errors_truncated when more were rejected); an import stores
//    those of its first kMaxStoredRows, so a replay answers what the import did;
//  - a stream cut anywhere leaves every committed batch intact; sending the same
//    import_id again skips the rows already committed and finishes the job, so the
//    final counts are those of one uninterrupted run;
//  - a completed import_id sent again changes nothing and answers the earlier counts;
//  - two streams of one import_id at once: the second to commit a batch gets ABORTED;
//  - an import_id names one file: an upload that ends below the rows the import
//    already committed is another file, refused with FAILED_PRECONDITION;
//  - an NIK registered at another instansi is a rejected row, never overwritten;
//  - a NIK repeated in the stream: its first accepted row is imported and every later
//    one rejected naming that row, wherever the batches fall and across resumed
//    uploads (which resend the rows committed before);
//  - an import_id is its instansi's: another instansi may use the same one;
//  - validate_only answers the counts and errors an import of the same rows would
//    answer now (same parse, same repeated-NIK and other-instansi rules, the same
//    created/updated/unchanged classification, SK periods included) and writes no
//    honorer, period, import record, error row or import metric, only one audit
//    event of the check (it answers which NIKs are registered elsewhere); it
//    needs no import_id, and one sent is neither looked up nor recorded (a
//    completed one is not replayed, an unfinished one not resumed);
//  - a row with contract dates records that SK period (contract_periods.h), with
//    the row's optional SK cells, in the batch's transaction. The new honorers'
//    periods are one INSERT … SELECT from their rows when they carry the same SK
//    cells (the usual file), else a multi-row insert per 1,000 rows (their ids
//    from RETURNING on SQLite, from one indexed read per 1,000 rows on MySQL).
//    Registered honorers' periods are read only for rows that may change them
//    (other dates than the current period's, or SK cells), and written only when
//    they do.
//
// While one batch commits on a worker thread, the stream's thread validates the
// next; at most one batch is in flight, so memory stays two batches.
//
// Not thread-safe: one session belongs to one stream. Destroying it waits for the
// batch in flight.

#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "services/registry/contract.h"
#include "services/registry/registry.h"

namespace penataan::registry {

// Rows per import transaction when not configured. SQLite: 20,000, because random
// NIKs dirty most leaf pages of the unique index in every transaction, so each one
// writes thousands of pages to the WAL whatever its size: 4,000-row transactions ran
// at 68k rows/s on 1M rows, 20,000-row ones at 124k. MySQL: 4,000; larger ones were
// no faster and hold more locks and resume from further back.
int DefaultImportBatchSize(storage::Dialect dialect);

struct ImportResult {
  ImportProgress progress;
  // Every error of the first kMaxReturnedRows rejected rows: ascending row, a row's
  // errors in column order.
  std::vector<Violation> errors;
  bool errors_truncated = false;
  bool replayed = false;
  // Time spent in this upload's batch transactions (for the log: database vs the rest).
  absl::Duration commit_time;
};

class ImportSession {
 public:
  // Rejected rows whose errors an answer carries, and an import stores.
  static constexpr int64_t kMaxReturnedRows = 10000;
  static constexpr int64_t kMaxStoredRows = 100000;

  // `validate_only`: check the rows and write nothing (no import record either).
  static absl::StatusOr<std::unique_ptr<ImportSession>> Start(Registry& registry,
                                                              const Caller& caller,
                                                              const std::string& instansi_code,
                                                              const std::string& import_id,
                                                              bool validate_only, int batch_size);

  // True when this import_id had completed before: call Result() and ignore the rows.
  // Never for validate_only.
  bool already_completed() const { return progress_.completed; }

  // INVALID_ARGUMENT when the stream itself is wrong (row numbers not increasing);
  // a bad row is not an error here, it is counted and reported in the result.
  absl::Status Add(const v1::ImportRow& row);

  // Commits what is pending, marks the import completed, and answers the counts.
  absl::StatusOr<ImportResult> Finish();
  // The stored answer of a completed import.
  absl::StatusOr<ImportResult> Result(bool replayed);

 private:
  struct Batch {
    std::vector<Honorer> rows;
    // The SK period each row carries (both contract dates given), if any.
    std::vector<std::optional<Contract>> periods;
    std::vector<int64_t> row_numbers;
    // The errors of the rows rejected on their own cells, a row's together.
    std::vector<Violation> errors;
    int64_t rejected = 0;  // those rows
    int64_t last_row = 0;
  };

  // What one batch did, applied to the session only once its transaction commits.
  struct Outcome {
    int64_t created = 0, updated = 0, unchanged = 0, rejected = 0;  // rows
    std::vector<Violation> errors;
    int64_t existing_found = 0;  // rows whose NIK was registered
  };

  // What a batch's good rows do to the registry, as Classify reads it.
  struct Plan {
    // Rows changed before they are written (the stored contact kept, the current
    // period shown); reserved for the whole batch, so that pointers into it stay valid.
    std::vector<Honorer> merged;
    std::vector<const Honorer*> inserts, updates;
    std::vector<size_t> new_with_period;  // batch indexes of new honorers with a period
    std::vector<Contract> period_writes;  // periods of registered honorers
    std::vector<int64_t> renewed;         // periods a newer one makes RENEWED
  };

  ImportSession(Registry& registry, Caller caller, Instansi instansi, ImportProgress progress,
                bool validate_only, int batch_size);
  // Waits for the batch in flight, then commits the pending one: in the background,
  // or here when `complete` (the last batch also marks the import completed).
  absl::Status Submit(bool complete);
  absl::Status WaitForInFlight();
  // One transaction: the batch's rows, its rejected rows, the progress, an audit row.
  // For validate_only, Check instead.
  absl::Status Commit(const Batch& batch, bool complete);
  // validate_only's Commit: classifies the batch as CommitOnce would, writing nothing;
  // adds its counts to progress_ and its errors to checked_errors_.
  absl::Status Check(const Batch& batch);
  // The one record a check writes: the audit event of what it answered.
  absl::Status AuditCheck();
  // Reads what the batch's good rows find registered (their honorers, the periods
  // they may change; locking them when `lock`) and decides each: created, updated,
  // unchanged, or rejected into out.errors. The one classification of an import and
  // of validate_only.
  absl::Status Classify(storage::Connection& c, const Batch& batch, bool lock, Plan& plan,
                        Outcome& out) const;
  // Commit's transaction. `assume_new`: insert every row without looking first;
  // ALREADY_EXISTS (and nothing written) when one is registered.
  absl::Status CommitOnce(const Batch& batch, bool complete, bool assume_new);
  // The batch's honorers and periods, in CommitOnce's transaction.
  absl::Status WriteRows(storage::Connection& c, const Batch& batch, bool assume_new,
                         absl::Time now, Outcome& out);
  // The periods of the honorers a batch registers, and how they are written: with
  // one set of SK fields for all (the usual file: none, or one collective SK), by
  // one statement that reads them from the rows just written; otherwise row by row,
  // which needs each new honorer's id.
  struct NewPeriods {
    std::vector<size_t> rows;          // batch indexes of new honorers with a period
    std::optional<Contract> common;    // set: the SK fields they all carry
    int64_t first_id = 0;              // with `common`: InsertHonorers' lowest id
    absl::flat_hash_map<std::string, int64_t> ids;  // otherwise: NIK -> id
  };
  NewPeriods PlanNewPeriods(const Batch& batch, std::vector<size_t> rows) const;
  // Registers `rows` (the batch's new honorers), learning what `periods` needs.
  absl::Status InsertNew(storage::Connection& c, const std::vector<const Honorer*>& rows,
                         NewPeriods& periods, absl::Time now);
  // Upserts `writes` (periods of registered honorers) and inserts `periods`.
  absl::Status RecordPeriods(storage::Connection& c, const Batch& batch,
                             const NewPeriods& periods, std::vector<Contract> writes,
                             absl::Time now);

  Registry& registry_;
  const Caller caller_;
  const Instansi instansi_;
  const absl::CivilDay today_;
  const bool validate_only_;
  const int batch_size_;
  const int64_t resume_after_;  // rows committed by earlier uploads: skipped
  ImportProgress progress_;     // as committed (as checked); written only by Commit
  // validate_only: the errors of the first kMaxReturnedRows rejected rows; written
  // only by Commit.
  std::vector<Violation> checked_errors_;
  // Whether the next batch is tried as all-new (a first import): set when a batch
  // found no registered NIK, cleared when one did. Used only by Commit.
  bool assume_new_ = true;
  absl::Duration commit_time_;  // written only by Commit
  // Whether new honorers' periods may be read from their rows (NewPeriods): cleared
  // for good when a batch read another transaction's with them. Used only by Commit.
  bool periods_from_rows_ = true;
  int64_t last_row_seen_ = 0;
  int64_t highest_row_sent_ = 0;  // including rows skipped as already committed

  // Every error of a row: its cells' (`parsed`, `sk`), then a NIK accepted at an
  // earlier row, in column order. A good row's NIK is recorded as accepted.
  std::vector<Violation> RowErrors(const v1::ImportRow& row, const absl::StatusOr<Honorer>& parsed,
                                   const absl::StatusOr<Contract>& sk);
  // The row where `nik` was first accepted in this import; records `row` as that
  // row when it is the first.
  int64_t FirstRowOf(const std::string& nik, int64_t row);
  // The row where `nik` was accepted, if it was (a rejected row's NIK is not recorded).
  std::optional<int64_t> AcceptedRowOf(const std::string& nik) const;

  Batch pending_;
  // Every NIK accepted in this import (as its 16-digit number) -> its first row: a
  // whole import's, not a batch's, so that the answer does not depend on batch size.
  absl::flat_hash_map<uint64_t, int64_t> seen_niks_;
  std::future<absl::Status> in_flight_;
};

}  // namespace penataan::registry

#endif  // PENATAAN_SERVICES_REGISTRY_IMPORT_SESSION_H_
