#include "bench/synthetic_honorers.h"

#include <sstream>

#include "absl/container/flat_hash_set.h"
#include "gtest/gtest.h"
#include "services/registry/honorer.h"

namespace penataan::bench {
namespace {

TEST(HonorerGenerator, EveryRowIsValidAndEveryNikUnique) {
  HonorerGenerator gen({42});
  absl::flat_hash_set<std::string> niks;
  for (int i = 0; i < 20000; ++i) {
    registry::v1::ImportRow row = gen.Next();
    auto h = registry::ParseImportRow(row, "5371", absl::CivilDay(2025, 8, 25));
    ASSERT_TRUE(h.ok()) << "row " << row.row_number() << ": " << h.status();
    ASSERT_TRUE(niks.insert(row.nik()).second) << "duplicate NIK at row " << i + 1;
  }
}

TEST(HonorerGenerator, SameSeedSameRows) {
  HonorerGenerator a({7}), b({7}), c({8});
  std::ostringstream sa, sb, sc;
  for (int i = 0; i < 100; ++i) {
    WriteCsvRow(sa, a.Next());
    WriteCsvRow(sb, b.Next());
    WriteCsvRow(sc, c.Next());
  }
  EXPECT_EQ(sa.str(), sb.str());
  EXPECT_NE(sa.str(), sc.str());
}

}  // namespace
}  // namespace penataan::bench
