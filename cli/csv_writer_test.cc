#include "cli/csv_writer.h"

#include <sstream>

#include "gtest/gtest.h"

namespace penataan::cli {
namespace {

constexpr char kBom[] = "\xEF\xBB\xBF";

CsvWriteOptions Options(char delimiter, bool byte_order_mark) {
  CsvWriteOptions options;
  options.delimiter = delimiter;
  options.byte_order_mark = byte_order_mark;
  return options;
}

std::string Written(const std::vector<std::vector<std::string>>& rows, CsvWriteOptions options) {
  std::ostringstream out;
  CsvWriter writer(out, options);
  for (const auto& row : rows) writer.Row(row);
  return out.str();
}

// One record without the BOM, so that each case shows only its cells.
std::string OneRecord(const std::vector<std::string>& cells, char delimiter) {
  return Written({cells}, Options(delimiter, false));
}

TEST(CsvWriter, QuotesExactlyTheCellsAReaderWouldOtherwiseSplitOrTrim) {
  struct Case {
    const char* what;
    std::vector<std::string> cells;
    char delimiter;
    std::string want;
  };
  const Case cases[] = {
      {"plain cells", {"5371", "Maria Lake", "2025-01-02"}, ',', "5371,Maria Lake,2025-01-02\r\n"},
      {"a comma", {"Ndun, Yohanes", "x"}, ',', "\"Ndun, Yohanes\",x\r\n"},
      {"a comma under ';' stays bare", {"Ndun, Yohanes", "x"}, ';', "Ndun, Yohanes;x\r\n"},
      {"a semicolon under ';'", {"honorers/1;honorers/2", "x"}, ';',
       "\"honorers/1;honorers/2\";x\r\n"},
      {"a semicolon under ',' stays bare", {"honorers/1;honorers/2"}, ',',
       "honorers/1;honorers/2\r\n"},
      {"a tab under tab", {"a\tb", "c"}, '\t', "\"a\tb\"\tc\r\n"},
      {"a quote is doubled", {"Guru \"Honorer\""}, ',', "\"Guru \"\"Honorer\"\"\"\r\n"},
      {"a lone quote", {"\""}, ',', "\"\"\"\"\r\n"},
      {"a line feed", {"two\nlines"}, ',', "\"two\nlines\"\r\n"},
      {"a carriage return", {"two\rlines"}, ',', "\"two\rlines\"\r\n"},
      {"CRLF inside", {"a\r\nb"}, ',', "\"a\r\nb\"\r\n"},
      {"a leading space", {" RSUD"}, ',', "\" RSUD\"\r\n"},
      {"a trailing space", {"RSUD "}, ',', "\"RSUD \"\r\n"},
      {"a trailing tab", {"RSUD\t"}, ',', "\"RSUD\t\"\r\n"},
      {"a space inside only", {"Dinas Pendidikan"}, ',', "Dinas Pendidikan\r\n"},
      {"empty cells", {"", "x", ""}, ',', ",x,\r\n"},
      {"one empty cell is not a blank line", {""}, ',', "\"\"\r\n"},
      {"UTF-8 as it is", {"Sekretariat Daerah – Bagian Umum", "Ngurah Rai"}, ';',
       "Sekretariat Daerah – Bagian Umum;Ngurah Rai\r\n"},
      {"ExcelText is quoted with its quotes doubled", {ExcelText("6471015208900123")}, ',',
       "\"=\"\"6471015208900123\"\"\"\r\n"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    EXPECT_EQ(OneRecord(c.cells, c.delimiter), c.want);
  }
}

TEST(CsvWriter, WritesTheByteOrderMarkOnceBeforeTheFirstRecord) {
  EXPECT_EQ(Written({{"nik", "nama"}, {"1", "a"}, {"2", "b"}}, {}),
            std::string(kBom) + "nik,nama\r\n1,a\r\n2,b\r\n");
  EXPECT_EQ(Written({{"nik", "nama"}}, Options(';', true)), std::string(kBom) + "nik;nama\r\n");
  EXPECT_EQ(Written({{"nik"}, {"1"}}, Options(',', false)), "nik\r\n1\r\n");
  EXPECT_EQ(Written({}, {}), "") << "nothing written, not even the mark";
}

TEST(ExcelText, KeepsTheDigitsAsAFormulaExcelShowsAsText) {
  EXPECT_EQ(ExcelText("6471015208900123"), "=\"6471015208900123\"");
  EXPECT_EQ(ExcelText("0101015208900123"), "=\"0101015208900123\"") << "the leading zero stays";
  EXPECT_EQ(ExcelText(""), "") << "no NIK: an empty cell, not =\"\"";
}

}  // namespace
}  // namespace penataan::cli
