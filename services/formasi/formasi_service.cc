#include "services/formasi/formasi_service.h"

#include "absl/strings/str_cat.h"
#include "common/server/audit_events.h"
#include "common/status_macros.h"
#include "services/formasi/formasi_proto.h"
#include "services/formasi/reminder_list.h"

namespace penataan::formasi {
namespace {

std::vector<std::string> MaskOf(const google::protobuf::FieldMask& mask) {
  return {mask.paths().begin(), mask.paths().end()};
}

}  // namespace

grpc::Status FormasiService::CreatePeriod(grpc::ServerContext* ctx,
                                          const v1::CreatePeriodRequest* req, v1::Period* resp) {
  Call call(ctx, "CreatePeriod", edge_);
  return call.Finish([&]() -> absl::Status {
    ASSIGN_OR_RETURN(Caller caller, call.caller());
    ASSIGN_OR_RETURN(PeriodView v, formasi_.CreatePeriod(caller, PeriodInputFromProto(req->period()),
                                                         req->request_id()));
    call.Note("period", PeriodName(v.period.id));
    ToProto(v, resp);
    return absl::OkStatus();
  }());
}

grpc::Status FormasiService::GetPeriod(grpc::ServerContext* ctx, const v1::GetPeriodRequest* req,
                                       v1::Period* resp) {
  Call call(ctx, "GetPeriod", edge_);
  return call.Finish([&]() -> absl::Status {
    ASSIGN_OR_RETURN(Caller caller, call.caller());
    ASSIGN_OR_RETURN(PeriodView v, formasi_.GetPeriod(caller, req->name()));
    ToProto(v, resp);
    return absl::OkStatus();
  }());
}

grpc::Status FormasiService::ListPeriods(grpc::ServerContext* ctx,
                                         const v1::ListPeriodsRequest* req,
                                         v1::ListPeriodsResponse* resp) {
  Call call(ctx, "ListPeriods", edge_);
  return call.Finish([&]() -> absl::Status {
    ASSIGN_OR_RETURN(Caller caller, call.caller());
    ASSIGN_OR_RETURN(Page<PeriodView> page,
                     formasi_.ListPeriods(caller, req->page_size(), req->page_token()));
    for (const PeriodView& v : page.items) ToProto(v, resp->add_periods());
    resp->set_next_page_token(page.next_page_token);
    return absl::OkStatus();
  }());
}

grpc::Status FormasiService::UpdatePeriod(grpc::ServerContext* ctx,
                                          const v1::UpdatePeriodRequest* req, v1::Period* resp) {
  Call call(ctx, "UpdatePeriod", edge_);
  return call.Finish([&]() -> absl::Status {
    ASSIGN_OR_RETURN(Caller caller, call.caller());
    PeriodUpdate u;
    u.name = req->period().name();
    u.patch = PeriodInputFromProto(req->period());
    u.mask = MaskOf(req->update_mask());
    u.letter_number = req->letter_number();
    u.reason = req->reason();
    // The etag may come in the request or, as AIP-154 has it, in the resource.
    u.etag = req->etag().empty() ? req->period().etag() : req->etag();
    ASSIGN_OR_RETURN(PeriodView v, formasi_.UpdatePeriod(caller, u));
    ToProto(v, resp);
    return absl::OkStatus();
  }());
}

grpc::Status FormasiService::ClosePeriod(grpc::ServerContext* ctx,
                                         const v1::ClosePeriodRequest* req, v1::Period* resp) {
  Call call(ctx, "ClosePeriod", edge_);
  return call.Finish([&]() -> absl::Status {
    ASSIGN_OR_RETURN(Caller caller, call.caller());
    ASSIGN_OR_RETURN(PeriodView v,
                     formasi_.ClosePeriod(caller, req->name(), req->etag(), req->reason()));
    ToProto(v, resp);
    return absl::OkStatus();
  }());
}

grpc::Status FormasiService::GrantExtension(grpc::ServerContext* ctx,
                                            const v1::GrantExtensionRequest* req,
                                            v1::Extension* resp) {
  Call call(ctx, "GrantExtension", edge_);
  return call.Finish([&]() -> absl::Status {
    ASSIGN_OR_RETURN(Caller caller, call.caller());
    ASSIGN_OR_RETURN(ExtensionView v,
                     formasi_.GrantExtension(caller, ExtensionInputFromProto(req->extension())));
    ToProto(v, resp);
    return absl::OkStatus();
  }());
}

grpc::Status FormasiService::ListExtensions(grpc::ServerContext* ctx,
                                            const v1::ListExtensionsRequest* req,
                                            v1::ListExtensionsResponse* resp) {
  Call call(ctx, "ListExtensions", edge_);
  return call.Finish([&]() -> absl::Status {
    ASSIGN_OR_RETURN(Caller caller, call.caller());
    ASSIGN_OR_RETURN(Page<ExtensionView> page,
                     formasi_.ListExtensions(caller, req->period(), req->instansi_code(),
                                             req->page_size(), req->page_token()));
    for (const ExtensionView& v : page.items) ToProto(v, resp->add_extensions());
    resp->set_next_page_token(page.next_page_token);
    return absl::OkStatus();
  }());
}

grpc::Status FormasiService::CreateProposal(grpc::ServerContext* ctx,
                                            const v1::CreateProposalRequest* req,
                                            v1::Proposal* resp) {
  Call call(ctx, "CreateProposal", edge_);
  return call.Finish([&]() -> absl::Status {
    ASSIGN_OR_RETURN(Caller caller, call.caller());
    ProposalInput in;
    in.period = req->proposal().period();
    in.instansi_code = req->proposal().instansi_code();
    ASSIGN_OR_RETURN(in.content, ProposalContentFromProto(req->proposal()));
    ASSIGN_OR_RETURN(ProposalView v, formasi_.CreateProposal(caller, in, req->request_id()));
    ToProto(v, /*with_content=*/true, resp);
    return absl::OkStatus();
  }());
}

grpc::Status FormasiService::GetProposal(grpc::ServerContext* ctx,
                                         const v1::GetProposalRequest* req, v1::Proposal* resp) {
  Call call(ctx, "GetProposal", edge_);
  return call.Finish([&]() -> absl::Status {
    ASSIGN_OR_RETURN(Caller caller, call.caller());
    ASSIGN_OR_RETURN(ProposalView v, formasi_.GetProposal(caller, req->name()));
    ToProto(v, /*with_content=*/true, resp);
    return absl::OkStatus();
  }());
}

grpc::Status FormasiService::ListProposals(grpc::ServerContext* ctx,
                                           const v1::ListProposalsRequest* req,
                                           v1::ListProposalsResponse* resp) {
  Call call(ctx, "ListProposals", edge_);
  return call.Finish([&]() -> absl::Status {
    ASSIGN_OR_RETURN(Caller caller, call.caller());
    ASSIGN_OR_RETURN(Page<ProposalView> page,
                     formasi_.ListProposals(caller, req->period(), req->instansi_code(),
                                            req->state(), req->page_size(), req->page_token()));
    for (const ProposalView& v : page.items) {
      ToProto(v, /*with_content=*/false, resp->add_proposals());
    }
    resp->set_next_page_token(page.next_page_token);
    return absl::OkStatus();
  }());
}

grpc::Status FormasiService::UpdateProposal(grpc::ServerContext* ctx,
                                            const v1::UpdateProposalRequest* req,
                                            v1::Proposal* resp) {
  Call call(ctx, "UpdateProposal", edge_);
  return call.Finish([&]() -> absl::Status {
    ASSIGN_OR_RETURN(Caller caller, call.caller());
    ProposalInput in;
    in.name = req->proposal().name();
    ASSIGN_OR_RETURN(in.content, ProposalContentFromProto(req->proposal()));
    const std::string etag = req->etag().empty() ? req->proposal().etag() : req->etag();
    ASSIGN_OR_RETURN(ProposalView v,
                     formasi_.UpdateProposal(caller, in, MaskOf(req->update_mask()), etag));
    ToProto(v, /*with_content=*/true, resp);
    return absl::OkStatus();
  }());
}

grpc::Status FormasiService::SubmitProposal(grpc::ServerContext* ctx,
                                            const v1::SubmitProposalRequest* req,
                                            v1::Proposal* resp) {
  Call call(ctx, "SubmitProposal", edge_);
  return call.Finish([&]() -> absl::Status {
    ASSIGN_OR_RETURN(Caller caller, call.caller());
    if (req->validate_only()) call.Note("validate_only", "true");
    ASSIGN_OR_RETURN(ProposalView v, formasi_.SubmitProposal(caller, req->name(), req->etag(),
                                                             req->validate_only()));
    ToProto(v, /*with_content=*/true, resp);
    return absl::OkStatus();
  }());
}

grpc::Status FormasiService::DecideProposal(grpc::ServerContext* ctx,
                                            const v1::DecideProposalRequest* req,
                                            v1::Proposal* resp) {
  Call call(ctx, "DecideProposal", edge_);
  return call.Finish([&]() -> absl::Status {
    ASSIGN_OR_RETURN(Caller caller, call.caller());
    ASSIGN_OR_RETURN(ProposalView v, formasi_.DecideProposal(caller, req->name(), req->decision(),
                                                             req->note(), req->etag()));
    ToProto(v, /*with_content=*/true, resp);
    return absl::OkStatus();
  }());
}

grpc::Status FormasiService::GetPeriodSummary(grpc::ServerContext* ctx,
                                              const v1::GetPeriodSummaryRequest* req,
                                              v1::PeriodSummary* resp) {
  Call call(ctx, "GetPeriodSummary", edge_);
  return call.Finish([&]() -> absl::Status {
    ASSIGN_OR_RETURN(Caller caller, call.caller());
    ASSIGN_OR_RETURN(*resp,
                     formasi_.GetPeriodSummary(caller, req->period(), req->instansi_code()));
    return absl::OkStatus();
  }());
}

grpc::Status FormasiService::ListReminders(grpc::ServerContext* ctx,
                                           const v1::ListRemindersRequest* req,
                                           v1::ListRemindersResponse* resp) {
  Call call(ctx, "ListReminders", edge_);
  return call.Finish([&]() -> absl::Status {
    ASSIGN_OR_RETURN(Caller caller, call.caller());
    // The scope is this edge's: another instansi's reminders are refused here.
    ASSIGN_OR_RETURN(std::string code,
                     formasi_.ScopeToInstansi(caller, req->instansi_code(), "ListReminders"));
    // ---- reminders (formasi-reminders branch): services/formasi/reminder_list.h
    ASSIGN_OR_RETURN(*resp, formasi::ListReminders(formasi_.db(), *req, code));
    return absl::OkStatus();
  }());
}

grpc::Status FormasiService::ListAuditEvents(grpc::ServerContext* ctx,
                                             const common::v1::ListAuditEventsRequest* req,
                                             common::v1::ListAuditEventsResponse* resp) {
  Call call(ctx, "ListAuditEvents", edge_);
  return call.Finish([&]() -> absl::Status {
    RETURN_IF_ERROR(call.caller().status());
    return penataan::ListAuditEvents(formasi_.db(), "formasi", *req, resp);
  }());
}

}  // namespace penataan::formasi
