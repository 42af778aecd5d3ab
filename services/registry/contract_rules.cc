#include "services/registry/contract_rules.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "common/plain_text.h"
#include "common/utf8.h"
#include "services/registry/honorer.h"

namespace penataan::registry {
namespace {

// Required text: not blank, at most `max` bytes, valid UTF-8.
std::optional<std::string> TextProblem(const std::string& value, size_t max, bool required) {
  if (absl::StripAsciiWhitespace(value).empty()) {
    if (required) return std::string("is required");
    return std::nullopt;
  }
  // An import's cells reach here without the edge's check of request text.
  if (std::string p = penataan::TextProblem(value, TextKind::kOneLine); !p.empty()) return p;
  if (value.size() > max) return absl::StrCat("is longer than ", max, " bytes");
  return std::nullopt;
}

}  // namespace

std::vector<Violation> ValidateNewSk(const NewSk& sk, const std::string& prefix) {
  std::vector<Violation> out;
  auto field = [&](const char* name) { return absl::StrCat(prefix, name); };
  if (auto p = TextProblem(sk.sk_number, kMaxSkNumberBytes, true)) {
    out.push_back({field("sk_number"), 0, *p});
  }
  if (!sk.start_date) out.push_back({field("start_date"), 0, "is required"});
  if (!sk.end_date) out.push_back({field("end_date"), 0, "is required"});
  if (sk.start_date && sk.end_date) {
    const absl::CivilDay start = *sk.start_date;
    const absl::CivilDay latest(start.year() + kMaxContractYears, start.month(), start.day());
    if (*sk.end_date < start) {
      out.push_back({field("end_date"), 0, "is before start_date"});
    } else if (*sk.end_date > latest) {
      out.push_back({field("end_date"), 0,
                     absl::StrCat("is more than ", kMaxContractYears, " years after start_date")});
    }
  }
  if (auto p = TextProblem(sk.signed_by, kMaxSignedByBytes, true)) {
    out.push_back({field("signed_by"), 0, *p});
  }
  return out;
}

absl::StatusOr<Contract> ParseImportSk(const std::string& sk_number, const std::string& signed_by,
                                       const std::string& signed_date, bool has_period) {
  Contract out;
  std::vector<Violation> bad;
  const std::string number(absl::StripAsciiWhitespace(sk_number));
  const std::string signer(absl::StripAsciiWhitespace(signed_by));
  const std::string date(absl::StripAsciiWhitespace(signed_date));
  if (number.empty() && signer.empty() && date.empty()) return out;
  if (!has_period) {
    const char* column = !number.empty() ? "sk_number" : !signer.empty() ? "sk_signed_by"
                                                                          : "sk_signed_date";
    bad.push_back({column, 0, "an SK needs the row's contract_start and contract_end"});
  }
  if (auto p = TextProblem(number, kMaxSkNumberBytes, false)) bad.push_back({"sk_number", 0, *p});
  if (auto p = TextProblem(signer, kMaxSignedByBytes, false)) {
    bad.push_back({"sk_signed_by", 0, *p});
  }
  if (!date.empty()) {
    out.signed_date = ParseIsoDate(date);
    if (!out.signed_date) {
      bad.push_back({"sk_signed_date", 0,
                     absl::StrCat("\"", ValidUtf8(date, 40), "\" is not a date YYYY-MM-DD")});
    }
  }
  if (!bad.empty()) return InvalidFields(bad);
  out.sk_number = number;
  out.signed_by = signer;
  return out;
}

}  // namespace penataan::registry
