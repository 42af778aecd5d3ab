#ifndef PENATAAN_SERVICES_REGISTRY_CONTRACT_PROTO_H_
#define PENATAAN_SERVICES_REGISTRY_CONTRACT_PROTO_H_

// Conversions between the API's contract messages (Contract, ContractPolicy,
// PerformanceReview, RenewContracts, ListExpiringContracts) and the registry's
// plain types. Kept apart from registry_proto.h, which converts the honorer's.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "penataan/registry/v1/registry.pb.h"
#include "services/registry/contract.h"
#include "services/registry/registry.h"

namespace penataan::registry {

void ToProto(const Contract& in, v1::Contract* out);
void ToProto(const ExpiringContract& in, v1::ExpiringContract* out);

void ToProto(const ContractPolicy& in, v1::ContractPolicy* out);
ContractPolicy PolicyFromProto(const v1::ContractPolicy& in);
// The instansi an UpdateContractPolicy names: policy.instansi_code, or the code in
// policy.name ("instansi/{code}/contractPolicy"); empty when neither is given.
// INVALID_ARGUMENT when the name is malformed or the two disagree.
absl::StatusOr<std::string> PolicyInstansiCode(const v1::ContractPolicy& in);

void ToProto(const PerformanceReview& in, v1::PerformanceReview* out);
// year, outcome, reviewer and note (the honorer is named by review.honorer).
PerformanceReview ReviewFromProto(const v1::PerformanceReview& in);
std::vector<ReviewImportRow> ReviewRowsFromProto(const v1::ImportPerformanceReviewsRequest& in);

// INVALID_ARGUMENT naming the date field that is not a real date.
absl::StatusOr<RenewalRequest> RenewalFromProto(const v1::RenewContractsRequest& in);

}  // namespace penataan::registry

#endif  // PENATAAN_SERVICES_REGISTRY_CONTRACT_PROTO_H_
