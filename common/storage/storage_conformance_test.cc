// One suite, both backends: what the services rely on from storage must hold on
// SQLite and on MariaDB alike.

#include <functional>
#include <thread>

#include "common/status_macros.h"
#include "common/storage/database.h"
#include "common/storage/migrations.h"
#include "common/storage/testing/test_database.h"
#include "common/utf8.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace penataan::storage {
namespace {

using ::testing::ElementsAre;

const std::vector<Migration>& TestMigrations() {
  static const auto* m = new std::vector<Migration>{
      {1, "items",
       {"CREATE TABLE IF NOT EXISTS items (id {{ID}}, code VARCHAR(32) NOT NULL,"
        " label VARCHAR(200), amount BIGINT, ratio DOUBLE) {{TABLE}}",
        "CREATE UNIQUE INDEX items_code ON items (code)"}},
      {2, "counters",
       {"CREATE TABLE IF NOT EXISTS counters (name VARCHAR(32) NOT NULL PRIMARY KEY,"
        " value BIGINT NOT NULL) {{TABLE}}"}},
  };
  return *m;
}

class StorageConformance : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (testing::TestDatabase::ShouldSkip(GetParam())) {
      GTEST_SKIP() << "no MariaDB configured (PENATAAN_TEST_MYSQL_URL)";
    }
    auto test_db = testing::TestDatabase::Create(GetParam());
    ASSERT_TRUE(test_db.ok()) << test_db.status();
    test_db_ = std::move(*test_db);
    auto db = Database::Open(DatabaseOptions{test_db_->url(), 4, 2000});
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = std::move(*db);
    ASSERT_TRUE(ApplyMigrations(*db_, TestMigrations()).ok());
  }

  // The codes of every stored item, read on a connection of the shared pool.
  std::vector<std::string> StoredCodes() {
    std::vector<std::string> codes;
    auto conn = db_->Acquire();
    EXPECT_TRUE(conn.ok()) << conn.status();
    if (!conn.ok()) return codes;
    auto rows = (*conn)->Query("SELECT code FROM items ORDER BY code");
    EXPECT_TRUE(rows.ok()) << rows.status();
    if (rows.ok()) {
      for (const Row& r : *rows) codes.push_back(r.Str(0));
    }
    return codes;
  }

  absl::Status Insert(Connection& conn, const std::string& code, Value label) {
    return conn
        .Execute("INSERT INTO items (code, label, amount, ratio) VALUES (?, ?, ?, ?)",
                 {code, std::move(label), int64_t{42}, 0.5})
        .status();
  }

  int64_t CountItems() {
    auto conn = db_->Acquire();
    auto rows = (*conn)->Query("SELECT COUNT(*) FROM items");
    return rows.ok() ? (*rows)[0].Int(0) : -1;
  }

  std::unique_ptr<testing::TestDatabase> test_db_;
  std::unique_ptr<Database> db_;
};

TEST_P(StorageConformance, RoundTripsEveryValueTypeIncludingNullAndUtf8) {
  auto conn = db_->Acquire();
  ASSERT_TRUE(conn.ok());
  ASSERT_TRUE(Insert(**conn, "a", std::string("Dinas Pendidikan – Kota Kupang ✓")).ok());
  ASSERT_TRUE(Insert(**conn, "b", Null()).ok());
  auto rows = (*conn)->Query("SELECT code, label, amount, ratio FROM items ORDER BY code");
  ASSERT_TRUE(rows.ok()) << rows.status();
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].Str(1), "Dinas Pendidikan – Kota Kupang ✓");
  EXPECT_EQ((*rows)[0].Int(2), 42);
  EXPECT_EQ((*rows)[0].Str(0), "a");
  EXPECT_TRUE((*rows)[1].IsNull(1));
  EXPECT_FALSE((*rows)[1].IsNull(2));
}

TEST_P(StorageConformance, DuplicateUniqueKeyIsAlreadyExists) {
  auto conn = db_->Acquire();
  ASSERT_TRUE(Insert(**conn, "dup", Null()).ok());
  absl::Status again = Insert(**conn, "dup", Null());
  EXPECT_EQ(again.code(), absl::StatusCode::kAlreadyExists) << again;
  EXPECT_EQ(CountItems(), 1);
}

