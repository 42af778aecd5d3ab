#include "cli/import_report.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace penataan::cli {
namespace {

using ::testing::ElementsAre;
using ::testing::Pair;

RowError E(int64_t row, const std::string& field, const std::string& description) {
  RowError e;
  e.set_row(row);
  e.set_field(field);
  e.set_description(description);
  return e;
}

SpreadsheetHeader Header(std::vector<std::string> cells) {
  std::vector<std::string> errors;
  return SpreadsheetHeader(cells,
                           {{"nik", {"NIK", "nik"}}, {"birth_date", {"Tanggal Lahir", "birth_date"}},
                            {"gender", {"Jenis Kelamin", "gender"}}},
                           UnknownColumns::kIgnore, errors);
}

std::vector<std::string> Lines(const std::vector<RowError>& errors, const SpreadsheetHeader& h) {
  std::vector<std::string> out;
  for (const RowError& e : errors) out.push_back(ErrorLine(e, h));
  return out;
}

TEST(MergeRowErrors, KeepsEveryErrorInRowAndColumnOrderAndOursForAFieldWeCouldNotRead) {
  google::protobuf::RepeatedPtrField<RowError> registry;
  *registry.Add() = E(3, "birth_date", "\"31/02/1990\" is not a date YYYY-MM-DD");
  *registry.Add() = E(3, "gender", "\"X\" is not L/P");
  *registry.Add() = E(7, "nik", "appears again in this import (first at row 2)");
  *registry.Add() = E(3, "row", "the row says nothing else");
  const std::vector<RowError> local = {E(3, "birth_date", "31/02/1990: February has 28 days"),
                                       E(5, "nik", "Excel turned the NIK into a number")};
  // The file's columns: gender before the birth date.
  const SpreadsheetHeader h = Header({"NIK", "jenis kelamin", "Tanggal Lahir"});
  EXPECT_THAT(Lines(MergeRowErrors(local, registry, h), h),
              ElementsAre("row 3, jenis kelamin: \"X\" is not L/P",
                          "row 3, Tanggal Lahir: 31/02/1990: February has 28 days",
                          "row 3: the row says nothing else",
                          "row 5, NIK: Excel turned the NIK into a number",
                          "row 7, NIK: appears again in this import (first at row 2)"));
}

TEST(ErrorLine, NamesTheColumnAsTheFileSpellsItOrNoneForTheRow) {
  const SpreadsheetHeader h = Header({"nik", "TANGGAL-LAHIR"});
  EXPECT_EQ(ErrorLine(E(2, "birth_date", "bad"), h), "row 2, TANGGAL-LAHIR: bad");
  EXPECT_EQ(ErrorLine(E(2, "row", "too long"), h), "row 2: too long");
  EXPECT_EQ(ErrorLine(E(2, "", "too long"), h), "row 2: too long");
  // A field the file has no column for (the registry's own checks): its name.
  EXPECT_EQ(ErrorLine(E(2, "contract_start", "needs contract_end"), h),
            "row 2, contract_start: needs contract_end");
}

TEST(ErrorCells, OneCellPerRejectedRowWithEachErrorAndItsColumn) {
  const SpreadsheetHeader h = Header({"NIK", "Tanggal Lahir", "Jenis Kelamin"});
  EXPECT_THAT(ErrorCells({E(3, "birth_date", "a"), E(3, "gender", "b"), E(9, "row", "c")}, h),
              ElementsAre(Pair(3, "Tanggal Lahir: a; Jenis Kelamin: b"), Pair(9, "c")));
}

}  // namespace
}  // namespace penataan::cli
