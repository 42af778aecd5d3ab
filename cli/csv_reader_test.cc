#include "cli/csv_reader.h"

#include <sstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace penataan::cli {
namespace {

using ::testing::ElementsAre;

TEST(CsvReader, ReadsQuotedCellsWithCommasQuotesAndNewlines) {
  std::istringstream in(
      "\xEF\xBB\xBFnik,full_name\r\n"
      "1,\"Lake, Maria \"\"Ina\"\"\"\r\n"
      "2,\"two\nlines\"\n"
      "3,\n");
  CsvReader r(in);
  std::vector<std::string> cells;
  ASSERT_TRUE(r.Next(cells));
  EXPECT_THAT(cells, ElementsAre("nik", "full_name"));
  ASSERT_TRUE(r.Next(cells));
  EXPECT_THAT(cells, ElementsAre("1", "Lake, Maria \"Ina\""));
  EXPECT_EQ(r.line(), 2);
  ASSERT_TRUE(r.Next(cells));
  EXPECT_THAT(cells, ElementsAre("2", "two\nlines"));
  ASSERT_TRUE(r.Next(cells));
  EXPECT_EQ(r.line(), 5);
  EXPECT_THAT(cells, ElementsAre("3", ""));
  EXPECT_FALSE(r.Next(cells));
  EXPECT_FALSE(r.malformed());
}

TEST(CsvReader, LastLineWithoutNewlineAndUnclosedQuote) {
  std::istringstream in("a,b\n\"open,c");
  CsvReader r(in);
  std::vector<std::string> cells;
  ASSERT_TRUE(r.Next(cells));
  ASSERT_TRUE(r.Next(cells));
  EXPECT_TRUE(r.malformed());
}

}  // namespace
}  // namespace penataan::cli
