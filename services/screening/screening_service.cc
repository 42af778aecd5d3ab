#include "services/screening/screening_service.h"

#include "absl/strings/str_cat.h"
#include "common/server/audit_events.h"
#include "common/status_macros.h"
#include "services/screening/screening_proto.h"

namespace penataan::screening {

grpc::Status ScreeningService::CreateRound(grpc::ServerContext* ctx,
                                           const v1::CreateRoundRequest* req, v1::Round* resp) {
  Call call(ctx, "CreateRound", edge_);
  return call.Finish([&]() -> absl::Status {
    ASSIGN_OR_RETURN(Caller caller, call.caller());
    ASSIGN_OR_RETURN(RoundView v, screening_.CreateRound(caller, req->round(), req->request_id()));
    call.Note("round", RoundName(v.round.id));
    ToProto(v, resp);
    return absl::OkStatus();
  }());
}

grpc::Status ScreeningService::GetRound(grpc::ServerContext* ctx, const v1::GetRoundRequest* req,
                                        v1::Round* resp) {
  Call call(ctx, "GetRound", edge_);
  return call.Finish([&]() -> absl::Status {
    ASSIGN_OR_RETURN(Caller caller, call.caller());
    ASSIGN_OR_RETURN(RoundView v, screening_.GetRound(caller, req->name()));
    ToProto(v, resp);
    return absl::OkStatus();
  }());
}

grpc::Status ScreeningService::ListRounds(grpc::ServerContext* ctx,
                                          const v1::ListRoundsRequest* req,
                                          v1::ListRoundsResponse* resp) {
  Call call(ctx, "ListRounds", edge_);
  return call.Finish([&]() -> absl::Status {
    ASSIGN_OR_RETURN(Caller caller, call.caller());
    ASSIGN_OR_RETURN(Page<RoundView> page,
                     screening_.ListRounds(caller, req->page_size(), req->page_token()));
    for (const RoundView& v : page.items) ToProto(v, resp->add_rounds());
    resp->set_next_page_token(page.next_page_token);
    return absl::OkStatus();
  }());
}

grpc::Status ScreeningService::UpdateRound(grpc::ServerContext* ctx,
                                           const v1::UpdateRoundRequest* req, v1::Round* resp) {
  Call call(ctx, "UpdateRound", edge_);
  return call.Finish([&]() -> absl::Status {
    ASSIGN_OR_RETURN(Caller caller, call.caller());
    // The etag may come in the request or, as AIP-154 has it, in the resource.
    const std::string etag = req->etag().empty() ? req->round().etag() : req->etag();
    ASSIGN_OR_RETURN(RoundView v, screening_.UpdateRound(
                                      caller, req->round(),
                                      {req->update_mask().paths().begin(),
                                       req->update_mask().paths().end()},
                                      etag));
    ToProto(v, resp);
    return absl::OkStatus();
  }());
}

grpc::Status ScreeningService::AddApplicants(grpc::ServerContext* ctx,
                                             const v1::AddApplicantsRequest* req,
                                             v1::AddApplicantsResponse* resp) {
  Call call(ctx, "AddApplicants", edge_);
  return call.Finish([&]() -> absl::Status {
    ASSIGN_OR_RETURN(Caller caller, call.caller());
    ASSIGN_OR_RETURN(*resp, screening_.AddApplicants(caller, *req));
    call.Note("added", absl::StrCat(resp->added()));
    return absl::OkStatus();
  }());
}

grpc::Status ScreeningService::ListApplicants(grpc::ServerContext* ctx,
                                              const v1::ListApplicantsRequest* req,
                                              v1::ListApplicantsResponse* resp) {
  Call call(ctx, "ListApplicants", edge_);
  return call.Finish([&]() -> absl::Status {
    ASSIGN_OR_RETURN(Caller caller, call.caller());
    ASSIGN_OR_RETURN(Page<Applicant> page,
                     screening_.ListApplicants(caller, req->round(), req->instansi_code(),
                                               req->page_size(), req->page_token()));
    for (const Applicant& a : page.items) ToProto(a, resp->add_applicants());
    resp->set_next_page_token(page.next_page_token);
    resp->set_total_size(page.total_size);
    return absl::OkStatus();
  }());
}

grpc::Status ScreeningService::RunScreening(grpc::ServerContext* ctx,
                                            const v1::RunScreeningRequest* req,
                                            grpc::ServerWriter<v1::RunScreeningProgress>* writer) {
  Call call(ctx, "RunScreening", edge_);
  return call.Finish([&]() -> absl::Status {
    ASSIGN_OR_RETURN(Caller caller, call.caller());
    if (req->dry_run()) call.Note("dry_run", "true");
    // A write that fails means the client has gone: the runner then stops,
    // resumable.
    return runner_.Run(caller, *req, [&](const v1::RunScreeningProgress& p) {
      return !ctx->IsCancelled() && writer->Write(p);
    });
  }());
}

grpc::Status ScreeningService::GetRun(grpc::ServerContext* ctx, const v1::GetRunRequest* req,
                                      v1::Run* resp) {
  Call call(ctx, "GetRun", edge_);
  return call.Finish([&]() -> absl::Status {
    ASSIGN_OR_RETURN(Caller caller, call.caller());
    ASSIGN_OR_RETURN(*resp, runner_.GetRun(caller, req->name()));
    return absl::OkStatus();
  }());
}

grpc::Status ScreeningService::GetResult(grpc::ServerContext* ctx,
                                         const v1::GetResultRequest* req, v1::Result* resp) {
  Call call(ctx, "GetResult", edge_);
  return call.Finish([&]() -> absl::Status {
    ASSIGN_OR_RETURN(Caller caller, call.caller());
    ASSIGN_OR_RETURN(Result r, screening_.GetResult(caller, req->name()));
    ToProto(r, resp);
    return absl::OkStatus();
  }());
}

grpc::Status ScreeningService::ListResults(grpc::ServerContext* ctx,
                                           const v1::ListResultsRequest* req,
                                           v1::ListResultsResponse* resp) {
  Call call(ctx, "ListResults", edge_);
  return call.Finish([&]() -> absl::Status {
    ASSIGN_OR_RETURN(Caller caller, call.caller());
    ASSIGN_OR_RETURN(Page<Result> page, screening_.ListResults(caller, *req));
    for (const Result& r : page.items) ToProto(r, resp->add_results());
    resp->set_next_page_token(page.next_page_token);
    resp->set_total_size(page.total_size);
    return absl::OkStatus();
  }());
}

grpc::Status ScreeningService::SummarizeResults(grpc::ServerContext* ctx,
                                                const v1::SummarizeResultsRequest* req,
                                                v1::ResultSummary* resp) {
  Call call(ctx, "SummarizeResults", edge_);
  return call.Finish([&]() -> absl::Status {
    ASSIGN_OR_RETURN(Caller caller, call.caller());
    ASSIGN_OR_RETURN(*resp,
                     screening_.SummarizeResults(caller, req->round(), req->instansi_code()));
    return absl::OkStatus();
  }());
}

grpc::Status ScreeningService::FileAppeal(grpc::ServerContext* ctx,
                                          const v1::FileAppealRequest* req, v1::Appeal* resp) {
  Call call(ctx, "FileAppeal", edge_);
  return call.Finish([&]() -> absl::Status {
    ASSIGN_OR_RETURN(Caller caller, call.caller());
    ASSIGN_OR_RETURN(Appeal a, screening_.FileAppeal(caller, *req));
    ToProto(a, resp);
    return absl::OkStatus();
  }());
}

grpc::Status ScreeningService::GetAppeal(grpc::ServerContext* ctx,
                                         const v1::GetAppealRequest* req, v1::Appeal* resp) {
  Call call(ctx, "GetAppeal", edge_);
  return call.Finish([&]() -> absl::Status {
    ASSIGN_OR_RETURN(Caller caller, call.caller());
    ASSIGN_OR_RETURN(Appeal a, screening_.GetAppeal(caller, req->name()));
    ToProto(a, resp);
    return absl::OkStatus();
  }());
}

grpc::Status ScreeningService::ListAppeals(grpc::ServerContext* ctx,
                                           const v1::ListAppealsRequest* req,
                                           v1::ListAppealsResponse* resp) {
  Call call(ctx, "ListAppeals", edge_);
  return call.Finish([&]() -> absl::Status {
    ASSIGN_OR_RETURN(Caller caller, call.caller());
    ASSIGN_OR_RETURN(Page<Appeal> page, screening_.ListAppeals(caller, *req));
    for (const Appeal& a : page.items) ToProto(a, resp->add_appeals());
    resp->set_next_page_token(page.next_page_token);
    return absl::OkStatus();
  }());
}

grpc::Status ScreeningService::DecideAppeal(grpc::ServerContext* ctx,
                                            const v1::DecideAppealRequest* req,
                                            v1::Appeal* resp) {
  Call call(ctx, "DecideAppeal", edge_);
  return call.Finish([&]() -> absl::Status {
    ASSIGN_OR_RETURN(Caller caller, call.caller());
    ASSIGN_OR_RETURN(Appeal a, screening_.DecideAppeal(caller, *req));
    ToProto(a, resp);
    return absl::OkStatus();
  }());
}

grpc::Status ScreeningService::RankCandidates(grpc::ServerContext* ctx,
                                              const v1::RankCandidatesRequest* req,
                                              v1::RankCandidatesResponse* resp) {
  Call call(ctx, "RankCandidates", edge_);
  return call.Finish([&]() -> absl::Status {
    ASSIGN_OR_RETURN(Caller caller, call.caller());
    ASSIGN_OR_RETURN(Page<RankedCandidate> page, screening_.RankCandidates(caller, *req));
    for (const RankedCandidate& c : page.items) ToProto(c, resp->add_candidates());
    resp->set_next_page_token(page.next_page_token);
    resp->set_total_size(page.total_size);
    return absl::OkStatus();
  }());
}

grpc::Status ScreeningService::ListAuditEvents(grpc::ServerContext* ctx,
                                               const common::v1::ListAuditEventsRequest* req,
                                               common::v1::ListAuditEventsResponse* resp) {
  Call call(ctx, "ListAuditEvents", edge_);
  return call.Finish([&]() -> absl::Status {
    RETURN_IF_ERROR(call.caller().status());
    return penataan::ListAuditEvents(screening_.db(), "screening", *req, resp);
  }());
}

}  // namespace penataan::screening
