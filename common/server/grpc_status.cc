#include "common/server/grpc_status.h"

#include "common/errors.h"
#include "common/utf8.h"
#include "penataan/common/v1/common.pb.h"

namespace penataan {

std::string ShortError(absl::string_view text) {
  // Valid UTF-8 whatever went into the message: the status details are a proto3
  // message, which a client cannot parse with anything else in a string.
  if (text.size() <= kMaxErrorBytes) return ValidUtf8(text);
  return ValidUtf8(text, kMaxErrorBytes - 3) + "\xE2\x80\xA6";
}

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  const auto code = static_cast<grpc::StatusCode>(status.code());
  const std::string message = ShortError(status.message());
  std::vector<Violation> violations = ViolationsOf(status);
  if (violations.empty()) return grpc::Status(code, message);
  common::v1::ErrorDetail detail;
  for (const Violation& v : violations) {
    auto* out = detail.add_violations();
    out->set_field(ShortError(v.field));
    out->set_row(v.row);
    out->set_description(ShortError(v.description));
  }
  common::v1::RpcStatus rpc_status;
  rpc_status.set_code(static_cast<int>(code));
  rpc_status.set_message(message);
  rpc_status.add_details()->PackFrom(detail);
  return grpc::Status(code, message, rpc_status.SerializeAsString());
}

absl::Status FromGrpcStatus(const grpc::Status& status) {
  if (status.ok()) return absl::OkStatus();
  absl::Status out(static_cast<absl::StatusCode>(status.error_code()), status.error_message());
  common::v1::RpcStatus rpc_status;
  if (!status.error_details().empty() && rpc_status.ParseFromString(status.error_details())) {
    for (const auto& any : rpc_status.details()) {
      common::v1::ErrorDetail detail;
      if (!any.UnpackTo(&detail)) continue;
      for (const auto& v : detail.violations()) {
        out = WithViolation(out, Violation{v.field(), v.row(), v.description()});
      }
    }
  }
  return out;
}

}  // namespace penataan
