#ifndef PENATAAN_CLI_CONTRACT_VALUES_H_
#define PENATAAN_CLI_CONTRACT_VALUES_H_

// What a person types for `penataanctl registry contract` and `registry
// crucial-units` (honorers by name or NIK, review outcomes, crucial units, the
// reviews CSV, the exclusions CSV) read into API values, and the API values shown
// back: the expiring table and its summary, a renewal's counts per reason. Pure
// functions: each answers nullopt or an error in words for text it does not
// accept, never guesses. A NIK is never repeated in an error: a line or a
// position names it.

#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "penataan/registry/v1/registry.pb.h"

namespace penataan::cli {

// An honorer as typed: "honorers/12" or "12" (name set), or a NIK of 16 digits
// (nik set). Exactly one of the two is set. 12 digits or more that are not 16 are
// a mistyped NIK, not an id: nullopt.
struct HonorerRef {
  std::string name;
  std::string nik;
};
std::optional<HonorerRef> ParseHonorerRef(const std::string& text);

// BAIK, CUKUP, KURANG in any case (also "baik " with spaces around).
std::optional<registry::v1::ReviewOutcome> ParseReviewOutcome(const std::string& text);
// "BAIK", …; "-" for none (UNSPECIFIED).
std::string ReviewCell(registry::v1::ReviewOutcome outcome);

// `--unit "Dinas Pemadam Kebakaran=Pemadam kebakaran"` or `--prefix-unit
// "Puskesmas=Pelayanan kesehatan"`: the unit, '=', the reason (split at the first
// '='; both required).
absl::StatusOr<registry::v1::CrucialUnit> ParseCrucialUnitFlag(const std::string& text,
                                                               bool prefix);

// The CSV files below are read as CsvReader reads a spreadsheet's CSV (comma,
// semicolon or tab; UTF-8, UTF-16 or Windows-1252), their column names compared
// as HeaderKey does ("Unit Kerja" is unit_kerja), a NIK as NikOf16Digits reads it.
//
// The crucial units CSV of `crucial-units set --file`. Columns (any order):
//   unit_kerja | unit        the unit as honorers' unit_kerja reads       required
//   alasan | reason          why it is crucial                            required
//   awalan | prefix          ya/tidak (yes/no, 1/0): also every unit whose name
//                            starts with it ("Puskesmas")                 optional
//   No. | Nomor              a row number, ignored
// Errors name the line (the header is line 1) and the column, all at once.
struct CrucialUnitsCsv {
  std::vector<registry::v1::CrucialUnit> units;
  std::vector<std::string> errors;
};
CrucialUnitsCsv ParseCrucialUnitsCsv(std::istream& in);

// The reviews CSV of `contract review import`. Columns (any order, any case):
//   nik | honorer            the honorer: a NIK, or honorers/ID            one of them
//   tahun | Tahun Penilaian | year   the contract year reviewed  required unless default_year
//   hasil | Hasil Penilaian | outcome   BAIK, CUKUP, KURANG                required
//   penilai | Pejabat Penilai | reviewer   who reviewed ("Kepala Dinas …")  required
//   catatan | Keterangan | note      optional
// Other columns (nama, unit_kerja, …) are for the reader and ignored. Each row
// carries its CSV line as row_number. Every bad row is named by its line.
struct ReviewCsv {
  std::vector<registry::v1::ImportPerformanceReviewsRequest::Row> rows;
  std::vector<std::string> errors;
};
ReviewCsv ParseReviewCsv(std::istream& in, int default_year);

// The exclusions CSV of `contract renew --exclude-file`: a column honorer (or
// nik); other columns (nama, alasan, …) are for the reader and ignored.
struct ExcludeEntry {
  int64_t line = 0;
  HonorerRef who;
};
struct ExcludeCsv {
  std::vector<ExcludeEntry> entries;
  std::vector<std::string> errors;
};
ExcludeCsv ParseExcludeCsv(std::istream& in);

// Why an honorer was not renewed, in a few Indonesian words ("penilaian kinerja
// KURANG", "lulus CPNS", …), for the per-reason lines.
std::string ExclusionLabel(registry::v1::RenewalExclusion::Reason reason);

// UNIT | NAME | SK | END | DAYS LEFT | REVIEW | CRUCIAL | STATUS | HONORER.
extern const std::vector<std::string> kExpiringHeaders;
std::vector<std::vector<std::string>> ExpiringRows(
    const registry::v1::ListExpiringContractsResponse& response);
// "2180 contracts end 2020-12-01..2020-12-31 (reviews missing: 37)", with the
// ended ones counted when there are any.
std::string ExpiringSummary(const registry::v1::ListExpiringContractsResponse& response);

// A renewal's counts in words, one line each: what was (or would be) renewed,
// then "excluded N", then one line per reason, largest first.
std::vector<std::string> RenewalCountLines(const registry::v1::RenewContractsResponse& response);
// HONORER | NAME | UNIT | REASON | MESSAGE, one row per exclusion.
extern const std::vector<std::string> kExclusionHeaders;
std::vector<std::vector<std::string>> ExclusionRows(
    const registry::v1::RenewContractsResponse& response);

// A fresh request id for a renewal of `instansi`: "renew-5371-" and 16 random hex
// digits.
std::string NewRenewalRequestId(const std::string& instansi);

}  // namespace penataan::cli

#endif  // PENATAAN_CLI_CONTRACT_VALUES_H_
