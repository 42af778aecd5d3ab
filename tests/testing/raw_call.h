#ifndef PENATAAN_TESTS_TESTING_RAW_CALL_H_
#define PENATAAN_TESTS_TESTING_RAW_CALL_H_

// A call of any method with requests given as bytes, so that a test can send what
// no generated stub would: a string field that is not UTF-8, a message of another
// type. For the hostile-field test and the import's cut-stream tests.

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>
#include <vector>

namespace penataan::testing {

struct RawReply {
  grpc::Status status;
  std::vector<std::string> messages;  // the response messages, serialized
};

// Calls `path` ("/penataan.registry.v1.RegistryService/ImportHonorers") of any
// kind, unary or streaming either way, with bearer `token` and a 30 s deadline:
// sends each of `requests` (serialized messages) while the server reads, then
// half-closes and reads every response.
RawReply CallRaw(const std::shared_ptr<grpc::Channel>& channel, const std::string& path,
                 const std::vector<std::string>& requests, const std::string& token);

}  // namespace penataan::testing

#endif  // PENATAAN_TESTS_TESTING_RAW_CALL_H_
