#ifndef PENATAAN_COMMON_SERVER_CALL_H_
#define PENATAAN_COMMON_SERVER_CALL_H_

// The edge of every handler. A Call authenticates the caller, carries the request id
// (from "x-request-id" metadata or made up), and Finish() maps the handler's
// absl::Status to grpc::Status and writes the one log line of the call:
//
//   grpc::Status Svc::GetThing(grpc::ServerContext* ctx, const Req* req, Thing* out) {
//     Call call(ctx, "GetThing", auth_);
//     return call.Finish(DoGetThing(call, *req, out));
//   }

#include <grpcpp/grpcpp.h>

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/auth/principal.h"
#include "common/auth/authenticator.h"

namespace penataan {

class Call {
 public:
  Call(grpc::ServerContext* context, const char* method, const Authenticator& auth);

  // UNAUTHENTICATED if the caller sent no valid credentials.
  const absl::StatusOr<Principal>& principal() const { return principal_; }
  const std::string& request_id() const { return request_id_; }
  std::string principal_text() const;

  // Extra key=value fields for the call's log line (never a whole NIK).
  void Note(std::string key, std::string value);

  grpc::Status Finish(const absl::Status& status);

 private:
  grpc::ServerContext* context_;
  const char* method_;
  absl::Time start_;
  absl::StatusOr<Principal> principal_;
  std::string request_id_;
  std::string notes_;
};

}  // namespace penataan

#endif  // PENATAAN_COMMON_SERVER_CALL_H_