TEST_P(StorageConformance, UncommittedTransactionRollsBackInDestructor) {
  {
    auto tx = Transaction::Begin(*db_);
    ASSERT_TRUE(tx.ok()) << tx.status();
    ASSERT_TRUE(Insert(tx->conn(), "x", Null()).ok());
  }
  EXPECT_EQ(CountItems(), 0);
}

TEST_P(StorageConformance, CommittedTransactionPersists) {
  auto tx = Transaction::Begin(*db_);
  ASSERT_TRUE(tx.ok());
  ASSERT_TRUE(Insert(tx->conn(), "x", Null()).ok());
  ASSERT_TRUE(Insert(tx->conn(), "y", Null()).ok());
  ASSERT_TRUE(tx->Commit().ok());
  EXPECT_EQ(CountItems(), 2);
}

TEST_P(StorageConformance, FailedStatementInsideTransactionLosesTheWholeTransaction) {
  absl::Status status = InTransaction(*db_, [&](Connection& conn) -> absl::Status {
    RETURN_IF_ERROR(Insert(conn, "first", Null()));
    return Insert(conn, "first", Null());  // duplicate: the first insert must go too
  });
  EXPECT_EQ(status.code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(CountItems(), 0);
}

TEST_P(StorageConformance, MigrationsAreRecordedAndNeverAppliedTwice) {
  ASSERT_TRUE(ApplyMigrations(*db_, TestMigrations()).ok());
  auto applied = AppliedMigrations(*db_);
  ASSERT_TRUE(applied.ok());
  EXPECT_THAT(*applied, ElementsAre(1, 2));
  // A later release adds migration 3; only it runs.
  auto more = TestMigrations();
  more.push_back({3, "items_note", {"ALTER TABLE items ADD COLUMN note VARCHAR(50)"}});
  ASSERT_TRUE(ApplyMigrations(*db_, more).ok());
  ASSERT_TRUE(ApplyMigrations(*db_, more).ok());
  EXPECT_THAT(*AppliedMigrations(*db_), ElementsAre(1, 2, 3));
}

TEST_P(StorageConformance, LastInsertIdNamesTheNewRow) {
  auto conn = db_->Acquire();
  ASSERT_TRUE(Insert(**conn, "first", Null()).ok());
  auto id = (*conn)->LastInsertId();
  ASSERT_TRUE(id.ok());
  auto rows = (*conn)->Query("SELECT code FROM items WHERE id = ?", {*id});
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].Str(0), "first");
}

TEST_P(StorageConformance, MultiRowInsertWithRowPlaceholders) {
  auto conn = db_->Acquire();
  std::vector<Value> params;
  for (int i = 0; i < 500; ++i) {
    params.push_back(absl::StrCat("c", i));
    params.push_back(int64_t{i});
  }
  auto n = (*conn)->Execute(
      absl::StrCat("INSERT INTO items (code, amount) VALUES ", RowPlaceholders(500, 2)), params);
  ASSERT_TRUE(n.ok()) << n.status();
  EXPECT_EQ(*n, 500);
  EXPECT_EQ(CountItems(), 500);
}

TEST_P(StorageConformance, ComparisonsAreExactOnBothBackends) {
  auto conn = db_->Acquire();
  ASSERT_TRUE(Insert(**conn, "RSUD", Null()).ok());
  auto rows = (*conn)->Query("SELECT COUNT(*) FROM items WHERE code = ?", {std::string("rsud")});
  EXPECT_EQ((*rows)[0].Int(0), 0);
  ASSERT_TRUE(Insert(**conn, "rsud", Null()).ok()) << "case differs: not a duplicate";
}

TEST_P(StorageConformance, ConcurrentTransactionsDoNotLoseUpdates) {
  {
    auto conn = db_->Acquire();
    ASSERT_TRUE((*conn)->Execute("INSERT INTO counters (name, value) VALUES ('n', 0)").ok());
  }
  constexpr int kThreads = 4, kEach = 25;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kEach; ++i) {
        absl::Status s = InTransaction(
            *db_,
            [](Connection& conn) {
              return conn.Execute("UPDATE counters SET value = value + 1 WHERE name = 'n'")
                  .status();
            },
            10);
        if (!s.ok()) ++failures;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  auto conn = db_->Acquire();
  auto rows = (*conn)->Query("SELECT value FROM counters WHERE name = 'n'");
  EXPECT_EQ((*rows)[0].Int(0), kThreads * kEach);
}

