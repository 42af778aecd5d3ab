#ifndef PENATAAN_SERVICES_REGISTRY_IMPORT_SESSION_H_
#define PENATAAN_SERVICES_REGISTRY_IMPORT_SESSION_H_

// One ImportHonorers stream. Rows are validated one by one; good rows are upserted by
// NIK in batches, each batch one transaction that also records the import's
// progress (highest row committed, counts, rejected rows). Memory is one batch,
// plus 16 bytes or so for each NIK of the stream (to find a repeated one).
//
// Guarantees:
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
//  - a row with contract dates records that SK period (contract_periods.h), with
//    the row's optional SK cells, in the batch's transaction: one multi-row upsert
//    of periods per 1,000 rows (the new honorers' ids come back from their INSERT
//    on SQLite, from one indexed read per 1,000 rows on MySQL), and for rows of
//    registered honorers one read of their periods.
//
// While one batch commits on a worker thread, the stream's thread validates the
// next; at most one batch is in flight, so memory stays two batches.
//
// Not thread-safe: one session belongs to one stream. Destroying it waits for the
// batch in flight.

#include <future>
#include <memory>
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
  std::vector<Violation> errors;  // ascending row, at most kMaxReturnedErrors
  bool errors_truncated = false;
  bool replayed = false;
  // Time spent in this upload's batch transactions (for the log: database vs the rest).
  absl::Duration commit_time;
};

class ImportSession {
 public:
  static constexpr int kMaxReturnedErrors = 1000;
  static constexpr int64_t kMaxStoredErrors = 100000;

  static absl::StatusOr<std::unique_ptr<ImportSession>> Start(Registry& registry,
                                                              const Caller& caller,
                                                              const std::string& instansi_code,
                                                              const std::string& import_id,
                                                              int batch_size);

  // True when this import_id had completed before: call Result() and ignore the rows.
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
    std::vector<Violation> errors;
    int64_t last_row = 0;
  };

  // What one batch did, applied to the session only once its transaction commits.
  struct Outcome {
    int64_t created = 0, updated = 0, unchanged = 0, rejected = 0;
    std::vector<Violation> errors;
    int64_t existing_found = 0;  // rows whose NIK was registered
  };

  ImportSession(Registry& registry, Caller caller, Instansi instansi, ImportProgress progress,
                int batch_size);
  // Waits for the batch in flight, then commits the pending one: in the background,
  // or here when `complete` (the last batch also marks the import completed).
  absl::Status Submit(bool complete);
  absl::Status WaitForInFlight();
  // One transaction: the batch's rows, its rejected rows, the progress, an audit row.
  absl::Status Commit(const Batch& batch, bool complete);
  // Commit's transaction. `assume_new`: insert every row without looking first;
  // ALREADY_EXISTS (and nothing written) when one is registered.
  absl::Status CommitOnce(const Batch& batch, bool complete, bool assume_new);
  // The batch's honorers and periods, in CommitOnce's transaction.
  absl::Status WriteRows(storage::Connection& c, const Batch& batch, bool assume_new,
                         absl::Time now, Outcome& out);
  // Upserts `writes` and the periods of `new_rows` (indexes into the batch, of
  // honorers this batch registered, whose ids InsertHonorers answered in `ids`).
  absl::Status RecordNewPeriods(storage::Connection& c, const Batch& batch,
                                const std::vector<size_t>& new_rows,
                                const absl::flat_hash_map<std::string, int64_t>& ids,
                                std::vector<Contract> writes, absl::Time now);

  Registry& registry_;
  const Caller caller_;
  const Instansi instansi_;
  const absl::CivilDay today_;
  const int batch_size_;
  const int64_t resume_after_;  // rows committed by earlier uploads: skipped
  ImportProgress progress_;     // as committed; written only by Commit
  // Whether the next batch is tried as all-new (a first import): set when a batch
  // found no registered NIK, cleared when one did. Used only by Commit.
  bool assume_new_ = true;
  absl::Duration commit_time_;  // written only by Commit
  int64_t last_row_seen_ = 0;
  int64_t highest_row_sent_ = 0;  // including rows skipped as already committed

  // The row where `nik` was first accepted in this import; records `row` as that
  // row when it is the first.
  int64_t FirstRowOf(const std::string& nik, int64_t row);

  Batch pending_;
  // Every NIK accepted in this import (as its 16-digit number) -> its first row: a
  // whole import's, not a batch's, so that the answer does not depend on batch size.
  absl::flat_hash_map<uint64_t, int64_t> seen_niks_;
  std::future<absl::Status> in_flight_;
};

}  // namespace penataan::registry

#endif  // PENATAAN_SERVICES_REGISTRY_IMPORT_SESSION_H_
