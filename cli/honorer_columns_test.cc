#include "cli/honorer_columns.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "cli/honorer_csv_row.h"

namespace penataan::cli {
namespace {

using ::testing::IsEmpty;

namespace v1 = registry::v1;

v1::Honorer Yohanes() {
  v1::Honorer h;
  h.set_nik("5371011207850001");
  h.set_full_name("Ndun, Yohanes");
  h.mutable_birth_date()->set_year(1985);
  h.mutable_birth_date()->set_month(7);
  h.mutable_birth_date()->set_day(12);
  h.set_gender(v1::MALE);
  h.set_education(common::v1::D4);
  h.set_unit_kerja("BPBD");
  h.set_jabatan_category(common::v1::TENAGA_TEKNIS);
  h.set_position_title("Operator");
  h.mutable_service_start_date()->set_year(2010);
  h.mutable_service_start_date()->set_month(1);
  h.mutable_service_start_date()->set_day(4);
  h.mutable_contact()->set_whatsapp("+6281234567801");
  h.set_status(v1::MS);
  return h;
}

// What an export writes is what the import reads back: the same fields, the same values.
TEST(HonorerColumns, AnExportRowReadsBackAsTheSameHonorer) {
  std::vector<std::string> errors;
  SpreadsheetHeader header(HonorerCsvHeader(), HonorerColumns(), UnknownColumns::kRefuse, errors);
  ASSERT_THAT(errors, IsEmpty());
  const std::vector<std::string> row = HonorerCsvRow(Yohanes());
  ASSERT_EQ(row.size(), HonorerCsvHeader().size());
  HonorerCsvRecord read = ReadHonorerRecord(header, row, 2);
  EXPECT_THAT(read.errors, IsEmpty());
  EXPECT_EQ(read.row.nik(), "5371011207850001");
  EXPECT_EQ(read.row.full_name(), "Ndun, Yohanes");
  EXPECT_EQ(read.row.birth_date(), "1985-07-12");
  EXPECT_EQ(read.row.gender(), "L");
  EXPECT_EQ(read.row.education(), "D4");
  EXPECT_EQ(read.row.jabatan_category(), "TENAGA_TEKNIS");
  EXPECT_EQ(read.row.service_start_date(), "2010-01-04");
  EXPECT_EQ(read.row.contract_start(), "");  // no current SK: an empty cell
  EXPECT_EQ(read.row.whatsapp(), "+6281234567801");
  EXPECT_EQ(read.row.row_number(), 2);
}

TEST(HonorerColumns, TheTemplateHasEveryColumnAndItsRowsReadWithoutError) {
  const auto rows = HonorerTemplate(2026);
  ASSERT_EQ(rows.size(), 3u);
  std::vector<std::string> errors;
  SpreadsheetHeader header(rows[0], HonorerColumns(), UnknownColumns::kRefuse, errors);
  ASSERT_THAT(errors, IsEmpty());
  for (const ColumnSpec& c : HonorerColumns()) EXPECT_EQ(header.Has(c.field), !c.ignored) << c.field;
  HonorerCsvRecord first = ReadHonorerRecord(header, rows[1], 2);
  EXPECT_THAT(first.errors, IsEmpty());
  EXPECT_EQ(first.row.birth_date(), "1985-03-12");
  EXPECT_EQ(first.row.contract_end(), "2026-12-31");
  HonorerCsvRecord second = ReadHonorerRecord(header, rows[2], 3);
  EXPECT_THAT(second.errors, IsEmpty());
  EXPECT_EQ(second.row.birth_date(), "1990-08-01");
  EXPECT_EQ(second.row.service_start_date(), "2015-01-02");
}

TEST(HonorerColumns, ACellThatCannotBeReadIsSentAsTypedWithItsError) {
  std::vector<std::string> errors;
  SpreadsheetHeader header({"NIK", "Tanggal Lahir", "Nama Lengkap"}, HonorerColumns(),
                           UnknownColumns::kRefuse, errors);
  HonorerCsvRecord r = ReadHonorerRecord(header, {"6.47101E+15", "25/13/1985", "Rina"}, 4);
  ASSERT_EQ(r.errors.size(), 2u);
  EXPECT_EQ(r.errors[0].field(), "nik");
  EXPECT_EQ(r.errors[1].field(), "birth_date");
  EXPECT_EQ(r.errors[1].row(), 4);
  EXPECT_EQ(r.row.nik(), "6.47101E+15");
  EXPECT_EQ(r.row.birth_date(), "25/13/1985");
  EXPECT_EQ(r.row.full_name(), "Rina");
}

}  // namespace
}  // namespace penataan::cli