TEST_P(StorageConformance, PoolRefusesWithUnavailableWhenExhausted) {
  auto small = Database::Open(DatabaseOptions{test_db_->url(), 1, 100});
  ASSERT_TRUE(small.ok());
  auto held = (*small)->Acquire();
  ASSERT_TRUE(held.ok());
  auto second = (*small)->Acquire();
  EXPECT_EQ(second.status().code(), absl::StatusCode::kUnavailable);
}

TEST_P(StorageConformance, StaleEtagStyleAbortIsNotRetried) {
  int runs = 0;
  absl::Status s = InTransaction(*db_, [&](Connection&) {
    ++runs;
    return absl::AbortedError("etag mismatch");
  });
  EXPECT_EQ(s.code(), absl::StatusCode::kAborted);
  EXPECT_EQ(runs, 1);
}

TEST_P(StorageConformance, AConnectionTheServerClosedWhileIdleIsReplaced) {
  if (GetParam() == "sqlite") {
    // No server closes SQLite connections; validating on every acquire must still
    // hand out the idle one, working.
    auto always = Database::Open(DatabaseOptions{test_db_->url(), 1, 2000, 0});
    ASSERT_TRUE(always.ok());
    for (int i = 0; i < 3; ++i) {
      auto conn = (*always)->Acquire();
      ASSERT_TRUE(conn.ok());
      ASSERT_TRUE((*conn)->Query("SELECT 1").ok());
    }
    return;
  }
  auto close_idle_connection = [](Database& db) {
    auto conn = db.Acquire();
    ASSERT_TRUE(conn.ok());
    ASSERT_TRUE((*conn)->Execute("SET SESSION wait_timeout = 1").ok());
  };
  // Control: without validation the next caller gets the dead connection.
  auto unchecked = Database::Open(DatabaseOptions{test_db_->url(), 1, 2000, 3600 * 1000});
  ASSERT_TRUE(unchecked.ok());
  close_idle_connection(**unchecked);
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));
  auto dead = (*unchecked)->Acquire();
  ASSERT_TRUE(dead.ok());
  EXPECT_EQ((*dead)->Query("SELECT 1").status().code(), absl::StatusCode::kUnavailable);

  auto checked = Database::Open(DatabaseOptions{test_db_->url(), 1, 2000, 0});
  ASSERT_TRUE(checked.ok());
  close_idle_connection(**checked);
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));
  auto conn = (*checked)->Acquire();
  ASSERT_TRUE(conn.ok()) << conn.status();
  auto rows = (*conn)->Query("SELECT 1");
  ASSERT_TRUE(rows.ok()) << rows.status();
  EXPECT_EQ((*rows)[0].Int(0), 1);
}

// Text from outside (a gateway's Latin-1 reply, a reply cut inside a character)
// is made valid UTF-8 before it is stored; then both backends keep it alike.
// Raw, MariaDB refuses it (error 1366) as INVALID_ARGUMENT, not INTERNAL.
TEST_P(StorageConformance, InvalidUtf8MadeValidIsStoredAndReadBackAlike) {
  const std::string raw = "Pr\xE9" "fecture \xE0 Paris \xF0\x9F\x98";  // Latin-1, a cut emoji
  const std::string valid = ValidUtf8(raw, 200);
  ASSERT_EQ(valid, "Pr\xEF\xBF\xBD" "fecture \xEF\xBF\xBD Paris \xEF\xBF\xBD");
  auto conn = db_->Acquire();
  ASSERT_TRUE(conn.ok());
  ASSERT_TRUE(Insert(**conn, "valid", valid).ok());
  auto rows = (*conn)->Query("SELECT label FROM items WHERE code = 'valid'");
  ASSERT_TRUE(rows.ok()) << rows.status();
  EXPECT_EQ((*rows)[0].Str(0), valid);
  if (GetParam() == "mysql") {
    EXPECT_EQ(Insert(**conn, "raw", raw).code(), absl::StatusCode::kInvalidArgument);
  }
}

