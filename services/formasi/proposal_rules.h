#ifndef PENATAAN_SERVICES_FORMASI_PROPOSAL_RULES_H_
#define PENATAAN_SERVICES_FORMASI_PROPOSAL_RULES_H_

// What a proposal's content must be, before anything is stored (DOMAIN.md
// "Formasi and deadlines"): each line, the honorers named and left out, the
// estimated cost. Plain functions with table tests; the registry's view of the
// honorers is checked at submission (honorer_eligibility.h).

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/errors.h"
#include "services/formasi/formasi_model.h"

namespace penataan::formasi {

// Bounds that keep one proposal one transaction (Kota Bekasi named 3,487).
inline constexpr size_t kMaxLines = 2000;
inline constexpr size_t kMaxHonorersPerProposal = 20000;

// Text from outside, before it is stored: OK, or INVALID_ARGUMENT naming `field`
// when required and blank, not valid UTF-8, or longer than `max` bytes (the
// column). The one rule for every text field of formasi.
std::optional<Violation> TextViolation(const std::string& value, const std::string& field,
                                       size_t max, bool required);
absl::Status CheckText(const std::string& value, const std::string& field, size_t max,
                       bool required);

// Every violation of the lines and left_out of `p` in a `kind` period, with
// field paths "proposal.lines[2].count", "proposal.left_out[0].note":
//  - each line: a category, a position title, an education, a unit kerja, a count
//    above zero, a monthly pay above zero; text valid UTF-8 within the columns;
//  - Paruh Waktu: count equals the honorers named on the line;
//    Penuh Waktu: no named honorers and no left-out list;
//  - no honorer named twice, or both named and left out;
//  - each left-out honorer has a reason, and LAINNYA a note.
std::vector<Violation> ValidateProposalContent(const Proposal& p, FormasiKind kind);

// The sum of count x monthly pay x 12; INVALID_ARGUMENT naming the line at which
// it would not fit in 64 bits.
absl::StatusOr<int64_t> EstimatedAnnualCost(const std::vector<ProposalLine>& lines);

// What the instansi should know that does not stop it: a cost above the budget
// capacity it declared.
std::vector<std::string> ProposalWarnings(const Proposal& p);

// The whole honorer list of a proposal, named then left out.
std::vector<int64_t> HonorersOf(const Proposal& p);

}  // namespace penataan::formasi

#endif  // PENATAAN_SERVICES_FORMASI_PROPOSAL_RULES_H_
