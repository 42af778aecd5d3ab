#include "tests/testing/import_upload.h"

#include <algorithm>
#include <chrono>

#include "absl/strings/str_cat.h"

namespace penataan::testing {

namespace rv1 = registry::v1;

namespace {

rv1::ImportHeader HeaderOf(const std::string& instansi, const std::string& import_id) {
  rv1::ImportHeader header;
  header.set_instansi_code(instansi);
  header.set_import_id(import_id);
  return header;
}

}  // namespace

Upload OpenUpload(rv1::RegistryService::Stub& stub, grpc::ClientContext& ctx,
                  rv1::ImportHonorersResponse& out, const std::string& instansi,
                  const std::string& import_id, const std::string& token) {
  return OpenUpload(stub, ctx, out, HeaderOf(instansi, import_id), token);
}

Upload OpenUpload(rv1::RegistryService::Stub& stub, grpc::ClientContext& ctx,
                  rv1::ImportHonorersResponse& out, const rv1::ImportHeader& header,
                  const std::string& token) {
  ctx.AddMetadata("authorization", absl::StrCat("Bearer ", token));
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
  Upload upload = stub.ImportHonorers(&ctx, &out);
  rv1::ImportHonorersRequest msg;
  *msg.mutable_header() = header;
  upload->Write(msg);
  return upload;
}

bool SendRows(Upload& upload, const std::vector<rv1::ImportRow>& rows, size_t from, size_t to) {
  for (size_t i = from; i < to; i += 7) {
    rv1::ImportHonorersRequest part;
    for (size_t j = i; j < std::min(to, i + 7); ++j) *part.mutable_rows()->add_rows() = rows[j];
    if (!upload->Write(part)) return false;
  }
  return true;
}

bool SendEnd(Upload& upload, int64_t rows) {
  rv1::ImportHonorersRequest end;
  end.mutable_end()->set_rows(rows);
  return upload->Write(end);
}

grpc::Status ImportAll(rv1::RegistryService::Stub& stub, const std::string& instansi,
                       const std::string& import_id, const std::vector<rv1::ImportRow>& rows,
                       rv1::ImportHonorersResponse* out, const std::string& token) {
  return ImportAll(stub, HeaderOf(instansi, import_id), rows, out, token);
}

grpc::Status ImportAll(rv1::RegistryService::Stub& stub, const rv1::ImportHeader& header,
                       const std::vector<rv1::ImportRow>& rows, rv1::ImportHonorersResponse* out,
                       const std::string& token) {
  grpc::ClientContext ctx;
  Upload upload = OpenUpload(stub, ctx, *out, header, token);
  SendRows(upload, rows, 0, rows.size());
  SendEnd(upload, static_cast<int64_t>(rows.size()));
  upload->WritesDone();
  return upload->Finish();
}

}  // namespace penataan::testing