// A borrower that began a transaction and gave its connection back without
// ending it: the next borrower of that pool slot must not write into it.
TEST_P(StorageConformance, AConnectionReturnedInsideATransactionIsCleanForTheNextBorrower) {
  auto one = Database::Open(DatabaseOptions{test_db_->url(), 1, 2000});
  ASSERT_TRUE(one.ok()) << one.status();
  {
    auto conn = (*one)->Acquire();
    ASSERT_TRUE(conn.ok());
    ASSERT_TRUE((*conn)->Begin().ok());
    ASSERT_TRUE(Insert(**conn, "abandoned", Null()).ok());
  }
  {
    auto conn = (*one)->Acquire();  // the same slot: pool size 1
    ASSERT_TRUE(conn.ok()) << conn.status();
    ASSERT_TRUE(Insert(**conn, "next", Null()).ok());
  }
  // Seen from another connection: the abandoned row is gone, the next one committed.
  EXPECT_THAT(StoredCodes(), ElementsAre("next"));
}

// COMMIT itself fails on MariaDB, in two real ways: the server refuses it and the
// connection lives on (an XA transaction left ACTIVE: "XAER_RMFAIL"), or the
// connection is killed between the last statement and the COMMIT (an admin's
// KILL, a failover). Either way the transaction's writes are lost and the next
// borrower of that pool slot gets a clean connection: autocommit on, no open
// transaction, its own writes committed.
// MariaDB only: the failures at COMMIT are MariaDB's (its own suite, so that no
// SQLite case has to skip).
using MariaDbOnly = StorageConformance;
TEST_P(MariaDbOnly, AFailedCommitRollsBackAndTheNextBorrowerGetsACleanConnection) {
  struct Case {
    const char* name;
    std::function<void(Connection& tx, Database& other)> break_commit;
  };
  const std::vector<Case> cases = {
      {"server refuses COMMIT (XA ACTIVE)",
       [](Connection& tx, Database&) {
         ASSERT_TRUE(tx.Execute("XA START 'penataan-conformance'").ok());
       }},
      {"connection killed before COMMIT",
       [](Connection& tx, Database& other) {
         auto id = tx.Query("SELECT CONNECTION_ID()");
         ASSERT_TRUE(id.ok()) << id.status();
         auto admin = other.Acquire();
         ASSERT_TRUE(admin.ok());
         ASSERT_TRUE((*admin)->Execute(absl::StrCat("KILL ", (*id)[0].Int(0))).ok());
       }},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    ASSERT_TRUE(db_->Acquire().value()->Execute("DELETE FROM items").ok());
    auto one = Database::Open(DatabaseOptions{test_db_->url(), 1, 2000});
    ASSERT_TRUE(one.ok()) << one.status();
    {
      auto tx = Transaction::Begin(**one);
      ASSERT_TRUE(tx.ok()) << tx.status();
      c.break_commit(tx->conn(), *db_);
      (void)Insert(tx->conn(), "lost", Null());  // the killed connection fails here already
      EXPECT_FALSE(tx->Commit().ok());
    }
    {
      auto conn = (*one)->Acquire();  // the same slot, or its replacement
      ASSERT_TRUE(conn.ok()) << conn.status();
      auto state = (*conn)->Query("SELECT @@autocommit, @@in_transaction");
      ASSERT_TRUE(state.ok()) << state.status();
      EXPECT_EQ((*state)[0].Int(0), 1) << "autocommit";
      EXPECT_EQ((*state)[0].Int(1), 0) << "in a transaction";
      ASSERT_TRUE(Insert(**conn, "next", Null()).ok());
    }
    EXPECT_THAT(StoredCodes(), ElementsAre("next"));
  }
}

INSTANTIATE_TEST_SUITE_P(MariaDb, MariaDbOnly, ::testing::Values("mysql"),
                         [](const auto& info) { return info.param; });
INSTANTIATE_TEST_SUITE_P(Backends, StorageConformance, ::testing::Values("sqlite", "mysql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace penataan::storage
