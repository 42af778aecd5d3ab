#include "cli/formasi_values.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/civil_time.h"

namespace penataan::cli {
namespace {

namespace v1 = formasi::v1;

bool AllDigits(absl::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// Lower case, with '_' and ' ' as '-': "Tidak Aktif" and "TIDAK_AKTIF" read alike.
std::string Word(const std::string& text) {
  std::string out;
  for (char c : absl::StripAsciiWhitespace(text)) {
    out.push_back(c == '_' || c == ' ' ? '-' : absl::ascii_tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

// A positive integer id with no sign, no leading zero and at most 18 digits.
bool IsId(absl::string_view s) {
  return AllDigits(s) && s[0] != '0' && s.size() <= 18;
}

}  // namespace

const char kReasonChoices[] = "tidak-aktif, anggaran, tidak-ada-kebutuhan, meninggal, lainnya";

std::optional<int64_t> ParseRupiah(const std::string& text) {
  absl::string_view s = absl::StripAsciiWhitespace(text);
  if (absl::StartsWithIgnoreCase(s, "rp")) s = absl::StripLeadingAsciiWhitespace(s.substr(2));
  if (absl::ConsumePrefix(&s, ".")) s = absl::StripLeadingAsciiWhitespace(s);  // "Rp. 2.500.000"
  if (s.empty()) return std::nullopt;
  std::string digits;
  const size_t sep = s.find_first_of(".,");
  if (sep == absl::string_view::npos) {
    digits = std::string(s);
  } else {
    // Grouped: one separator kind throughout, every group after the first of three.
    const char kind = s[sep];
    if (s.find(kind == '.' ? ',' : '.') != absl::string_view::npos) return std::nullopt;
    std::vector<absl::string_view> groups = absl::StrSplit(s, kind);
    if (groups[0].empty() || groups[0].size() > 3) return std::nullopt;
    for (size_t i = 0; i < groups.size(); ++i) {
      if (!AllDigits(groups[i]) || (i > 0 && groups[i].size() != 3)) return std::nullopt;
      digits += std::string(groups[i]);
    }
  }
  if (!AllDigits(digits) || digits.size() > 15) return std::nullopt;
  int64_t v = 0;
  if (!absl::SimpleAtoi(digits, &v) || v <= 0) return std::nullopt;
  return v;
}

std::string FormatRupiah(int64_t idr) {
  std::string digits = absl::StrCat(idr < 0 ? -idr : idr);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back('.');
    out.push_back(digits[i]);
  }
  return absl::StrCat(idr < 0 ? "-Rp " : "Rp ", out);
}

absl::StatusOr<std::vector<absl::Duration>> ParseOffsets(const std::string& text) {
  std::vector<absl::Duration> out;
  if (Word(text) == "none") return out;
  for (absl::string_view item : absl::StrSplit(text, ',')) {
    item = absl::StripAsciiWhitespace(item);
    if (item.empty()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "\"", text, "\": want offsets like 7d,3d,1d,2h (d days, h hours, m minutes) or none"));
    }
    absl::Duration total;
    absl::string_view rest = item;
    while (!rest.empty()) {
      size_t n = 0;
      while (n < rest.size() && absl::ascii_isdigit(static_cast<unsigned char>(rest[n]))) ++n;
      int64_t amount = 0;
      if (n == 0 || n > 6 || n == rest.size() || !absl::SimpleAtoi(rest.substr(0, n), &amount)) {
        return absl::InvalidArgumentError(
            absl::StrCat("\"", item, "\": want a number and a unit, e.g. 7d, 2h or 90m"));
      }
      const char unit = absl::ascii_tolower(static_cast<unsigned char>(rest[n]));
      if (unit == 'd') total += absl::Hours(24 * amount);
      else if (unit == 'h') total += absl::Hours(amount);
      else if (unit == 'm') total += absl::Minutes(amount);
      else {
        return absl::InvalidArgumentError(
            absl::StrCat("\"", item, "\": the unit is d (days), h (hours) or m (minutes)"));
      }
      rest.remove_prefix(n + 1);
    }
    if (total < absl::Minutes(1)) {
      return absl::InvalidArgumentError(absl::StrCat("\"", item, "\": at least 1m"));
    }
    out.push_back(total);
  }
  return out;
}

std::string FormatOffset(absl::Duration d) {
  int64_t minutes = absl::ToInt64Minutes(d);
  const int64_t days = minutes / (24 * 60);
  minutes -= days * 24 * 60;
  const int64_t hours = minutes / 60;
  minutes -= hours * 60;
  std::string out;
  if (days > 0) absl::StrAppend(&out, days, "d");
  if (hours > 0) absl::StrAppend(&out, hours, "h");
  if (minutes > 0 || out.empty()) absl::StrAppend(&out, minutes, "m");
  return out;
}

std::string FormatOffset(const google::protobuf::Duration& d) {
  return FormatOffset(absl::Seconds(d.seconds()));
}

std::optional<std::string> NormalizeCivilTime(const std::string& text) {
  std::string s(absl::StripAsciiWhitespace(text));
  if (s.size() > 10 && (s[10] == 'T' || s[10] == 't')) s[10] = ' ';
  if (s.size() == 16) s += ":00";  // "2025-08-20 23:59"
  absl::CivilSecond at;
  if (s.size() != 19 || s[10] != ' ' ||
      !absl::ParseCivilTime(absl::StrReplaceAll(s, {{" ", "T"}}), &at)) {
    return std::nullopt;
  }
  const std::string normal = absl::FormatCivilTime(at);  // "2025-08-20T23:59:59"
  if (absl::StrReplaceAll(normal, {{"T", " "}}) != s) return std::nullopt;  // 31 Feb etc.
  return s;
}

absl::StatusOr<absl::Time> CivilTimeIn(const std::string& civil, const std::string& zone) {
  auto normal = NormalizeCivilTime(civil);
  if (!normal) {
    return absl::InvalidArgumentError(
        absl::StrCat("\"", civil, "\" is not a time like \"2025-08-25 23:59:59\""));
  }
  absl::TimeZone tz;
  if (!absl::LoadTimeZone(zone, &tz)) {
    return absl::InvalidArgumentError(
        absl::StrCat("\"", zone, "\" is not an IANA zone such as Asia/Jakarta"));
  }
  absl::CivilSecond at;
  absl::ParseCivilTime(absl::StrReplaceAll(*normal, {{" ", "T"}}), &at);
  return absl::FromCivil(at, tz);
}

std::optional<std::string> ParseHonorerName(const std::string& text) {
  absl::string_view s = absl::StripAsciiWhitespace(text);
  absl::ConsumePrefix(&s, "honorers/");
  if (!IsId(s)) return std::nullopt;
  return absl::StrCat("honorers/", s);
}

std::optional<std::string> ParsePeriodName(const std::string& text) {
  absl::string_view s = absl::StripAsciiWhitespace(text);
  absl::ConsumePrefix(&s, "periods/");
  if (!IsId(s)) return std::nullopt;
  return absl::StrCat("periods/", s);
}

std::optional<std::string> ParseProposalName(const std::string& text) {
  absl::string_view s = absl::StripAsciiWhitespace(text);
  absl::ConsumePrefix(&s, "periods/");
  std::vector<absl::string_view> parts = absl::StrSplit(s, '/');
  if (parts.size() == 3 && parts[1] == "proposals") parts.erase(parts.begin() + 1);
  if (parts.size() != 2 || !IsId(parts[0]) || !AllDigits(parts[1]) || parts[1].size() > 16) {
    return std::nullopt;
  }
  return absl::StrCat("periods/", parts[0], "/proposals/", parts[1]);
}

std::optional<formasi::v1::FormasiKind> ParseKind(const std::string& text) {
  const std::string word = Word(text);
  absl::string_view w = word;
  absl::ConsumePrefix(&w, "pppk-");
  if (w == "paruh-waktu") return v1::PPPK_PARUH_WAKTU;
  if (w == "penuh-waktu") return v1::PPPK_PENUH_WAKTU;
  return std::nullopt;
}

std::optional<formasi::v1::LeaveOutReason> ParseLeaveOutReason(const std::string& text) {
  const std::string w = Word(text);
  if (w == "tidak-aktif" || w == "tidak-aktif-bekerja" || w == "not-active") {
    return v1::TIDAK_AKTIF_BEKERJA;
  }
  if (w == "anggaran" || w == "anggaran-tidak-cukup" || w == "budget") {
    return v1::ANGGARAN_TIDAK_CUKUP;
  }
  if (w == "tidak-ada-kebutuhan" || w == "kebutuhan" || w == "no-need") {
    return v1::TIDAK_ADA_KEBUTUHAN;
  }
  if (w == "meninggal" || w == "meninggal-dunia" || w == "deceased") return v1::MENINGGAL_DUNIA;
  if (w == "lainnya" || w == "other") return v1::LAINNYA;
  return std::nullopt;
}

std::string ReasonLabel(formasi::v1::LeaveOutReason reason) {
  switch (reason) {
    case v1::TIDAK_AKTIF_BEKERJA: return "tidak aktif bekerja";
    case v1::ANGGARAN_TIDAK_CUKUP: return "anggaran tidak cukup";
    case v1::TIDAK_ADA_KEBUTUHAN: return "tidak ada kebutuhan";
    case v1::MENINGGAL_DUNIA: return "meninggal dunia";
    case v1::LAINNYA: return "lainnya";
    default: return "(tanpa alasan)";
  }
}

std::optional<formasi::v1::DecideProposalRequest::Decision> ParseDecision(
    const std::string& text) {
  const std::string w = Word(text);
  if (w == "approve" || w == "setujui") return v1::DecideProposalRequest::APPROVE;
  if (w == "reject" || w == "tolak") return v1::DecideProposalRequest::REJECT;
  if (w == "return" || w == "kembalikan") return v1::DecideProposalRequest::RETURN;
  return std::nullopt;
}

}  // namespace penataan::cli
