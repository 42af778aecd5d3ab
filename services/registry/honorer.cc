#include "services/registry/honorer.h"

#include <algorithm>
#include <limits>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "absl/time/time.h"
#include "common/plain_text.h"
#include "common/utf8.h"
#include "services/registry/nik.h"

namespace penataan::registry {
namespace {

constexpr size_t kMaxText = 200;

// A cell quoted in an error: it came from a file, so cut short (on a character
// boundary) and made valid UTF-8 before it is stored with the import's errors.
std::string Quoted(absl::string_view cell) {
  return absl::StrCat("\"", ValidUtf8(cell, 40), "\"");
}

void CheckText(const std::string& value, const std::string& field, bool required,
               std::vector<Violation>& out) {
  // An import's cells reach here without the edge's check of request text.
  std::string problem = TextProblem(value, TextKind::kOneLine);
  if (required && absl::StripAsciiWhitespace(value).empty()) {
    out.push_back({field, 0, "is required"});
  } else if (!problem.empty()) {
    out.push_back({field, 0, std::move(problem)});
  } else if (value.size() > kMaxText) {
    out.push_back({field, 0, absl::StrCat("is longer than ", kMaxText, " characters")});
  }
}

// Upper case, spaces and dashes removed: "Tenaga Kesehatan" -> "TENAGAKESEHATAN".
std::string Normalize(absl::string_view text) {
  std::string out;
  for (char c : absl::StripAsciiWhitespace(text)) {
    if (c == ' ' || c == '-' || c == '_' || c == '.') continue;
    out.push_back(absl::ascii_toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

std::optional<Gender> ParseGender(absl::string_view text) {
  const std::string n = Normalize(text);
  if (n == "MALE" || n == "L" || n == "LAKILAKI" || n == "M") return v1::MALE;
  if (n == "FEMALE" || n == "P" || n == "PEREMPUAN" || n == "F" || n == "W") return v1::FEMALE;
  return std::nullopt;
}

std::optional<Education> ParseEducation(absl::string_view text) {
  std::string n = Normalize(text);
  n = absl::StrReplaceAll(n, {{"DIV", "D4"}, {"DIII", "D3"}, {"DII", "D2"}, {"DI", "D1"}});
  if (n == "SLTP") n = "SMP";
  if (n == "SLTA" || n == "SMK" || n == "MA") n = "SMA";
  Education e;
  if (!n.empty() && common::v1::Education_Parse(n, &e) && e != common::v1::EDUCATION_UNSPECIFIED) return e;
  return std::nullopt;
}

std::optional<JabatanCategory> ParseCategory(absl::string_view text) {
  const std::string n = Normalize(text);
  if (n == "GURU") return common::v1::GURU;
  if (n == "TENAGAKEPENDIDIKAN") return common::v1::TENAGA_KEPENDIDIKAN;
  if (n == "TENAGAKESEHATAN") return common::v1::TENAGA_KESEHATAN;
  if (n == "TENAGATEKNIS") return common::v1::TENAGA_TEKNIS;
  // The general posts of the 2025 PPPK selection.
  if (n == "PENGELOLAUMUMOPERASIONAL") return common::v1::PENGELOLA_UMUM_OPERASIONAL;
  if (n == "OPERATORLAYANANOPERASIONAL") return common::v1::OPERATOR_LAYANAN_OPERASIONAL;
  if (n == "PENGELOLALAYANANOPERASIONAL") return common::v1::PENGELOLA_LAYANAN_OPERASIONAL;
  if (n == "PENATALAYANANOPERASIONAL") return common::v1::PENATA_LAYANAN_OPERASIONAL;
  return std::nullopt;
}

}  // namespace

bool Honorer::SameDataAs(const Honorer& o) const {
  return nik == o.nik && full_name == o.full_name && birth_date == o.birth_date &&
         gender == o.gender && education == o.education && unit_kerja == o.unit_kerja &&
         jabatan_category == o.jabatan_category && position_title == o.position_title &&
         service_start_date == o.service_start_date && contract_start == o.contract_start &&
         contract_end == o.contract_end && contact == o.contact;
}

// By hand: called for every date of every imported row, where cctz parsing and
// StrFormat showed in profiles.
std::optional<absl::CivilDay> ParseIsoDate(absl::string_view text) {
  text = absl::StripAsciiWhitespace(text);
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto digits = [&](size_t pos, size_t n, int& out) {
    out = 0;
    for (size_t i = pos; i < pos + n; ++i) {
      if (text[i] < '0' || text[i] > '9') return false;
      out = out * 10 + (text[i] - '0');
    }
    return true;
  };
  int y, m, d;
  if (!digits(0, 4, y) || !digits(5, 2, m) || !digits(8, 2, d)) return std::nullopt;
  if (m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  const absl::CivilDay day(y, m, d);
  if (day.month() != m || day.day() != d) return std::nullopt;  // 2025-02-30 would normalise
  return day;
}

std::string FormatIsoDate(absl::CivilDay day) {
  char buf[11];
  int y = static_cast<int>(day.year());
  buf[0] = static_cast<char>('0' + y / 1000 % 10);
  buf[1] = static_cast<char>('0' + y / 100 % 10);
  buf[2] = static_cast<char>('0' + y / 10 % 10);
  buf[3] = static_cast<char>('0' + y % 10);
  buf[4] = '-';
  buf[5] = static_cast<char>('0' + day.month() / 10);
  buf[6] = static_cast<char>('0' + day.month() % 10);
  buf[7] = '-';
  buf[8] = static_cast<char>('0' + day.day() / 10);
  buf[9] = static_cast<char>('0' + day.day() % 10);
  return std::string(buf, 10);
}

std::vector<Violation> ValidateHonorer(const Honorer& h, absl::CivilDay today,
                                       const std::string& prefix) {
  std::vector<Violation> out;
  auto field = [&](const char* name) { return absl::StrCat(prefix, name); };
  std::optional<bool> female;
  if (h.gender == v1::FEMALE) female = true;
  if (h.gender == v1::MALE) female = false;
  absl::StatusOr<DecodedNik> nik = ValidateNik(h.nik, today, h.birth_date, female);
  if (!nik.ok()) out.push_back({field("nik"), 0, std::string(nik.status().message())});
  CheckText(h.full_name, field("full_name"), true, out);
  if (!h.birth_date) out.push_back({field("birth_date"), 0, "is required"});
  if (h.gender == v1::GENDER_UNSPECIFIED) out.push_back({field("gender"), 0, "is required"});
  if (h.education == common::v1::EDUCATION_UNSPECIFIED) {
    out.push_back({field("education"), 0, "is required"});
  }
  CheckText(h.unit_kerja, field("unit_kerja"), true, out);
  if (h.jabatan_category == common::v1::JABATAN_CATEGORY_UNSPECIFIED) {
    out.push_back({field("jabatan_category"), 0, "is required"});
  }
  CheckText(h.position_title, field("position_title"), false, out);
  if (!h.service_start_date) {
    out.push_back({field("service_start_date"), 0, "is required (TMT)"});
  } else if (*h.service_start_date > today) {
    out.push_back({field("service_start_date"), 0, "is in the future"});
  } else if (h.birth_date && *h.service_start_date < *h.birth_date) {
    out.push_back({field("service_start_date"), 0, "is before birth_date"});
  }
  if (h.contract_start && h.contract_end && *h.contract_end < *h.contract_start) {
    out.push_back({field("contract_end"), 0, "is before contract_start"});
  }
  return out;
}

absl::Status ValidateInstansi(const Instansi& instansi) {
  std::vector<Violation> out;
  if (instansi.code.empty() || instansi.code.size() > 16) {
    out.push_back({"instansi.code", 0, "is required, at most 16 characters"});
  }
  for (char c : instansi.code) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '-') {
      out.push_back({"instansi.code", 0, "may contain letters, digits and '-' only"});
      break;
    }
  }
  CheckText(instansi.display_name, "instansi.display_name", true, out);
  if (instansi.level == v1::Instansi::LEVEL_UNSPECIFIED) {
    out.push_back({"instansi.level", 0, "is required"});
  }
  absl::TimeZone zone;
  if (instansi.time_zone.empty() || !absl::LoadTimeZone(instansi.time_zone, &zone)) {
    out.push_back({"instansi.time_zone", 0,
                   "must be an IANA zone such as Asia/Jakarta, Asia/Makassar, Asia/Jayapura"});
  }
  return InvalidFields(out);
}

absl::StatusOr<Honorer> ParseImportRow(const v1::ImportRow& row, const std::string& instansi_code,
                                       absl::CivilDay today) {
  Honorer h;
  std::vector<Violation> out;
  h.instansi_code = instansi_code;
  h.nik = std::string(absl::StripAsciiWhitespace(row.nik()));
  h.full_name = std::string(absl::StripAsciiWhitespace(row.full_name()));
  h.unit_kerja = std::string(absl::StripAsciiWhitespace(row.unit_kerja()));
  h.position_title = std::string(absl::StripAsciiWhitespace(row.position_title()));
  auto date = [&](const std::string& text, const char* name, bool required,
                  std::optional<absl::CivilDay>& into) {
    if (absl::StripAsciiWhitespace(text).empty()) {
      if (required) out.push_back({name, 0, "is required"});
      return;
    }
    into = ParseIsoDate(text);
    if (!into) out.push_back({name, 0, absl::StrCat(Quoted(text), " is not a date YYYY-MM-DD")});
  };
  date(row.birth_date(), "birth_date", true, h.birth_date);
  date(row.service_start_date(), "service_start_date", true, h.service_start_date);
  date(row.contract_start(), "contract_start", false, h.contract_start);
  date(row.contract_end(), "contract_end", false, h.contract_end);
  if (auto g = ParseGender(row.gender())) {
    h.gender = *g;
  } else {
    out.push_back({"gender", 0, absl::StrCat(Quoted(row.gender()), " is not L/P (MALE/FEMALE)")});
  }
  if (auto e = ParseEducation(row.education())) {
    h.education = *e;
  } else {
    out.push_back({"education", 0, absl::StrCat(Quoted(row.education()), " is not SD..S3")});
  }
  if (auto c = ParseCategory(row.jabatan_category())) {
    h.jabatan_category = *c;
  } else {
    out.push_back({"jabatan_category", 0,
                   absl::StrCat(Quoted(row.jabatan_category()),
                                " is not GURU, TENAGA_KEPENDIDIKAN, TENAGA_KESEHATAN, "
                                "TENAGA_TEKNIS or a 2025 general post (PENGELOLA_UMUM_"
                                "OPERASIONAL, OPERATOR_LAYANAN_OPERASIONAL, PENGELOLA_"
                                "LAYANAN_OPERASIONAL, PENATA_LAYANAN_OPERASIONAL)")});
  }
  h.contact = HonorerContactInfo{row.email(), row.whatsapp()};
  for (Violation& v : NormalizeContact(h.contact, "")) out.push_back(std::move(v));
  // The rules on what did parse, so that the admin fixes the row in one go. A cell
  // that could not be read is named already: ValidateHonorer's "is required" for it
  // is dropped, and the rules that need it (the NIK against the birth date or
  // gender, TMT after birth) are skipped by ValidateHonorer for a missing value.
  const size_t unreadable = out.size();
  for (Violation& v : ValidateHonorer(h, today, "")) {
    const bool named = std::any_of(out.begin(), out.begin() + unreadable,
                                   [&](const Violation& u) { return u.field == v.field; });
    if (!named) out.push_back(std::move(v));
  }
  if (out.empty()) return h;
  for (Violation& v : out) v.row = row.row_number();
  OrderByImportColumn(out);
  return InvalidFields(out);
}

void OrderByImportColumn(std::vector<Violation>& violations) {
  const google::protobuf::Descriptor& columns = *v1::ImportRow::descriptor();
  auto column = [&](const Violation& v) {
    const google::protobuf::FieldDescriptor* f = columns.FindFieldByName(v.field);
    return f != nullptr ? f->number() : std::numeric_limits<int>::max();
  };
  std::stable_sort(violations.begin(), violations.end(),
                   [&](const Violation& a, const Violation& b) { return column(a) < column(b); });
}

}  // namespace penataan::registry
