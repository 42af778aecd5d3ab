#include "services/registry/registry_service.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/errors.h"
#include "common/log.h"
#include "common/server/audit_events.h"
#include "common/server/call.h"
#include "common/status_macros.h"
#include "services/registry/contract_proto.h"
#include "services/registry/import_session.h"
#include "services/registry/registry_proto.h"

namespace penataan::registry {
namespace {

void FillImportResponse(const ImportResult& r, v1::ImportHonorersResponse* resp) {
  resp->set_import_id(r.progress.import_id);
  resp->set_created(r.progress.created);
  resp->set_updated(r.progress.updated);
  resp->set_unchanged(r.progress.unchanged);
  resp->set_rejected(r.progress.rejected);
  resp->set_errors_truncated(r.errors_truncated);
  resp->set_replayed(r.replayed);
  for (const Violation& v : r.errors) {
    auto* e = resp->add_errors();
    e->set_row(v.row);
    e->set_field(v.field);
    e->set_description(v.description);
  }
}

absl::Status TooManyImportRows(int64_t max) {
  return InvalidField("rows", absl::StrCat("at most ", max,
                                           " rows in one import: split the file (by unit_kerja, "
                                           "say) and import each part"));
}

// The end counts the rows the client sent; fewer received means messages were
// lost on the way (gRPC reads a message it cannot parse as the end of the stream).
absl::Status CheckImportEnd(const v1::ImportEnd& end, int64_t rows_received) {
  if (end.rows() == rows_received) return absl::OkStatus();
  return InvalidField("end.rows", absl::StrCat("the client sent ", end.rows(), " rows but ",
                                               rows_received,
                                               " arrived: the upload is not finished; send "
                                               "the same import_id again"));
}

// Why an upload without its end is not finished: the client stopped, or gRPC
// could not read a message (over the size limit, bytes that do not parse) and
// ended the stream there. Either way the rows after it never arrived.
absl::Status UploadCut(bool validate_only, bool ended, int64_t rows_received) {
  return absl::AbortedError(absl::StrCat(
      "the upload stopped after ", rows_received, " rows",
      ended ? "" : " without its end message (a client must end an upload with it)",
      validate_only ? ": the check is incomplete, nothing was written"
                    : ": committed rows are kept; send the same import_id again to finish"));
}

}  // namespace

grpc::Status RegistryService::CreateInstansi(grpc::ServerContext* ctx,
                                             const v1::CreateInstansiRequest* req,
                                             v1::Instansi* resp) {
  Call call(ctx, "CreateInstansi", edge_);
  return call.Finish([&]() -> absl::Status {
    ASSIGN_OR_RETURN(Caller caller, call.caller());
    ASSIGN_OR_RETURN(Instansi created, registry_.CreateInstansi(caller, FromProto(req->instansi())));
    ToProto(created, resp);
    return absl::OkStatus();
  }());
}

grpc::Status RegistryService::GetInstansi(grpc::ServerContext* ctx,
                                          const v1::GetInstansiRequest* req, v1::Instansi* resp) {
  Call call(ctx, "GetInstansi", edge_);
  return call.Finish([&]() -> absl::Status {
    ASSIGN_OR_RETURN(Caller caller, call.caller());
    ASSIGN_OR_RETURN(Instansi instansi, registry_.GetInstansi(caller, req->code()));
    ToProto(instansi, resp);
    return absl::OkStatus();
  }());
}

grpc::Status RegistryService::ListInstansi(grpc::ServerContext* ctx,
                                           const v1::ListInstansiRequest* req,
                                           v1::ListInstansiResponse* resp) {
  Call call(ctx, "ListInstansi", edge_);
  return call.Finish([&]() -> absl::Status {
    ASSIGN_OR_RETURN(Caller caller, call.caller());
    ASSIGN_OR_RETURN(Page<Instansi> page,
                     registry_.ListInstansi(caller, req->page_size(), req->page_token()));
    for (const Instansi& i : page.items) ToProto(i, resp->add_instansi());
    resp->set_next_page_token(page.next_page_token);
    return absl::OkStatus();
  }());
}

grpc::Status RegistryService::GetInstansiContacts(grpc::ServerContext* ctx,
                                                  const v1::GetInstansiContactsRequest* req,
                                                  v1::InstansiContacts* resp) {
  Call call(ctx, "GetInstansiContacts", edge_);
  return call.Finish([&]() -> absl::Status {
    ASSIGN_OR_RETURN(Caller caller, call.caller());
    ASSIGN_OR_RETURN(InstansiContactList list,
                     registry_.GetInstansiContacts(caller, req->instansi_code()));
    ToProto(list, resp);
    return absl::OkStatus();
  }());
}

grpc::Status RegistryService::UpdateInstansiContacts(
    grpc::ServerContext* ctx, const v1::UpdateInstansiContactsRequest* req,
    v1::InstansiContacts* resp) {
  Call call(ctx, "UpdateInstansiContacts", edge_);
  return call.Finish([&]() -> absl::Status {
    ASSIGN_OR_RETURN(Caller caller, call.caller());
    ASSIGN_OR_RETURN(std::string code, ContactsInstansiCode(req->contacts()));
    // A count, never an address: contact details are personal data.
    call.Note("contacts", absl::StrCat(req->contacts().contacts_size()));
    ASSIGN_OR_RETURN(InstansiContactList list,
                     registry_.UpdateInstansiContacts(
                         caller, code, ContactsFromProto(req->contacts()), req->etag()));
    ToProto(list, resp);
    return absl::OkStatus();
  }());
}

grpc::Status RegistryService::BatchGetInstansiContacts(
    grpc::ServerContext* ctx, const v1::BatchGetInstansiContactsRequest* req,
    v1::BatchGetInstansiContactsResponse* resp) {
  Call call(ctx, "BatchGetInstansiContacts", edge_);
  return call.Finish([&]() -> absl::Status {
    ASSIGN_OR_RETURN(Caller caller, call.caller());
    std::vector<std::string> codes(req->instansi_codes().begin(), req->instansi_codes().end());
    call.Note("codes", absl::StrCat(codes.size()));
    ASSIGN_OR_RETURN(std::vector<InstansiContactList> lists,
                     registry_.BatchGetInstansiContacts(caller, codes));
    for (const InstansiContactList& list : lists) ToProto(list, resp->add_contacts());
    return absl::OkStatus();
  }());
}

grpc::Status RegistryService::CreateHonorer(grpc::ServerContext* ctx,
                                            const v1::CreateHonorerRequest* req,
                                            v1::Honorer* resp) {
  Call call(ctx, "CreateHonorer", edge_);
  return call.Finish([&]() -> absl::Status {
    ASSIGN_OR_RETURN(Caller caller, call.caller());
    ASSIGN_OR_RETURN(Honorer h, FromProto(req->honorer()));
    ASSIGN_OR_RETURN(Honorer created, registry_.CreateHonorer(caller, h, req->request_id()));
    call.Note("honorer", HonorerName(created.id));
    ToProto(created, resp);
    return absl::OkStatus();
  }());
}

grpc::Status RegistryService::GetHonorer(grpc::ServerContext* ctx,
                                         const v1::GetHonorerRequest* req, v1::Honorer* resp) {
  Call call(ctx, "GetHonorer", edge_);
  return call.Finish([&]() -> absl::Status {
    ASSIGN_OR_RETURN(Caller caller, call.caller());
    if (req->key_case() == v1::GetHonorerRequest::KEY_NOT_SET) {
      return InvalidField("name", "give the honorer's name or nik");
    }
    if (!req->nik().empty()) call.Note("nik", MaskNik(req->nik()));
    // No view in the request: FULL, or BASIC for a service (never the NIK).
    ASSIGN_OR_RETURN(v1::HonorerView view,
                     registry_.ResolveView(caller, v1::HONORER_VIEW_UNSPECIFIED, "GetHonorer"));
    ASSIGN_OR_RETURN(Honorer h, registry_.GetHonorer(caller, HonorerKey{req->name(), req->nik()}));
    ToProto(h, resp, view);
    return absl::OkStatus();
  }());
}

grpc::Status RegistryService::BatchGetHonorers(grpc::ServerContext* ctx,
                                               const v1::BatchGetHonorersRequest* req,
                                               v1::BatchGetHonorersResponse* resp) {
  Call call(ctx, "BatchGetHonorers", edge_);
  return call.Finish([&]() -> absl::Status {
    ASSIGN_OR_RETURN(Caller caller, call.caller());
    ASSIGN_OR_RETURN(v1::HonorerView view,
                     registry_.ResolveView(caller, req->view(), "BatchGetHonorers"));
    std::vector<std::string> names(req->names().begin(), req->names().end());
    call.Note("names", absl::StrCat(names.size()));
    ASSIGN_OR_RETURN(HonorerBatch batch,
                     registry_.BatchGetHonorers(caller, names, req->allow_missing()));
    call.Note("missing", absl::StrCat(batch.missing.size()));
    resp->mutable_honorers()->Reserve(static_cast<int>(batch.honorers.size()));
    for (const Honorer& h : batch.honorers) ToProto(h, resp->add_honorers(), view);
    for (std::string& name : batch.missing) resp->add_missing(std::move(name));
    return absl::OkStatus();
  }());
}

grpc::Status RegistryService::ListHonorers(grpc::ServerContext* ctx,
                                           const v1::ListHonorersRequest* req,
                                           v1::ListHonorersResponse* resp) {
  Call call(ctx, "ListHonorers", edge_);
  return call.Finish([&]() -> absl::Status {
    ASSIGN_OR_RETURN(Caller caller, call.caller());
    ASSIGN_OR_RETURN(v1::HonorerView view,
                     registry_.ResolveView(caller, req->view(), "ListHonorers"));
    HonorerFilter filter;
    filter.instansi_code = req->instansi_code();
    // `status` and `statuses` together: any of them all.
    if (req->status() != v1::HONORER_STATUS_UNSPECIFIED) filter.statuses.push_back(req->status());
    for (int i = 0; i < req->statuses_size(); ++i) {
      const int s = req->statuses(i);
      if (s == v1::HONORER_STATUS_UNSPECIFIED || !v1::HonorerStatus_IsValid(s)) {
        return InvalidField(absl::StrCat("statuses[", i, "]"), "is not a status");
      }
      filter.statuses.push_back(static_cast<HonorerStatus>(s));
    }
    std::sort(filter.statuses.begin(), filter.statuses.end());
    filter.statuses.erase(std::unique(filter.statuses.begin(), filter.statuses.end()),
                          filter.statuses.end());
    if (req->has_in_bkn_database()) filter.in_bkn_database = req->in_bkn_database();
    filter.jabatan_category = req->jabatan_category();
    if (!req->unit_kerja().empty()) filter.unit_kerja.push_back(req->unit_kerja());
    ASSIGN_OR_RETURN(Page<Honorer> page, registry_.ListHonorers(caller, filter, req->page_size(),
                                                                req->page_token()));
    for (const Honorer& h : page.items) ToProto(h, resp->add_honorers(), view);
    resp->set_next_page_token(page.next_page_token);
    resp->set_total_size(page.total_size);
    return absl::OkStatus();
  }());
}

grpc::Status RegistryService::UpdateHonorer(grpc::ServerContext* ctx,
                                            const v1::UpdateHonorerRequest* req,
                                            v1::Honorer* resp) {
  Call call(ctx, "UpdateHonorer", edge_);
  return call.Finish([&]() -> absl::Status {
    ASSIGN_OR_RETURN(Caller caller, call.caller());
    ASSIGN_OR_RETURN(Honorer patch, FromProto(req->honorer()));
    std::vector<std::string> mask(req->update_mask().paths().begin(),
                                  req->update_mask().paths().end());
    ASSIGN_OR_RETURN(Honorer updated,
                     registry_.UpdateHonorer(caller, patch, mask, req->honorer().name(),
                                             req->honorer().etag()));
    ToProto(updated, resp);
    return absl::OkStatus();
  }());
}

grpc::Status RegistryService::ChangeHonorerStatus(grpc::ServerContext* ctx,
                                                  const v1::ChangeHonorerStatusRequest* req,
                                                  v1::Honorer* resp) {
  Call call(ctx, "ChangeHonorerStatus", edge_);
  return call.Finish([&]() -> absl::Status {
    ASSIGN_OR_RETURN(Caller caller, call.caller());
    ASSIGN_OR_RETURN(v1::HonorerView view, registry_.ResolveView(caller, v1::HONORER_VIEW_UNSPECIFIED,
                                                                 "ChangeHonorerStatus"));
    ASSIGN_OR_RETURN(Honorer h, registry_.ChangeStatus(caller, req->name(), req->status(),
                                                       req->reason(), req->etag()));
    ToProto(h, resp, view);
    return absl::OkStatus();
  }());
}

grpc::Status RegistryService::ListStatusHistory(grpc::ServerContext* ctx,
                                                const v1::ListStatusHistoryRequest* req,
                                                v1::ListStatusHistoryResponse* resp) {
  Call call(ctx, "ListStatusHistory", edge_);
  return call.Finish([&]() -> absl::Status {
    ASSIGN_OR_RETURN(Caller caller, call.caller());
    ASSIGN_OR_RETURN(Page<StatusEvent> page,
                     registry_.ListStatusHistory(caller, req->name(), req->page_size(),
                                                 req->page_token()));
    for (const StatusEvent& e : page.items) ToProto(e, resp->add_events());
    resp->set_next_page_token(page.next_page_token);
    return absl::OkStatus();
  }());
}

grpc::Status RegistryService::ImportHonorers(grpc::ServerContext* ctx,
                                             grpc::ServerReader<v1::ImportHonorersRequest>* reader,
                                             v1::ImportHonorersResponse* resp) {
  Call call(ctx, "ImportHonorers", edge_);
  return call.Finish([&]() -> absl::Status {
    ASSIGN_OR_RETURN(Caller caller, call.caller());
    v1::ImportHonorersRequest msg;
    if (!reader->Read(&msg) || !msg.has_header()) {
      return InvalidField("header", "the first message must be the header");
    }
    call.Note("import_id", msg.header().import_id());
    const bool validate_only = msg.header().validate_only();
    if (validate_only) call.Note("validate_only", "true");
    ASSIGN_OR_RETURN(std::unique_ptr<ImportSession> session,
                     ImportSession::Start(registry_, caller, msg.header().instansi_code(),
                                          msg.header().import_id(), validate_only,
                                          options_.import_batch_size));
    if (session->already_completed()) {
      ASSIGN_OR_RETURN(ImportResult result, session->Result(/*replayed=*/true));
      FillImportResponse(result, resp);
      return absl::OkStatus();
    }
    int64_t rows_sent = 0;
    bool ended = false;
    while (reader->Read(&msg)) {
      if (msg.has_header()) return InvalidField("header", "only the first message is a header");
      if (ended) return InvalidField("end", "the end must be the last message of the upload");
      if (msg.has_end()) {
        RETURN_IF_ERROR(CheckImportEnd(msg.end(), rows_sent));
        ended = true;
        continue;
      }
      // Counted before any row of the message is added: the batch they would join
      // is never committed, and the import stays unfinished.
      rows_sent += msg.rows().rows_size();
      if (rows_sent > options_.max_import_rows) return TooManyImportRows(options_.max_import_rows);
      for (const v1::ImportRow& row : msg.rows().rows()) RETURN_IF_ERROR(session->Add(row));
    }
    if (!ended || ctx->IsCancelled()) return UploadCut(validate_only, ended, rows_sent);
    ASSIGN_OR_RETURN(ImportResult result, session->Finish());
    call.Note("created", absl::StrCat(result.progress.created));
    call.Note("rejected", absl::StrCat(result.progress.rejected));
    call.Note("commit_s", absl::StrFormat("%.2f", absl::ToDoubleSeconds(result.commit_time)));
    FillImportResponse(result, resp);
    return absl::OkStatus();
  }());
}

grpc::Status RegistryService::BulkChangeStatus(grpc::ServerContext* ctx,
                                               const v1::BulkChangeStatusRequest* req,
                                               v1::BulkChangeStatusResponse* resp) {
  Call call(ctx, "BulkChangeStatus", edge_);
  return call.Finish([&]() -> absl::Status {
    ASSIGN_OR_RETURN(Caller caller, call.caller());
    BulkStatusChange change;
    change.filter.instansi_code = req->instansi_code();
    for (int s : req->current_status()) {
      change.filter.statuses.push_back(static_cast<HonorerStatus>(s));
    }
    // Each status once, as ListHonorers: every value is a parameter of each page read.
    std::sort(change.filter.statuses.begin(), change.filter.statuses.end());
    change.filter.statuses.erase(
        std::unique(change.filter.statuses.begin(), change.filter.statuses.end()),
        change.filter.statuses.end());
    change.filter.unit_kerja.assign(req->unit_kerja().begin(), req->unit_kerja().end());
    change.filter.exclude_unit_kerja.assign(req->exclude_unit_kerja().begin(),
                                            req->exclude_unit_kerja().end());
    change.new_status = req->new_status();
    change.reason = req->reason();
    change.dry_run = req->dry_run();
    change.exclude_crucial_units = req->exclude_crucial_units();
    ASSIGN_OR_RETURN(BulkStatusResult result, registry_.BulkChangeStatus(caller, change));
    resp->set_matched(result.matched);
    resp->set_changed(result.changed);
    resp->set_skipped(result.skipped);
    resp->set_dry_run(change.dry_run);
    return absl::OkStatus();
  }());
}

grpc::Status RegistryService::VerifyHonorers(grpc::ServerContext* ctx,
                                             const v1::VerifyHonorersRequest* req,
                                             v1::VerifyHonorersResponse* resp) {
  Call call(ctx, "VerifyHonorers", edge_);
  return call.Finish([&]() -> absl::Status {
    ASSIGN_OR_RETURN(Caller caller, call.caller());
    std::vector<BknEntry> entries;
    entries.reserve(req->entries_size());
    for (int i = 0; i < req->entries_size(); ++i) {
      const auto& e = req->entries(i);
      ASSIGN_OR_RETURN(BknRecord record,
                       BknRecordFromProto(e, absl::StrCat("entries[", i, "].")));
      entries.push_back({e.nik(), e.in_bkn_database(), std::move(record)});
    }
    ASSIGN_OR_RETURN(VerifyResult result, registry_.VerifyHonorers(caller, entries));
    resp->set_updated(result.updated);
    resp->set_unchanged(result.unchanged);
    for (int i : result.not_found) resp->add_not_found(i);
    return absl::OkStatus();
  }());
}

grpc::Status RegistryService::RecordScreeningOutcomes(
    grpc::ServerContext* ctx, const v1::RecordScreeningOutcomesRequest* req,
    v1::RecordScreeningOutcomesResponse* resp) {
  Call call(ctx, "RecordScreeningOutcomes", edge_);
  return call.Finish([&]() -> absl::Status {
    ASSIGN_OR_RETURN(Caller caller, call.caller());
    std::vector<ScreeningOutcome> entries;
    entries.reserve(req->entries_size());
    for (const auto& e : req->entries()) entries.push_back({e.name(), e.status(), e.reason()});
    call.Note("entries", absl::StrCat(entries.size()));
    ASSIGN_OR_RETURN(OutcomesResult result, registry_.RecordScreeningOutcomes(caller, entries));
    call.Note("changed", absl::StrCat(result.changed));
    resp->set_changed(result.changed);
    resp->set_unchanged(result.unchanged);
    for (int i : result.not_found) resp->add_not_found(i);
    for (int i : result.refused) resp->add_refused(i);
    return absl::OkStatus();
  }());
}

grpc::Status RegistryService::ListContracts(grpc::ServerContext* ctx,
                                            const v1::ListContractsRequest* req,
                                            v1::ListContractsResponse* resp) {
  Call call(ctx, "ListContracts", edge_);
  return call.Finish([&]() -> absl::Status {
    ASSIGN_OR_RETURN(Caller caller, call.caller());
    ASSIGN_OR_RETURN(Page<Contract> page, registry_.ListContracts(caller, req->honorer(),
                                                                  req->page_size(),
                                                                  req->page_token()));
    for (const Contract& c : page.items) ToProto(c, resp->add_contracts());
    resp->set_next_page_token(page.next_page_token);
    return absl::OkStatus();
  }());
}

grpc::Status RegistryService::ListExpiringContracts(grpc::ServerContext* ctx,
                                                    const v1::ListExpiringContractsRequest* req,
                                                    v1::ListExpiringContractsResponse* resp) {
  Call call(ctx, "ListExpiringContracts", edge_);
  return call.Finish([&]() -> absl::Status {
    ASSIGN_OR_RETURN(Caller caller, call.caller());
    ExpiringQuery query{req->instansi_code(), req->within_days(), req->include_ended(),
                        req->page_size(), req->page_token()};
    ASSIGN_OR_RETURN(ExpiringPage page, registry_.ListExpiringContracts(caller, query));
    for (const ExpiringContract& e : page.items) ToProto(e, resp->add_contracts());
    resp->set_next_page_token(page.next_page_token);
    resp->set_total_size(page.total_size);
    resp->set_reviews_missing(page.reviews_missing);
    DateToProto(page.today, resp->mutable_today());
    DateToProto(page.until, resp->mutable_until());
    return absl::OkStatus();
  }());
}

grpc::Status RegistryService::RenewContracts(grpc::ServerContext* ctx,
                                             const v1::RenewContractsRequest* req,
                                             v1::RenewContractsResponse* resp) {
  Call call(ctx, "RenewContracts", edge_);
  return call.Finish([&]() -> absl::Status {
    ASSIGN_OR_RETURN(Caller caller, call.caller());
    ASSIGN_OR_RETURN(RenewalRequest request, RenewalFromProto(*req));
    if (!request.request_id.empty()) call.Note("renewal", request.request_id);
    ASSIGN_OR_RETURN(*resp, registry_.RenewContracts(caller, request));
    call.Note("renewed", absl::StrCat(resp->renewed()));
    call.Note("excluded", absl::StrCat(resp->excluded()));
    return absl::OkStatus();
  }());
}

grpc::Status RegistryService::GetContractPolicy(grpc::ServerContext* ctx,
                                                const v1::GetContractPolicyRequest* req,
                                                v1::ContractPolicy* resp) {
  Call call(ctx, "GetContractPolicy", edge_);
  return call.Finish([&]() -> absl::Status {
    ASSIGN_OR_RETURN(Caller caller, call.caller());
    ASSIGN_OR_RETURN(ContractPolicy policy,
                     registry_.GetContractPolicy(caller, req->instansi_code()));
    ToProto(policy, resp);
    return absl::OkStatus();
  }());
}

grpc::Status RegistryService::UpdateContractPolicy(grpc::ServerContext* ctx,
                                                   const v1::UpdateContractPolicyRequest* req,
                                                   v1::ContractPolicy* resp) {
  Call call(ctx, "UpdateContractPolicy", edge_);
  return call.Finish([&]() -> absl::Status {
    ASSIGN_OR_RETURN(Caller caller, call.caller());
    ASSIGN_OR_RETURN(std::string code, PolicyInstansiCode(req->policy()));
    std::vector<std::string> mask(req->update_mask().paths().begin(),
                                  req->update_mask().paths().end());
    ASSIGN_OR_RETURN(ContractPolicy policy,
                     registry_.UpdateContractPolicy(caller, code, PolicyFromProto(req->policy()),
                                                    mask, req->etag()));
    ToProto(policy, resp);
    return absl::OkStatus();
  }());
}

grpc::Status RegistryService::SetPerformanceReview(grpc::ServerContext* ctx,
                                                   const v1::SetPerformanceReviewRequest* req,
                                                   v1::PerformanceReview* resp) {
  Call call(ctx, "SetPerformanceReview", edge_);
  return call.Finish([&]() -> absl::Status {
    ASSIGN_OR_RETURN(Caller caller, call.caller());
    ASSIGN_OR_RETURN(PerformanceReview review,
                     registry_.SetPerformanceReview(caller, req->review().honorer(),
                                                    ReviewFromProto(req->review())));
    ToProto(review, resp);
    return absl::OkStatus();
  }());
}

grpc::Status RegistryService::ImportPerformanceReviews(
    grpc::ServerContext* ctx, const v1::ImportPerformanceReviewsRequest* req,
    v1::ImportPerformanceReviewsResponse* resp) {
  Call call(ctx, "ImportPerformanceReviews", edge_);
  return call.Finish([&]() -> absl::Status {
    ASSIGN_OR_RETURN(Caller caller, call.caller());
    call.Note("rows", absl::StrCat(req->rows_size()));
    ASSIGN_OR_RETURN(ReviewImportResult result,
                     registry_.ImportPerformanceReviews(caller, req->instansi_code(),
                                                        ReviewRowsFromProto(*req)));
    resp->set_created(result.created);
    resp->set_updated(result.updated);
    resp->set_unchanged(result.unchanged);
    return absl::OkStatus();
  }());
}

grpc::Status RegistryService::ListPerformanceReviews(grpc::ServerContext* ctx,
                                                     const v1::ListPerformanceReviewsRequest* req,
                                                     v1::ListPerformanceReviewsResponse* resp) {
  Call call(ctx, "ListPerformanceReviews", edge_);
  return call.Finish([&]() -> absl::Status {
    ASSIGN_OR_RETURN(Caller caller, call.caller());
    ASSIGN_OR_RETURN(Page<PerformanceReview> page,
                     registry_.ListPerformanceReviews(caller, req->instansi_code(), req->year(),
                                                      req->outcome(), req->page_size(),
                                                      req->page_token()));
    for (const PerformanceReview& r : page.items) ToProto(r, resp->add_reviews());
    resp->set_next_page_token(page.next_page_token);
    return absl::OkStatus();
  }());
}

grpc::Status RegistryService::ListAuditEvents(grpc::ServerContext* ctx,
                                              const common::v1::ListAuditEventsRequest* req,
                                              common::v1::ListAuditEventsResponse* resp) {
  Call call(ctx, "ListAuditEvents", edge_);
  return call.Finish([&]() -> absl::Status {
    RETURN_IF_ERROR(call.caller().status());
    return penataan::ListAuditEvents(registry_.db(), "registry", *req, resp);
  }());
}

}  // namespace penataan::registry
