#include "cli/spreadsheet_header.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace penataan::cli {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(HeaderKey, IgnoresCaseSpacesAndPunctuation) {
  struct Case {
    const char* name;
    const char* key;
  } cases[] = {
      {"Tanggal Lahir", "tanggallahir"},
      {"tanggal_lahir", "tanggallahir"},
      {"TANGGAL-LAHIR", "tanggallahir"},
      {" Tanggal.Lahir ", "tanggallahir"},
      {"L/P", "lp"},
      {"No.", "no"},
      {"Unit\xC2\xA0Kerja", "unitkerja"},           // a no-break space
      {"Unit \xE2\x80\x93 Kerja", "unitkerja"},      // an en dash
      {"\xEF\xBB\xBFnik", "nik"},                    // a stray byte-order mark
      {"Pendidikan Terakhir (S1)", "pendidikanterakhirs1"},
      {"Caf\xC3\xA9", "caf\xC3\xA9"},                // letters beyond ASCII stay
      {"", ""},
      {" - ", ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(HeaderKey(c.name), c.key);
  }
}

std::vector<ColumnSpec> Spec() {
  return {{"nik", {"NIK"}, true, false},
          {"full_name", {"Nama", "Nama Lengkap"}, true, false},
          {"birth_date", {"Tanggal Lahir", "tanggal_lahir"}, true, false},
          {"gender", {"Jenis Kelamin", "L/P"}, false, false},
          {"number", {"No"}, false, true}};
}

TEST(SpreadsheetHeader, FindsEachFieldByAnyOfItsNames) {
  std::vector<std::string> errors;
  const SpreadsheetHeader h({"No.", " NAMA LENGKAP ", "L/P", "nik", "Tanggal_Lahir", ""}, Spec(),
                            UnknownColumns::kRefuse, errors);
  EXPECT_THAT(errors, IsEmpty());
  EXPECT_EQ(h.Index("full_name"), 1);
  EXPECT_EQ(h.Index("gender"), 2);
  EXPECT_EQ(h.Index("nik"), 3);
  EXPECT_EQ(h.Index("birth_date"), 4);
  EXPECT_FALSE(h.Has("number")) << "an ignored column is not read";
  EXPECT_EQ(h.Index("number"), -1);
  EXPECT_EQ(h.Typed("full_name"), "NAMA LENGKAP");
  EXPECT_EQ(h.Typed("number"), "number");
  const std::vector<std::string> row = {"1", " Maria ", "P", "5371014507900001"};
  EXPECT_EQ(h.Cell(row, "full_name"), "Maria");
  EXPECT_EQ(h.Cell(row, "birth_date"), "") << "a short record";
  EXPECT_EQ(h.Cell(row, "number"), "");
  EXPECT_EQ(h.cells().size(), 6u);
}

TEST(SpreadsheetHeader, ReportsEveryProblemAtOnce) {
  std::vector<std::string> errors;
  const SpreadsheetHeader h({"NIK", "Tgl Lhr", "Nama", "L/P", "nama lengkap", "Jenis Kelamin"},
                            Spec(), UnknownColumns::kRefuse, errors);
  EXPECT_THAT(errors,
              ElementsAre("line 1, column 2: unknown column \"Tgl Lhr\"",
                          "line 1, column 5: \"nama lengkap\" says again what column 3 (\"Nama\") says",
                          "line 1, column 6: \"Jenis Kelamin\" says again what column 4 (\"L/P\") says",
                          "line 1: missing column \"birth_date\" (or: Tanggal Lahir, tanggal_lahir)"));
  EXPECT_EQ(h.Index("full_name"), 2) << "the first of two columns counts";
}

TEST(SpreadsheetHeader, UnknownColumnsCanBeLeftForTheReader) {
  std::vector<std::string> errors;
  const SpreadsheetHeader h({"nik", "catatan admin", "Nama", "Tanggal Lahir"}, Spec(),
                            UnknownColumns::kIgnore, errors);
  EXPECT_THAT(errors, IsEmpty());
  EXPECT_EQ(h.Index("full_name"), 2);
}

TEST(SpreadsheetHeader, AMissingFieldWithoutOtherNames) {
  std::vector<std::string> errors;
  SpreadsheetHeader({"x"}, {{"alasan", {}, true, false}}, UnknownColumns::kIgnore, errors);
  EXPECT_THAT(errors, ElementsAre("line 1: missing column \"alasan\""));
}

}  // namespace
}  // namespace penataan::cli
