#ifndef PENATAAN_COMMON_STORAGE_MIGRATIONS_H_
#define PENATAAN_COMMON_STORAGE_MIGRATIONS_H_

// Numbered schema changes, applied at start-up and recorded in schema_migrations,
// so that a restarted or upgraded service never applies one twice.
//
// A migration is a list of statements in portable SQL with these tokens, the one
// place where the backends' DDL differs:
//   {{ID}}     the auto-increment primary key column type
//   {{TABLE}}  table options (MySQL: InnoDB, utf8mb4, binary collation)
//
// SQLite applies each migration in one transaction. MySQL commits DDL implicitly,
// so there a named lock serialises replicas starting together, statements are
// written to be re-runnable (CREATE TABLE IF NOT EXISTS), and an index that already
// exists (a migration interrupted after it) is taken as applied.

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "common/storage/database.h"

namespace penataan::storage {

struct Migration {
  int version;
  std::string name;
  std::vector<std::string> statements;
};

absl::Status ApplyMigrations(Database& db, const std::vector<Migration>& migrations);

// The versions recorded as applied, ascending.
absl::StatusOr<std::vector<int>> AppliedMigrations(Database& db);

}  // namespace penataan::storage

#endif  // PENATAAN_COMMON_STORAGE_MIGRATIONS_H_
