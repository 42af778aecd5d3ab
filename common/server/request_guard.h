#ifndef PENATAAN_COMMON_SERVER_REQUEST_GUARD_H_
#define PENATAAN_COMMON_SERVER_REQUEST_GUARD_H_

// What every penataan service does with a request before its handler reads it:
//
// - A request protobuf cannot parse (a string field that is not UTF-8: proto3
//   refuses it) is answered INVALID_ARGUMENT naming the field, where gRPC would
//   answer INTERNAL with no message. Protobuf names the field only in its log, so
//   its log handler records the name for the call on this thread.
//   In a client stream, gRPC hands the handler a message that does not parse as
//   the end of the stream (so a stream that must be whole ends with a message
//   saying so, as ImportHonorers's `end`); the guard still answers
//   INVALID_ARGUMENT naming the field.
// - A request whose text fields break the plain-text rule (common/server/
//   request_text.h) is refused by Call, once the caller is admitted, before the
//   handler reads any field.
//
// Both are installed by StartServer.

#include <grpcpp/grpcpp.h>
#include <grpcpp/support/server_interceptor.h>

#include <memory>

#include "absl/status/status.h"

namespace penataan {

// Sends protobuf's own log messages to LogEvent, one line each; idempotent.
void InstallProtobufLogHandler();

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface> NewRequestGuardFactory();

// What the guard found wrong with the text of the request of `context`'s call,
// if that request was read on this thread and not taken before; OK otherwise.
absl::Status TakeRequestTextProblem(const grpc::ServerContextBase* context);

}  // namespace penataan

#endif  // PENATAAN_COMMON_SERVER_REQUEST_GUARD_H_
