#include "services/registry/honorer.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace penataan::registry {
namespace {

const absl::CivilDay kToday(2025, 8, 25);

v1::ImportRow GoodRow() {
  v1::ImportRow r;
  r.set_row_number(7);
  r.set_nik("5371015208900123");
  r.set_full_name("Maria Goreti Lake");
  r.set_birth_date("1990-08-12");
  r.set_gender("P");
  r.set_education("S-1");
  r.set_unit_kerja("Dinas Pendidikan");
  r.set_jabatan_category("Tenaga Kependidikan");
  r.set_position_title("Operator Sekolah");
  r.set_service_start_date("2008-01-02");
  return r;
}

TEST(ParseImportRow, AcceptsIndonesianSpellings) {
  auto h = ParseImportRow(GoodRow(), "5371", kToday);
  ASSERT_TRUE(h.ok()) << h.status();
  EXPECT_EQ(h->gender, v1::FEMALE);
  EXPECT_EQ(h->education, common::v1::S1);
  EXPECT_EQ(h->jabatan_category, common::v1::TENAGA_KEPENDIDIKAN);
  EXPECT_EQ(h->instansi_code, "5371");
  EXPECT_EQ(*h->service_start_date, absl::CivilDay(2008, 1, 2));
}

TEST(ParseImportRow, EducationSpellings) {
  struct Case {
    const char* text;
    Education want;
  } cases[] = {{"D-IV", common::v1::D4}, {"DIII", common::v1::D3}, {"d2", common::v1::D2}, {"SLTA", common::v1::SMA},
               {"SMK", common::v1::SMA}, {"S2", common::v1::S2},   {"sd", common::v1::SD}};
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    v1::ImportRow r = GoodRow();
    r.set_education(c.text);
    auto h = ParseImportRow(r, "5371", kToday);
    ASSERT_TRUE(h.ok()) << h.status();
    EXPECT_EQ(h->education, c.want);
  }
}

TEST(ParseImportRow, EachBadCellNamesItsColumnAndRow) {
  struct Case {
    const char* column;
    void (*mutate)(v1::ImportRow&);
    const char* reason;
  } cases[] = {
      {"nik", [](v1::ImportRow& r) { r.set_nik("9971015208900123"); }, "unknown province code 99"},
      {"nik", [](v1::ImportRow& r) { r.set_birth_date("1990-08-13"); }, "disagrees with birth_date"},
      {"nik", [](v1::ImportRow& r) { r.set_gender("L"); }, "encodes a woman"},
      {"birth_date", [](v1::ImportRow& r) { r.set_birth_date("12-08-1990"); }, "not a date"},
      {"birth_date", [](v1::ImportRow& r) { r.set_birth_date("1990-02-30"); }, "not a date"},
      {"gender", [](v1::ImportRow& r) { r.set_gender("X"); }, "not L/P"},
      {"education", [](v1::ImportRow& r) { r.set_education("PhD"); }, "not SD..S3"},
      {"jabatan_category", [](v1::ImportRow& r) { r.set_jabatan_category("Satpam"); }, "is not GURU"},
      {"full_name", [](v1::ImportRow& r) { r.set_full_name("  "); }, "is required"},
      {"unit_kerja", [](v1::ImportRow& r) { r.set_unit_kerja(""); }, "is required"},
      // A name is one line of plain text: a cell cannot break a list, a letter or a log.
      {"full_name", [](v1::ImportRow& r) { r.set_full_name("Maria\nBria"); }, "control character U+000A"},
      {"unit_kerja", [](v1::ImportRow& r) { r.set_unit_kerja("\x1b[31mDinas"); }, "control character U+001B"},
      {"position_title", [](v1::ImportRow& r) { r.set_position_title("Guru \xE2\x80\xAE"); }, "bidirectional"},
      {"full_name", [](v1::ImportRow& r) { r.set_full_name(std::string("Maria\0", 6)); }, "U+0000"},
      {"service_start_date", [](v1::ImportRow& r) { r.set_service_start_date("2026-01-01"); }, "in the future"},
      {"service_start_date", [](v1::ImportRow& r) { r.set_service_start_date("1980-01-01"); }, "before birth_date"},
      {"contract_end", [](v1::ImportRow& r) { r.set_contract_start("2025-01-01"); r.set_contract_end("2024-12-31"); }, "before contract_start"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.reason);
    v1::ImportRow r = GoodRow();
    c.mutate(r);
    auto h = ParseImportRow(r, "5371", kToday);
    ASSERT_FALSE(h.ok());
    auto v = ViolationsOf(h.status());
    ASSERT_FALSE(v.empty());
    EXPECT_EQ(v[0].field, c.column);
    EXPECT_EQ(v[0].row, 7);
    EXPECT_NE(v[0].description.find(c.reason), std::string::npos) << v[0].description;
  }
}

