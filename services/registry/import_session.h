#ifndef PENATAAN_SERVICES_REGISTRY_IMPORT_SESSION_H_
#define PENATAAN_SERVICES_REGISTRY_IMPORT_SESSION_H_

// One ImportHonorers stream. Rows are validated one by one; good rows are upserted by
// NIK in batches, each batch one transaction that also records the import's
// progress (highest row committed, counts, rejected rows). Memory is one batch,
// whatever the size of the stream.
//
// Guarantees:
//  - a stream cut anywhere leaves every committed batch intact; sending the same
//    import_id again skips the rows already committed and finishes the job, so the
//    final counts are those of one uninterrupted run;
//  - a completed import_id sent again changes nothing and answers the earlier counts;
//  - two streams of one import_id at once: the second to commit a batch gets ABORTED;
//  - an NIK registered at another instansi is a rejected row, never overwritten.
//
// Not thread-safe: one session belongs to one stream.

#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "services/registry/registry.h"

namespace penataan::registry {

struct ImportResult {
  ImportProgress progress;
  std::vector<Violation> errors;  // ascending row, at most kMaxReturnedErrors
  bool errors_truncated = false;
  bool replayed = false;
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
  ImportSession(Registry& registry, Caller caller, Instansi instansi, ImportProgress progress,
                int batch_size);
  absl::Status Flush(bool complete);

  Registry& registry_;
  const Caller caller_;
  const Instansi instansi_;
  const absl::CivilDay today_;
  const int batch_size_;
  ImportProgress progress_;  // as committed
  int64_t last_row_seen_ = 0;

  // The batch being gathered.
  std::vector<Honorer> pending_rows_;
  std::vector<int64_t> pending_row_numbers_;
  std::vector<Violation> pending_errors_;
  absl::flat_hash_map<std::string, int64_t> pending_niks_;  // NIK -> row, for duplicates
  int64_t pending_last_row_ = 0;
};

}  // namespace penataan::registry

#endif  // PENATAAN_SERVICES_REGISTRY_IMPORT_SESSION_H_
