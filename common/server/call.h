#ifndef PENATAAN_COMMON_SERVER_CALL_H_
#define PENATAAN_COMMON_SERVER_CALL_H_

// The edge of every handler. A Call authenticates the caller, consults the
// service's access table before the handler reads anything, writes every refusal
// to the audit log, carries the request id (from "x-request-id" metadata or made
// up) and the origin, and Finish() maps the handler's absl::Status to grpc::Status
// and writes the one log line of the call:
//
//   grpc::Status Svc::GetThing(grpc::ServerContext* ctx, const Req* req, Thing* out) {
//     Call call(ctx, "GetThing", edge_);
//     return call.Finish([&]() -> absl::Status {
//       ASSIGN_OR_RETURN(Caller caller, call.caller());
//       ...
//     }());
//   }

#include <grpcpp/grpcpp.h>

#include <functional>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/audit_record.h"
#include "common/auth/authenticator.h"
#include "common/auth/principal.h"
#include "common/clock.h"
#include "common/server/access_table.h"
#include "common/server/caller.h"
#include "google/protobuf/descriptor.h"

namespace penataan {

// Metadata a service sends when it calls a peer on someone's behalf.
inline constexpr char kRequestIdHeader[] = "x-request-id";
inline constexpr char kOriginHeader[] = "x-penataan-origin";

// What the edge of one service needs, made once in main (or a test server) and
// shared by every handler. Thread-safe.
class ServiceEdge {
 public:
  // Writes a refused call to the audit log (best effort; see storage::RecordRefusal).
  using RefusalSink = std::function<void(const AuditRecord&)>;

  // FAILED_PRECONDITION when `table` does not name exactly the methods of its
  // service's proto (looked up in the generated descriptor pool by the table's
  // service name): a service must not start with a method nobody decided about.
  static absl::StatusOr<std::unique_ptr<ServiceEdge>> Create(const AccessTable& table,
                                                             const Authenticator& auth,
                                                             RefusalSink refusals,
                                                             const Clock& clock);

  const AccessTable& table() const { return table_; }
  const Authenticator& auth() const { return auth_; }
  const Clock& clock() const { return clock_; }
  void Refused(const AuditRecord& record) const { refusals_(record); }

 private:
  ServiceEdge(const AccessTable& table, const Authenticator& auth, RefusalSink refusals,
              const Clock& clock)
      : table_(table), auth_(auth), refusals_(std::move(refusals)), clock_(clock) {}
  const AccessTable& table_;
  const Authenticator& auth_;
  const RefusalSink refusals_;
  const Clock& clock_;
};

class Call {
 public:
  // `method` is the bare RPC name, as in the access table.
  Call(grpc::ServerContext* context, const char* method, const ServiceEdge& edge);

  // The caller, or UNAUTHENTICATED / PERMISSION_DENIED (already audited), or
  // INVALID_ARGUMENT naming the request's text fields that are not plain text
  // (common/server/request_guard.h; the request read before the handler ran).
  const absl::StatusOr<Caller>& caller() const { return caller_; }
  const std::string& request_id() const { return request_id_; }

  // Extra key=value fields for the call's log line (never a whole NIK).
  void Note(std::string key, std::string value);

  grpc::Status Finish(const absl::Status& status);

 private:
  absl::StatusOr<Caller> Admit(const ServiceEdge& edge);

  grpc::ServerContext* context_;
  const char* method_;
  absl::Time start_;
  std::string request_id_;
  std::string principal_text_ = "unauthenticated";
  std::string origin_;
  absl::StatusOr<Caller> caller_;
  std::string notes_;
};

}  // namespace penataan

#endif  // PENATAAN_COMMON_SERVER_CALL_H_
