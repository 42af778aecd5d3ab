#ifndef PENATAAN_COMMON_SERVER_HEALTH_CLIENT_H_
#define PENATAAN_COMMON_SERVER_HEALTH_CLIENT_H_

// A grpc.health.v1.Health/Check call without a generated copy of health.proto: the
// request is the empty message and the answer {status: N} is the two bytes 0x08 N.

#include <grpcpp/grpcpp.h>

#include <memory>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace penataan {

// True for SERVING, false for NOT_SERVING (or an answer it cannot read); the call's
// error (UNAVAILABLE when nothing listens) otherwise.
absl::StatusOr<bool> CheckHealth(const std::shared_ptr<grpc::Channel>& channel,
                                 absl::Duration timeout);

}  // namespace penataan

#endif  // PENATAAN_COMMON_SERVER_HEALTH_CLIENT_H_
