#ifndef PENATAAN_COMMON_SERVER_GRPC_STATUS_H_
#define PENATAAN_COMMON_SERVER_GRPC_STATUS_H_

// The one place where absl::Status becomes grpc::Status and back. Violations carried
// by the status travel as penataan.common.v1.ErrorDetail inside a google.rpc.Status-
// compatible details trailer.

#include <grpcpp/grpcpp.h>

#include "absl/status/status.h"

namespace penataan {

grpc::Status ToGrpcStatus(const absl::Status& status);
absl::Status FromGrpcStatus(const grpc::Status& status);

}  // namespace penataan

#endif  // PENATAAN_COMMON_SERVER_GRPC_STATUS_H_
