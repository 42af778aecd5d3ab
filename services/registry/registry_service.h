#ifndef PENATAAN_SERVICES_REGISTRY_REGISTRY_SERVICE_H_
#define PENATAAN_SERVICES_REGISTRY_REGISTRY_SERVICE_H_

// The gRPC edge of the registry: request -> caller admitted by the access table
// (registry_access.cc) -> Registry -> response, and the one mapping of
// absl::Status to grpc::Status (through Call::Finish).

#include "common/server/call.h"
#include "penataan/registry/v1/registry.grpc.pb.h"
#include "services/registry/registry.h"

namespace penataan::registry {

// Rows one ImportHonorers stream may send (docs/security.md "Limits"): twice the
// million-row file the benchmark imports, far above any instansi's honorers (a
// province has tens of thousands), and small enough that the stream's NIK index
// (ImportSession::seen_niks_, about 32 bytes a row) stays under 64 MB.
inline constexpr int64_t kMaxImportRows = 2'000'000;

struct RegistryServiceOptions {
  int import_batch_size = 4000;
  // kMaxImportRows; tests lower it to reach it quickly.
  int64_t max_import_rows = kMaxImportRows;
};

class RegistryService final : public v1::RegistryService::Service {
 public:
  // `edge` is made with RegistryAccess().
  RegistryService(Registry& registry, const ServiceEdge& edge, RegistryServiceOptions options)
      : registry_(registry), edge_(edge), options_(options) {}

  grpc::Status CreateInstansi(grpc::ServerContext* ctx, const v1::CreateInstansiRequest* req,
                              v1::Instansi* resp) override;
  grpc::Status GetInstansi(grpc::ServerContext* ctx, const v1::GetInstansiRequest* req,
                           v1::Instansi* resp) override;
  grpc::Status ListInstansi(grpc::ServerContext* ctx, const v1::ListInstansiRequest* req,
                            v1::ListInstansiResponse* resp) override;
  grpc::Status GetInstansiContacts(grpc::ServerContext* ctx,
                                   const v1::GetInstansiContactsRequest* req,
                                   v1::InstansiContacts* resp) override;
  grpc::Status UpdateInstansiContacts(grpc::ServerContext* ctx,
                                      const v1::UpdateInstansiContactsRequest* req,
                                      v1::InstansiContacts* resp) override;
  grpc::Status BatchGetInstansiContacts(grpc::ServerContext* ctx,
                                        const v1::BatchGetInstansiContactsRequest* req,
                                        v1::BatchGetInstansiContactsResponse* resp) override;
  grpc::Status CreateHonorer(grpc::ServerContext* ctx, const v1::CreateHonorerRequest* req,
                             v1::Honorer* resp) override;
  grpc::Status GetHonorer(grpc::ServerContext* ctx, const v1::GetHonorerRequest* req,
                          v1::Honorer* resp) override;
  grpc::Status BatchGetHonorers(grpc::ServerContext* ctx, const v1::BatchGetHonorersRequest* req,
                                v1::BatchGetHonorersResponse* resp) override;
  grpc::Status ListHonorers(grpc::ServerContext* ctx, const v1::ListHonorersRequest* req,
                            v1::ListHonorersResponse* resp) override;
  grpc::Status UpdateHonorer(grpc::ServerContext* ctx, const v1::UpdateHonorerRequest* req,
                             v1::Honorer* resp) override;
  grpc::Status ChangeHonorerStatus(grpc::ServerContext* ctx,
                                   const v1::ChangeHonorerStatusRequest* req,
                                   v1::Honorer* resp) override;
  grpc::Status ListStatusHistory(grpc::ServerContext* ctx, const v1::ListStatusHistoryRequest* req,
                                 v1::ListStatusHistoryResponse* resp) override;
  grpc::Status ImportHonorers(grpc::ServerContext* ctx,
                              grpc::ServerReader<v1::ImportHonorersRequest>* reader,
                              v1::ImportHonorersResponse* resp) override;
  grpc::Status BulkChangeStatus(grpc::ServerContext* ctx, const v1::BulkChangeStatusRequest* req,
                                v1::BulkChangeStatusResponse* resp) override;
  grpc::Status VerifyHonorers(grpc::ServerContext* ctx, const v1::VerifyHonorersRequest* req,
                              v1::VerifyHonorersResponse* resp) override;
  grpc::Status RecordScreeningOutcomes(grpc::ServerContext* ctx,
                                       const v1::RecordScreeningOutcomesRequest* req,
                                       v1::RecordScreeningOutcomesResponse* resp) override;
  grpc::Status ListContracts(grpc::ServerContext* ctx, const v1::ListContractsRequest* req,
                             v1::ListContractsResponse* resp) override;
  grpc::Status ListExpiringContracts(grpc::ServerContext* ctx,
                                     const v1::ListExpiringContractsRequest* req,
                                     v1::ListExpiringContractsResponse* resp) override;
  grpc::Status RenewContracts(grpc::ServerContext* ctx, const v1::RenewContractsRequest* req,
                              v1::RenewContractsResponse* resp) override;
  grpc::Status GetContractPolicy(grpc::ServerContext* ctx,
                                 const v1::GetContractPolicyRequest* req,
                                 v1::ContractPolicy* resp) override;
  grpc::Status UpdateContractPolicy(grpc::ServerContext* ctx,
                                    const v1::UpdateContractPolicyRequest* req,
                                    v1::ContractPolicy* resp) override;
  grpc::Status SetPerformanceReview(grpc::ServerContext* ctx,
                                    const v1::SetPerformanceReviewRequest* req,
                                    v1::PerformanceReview* resp) override;
  grpc::Status ImportPerformanceReviews(grpc::ServerContext* ctx,
                                        const v1::ImportPerformanceReviewsRequest* req,
                                        v1::ImportPerformanceReviewsResponse* resp) override;
  grpc::Status ListPerformanceReviews(grpc::ServerContext* ctx,
                                      const v1::ListPerformanceReviewsRequest* req,
                                      v1::ListPerformanceReviewsResponse* resp) override;
  grpc::Status ListAuditEvents(grpc::ServerContext* ctx,
                               const common::v1::ListAuditEventsRequest* req,
                               common::v1::ListAuditEventsResponse* resp) override;

 private:
  Registry& registry_;
  const ServiceEdge& edge_;
  const RegistryServiceOptions options_;
};

}  // namespace penataan::registry

#endif  // PENATAAN_SERVICES_REGISTRY_REGISTRY_SERVICE_H_
