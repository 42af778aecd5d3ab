#ifndef PENATAAN_TESTS_TESTING_IMPORT_UPLOAD_H_
#define PENATAAN_TESTS_TESTING_IMPORT_UPLOAD_H_

// An ImportHonorers stream as penataanctl sends it: a header, then rows in small
// messages, then the end message and half-close. For the import tests, which
// also cut uploads halfway.

#include <grpcpp/grpcpp.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "penataan/registry/v1/registry.grpc.pb.h"

namespace penataan::testing {

using Upload = std::unique_ptr<grpc::ClientWriter<registry::v1::ImportHonorersRequest>>;

// An upload with its header sent (bearer `token`, a 60 s deadline); rows follow
// with SendRows. `ctx` and `out` must outlive the upload.
Upload OpenUpload(registry::v1::RegistryService::Stub& stub, grpc::ClientContext& ctx,
                  registry::v1::ImportHonorersResponse& out, const std::string& instansi,
                  const std::string& import_id, const std::string& token);
// The same with any header (validate_only).
Upload OpenUpload(registry::v1::RegistryService::Stub& stub, grpc::ClientContext& ctx,
                  registry::v1::ImportHonorersResponse& out,
                  const registry::v1::ImportHeader& header, const std::string& token);

// Rows [from, to) in messages of 7; false once the server has answered early.
bool SendRows(Upload& upload, const std::vector<registry::v1::ImportRow>& rows, size_t from,
              size_t to);

// The end message, counting the `rows` sent; false once the server has answered.
bool SendEnd(Upload& upload, int64_t rows);

// A whole upload: header, every row, the end, half-close, the answer.
grpc::Status ImportAll(registry::v1::RegistryService::Stub& stub, const std::string& instansi,
                       const std::string& import_id,
                       const std::vector<registry::v1::ImportRow>& rows,
                       registry::v1::ImportHonorersResponse* out, const std::string& token);
grpc::Status ImportAll(registry::v1::RegistryService::Stub& stub,
                       const registry::v1::ImportHeader& header,
                       const std::vector<registry::v1::ImportRow>& rows,
                       registry::v1::ImportHonorersResponse* out, const std::string& token);

}  // namespace penataan::testing

#endif  // PENATAAN_TESTS_TESTING_IMPORT_UPLOAD_H_
