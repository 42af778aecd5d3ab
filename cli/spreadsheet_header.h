#ifndef PENATAAN_CLI_SPREADSHEET_HEADER_H_
#define PENATAAN_CLI_SPREADSHEET_HEADER_H_

// The header line of a CSV a person made: which column holds each field, found by
// any of the field's names, compared as HeaderKey does (case, spaces, dots,
// underscores, dashes and slashes ignored: "Tanggal Lahir", "tanggal_lahir" and
// "TANGGAL-LAHIR" are one name; "L/P" is "lp").
//
// Every problem of the header is reported at once, so a person fixes it once:
// unknown columns (when refused), a field named twice, each missing required field
// (with the names it may have).

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"

namespace penataan::cli {

// Lower-case ASCII letters and digits of `name`, everything else dropped except
// bytes of non-ASCII UTF-8 letters, which are kept as they are.
std::string HeaderKey(absl::string_view name);

struct ColumnSpec {
  // The field's own name: what callers ask for, and the first name in errors.
  std::string field;
  // Every name a file may give the column (the field's own included), as a
  // person writes it: "Tanggal Lahir", "birth_date". Compared by HeaderKey.
  std::vector<std::string> names;
  bool required = false;
  // A known column whose cells are not read (a "No." numbering column, the
  // `kesalahan` column of an errors file, a read-only column of an export).
  bool ignored = false;
};

// The "No." column people number their rows with ("No", "No.", "Nomor", "No Urut",
// "Nomor Urut"): known
// and ignored, so a file that refuses unknown columns still takes it.
ColumnSpec RowNumberColumn();

enum class UnknownColumns { kRefuse, kIgnore };

class SpreadsheetHeader {
 public:
  // Reads line 1. Appends to `errors` one message per problem:
  //   line 1, column 3: unknown column "Tgl Lhr"
  //   line 1, column 5: "Nama" says again what column 2 ("nama lengkap") says
  //   line 1: missing column "birth_date" (or: Tanggal Lahir, tanggal_lahir)
  SpreadsheetHeader(const std::vector<std::string>& cells, const std::vector<ColumnSpec>& spec,
                    UnknownColumns unknown, std::vector<std::string>& errors);

  bool Has(const std::string& field) const { return index_.contains(field); }
  // The 0-based column of `field`, or -1.
  int Index(const std::string& field) const;
  // The column's name as the file spells it (for messages); `field` when absent.
  std::string Typed(const std::string& field) const;
  // The cell of `field` in a record, surrounding white space removed and Excel's
  // text marks taken off (PlainCell); "" when the column is absent or the record
  // is short.
  std::string Cell(const std::vector<std::string>& cells, const std::string& field) const;
  // The header's cells as read (for writing an errors file with the same header).
  const std::vector<std::string>& cells() const { return cells_; }
  // The `ignored` columns the file has, as it spells them (to say they were not read).
  const std::vector<std::string>& skipped() const { return skipped_; }

 private:
  std::vector<std::string> cells_;
  std::vector<std::string> skipped_;
  absl::flat_hash_map<std::string, int> index_;
};

}  // namespace penataan::cli

#endif  // PENATAAN_CLI_SPREADSHEET_HEADER_H_
