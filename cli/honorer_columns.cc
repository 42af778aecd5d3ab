#include "cli/honorer_columns.h"

#include "absl/strings/str_cat.h"
#include "cli/csv_writer.h"
#include "cli/proto_text.h"

namespace penataan::cli {
namespace {

namespace v1 = registry::v1;

// A date field left unset (year 0) is an empty cell, not "0000-00-00".
std::string DateCell(const common::v1::Date& d) { return d.year() == 0 ? "" : FormatDate(d); }

}  // namespace

const std::vector<ColumnSpec>& HonorerColumns() {
  // The first name is what exports and the template write: the one admins type.
  static const auto* columns = new std::vector<ColumnSpec>{
      {"nik", {"NIK", "Nomor Induk Kependudukan", "No KTP"}, true},
      {"full_name", {"Nama Lengkap", "full_name", "Nama", "Nama Honorer", "Nama Pegawai"}, true},
      {"birth_date", {"Tanggal Lahir", "birth_date", "Tgl Lahir"}, true},
      {"gender", {"Jenis Kelamin", "gender", "L/P", "JK"}, true},
      {"education", {"Pendidikan Terakhir", "education", "Pendidikan"}, true},
      {"unit_kerja", {"Unit Kerja", "unit_kerja", "OPD", "Satuan Kerja"}, true},
      {"jabatan_category", {"Kategori", "jabatan_category", "Kategori Jabatan"}, true},
      {"position_title", {"Jabatan", "position_title", "Nama Jabatan"}},
      {"service_start_date", {"TMT", "service_start_date", "TMT Honorer", "Mulai Bekerja"}, true},
      {"contract_start", {"Awal Kontrak", "contract_start", "Mulai Kontrak"}},
      {"contract_end", {"Akhir Kontrak", "contract_end", "Selesai Kontrak"}},
      {"email", {"Email", "E-mail", "Surel"}},
      {"whatsapp", {"WhatsApp", "No WA", "Nomor WA", "Nomor WhatsApp", "No HP", "Nomor HP"}},
      {"sk_number", {"Nomor SK", "sk_number", "No SK"}},
      {"sk_signed_by", {"Ditandatangani Oleh", "sk_signed_by", "Penandatangan SK"}},
      {"sk_signed_date", {"Tanggal SK", "sk_signed_date", "Tgl SK"}},
      // Read-only or a person's own: known, so that they are not "unknown", never read.
      {"status", {"Status"}, false, true},
      RowNumberColumn(),
      {"kesalahan", {"kesalahan"}, false, true},
      {"keterangan", {"Keterangan", "Catatan"}, false, true},
  };
  return *columns;
}

// The honorer's fields an export can fill; the SK cells live on the contract
// periods (`registry contract list`), and an empty SK cell leaves a period as it is.
std::vector<std::string> HonorerCsvHeader() {
  std::vector<std::string> header;
  for (const ColumnSpec& c : HonorerColumns()) {
    if (c.field.rfind("sk_", 0) == 0 || (c.ignored && c.field != "status")) continue;
    header.push_back(c.names[0]);
  }
  return header;
}

std::vector<std::string> HonorerCsvRow(const v1::Honorer& h) {
  return {ExcelText(h.nik()),
          h.full_name(),
          DateCell(h.birth_date()),
          h.gender() == v1::MALE ? "L" : h.gender() == v1::FEMALE ? "P" : "",
          EnumName(common::v1::Education_descriptor(), h.education()),
          h.unit_kerja(),
          EnumName(common::v1::JabatanCategory_descriptor(), h.jabatan_category()),
          h.position_title(),
          DateCell(h.service_start_date()),
          DateCell(h.contract_start()),
          DateCell(h.contract_end()),
          h.contact().email(),
          ExcelText(h.contact().whatsapp()),
          EnumName(v1::HonorerStatus_descriptor(), h.status())};
}

std::vector<std::vector<std::string>> HonorerTemplate(int year) {
  std::vector<std::string> header;
  for (const ColumnSpec& c : HonorerColumns()) {
    if (!c.ignored) header.push_back(c.names[0]);
  }
  const std::string y = std::to_string(year);
  // NIK: 53 NTT, 71 Kota Kupang, kecamatan, birth day (a woman's + 40), serial.
  return {header,
          {ExcelText("5371011203850001"), "Yohanes Mauk", "12/03/1985", "L", "S1",
           "Dinas Pendidikan", "GURU", "Guru Kelas", "01/07/2010", absl::StrCat("01/01/", y),
           absl::StrCat("31/12/", y), "yohanes.mauk@example.id", "0812 3456 7801",
           absl::StrCat("800/0213/BKPPD/", y), "Wali Kota Kupang", absl::StrCat("02/01/", y)},
          {ExcelText("5371024108900002"), "Maria Bele", "1 Agustus 1990", "P", "D3",
           "RSUD S. K. Lerik", "TENAGA_KESEHATAN", "Perawat", "2 Januari 2015", "", "", "",
           "", "", "", ""}};
}

}  // namespace penataan::cli
