#include "common/resource_name.h"

#include <string>

#include "gtest/gtest.h"

namespace penataan {
namespace {

TEST(ParseResourceId, OneResourceHasOneName) {
  struct Row {
    std::string name;
    int64_t id;  // 0: refused
  };
  const Row rows[] = {
      {"rounds/1", 1},     {"rounds/42", 42},  {"rounds/+1", 0},  {"rounds/ 1", 0},
      {"rounds/-1", 0},    {"rounds/0", 0},    {"rounds/", 0},    {"rounds1", 0},
      {"periods/1", 0},    {"rounds/1x", 0},   {"rounds/1/", 0},
      {"rounds/99999999999999999999", 0},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    absl::StatusOr<int64_t> id = ParseResourceId(row.name, "rounds", "round");
    if (row.id == 0) {
      EXPECT_EQ(id.status().code(), absl::StatusCode::kInvalidArgument);
    } else {
      ASSERT_TRUE(id.ok()) << id.status();
      EXPECT_EQ(*id, row.id);
    }
  }
}

}  // namespace
}  // namespace penataan
