#ifndef PENATAAN_CLI_FORMASI_LEAVE_OUT_CSV_H_
#define PENATAAN_CLI_FORMASI_LEAVE_OUT_CSV_H_

// The leave-out CSV of `penataanctl formasi proposal leave-out --file` (and of
// propose-all --except-file): the eligible honorers an instansi does not propose,
// each with its reason. Read as CsvReader reads any spreadsheet's CSV; columns in
// any order, names compared as HeaderKey does:
//   honorer | ID Honorer | nik   who: "honorers/123" or "123", or a 16-digit NIK (as
//                                NikFromSpreadsheet reads it)            one of the two
//   alasan | reason      tidak-aktif, anggaran, tidak-ada-kebutuhan, meninggal, lainnya
//   catatan | Keterangan | note   required with lainnya
//   No. | Nomor          a row number, ignored
// Errors name the CSV line (the header is line 1) and the column; a NIK is never
// repeated in an error.

#include <cstdint>
#include <istream>
#include <string>
#include <vector>

#include "penataan/formasi/v1/formasi.pb.h"

namespace penataan::cli {

struct LeaveOutRow {
  int64_t line = 0;
  std::string honorer;  // "honorers/123" (empty when the file names NIKs)
  std::string nik;      // 16 digits (empty when the file names honorers)
  formasi::v1::LeaveOutReason reason = formasi::v1::LEAVE_OUT_REASON_UNSPECIFIED;
  std::string note;
};

struct LeaveOutCsv {
  bool by_nik = false;
  std::vector<LeaveOutRow> rows;
  std::vector<std::string> errors;  // empty when every row was read
};

LeaveOutCsv ParseLeaveOutCsv(std::istream& in);

}  // namespace penataan::cli

#endif  // PENATAAN_CLI_FORMASI_LEAVE_OUT_CSV_H_
