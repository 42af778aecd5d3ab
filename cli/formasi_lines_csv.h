#ifndef PENATAAN_CLI_FORMASI_LINES_CSV_H_
#define PENATAAN_CLI_FORMASI_LINES_CSV_H_

// The proposal-lines CSV of `penataanctl formasi proposal add-lines`, one line of a
// proposal per record, as CsvReader reads it (comma, semicolon or tab; UTF-8,
// UTF-16 or Windows-1252). Columns in any order, names compared as HeaderKey
// does (case, spaces, dots, underscores ignored):
//   kategori | Kategori Jabatan | jabatan_category     GURU, tenaga-kesehatan, ...  required
//   jabatan | Nama Jabatan | position_title            "Perawat"                    required
//   pendidikan | Pendidikan Terakhir | Kualifikasi Pendidikan | education
//                                                       SMA, D3, S1, ...             required
//   unit_kerja | Unit Kerja | unit                      "RSUD"                       required
//   jumlah | Jumlah Formasi | count     posts; may be left empty when honorers are named
//   gaji | Gaji per Bulan | monthly_pay_idr   "2.500.000" rupiah per month            required
//   honorer | honorers                  "honorers/12;13;honorers/40" (';' or ',')
//   No. | Nomor                         a row number, ignored
// Every error names the CSV line (the header is line 1) and the column as the file
// spells it, and every record is checked: a person fixes a file once, not once
// per error.

#include <istream>
#include <string>
#include <vector>

#include "penataan/formasi/v1/formasi.pb.h"

namespace penataan::cli {

struct LinesCsv {
  std::vector<formasi::v1::ProposalLine> lines;
  // "line 3, column gaji: \"2,5\" is not an amount in rupiah"; empty when none.
  std::vector<std::string> errors;
};

LinesCsv ParseLinesCsv(std::istream& in);

}  // namespace penataan::cli

#endif  // PENATAAN_CLI_FORMASI_LINES_CSV_H_
