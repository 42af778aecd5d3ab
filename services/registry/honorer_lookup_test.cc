// HonorerLookup on both backends: many threads at once get exactly their own answers.

#include "services/registry/honorer_lookup.h"

#include <atomic>
#include <thread>

#include "absl/strings/str_format.h"
#include "common/storage/migrations.h"
#include "common/storage/testing/test_database.h"
#include "gtest/gtest.h"
#include "services/registry/migrations/registry_migrations.h"

namespace penataan::registry {
namespace {

class HonorerLookupTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (storage::testing::TestDatabase::ShouldSkip(GetParam())) GTEST_SKIP() << "no MariaDB";
    auto test_db = storage::testing::TestDatabase::Create(GetParam());
    ASSERT_TRUE(test_db.ok()) << test_db.status();
    test_db_ = std::move(*test_db);
    auto db = storage::Database::Open({test_db_->url(), 8, 5000});
    ASSERT_TRUE(db.ok());
    db_ = std::move(*db);
    ASSERT_TRUE(storage::ApplyMigrations(*db_, RegistryMigrations()).ok());
    auto conn = db_->Acquire();
    for (int i = 1; i <= kHonorers; ++i) {
      Honorer h;
      h.nik = Nik(i);
      h.full_name = absl::StrFormat("Honorer %d", i);
      h.birth_date = absl::CivilDay(1985, 7, 12);
      h.gender = v1::MALE;
      h.education = penataan::common::v1::SMA;
      h.instansi_code = "5371";
      h.unit_kerja = "BPBD";
      h.jabatan_category = common::v1::TENAGA_TEKNIS;
      h.service_start_date = absl::CivilDay(2010, 1, 4);
      h.status = v1::ACTIVE;
      h.version = 1;
      auto id = store_.InsertHonorer(**conn, h);
      ASSERT_TRUE(id.ok()) << id.status();
      ids_.push_back(*id);
    }
  }
  static std::string Nik(int i) { return absl::StrFormat("537101120785%04d", i); }

  static constexpr int kHonorers = 40;
  std::unique_ptr<storage::testing::TestDatabase> test_db_;
  std::unique_ptr<storage::Database> db_;
  RegistryStore store_;
  std::vector<int64_t> ids_;
};

TEST_P(HonorerLookupTest, ConcurrentCallersEachGetTheirOwnHonorer) {
  HonorerLookup lookup(*db_, store_, 2, 16);
  std::atomic<int> wrong{0}, missing{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 24; ++t) {
    threads.emplace_back([&, t] {
      for (int k = 0; k < 50; ++k) {
        const int i = 1 + (t * 7 + k * 13) % kHonorers;
        auto by_nik = lookup.ByNik(Nik(i));
        auto by_id = lookup.ById(ids_[i - 1]);
        if (!by_nik.ok() || !by_id.ok() || !*by_nik || !*by_id) {
          ++missing;
        } else if ((*by_nik)->full_name != absl::StrFormat("Honorer %d", i) ||
                   (*by_id)->nik != Nik(i)) {
          ++wrong;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(wrong.load(), 0);
  EXPECT_EQ(missing.load(), 0);
}

TEST_P(HonorerLookupTest, UnknownKeysAreAbsentNotErrors) {
  HonorerLookup lookup(*db_, store_);
  auto none = lookup.ByNik("5371011207859999");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
  auto no_id = lookup.ById(987654321);
  ASSERT_TRUE(no_id.ok());
  EXPECT_FALSE(no_id->has_value());
}

TEST_P(HonorerLookupTest, ReadsSeeWritesCommittedBeforeTheCall) {
  HonorerLookup lookup(*db_, store_);
  auto before = lookup.ById(ids_[0]);
  ASSERT_TRUE(before.ok() && before->has_value());
  Honorer changed = **before;
  changed.unit_kerja = "Damkar";
  auto conn = db_->Acquire();
  ASSERT_TRUE(store_.UpdateHonorer(**conn, changed, changed.version, absl::Now()).ok());
  auto after = lookup.ById(ids_[0]);
  ASSERT_TRUE(after.ok() && after->has_value());
  EXPECT_EQ((*after)->unit_kerja, "Damkar");
  EXPECT_EQ((*after)->version, changed.version + 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, HonorerLookupTest, ::testing::Values("sqlite", "mysql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace penataan::registry
