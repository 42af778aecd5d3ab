#ifndef PENATAAN_SERVICES_FORMASI_FORMASI_PROTO_H_
#define PENATAAN_SERVICES_FORMASI_FORMASI_PROTO_H_

// API messages <-> formasi's plain types. Output-only fields are computed here
// from the views (names, etags, civil times); input names are parsed with the
// field they came from.

#include "absl/status/statusor.h"
#include "penataan/formasi/v1/formasi.pb.h"
#include "services/formasi/formasi.h"

namespace penataan::formasi {

PeriodInput PeriodInputFromProto(const v1::Period& p);
void ToProto(const PeriodView& v, v1::Period* out);

ExtensionInput ExtensionInputFromProto(const v1::Extension& e);
void ToProto(const ExtensionView& v, v1::Extension* out);

// The lines, left-out list, budget and SPTJM of `p`; INVALID_ARGUMENT naming the
// honorer name that is not "honorers/{id}".
absl::StatusOr<Proposal> ProposalContentFromProto(const v1::Proposal& p);
// `with_content`: lines and left_out too (ListProposals leaves them out).
void ToProto(const ProposalView& v, bool with_content, v1::Proposal* out);

}  // namespace penataan::formasi

#endif  // PENATAAN_SERVICES_FORMASI_FORMASI_PROTO_H_
