#include "common/server/audit_events.h"

#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/paging.h"
#include "common/proto_time.h"
#include "common/status_macros.h"
#include "common/storage/audit_log.h"

namespace penataan {

absl::Status ListAuditEvents(storage::Database& db, const std::string& service,
                             const common::v1::ListAuditEventsRequest& request,
                             common::v1::ListAuditEventsResponse* response) {
  storage::AuditFilter filter;
  filter.principal = request.principal();
  filter.action = request.method();
  filter.resource = request.resource();
  filter.outcome = request.outcome();
  if (request.has_start_time()) filter.start = FromTimestamp(request.start_time());
  if (request.has_end_time()) filter.end = FromTimestamp(request.end_time());
  if (filter.start != absl::InfinitePast() && filter.end != absl::InfiniteFuture() &&
      filter.end <= filter.start) {
    return InvalidField("end_time", "must be after start_time");
  }
  ASSIGN_OR_RETURN(int size, EffectivePageSize(request.page_size()));
  ASSIGN_OR_RETURN(int64_t after, DecodeIdPageToken("audit", request.page_token()));
  ASSIGN_OR_RETURN(storage::PooledConnection conn, db.Acquire());
  ASSIGN_OR_RETURN(std::vector<AuditRecord> records,
                   storage::ListAudit(*conn, filter, after, size + 1));
  if (records.size() > static_cast<size_t>(size)) {
    records.resize(size);
    response->set_next_page_token(EncodePageToken("audit", absl::StrCat(records.back().id)));
  }
  for (const AuditRecord& r : records) {
    common::v1::AuditEvent* e = response->add_events();
    e->set_name(absl::StrCat("auditEvents/", r.id));
    e->set_service(service);
    SetTimestamp(r.time, e->mutable_time());
    e->set_principal(r.principal);
    e->set_origin(r.origin.empty() ? r.principal : r.origin);
    e->set_method(r.action);
    e->set_resource(r.resource);
    e->set_request_id(r.request_id);
    e->set_outcome(r.outcome);
    e->set_detail(r.detail);
  }
  return absl::OkStatus();
}

}  // namespace penataan
