#include "cli/contract_values.h"

#include <algorithm>
#include <map>
#include <random>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "cli/csv_reader.h"
#include "cli/formasi_values.h"
#include "cli/nik_cell.h"
#include "cli/proto_text.h"
#include "cli/spreadsheet_header.h"
#include "common/utf8.h"

namespace penataan::cli {
namespace {

namespace v1 = registry::v1;

bool IsNik(absl::string_view s) {
  return s.size() == 16 && std::all_of(s.begin(), s.end(), [](char c) {
           return absl::ascii_isdigit(static_cast<unsigned char>(c));
         });
}

std::string Trimmed(absl::string_view s) { return std::string(absl::StripAsciiWhitespace(s)); }

std::optional<bool> ParseYesNo(const std::string& text) {
  const std::string t = absl::AsciiStrToLower(Trimmed(text));
  if (t.empty() || t == "tidak" || t == "no" || t == "false" || t == "0" || t == "t" ||
      t == "n") {
    return false;
  }
  if (t == "ya" || t == "yes" || t == "true" || t == "1" || t == "y") return true;
  return std::nullopt;
}

// A duplicate honorer in one file is an error naming the first line it was on.
class FirstLines {
 public:
  // Empty when `key` is new; else the error text.
  std::string Seen(const std::string& key, int64_t line) {
    auto [it, fresh] = first_.emplace(key, line);
    return fresh ? "" : absl::StrCat("the same honorer as on line ", it->second);
  }

 private:
  absl::flat_hash_map<std::string, int64_t> first_;
};

}  // namespace

std::optional<HonorerRef> ParseHonorerRef(const std::string& text) {
  const std::string t = Trimmed(text);
  if (IsNik(t)) return HonorerRef{"", t};
  // A NIK typed short or long is not an honorer id: ids stay far below 12 digits.
  if (t.size() >= 12 && std::all_of(t.begin(), t.end(), [](char c) {
        return absl::ascii_isdigit(static_cast<unsigned char>(c));
      })) {
    return std::nullopt;
  }
  if (auto name = ParseHonorerName(t)) return HonorerRef{*name, ""};
  return std::nullopt;
}

std::optional<v1::ReviewOutcome> ParseReviewOutcome(const std::string& text) {
  auto v = ParseEnumName(v1::ReviewOutcome_descriptor(), text);
  if (!v) return std::nullopt;
  return static_cast<v1::ReviewOutcome>(*v);
}

std::string ReviewCell(v1::ReviewOutcome outcome) {
  if (outcome == v1::REVIEW_OUTCOME_UNSPECIFIED) return "-";
  return EnumName(v1::ReviewOutcome_descriptor(), outcome);
}

absl::StatusOr<v1::CrucialUnit> ParseCrucialUnitFlag(const std::string& text, bool prefix) {
  const char* flag = prefix ? "--prefix-unit" : "--unit";
  const size_t eq = text.find('=');
  if (eq == std::string::npos) {
    return absl::InvalidArgumentError(absl::StrCat(
        flag, " \"", ValidUtf8(text, 60), "\": want UNIT=REASON, e.g. ",
        prefix ? "\"Puskesmas=Pelayanan kesehatan\"" : "\"BPBD=Penanggulangan bencana\""));
  }
  v1::CrucialUnit unit;
  unit.set_unit_kerja(Trimmed(text.substr(0, eq)));
  unit.set_reason(Trimmed(text.substr(eq + 1)));
  unit.set_prefix(prefix);
  if (unit.unit_kerja().empty() || unit.reason().empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        flag, " \"", ValidUtf8(text, 60), "\": both the unit and the reason are required"));
  }
  return unit;
}

