#include "cli/excel_cell.h"

#include "gtest/gtest.h"

namespace penataan::cli {
namespace {

TEST(FormulaSafe, MarksWhatExcelWouldRunAndLeavesTheRest) {
  struct Case {
    const char* cell;
    const char* written;
  } cases[] = {
      {"=HYPERLINK(\"http://x\",\"klik\")", "'=HYPERLINK(\"http://x\",\"klik\")"},
      {"+6281234567890", "'+6281234567890"},
      {"@SUM(A1)", "'@SUM(A1)"},
      {"-2+3", "'-2+3"},
      {"\tcmd", "'\tcmd"},
      {"=\"5371011207850001\"", "=\"5371011207850001\""},  // ExcelText, on purpose
      {"-12", "-12"},
      {"-0.5", "-0.5"},
      {"-", "-"},
      {"Yohanes Ndun", "Yohanes Ndun"},
      {"", ""},
      {"'=already", "'=already"},
  };
  for (const Case& c : cases) EXPECT_EQ(FormulaSafe(c.cell), c.written) << c.cell;
}

TEST(PlainCell, ReadsBackWhatFormulaSafeAndExcelTextWrote) {
  for (const char* typed : {"=HYPERLINK(\"http://x\")", "+6281234567890", "@x", "-2+3", "Rina",
                            "-12", "'quoted by a person", ""}) {
    EXPECT_EQ(PlainCell(FormulaSafe(typed)), typed) << typed;
  }
  EXPECT_EQ(PlainCell("=\"5371011207850001\""), "5371011207850001");
  EXPECT_EQ(PlainCell("=\"a\"b\""), "=\"a\"b\"");  // not ExcelText's form
  EXPECT_EQ(PlainCell("'Ndun"), "'Ndun");           // an apostrophe of a name stays
}

}  // namespace
}  // namespace penataan::cli
