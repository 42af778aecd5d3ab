#include "common/server/call.h"

#include <random>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "common/log.h"
#include "common/metrics/rpc_metrics.h"
#include "common/server/grpc_status.h"

namespace penataan {
namespace {

std::string MetadataValue(const grpc::ServerContext& context, const char* key) {
  auto it = context.client_metadata().find(key);
  if (it == context.client_metadata().end()) return "";
  return std::string(it->second.data(), it->second.size());
}

std::string NewRequestId() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  return absl::StrFormat("%016x", rng());
}

}  // namespace

Call::Call(grpc::ServerContext* context, const char* method, const Authenticator& auth)
    : context_(context),
      method_(method),
      start_(absl::Now()),
      principal_(auth.Authenticate(*context)),
      request_id_(MetadataValue(*context, "x-request-id")) {
  if (request_id_.empty() || request_id_.size() > 64) request_id_ = NewRequestId();
  context_->AddTrailingMetadata("x-request-id", request_id_);
}

std::string Call::principal_text() const {
  return principal_.ok() ? principal_->ToString() : "unauthenticated";
}

void Call::Note(std::string key, std::string value) {
  absl::StrAppend(&notes_, notes_.empty() ? "" : " ", key, "=", value);
}

grpc::Status Call::Finish(const absl::Status& status) {
  const double ms = absl::ToDoubleMilliseconds(absl::Now() - start_);
  const LogLevel level = status.ok() ? LogLevel::kInfo
                         : status.code() == absl::StatusCode::kInternal ||
                                 status.code() == absl::StatusCode::kUnavailable
                             ? LogLevel::kError
                             : LogLevel::kWarning;
  LogEvent(level, "rpc",
           {{"method", method_},
            {"code", absl::StatusCodeToString(status.code())},
            {"ms", absl::StrFormat("%.3f", ms)},
            {"request_id", request_id_},
            {"principal", principal_text()},
            {"peer", context_->peer()},
            {"error", status.ok() ? "" : std::string(status.message())},
            {"notes", notes_}});
  metrics::ObserveRpc(method_, status.code(), absl::Now() - start_);
  return ToGrpcStatus(status);
}

}  // namespace penataan
