#ifndef PENATAAN_COMMON_STORAGE_TESTING_TEST_DATABASE_H_
#define PENATAAN_COMMON_STORAGE_TESTING_TEST_DATABASE_H_

// A fresh, empty database for one test, on either backend:
//  - "sqlite": a file in a new temporary directory;
//  - "mysql": a new schema on the server named by PENATAAN_TEST_MYSQL_URL (which
//    scripts/test.sh starts and sets), dropped again when the test ends.
// Without PENATAAN_TEST_MYSQL_URL the MySQL variant is unavailable and tests skip,
// unless PENATAAN_TEST_REQUIRE_MYSQL=1 (set by scripts/test.sh), which makes it a failure.

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "common/storage/database.h"

namespace penataan::storage::testing {

class TestDatabase {
 public:
  static absl::StatusOr<std::unique_ptr<TestDatabase>> Create(const std::string& backend);
  ~TestDatabase();
  const std::string& url() const { return url_; }

  // Whether a test of this backend should skip (no server configured, not required).
  static bool ShouldSkip(const std::string& backend);

 private:
  std::string backend_, url_, dir_, schema_;
};

}  // namespace penataan::storage::testing

#endif  // PENATAAN_COMMON_STORAGE_TESTING_TEST_DATABASE_H_
