#ifndef PENATAAN_COMMON_SERVER_AUDIT_EVENTS_H_
#define PENATAAN_COMMON_SERVER_AUDIT_EVENTS_H_

// ListAuditEvents, the same in every service: the request's filters and keyset
// paging over the service's audit_log. Who may call it is the access table's
// business (national principals); this only reads.

#include <string>

#include "absl/status/status.h"
#include "common/storage/database.h"
#include "penataan/common/v1/common.pb.h"

namespace penataan {

absl::Status ListAuditEvents(storage::Database& db, const std::string& service,
                             const common::v1::ListAuditEventsRequest& request,
                             common::v1::ListAuditEventsResponse* response);

}  // namespace penataan

#endif  // PENATAAN_COMMON_SERVER_AUDIT_EVENTS_H_
