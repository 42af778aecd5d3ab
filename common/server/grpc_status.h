#ifndef PENATAAN_COMMON_SERVER_GRPC_STATUS_H_
#define PENATAAN_COMMON_SERVER_GRPC_STATUS_H_

// The one place where absl::Status becomes grpc::Status and back. Violations carried
// by the status travel as penataan.common.v1.ErrorDetail inside a google.rpc.Status-
// compatible details trailer.

#include <grpcpp/grpcpp.h>

#include <cstddef>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace penataan {

// The message and each violation's description are cut (on a character boundary)
// to kMaxErrorBytes: an error may quote a request's value, and a status travels in
// HTTP/2 trailers, which clients refuse past a few kilobytes (and then drop the
// connection).
inline constexpr size_t kMaxErrorBytes = 1000;
grpc::Status ToGrpcStatus(const absl::Status& status);

// `text` cut to kMaxErrorBytes of valid UTF-8, with "…" when something was cut.
std::string ShortError(absl::string_view text);
absl::Status FromGrpcStatus(const grpc::Status& status);

}  // namespace penataan

#endif  // PENATAAN_COMMON_SERVER_GRPC_STATUS_H_
