#include "services/formasi/proposal_rules.h"

#include <limits>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "common/utf8.h"

namespace penataan::formasi {
namespace {

constexpr size_t kMaxText = 200;
constexpr size_t kMaxNote = 500;

bool Blank(const std::string& s) { return absl::StripAsciiWhitespace(s).empty(); }

void CheckText(const std::string& value, const std::string& field, size_t max, bool required,
               std::vector<Violation>& out) {
  if (std::optional<Violation> v = TextViolation(value, field, max, required)) out.push_back(*v);
}

// "Rp 1.234.567", as Indonesians write amounts.
std::string Rupiah(int64_t amount) {
  std::string digits = absl::StrCat(amount < 0 ? -amount : amount);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back('.');
    out.push_back(digits[i]);
  }
  return absl::StrCat(amount < 0 ? "-" : "", "Rp ", out);
}

}  // namespace

std::optional<Violation> TextViolation(const std::string& value, const std::string& field,
                                       size_t max, bool required) {
  if (required && Blank(value)) return Violation{field, 0, "is required"};
  if (!IsValidUtf8(value)) return Violation{field, 0, "is not valid UTF-8"};
  if (value.size() > max) {
    return Violation{field, 0, absl::StrCat("is longer than ", max, " bytes")};
  }
  return std::nullopt;
}

absl::Status CheckText(const std::string& value, const std::string& field, size_t max,
                       bool required) {
  std::optional<Violation> v = TextViolation(value, field, max, required);
  return v ? InvalidField(v->field, v->description) : absl::OkStatus();
}

std::vector<Violation> ValidateProposalContent(const Proposal& p, FormasiKind kind) {
  std::vector<Violation> out;
  const bool paruh_waktu = kind == v1::PPPK_PARUH_WAKTU;
  if (p.lines.size() > kMaxLines) {
    out.push_back({"proposal.lines", 0, absl::StrCat("at most ", kMaxLines, " lines")});
    return out;
  }
  size_t named_total = 0;
  for (const ProposalLine& line : p.lines) named_total += line.honorer_ids.size();
  if (named_total + p.left_out.size() > kMaxHonorersPerProposal) {
    out.push_back({"proposal.lines", 0,
                   absl::StrCat("at most ", kMaxHonorersPerProposal,
                                " honorers named and left out together")});
    return out;
  }
  absl::flat_hash_set<int64_t> named;
  for (size_t i = 0; i < p.lines.size(); ++i) {
    const ProposalLine& line = p.lines[i];
    const std::string f = absl::StrCat("proposal.lines[", i, "].");
    if (line.jabatan_category == common::v1::JABATAN_CATEGORY_UNSPECIFIED ||
        !common::v1::JabatanCategory_IsValid(line.jabatan_category)) {
      out.push_back({f + "jabatan_category", 0, "is required"});
    }
    CheckText(line.position_title, f + "position_title", kMaxText, true, out);
    if (line.education == common::v1::EDUCATION_UNSPECIFIED ||
        !common::v1::Education_IsValid(line.education)) {
      out.push_back({f + "education_qualification", 0, "is required"});
    }
    CheckText(line.unit_kerja, f + "unit_kerja", kMaxText, true, out);
    if (line.count <= 0) out.push_back({f + "count", 0, "must be at least 1"});
    if (line.monthly_pay_idr <= 0) {
      out.push_back({f + "monthly_pay_idr", 0, "must be above zero rupiah"});
    }
    if (!paruh_waktu && !line.honorer_ids.empty()) {
      out.push_back({f + "honorers", 0, "names honorers only in a Paruh Waktu period"});
    }
    if (paruh_waktu && line.count > 0 &&
        static_cast<size_t>(line.count) != line.honorer_ids.size()) {
      out.push_back({f + "count", 0,
                     absl::StrCat("is ", line.count, " but the line names ",
                                  line.honorer_ids.size(),
                                  " honorers; in Paruh Waktu every post is a named honorer")});
    }
    for (size_t j = 0; j < line.honorer_ids.size(); ++j) {
      if (!named.insert(line.honorer_ids[j]).second) {
        out.push_back({absl::StrCat(f, "honorers[", j, "]"), 0,
                       absl::StrCat("honorers/", line.honorer_ids[j], " is named twice")});
      }
    }
  }
  if (!paruh_waktu && !p.left_out.empty()) {
    out.push_back({"proposal.left_out", 0, "is only for a Paruh Waktu period"});
  }
  absl::flat_hash_set<int64_t> left;
  for (size_t k = 0; k < p.left_out.size(); ++k) {
    const LeftOut& l = p.left_out[k];
    const std::string f = absl::StrCat("proposal.left_out[", k, "].");
    if (named.contains(l.honorer_id)) {
      out.push_back({f + "honorer", 0,
                     absl::StrCat("honorers/", l.honorer_id, " is both named and left out")});
    } else if (!left.insert(l.honorer_id).second) {
      out.push_back({f + "honorer", 0,
                     absl::StrCat("honorers/", l.honorer_id, " is left out twice")});
    }
    if (l.reason == v1::LEAVE_OUT_REASON_UNSPECIFIED || !v1::LeaveOutReason_IsValid(l.reason)) {
      out.push_back({f + "reason", 0,
                     "is required: TIDAK_AKTIF_BEKERJA, ANGGARAN_TIDAK_CUKUP, "
                     "TIDAK_ADA_KEBUTUHAN, MENINGGAL_DUNIA or LAINNYA"});
    }
    CheckText(l.note, f + "note", kMaxNote, l.reason == v1::LAINNYA, out);
  }
  CheckText(p.sptjm_reference, "proposal.sptjm_reference", kMaxText, false, out);
  if (p.budget_capacity_idr < 0) {
    out.push_back({"proposal.budget_capacity_idr", 0, "must not be negative"});
  }
  return out;
}

absl::StatusOr<int64_t> EstimatedAnnualCost(const std::vector<ProposalLine>& lines) {
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  int64_t total = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    const int64_t count = lines[i].count, pay = lines[i].monthly_pay_idr;
    if (count <= 0 || pay <= 0) continue;  // refused by ValidateProposalContent
    // count x pay x 12 and the running sum, each checked before it is formed.
    if (pay > kMax / 12 / count || total > kMax - pay * 12 * count) {
      return InvalidField(absl::StrCat("proposal.lines[", i, "].monthly_pay_idr"),
                          "makes the estimated annual cost too large to compute");
    }
    total += pay * 12 * count;
  }
  return total;
}

std::vector<std::string> ProposalWarnings(const Proposal& p) {
  std::vector<std::string> out;
  if (p.budget_capacity_idr > 0 && p.estimated_annual_cost_idr > p.budget_capacity_idr) {
    out.push_back(absl::StrCat(
        "estimated_annual_cost_idr exceeds budget_capacity_idr by ",
        Rupiah(p.estimated_annual_cost_idr - p.budget_capacity_idr), " (",
        Rupiah(p.estimated_annual_cost_idr), " against ", Rupiah(p.budget_capacity_idr), ")"));
  }
  return out;
}

std::vector<int64_t> HonorersOf(const Proposal& p) {
  std::vector<int64_t> out;
  for (const ProposalLine& line : p.lines) {
    out.insert(out.end(), line.honorer_ids.begin(), line.honorer_ids.end());
  }
  for (const LeftOut& l : p.left_out) out.push_back(l.honorer_id);
  return out;
}

}  // namespace penataan::formasi
