#ifndef PENATAAN_SERVICES_FORMASI_FORMASI_SERVICE_H_
#define PENATAAN_SERVICES_FORMASI_FORMASI_SERVICE_H_

// The gRPC edge of formasi: request -> caller admitted by the access table
// (formasi_access.cc) -> Formasi -> response, and the one mapping of absl::Status
// to grpc::Status (through Call::Finish).

#include "common/server/call.h"
#include "penataan/formasi/v1/formasi.grpc.pb.h"
#include "services/formasi/formasi.h"

namespace penataan::formasi {

class FormasiService final : public v1::FormasiService::Service {
 public:
  // `edge` is made with FormasiAccess().
  FormasiService(Formasi& formasi, const ServiceEdge& edge) : formasi_(formasi), edge_(edge) {}

  grpc::Status CreatePeriod(grpc::ServerContext* ctx, const v1::CreatePeriodRequest* req,
                            v1::Period* resp) override;
  grpc::Status GetPeriod(grpc::ServerContext* ctx, const v1::GetPeriodRequest* req,
                         v1::Period* resp) override;
  grpc::Status ListPeriods(grpc::ServerContext* ctx, const v1::ListPeriodsRequest* req,
                           v1::ListPeriodsResponse* resp) override;
  grpc::Status UpdatePeriod(grpc::ServerContext* ctx, const v1::UpdatePeriodRequest* req,
                            v1::Period* resp) override;
  grpc::Status ClosePeriod(grpc::ServerContext* ctx, const v1::ClosePeriodRequest* req,
                           v1::Period* resp) override;
  grpc::Status GrantExtension(grpc::ServerContext* ctx, const v1::GrantExtensionRequest* req,
                              v1::Extension* resp) override;
  grpc::Status ListExtensions(grpc::ServerContext* ctx, const v1::ListExtensionsRequest* req,
                              v1::ListExtensionsResponse* resp) override;
  grpc::Status CreateProposal(grpc::ServerContext* ctx, const v1::CreateProposalRequest* req,
                              v1::Proposal* resp) override;
  grpc::Status GetProposal(grpc::ServerContext* ctx, const v1::GetProposalRequest* req,
                           v1::Proposal* resp) override;
  grpc::Status ListProposals(grpc::ServerContext* ctx, const v1::ListProposalsRequest* req,
                             v1::ListProposalsResponse* resp) override;
  grpc::Status UpdateProposal(grpc::ServerContext* ctx, const v1::UpdateProposalRequest* req,
                              v1::Proposal* resp) override;
  grpc::Status SubmitProposal(grpc::ServerContext* ctx, const v1::SubmitProposalRequest* req,
                              v1::Proposal* resp) override;
  grpc::Status DecideProposal(grpc::ServerContext* ctx, const v1::DecideProposalRequest* req,
                              v1::Proposal* resp) override;
  grpc::Status GetPeriodSummary(grpc::ServerContext* ctx, const v1::GetPeriodSummaryRequest* req,
                                v1::PeriodSummary* resp) override;
  grpc::Status ListReminders(grpc::ServerContext* ctx, const v1::ListRemindersRequest* req,
                             v1::ListRemindersResponse* resp) override;
  grpc::Status ListAuditEvents(grpc::ServerContext* ctx,
                               const common::v1::ListAuditEventsRequest* req,
                               common::v1::ListAuditEventsResponse* resp) override;

 private:
  Formasi& formasi_;
  const ServiceEdge& edge_;
};

}  // namespace penataan::formasi

#endif  // PENATAAN_SERVICES_FORMASI_FORMASI_SERVICE_H_
