#ifndef PENATAAN_CLI_RPC_ERRORS_H_
#define PENATAAN_CLI_RPC_ERRORS_H_

// What a person is told when a call fails: one line in plain words (and, for bad
// input, one line per named field), never a stack of gRPC text.

#include <grpcpp/grpcpp.h>

#include <string>

namespace penataan::cli {

// `service` and `address` name what was called: "registry", "127.0.0.1:50051".
std::string DescribeRpcError(const grpc::Status& status, const std::string& service,
                             const std::string& address);

}  // namespace penataan::cli

#endif  // PENATAAN_CLI_RPC_ERRORS_H_