CrucialUnitsCsv ParseCrucialUnitsCsv(std::istream& in) {
  CrucialUnitsCsv out;
  CsvReader csv(in);
  std::vector<std::string> cells;
  if (!NextDataRecord(csv, cells, out.errors)) {
    if (out.errors.empty()) {
      out.errors.push_back("the file is empty: want a header line (unit_kerja,alasan,awalan)");
    }
    return out;
  }
  const SpreadsheetHeader header(cells,
                                 {{"unit_kerja", {"Unit Kerja", "unit"}, true},
                                  {"alasan", {"Alasan", "reason"}, true},
                                  {"awalan", {"Awalan", "prefix"}},
                                  RowNumberColumn()},
                                 UnknownColumns::kRefuse, out.errors);
  if (!out.errors.empty()) return out;
  while (NextDataRecord(csv, cells, out.errors)) {
    const int64_t line = csv.line();
    const size_t before = out.errors.size();
    v1::CrucialUnit unit;
    unit.set_unit_kerja(header.Cell(cells, "unit_kerja"));
    unit.set_reason(header.Cell(cells, "alasan"));
    for (const char* field : {"unit_kerja", "alasan"}) {
      if (header.Cell(cells, field).empty()) {
        out.errors.push_back(
            absl::StrCat("line ", line, ", column ", header.Typed(field), ": is required"));
      }
    }
    const std::string prefix = header.Cell(cells, "awalan");
    if (auto p = ParseYesNo(prefix)) {
      unit.set_prefix(*p);
    } else {
      out.errors.push_back(absl::StrCat("line ", line, ", column ", header.Typed("awalan"), ": \"",
                                        ValidUtf8(prefix, 20), "\" is not ya or tidak"));
    }
    if (out.errors.size() == before) out.units.push_back(std::move(unit));
  }
  return out;
}

ReviewCsv ParseReviewCsv(std::istream& in, int default_year) {
  ReviewCsv out;
  CsvReader csv(in);
  std::vector<std::string> cells;
  if (!NextDataRecord(csv, cells, out.errors)) {
    if (out.errors.empty()) {
      out.errors.push_back(
          "the file is empty: want a header line (nik,tahun,hasil,penilai,catatan)");
    }
    return out;
  }
  const SpreadsheetHeader header(cells,
                                 {{"nik", {"NIK"}},
                                  {"honorer", {"Honorer", "ID Honorer"}},
                                  {"tahun", {"Tahun", "Tahun Penilaian", "year"}},
                                  {"hasil", {"Hasil", "Hasil Penilaian", "outcome"}, true},
                                  {"penilai", {"Penilai", "Pejabat Penilai", "reviewer"}, true},
                                  {"catatan", {"Catatan", "Keterangan", "note"}}},
                                 UnknownColumns::kIgnore, out.errors);
  if (header.Has("nik") == header.Has("honorer")) {
    out.errors.insert(out.errors.begin(), "line 1: want one column \"nik\" or \"honorer\"");
  }
  if (!header.Has("tahun") && default_year == 0) {
    out.errors.push_back("line 1: missing column \"tahun\" (or give --year)");
  }
  if (!out.errors.empty()) return out;
  const bool by_nik = header.Has("nik");
  const std::string who_field = by_nik ? "nik" : "honorer";
  FirstLines first;
  while (NextDataRecord(csv, cells, out.errors)) {
    const int64_t line = csv.line();
    const size_t before = out.errors.size();
    auto error = [&](const std::string& field, absl::string_view what) {
      out.errors.push_back(
          absl::StrCat("line ", line, ", column ", header.Typed(field), ": ", what));
    };
    v1::ImportPerformanceReviewsRequest::Row row;
    row.set_row_number(line);
    const std::string who = header.Cell(cells, who_field);
    if (by_nik) {
      absl::StatusOr<std::string> nik = NikOf16Digits(who);
      if (nik.ok()) row.set_nik(*nik);
      else error("nik", nik.status().message());
    } else if (auto name = ParseHonorerName(who)) {
      row.set_honorer(*name);
    } else {
      error("honorer", absl::StrCat("\"", ValidUtf8(who, 40),
                                    "\" is not an honorer id like honorers/123 or 123"));
    }
    const std::string year_text = header.Cell(cells, "tahun");
    int year = default_year;
    if (!year_text.empty() && (!absl::SimpleAtoi(year_text, &year) || year < 2000 ||
                               year > 2100)) {
      error("tahun", absl::StrCat("\"", ValidUtf8(year_text, 20), "\" is not a year"));
    } else if (year == 0) {
      error("tahun", "is required");
    }
    row.set_year(year);
    const std::string outcome = header.Cell(cells, "hasil");
    if (ParseReviewOutcome(outcome)) {
      row.set_outcome(absl::AsciiStrToUpper(outcome));
    } else {
      error("hasil", absl::StrCat("\"", ValidUtf8(outcome, 20), "\" is not BAIK, CUKUP or KURANG"));
    }
    row.set_reviewer(header.Cell(cells, "penilai"));
    if (row.reviewer().empty()) error("penilai", "is required");
    row.set_note(header.Cell(cells, "catatan"));
    const std::string key = absl::StrCat(row.nik(), row.honorer(), "/", row.year());
    if (out.errors.size() == before) {
      if (std::string dup = first.Seen(key, line); !dup.empty()) {
        error(who_field, absl::StrCat(dup, " for the year ", row.year()));
        continue;
      }
      out.rows.push_back(std::move(row));
    }
  }
  return out;
}

