#include "cli/rpc_errors.h"

#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/server/grpc_status.h"

namespace penataan::cli {

std::string DescribeRpcError(const grpc::Status& status, const std::string& service,
                             const std::string& address) {
  const std::string& message = status.error_message();
  std::string line;
  switch (status.error_code()) {
    case grpc::StatusCode::UNAVAILABLE:
      line = absl::StrCat("cannot reach the ", service, " at ", address,
                          ": is it running? (scripts/quickstart.sh starts the suite)");
      break;
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      line = absl::StrCat("the ", service, " at ", address,
                          " did not answer in time (raise --timeout if the work is large)");
      break;
    case grpc::StatusCode::UNAUTHENTICATED:
      line = absl::StrCat("not signed in: ", message,
                          ". Give --token or set PENATAAN_TOKEN (local: deploy/local/tokens.csv)");
      break;
    case grpc::StatusCode::PERMISSION_DENIED:
      line = absl::StrCat("permission denied: ", message);
      break;
    case grpc::StatusCode::NOT_FOUND:
      line = absl::StrCat("not found: ", message);
      break;
    case grpc::StatusCode::ALREADY_EXISTS:
      line = absl::StrCat("already exists: ", message);
      break;
    case grpc::StatusCode::ABORTED:
      line = absl::StrCat("changed meanwhile: ", message);
      break;
    case grpc::StatusCode::FAILED_PRECONDITION:
      line = absl::StrCat("refused: ", message);
      break;
    case grpc::StatusCode::INVALID_ARGUMENT:
      line = absl::StrCat("invalid input: ", message);
      break;
    default:
      line = absl::StrCat(service, " error: ", message);
  }
  const std::vector<Violation> violations = ViolationsOf(FromGrpcStatus(status));
  if (violations.size() < 2) return line;  // the message already names the one field
  for (const Violation& v : violations) {
    absl::StrAppend(&line, "\n  ", v.row > 0 ? absl::StrCat("row ", v.row, ": ") : "", v.field,
                    ": ", v.description);
  }
  return line;
}

}  // namespace penataan::cli