// Every problem of a row at once, in the order of ImportRow's columns; a cell that
// cannot be read is named once, and nothing is checked against it.
TEST(ParseImportRow, AnswersEveryBadCellInColumnOrder) {
  struct Case {
    const char* name;
    void (*mutate)(v1::ImportRow&);
    std::vector<std::string> fields;
  } cases[] = {
      {"five cells",
       [](v1::ImportRow& r) {
         r.set_service_start_date("2026-01-01");
         r.set_email("not an address");
         r.set_gender("X");
         r.set_full_name(" ");
         r.set_nik("9971015208900123");
       },
       {"nik", "full_name", "gender", "service_start_date", "email"}},
      {"an unreadable birth date: named once, the NIK not compared with it",
       [](v1::ImportRow& r) { r.set_birth_date("12-08-1990"); }, {"birth_date"}},
      {"an unreadable gender and a NIK that disagrees with the birth date",
       [](v1::ImportRow& r) {
         r.set_gender("?");
         r.set_birth_date("1990-08-13");
       },
       {"nik", "gender"}},
      {"every required cell empty",
       [](v1::ImportRow& r) {
         v1::ImportRow empty;
         empty.set_row_number(r.row_number());
         r = empty;
       },
       {"nik", "full_name", "birth_date", "gender", "education", "unit_kerja", "jabatan_category",
        "service_start_date"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    v1::ImportRow r = GoodRow();
    c.mutate(r);
    auto h = ParseImportRow(r, "5371", kToday);
    ASSERT_FALSE(h.ok());
    std::vector<std::string> fields;
    for (const Violation& v : ViolationsOf(h.status())) {
      fields.push_back(v.field);
      EXPECT_EQ(v.row, 7) << v.field;
    }
    EXPECT_EQ(fields, c.fields);
  }
}

TEST(ValidateInstansi, RequiresARealZone) {
  Instansi ok{"5371", "Pemerintah Kota Kupang", v1::Instansi::KOTA, "Asia/Makassar", {}};
  EXPECT_TRUE(ValidateInstansi(ok).ok());
  Instansi bad = ok;
  bad.time_zone = "WITA";
  auto s = ValidateInstansi(bad);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ViolationsOf(s)[0].field, "instansi.time_zone");
}

TEST(SameDataAs, IgnoresStatusAndBknFlag) {
  auto a = *ParseImportRow(GoodRow(), "5371", kToday);
  Honorer b = a;
  b.status = v1::DIRUMAHKAN;
  b.in_bkn_database = true;
  EXPECT_TRUE(a.SameDataAs(b));
  b.unit_kerja = "RSUD S. K. Lerik";
  EXPECT_FALSE(a.SameDataAs(b));
}

}  // namespace
}  // namespace penataan::registry

namespace penataan::registry {
namespace {

TEST(IsoDate, ParsesOnlyRealDatesInTheExactForm) {
  EXPECT_EQ(ParseIsoDate("2024-02-29"), absl::CivilDay(2024, 2, 29));
  EXPECT_EQ(ParseIsoDate(" 1985-07-12 "), absl::CivilDay(1985, 7, 12));
  for (const char* bad : {"2025-02-29", "2025-02-30", "2025-13-01", "2025-00-10", "2025-1-01",
                          "25-01-2025", "2025/01/01", "2025-01-0a", ""}) {
    SCOPED_TRACE(bad);
    EXPECT_FALSE(ParseIsoDate(bad).has_value());
  }
  EXPECT_EQ(FormatIsoDate(absl::CivilDay(987, 3, 4)), "0987-03-04");
}

}  // namespace
}  // namespace penataan::registry