ExcludeCsv ParseExcludeCsv(std::istream& in) {
  ExcludeCsv out;
  CsvReader csv(in);
  std::vector<std::string> cells;
  if (!NextDataRecord(csv, cells, out.errors)) {
    if (out.errors.empty()) {
      out.errors.push_back("the file is empty: want a header line with a column honorer or nik");
    }
    return out;
  }
  const SpreadsheetHeader header(cells, {{"nik", {"NIK"}}, {"honorer", {"Honorer", "ID Honorer"}}},
                                 UnknownColumns::kIgnore, out.errors);
  if (header.Has("nik") == header.Has("honorer")) {
    out.errors.push_back("line 1: want one column \"honorer\" or \"nik\"");
  }
  if (!out.errors.empty()) return out;
  const bool by_nik = header.Has("nik");
  const std::string who_field = by_nik ? "nik" : "honorer";
  FirstLines first;
  while (NextDataRecord(csv, cells, out.errors)) {
    const int64_t line = csv.line();
    auto error = [&](absl::string_view what) {
      out.errors.push_back(
          absl::StrCat("line ", line, ", column ", header.Typed(who_field), ": ", what));
    };
    const std::string who = header.Cell(cells, who_field);
    HonorerRef ref;
    if (by_nik) {
      absl::StatusOr<std::string> nik = NikOf16Digits(who);
      if (!nik.ok()) {
        error(nik.status().message());
        continue;
      }
      ref.nik = *nik;
    } else if (auto named = ParseHonorerRef(who); named && named->nik.empty()) {
      ref = *named;  // a NIK in this column is a mistake, not an honorer id
    } else {
      error(absl::StrCat("\"", ValidUtf8(who, 40),
                         "\" is not an honorer id like honorers/123 or 123"));
      continue;
    }
    if (std::string dup = first.Seen(ref.name + ref.nik, line); !dup.empty()) {
      error(dup);
      continue;
    }
    out.entries.push_back({line, ref});
  }
  return out;
}

std::string ExclusionLabel(v1::RenewalExclusion::Reason reason) {
  switch (reason) {
    case v1::RenewalExclusion::EXCLUDED_BY_REQUEST: return "dikecualikan atas permintaan";
    case v1::RenewalExclusion::REVIEW_KURANG: return "penilaian kinerja KURANG";
    case v1::RenewalExclusion::REVIEW_MISSING: return "belum ada penilaian kinerja";
    case v1::RenewalExclusion::RESIGNED: return "mengundurkan diri";
    case v1::RenewalExclusion::MOVED_TO_CPNS: return "lulus CPNS";
    case v1::RenewalExclusion::PPPK: return "sudah PPPK";
    case v1::RenewalExclusion::CONTRACT_ENDED: return "diberhentikan";
    case v1::RenewalExclusion::OVERLAPPING_CONTRACT: return "kontrak lain tumpang tindih";
    default: return "";
  }
}

