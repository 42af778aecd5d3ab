#ifndef PENATAAN_SERVICES_SCREENING_SCREENING_SERVICE_H_
#define PENATAAN_SERVICES_SCREENING_SCREENING_SERVICE_H_

// The gRPC edge of screening: request -> caller admitted by the access table
// (screening_access.cc) -> Screening or the runner -> response, and the one
// mapping of absl::Status to grpc::Status (through Call::Finish).

#include "common/server/call.h"
#include "penataan/screening/v1/screening.grpc.pb.h"
#include "services/screening/screening.h"
#include "services/screening/screening_runner.h"

namespace penataan::screening {

class ScreeningService final : public v1::ScreeningService::Service {
 public:
  // `edge` is made with ScreeningAccess().
  ScreeningService(Screening& screening, ScreeningRunner& runner, const ServiceEdge& edge)
      : screening_(screening), runner_(runner), edge_(edge) {}

  grpc::Status CreateRound(grpc::ServerContext* ctx, const v1::CreateRoundRequest* req, v1::Round* resp) override;
  grpc::Status GetRound(grpc::ServerContext* ctx, const v1::GetRoundRequest* req, v1::Round* resp) override;
  grpc::Status ListRounds(grpc::ServerContext* ctx, const v1::ListRoundsRequest* req, v1::ListRoundsResponse* resp) override;
  grpc::Status UpdateRound(grpc::ServerContext* ctx, const v1::UpdateRoundRequest* req, v1::Round* resp) override;
  grpc::Status AddApplicants(grpc::ServerContext* ctx, const v1::AddApplicantsRequest* req, v1::AddApplicantsResponse* resp) override;
  grpc::Status ListApplicants(grpc::ServerContext* ctx, const v1::ListApplicantsRequest* req, v1::ListApplicantsResponse* resp) override;
  grpc::Status GetRun(grpc::ServerContext* ctx, const v1::GetRunRequest* req, v1::Run* resp) override;
  grpc::Status GetResult(grpc::ServerContext* ctx, const v1::GetResultRequest* req, v1::Result* resp) override;
  grpc::Status ListResults(grpc::ServerContext* ctx, const v1::ListResultsRequest* req, v1::ListResultsResponse* resp) override;
  grpc::Status SummarizeResults(grpc::ServerContext* ctx, const v1::SummarizeResultsRequest* req, v1::ResultSummary* resp) override;
  grpc::Status FileAppeal(grpc::ServerContext* ctx, const v1::FileAppealRequest* req, v1::Appeal* resp) override;
  grpc::Status GetAppeal(grpc::ServerContext* ctx, const v1::GetAppealRequest* req, v1::Appeal* resp) override;
  grpc::Status ListAppeals(grpc::ServerContext* ctx, const v1::ListAppealsRequest* req, v1::ListAppealsResponse* resp) override;
  grpc::Status DecideAppeal(grpc::ServerContext* ctx, const v1::DecideAppealRequest* req, v1::Appeal* resp) override;
  grpc::Status RankCandidates(grpc::ServerContext* ctx, const v1::RankCandidatesRequest* req, v1::RankCandidatesResponse* resp) override;
  grpc::Status ListAuditEvents(grpc::ServerContext* ctx, const common::v1::ListAuditEventsRequest* req, common::v1::ListAuditEventsResponse* resp) override;
  // Server-streaming: one message per page and phase of the run.
  grpc::Status RunScreening(grpc::ServerContext* ctx, const v1::RunScreeningRequest* req,
                            grpc::ServerWriter<v1::RunScreeningProgress>* writer) override;

 private:
  Screening& screening_;
  ScreeningRunner& runner_;
  const ServiceEdge& edge_;
};

}  // namespace penataan::screening

#endif  // PENATAAN_SERVICES_SCREENING_SCREENING_SERVICE_H_