const std::vector<std::string> kExpiringHeaders = {
    "UNIT", "NAME", "SK", "END", "DAYS LEFT", "REVIEW", "CRUCIAL", "STATUS", "HONORER"};

std::vector<std::vector<std::string>> ExpiringRows(const v1::ListExpiringContractsResponse& r) {
  std::vector<std::vector<std::string>> rows;
  rows.reserve(r.contracts_size());
  for (const v1::ExpiringContract& e : r.contracts()) {
    rows.push_back({e.unit_kerja(), e.full_name(),
                    e.contract().sk_number().empty() ? "-" : e.contract().sk_number(),
                    FormatDate(e.contract().end_date()),
                    e.days_left() < 0 ? absl::StrCat("ended ", -e.days_left(), "d ago")
                                      : absl::StrCat(e.days_left()),
                    ReviewCell(e.review()), e.crucial_unit() ? "yes" : "no",
                    EnumName(v1::HonorerStatus_descriptor(), e.status()),
                    e.contract().honorer()});
  }
  return rows;
}

std::string ExpiringSummary(const v1::ListExpiringContractsResponse& r) {
  int64_t ended = 0;
  for (const v1::ExpiringContract& e : r.contracts()) ended += e.days_left() < 0;
  std::string line = absl::StrCat(r.total_size(), " contracts end ", FormatDate(r.today()), "..",
                                  FormatDate(r.until()));
  if (ended > 0) absl::StrAppend(&line, " or ended without renewal (", ended, " ended)");
  absl::StrAppend(&line, "; reviews missing: ", r.reviews_missing());
  return line;
}

std::vector<std::string> RenewalCountLines(const v1::RenewContractsResponse& r) {
  std::vector<std::string> lines;
  const bool dry = r.dry_run();
  lines.push_back(absl::StrCat(r.matched(), " matched: ", r.renewed(),
                               dry ? " would be renewed" : " renewed", " (", r.reactivated(),
                               dry ? " of them would return" : " of them returned",
                               " to work from DIRUMAHKAN), ", r.already_renewed(),
                               " already had this SK, ", r.excluded(), " excluded"));
  std::vector<v1::RenewContractsResponse::ReasonCount> counts(r.excluded_by_reason().begin(),
                                                              r.excluded_by_reason().end());
  std::stable_sort(counts.begin(), counts.end(), [](const auto& a, const auto& b) {
    return a.count() != b.count() ? a.count() > b.count() : a.reason() < b.reason();
  });
  for (const auto& c : counts) {
    lines.push_back(absl::StrFormat(
        "  %-22s %6d  %s", EnumName(v1::RenewalExclusion::Reason_descriptor(), c.reason()),
        c.count(), ExclusionLabel(c.reason())));
  }
  return lines;
}

const std::vector<std::string> kExclusionHeaders = {"HONORER", "NAME", "UNIT", "REASON",
                                                    "MESSAGE"};

std::vector<std::vector<std::string>> ExclusionRows(const v1::RenewContractsResponse& r) {
  std::vector<std::vector<std::string>> rows;
  for (const v1::RenewalExclusion& e : r.exclusions()) {
    rows.push_back({e.honorer(), e.full_name(), e.unit_kerja(),
                    EnumName(v1::RenewalExclusion::Reason_descriptor(), e.reason()),
                    e.message()});
  }
  return rows;
}

std::string NewRenewalRequestId(const std::string& instansi) {
  std::random_device device;
  const uint64_t bits = (static_cast<uint64_t>(device()) << 32) ^ device();
  return absl::StrFormat("renew-%s-%016x", instansi, bits);
}

}  // namespace penataan::cli
