#include "common/server/call.h"

#include <random>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "common/log.h"
#include "common/metrics/rpc_metrics.h"
#include "common/server/grpc_status.h"
#include "common/server/request_guard.h"

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

bool IsRequestIdChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c == '-' || c == '_' || c == '.' || c == ':';
}

// A request id from outside goes into logs and the audit log: short and plain.
bool IsUsableRequestId(absl::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    if (!IsRequestIdChar(c)) return false;
  }
  return true;
}

}  // namespace

absl::StatusOr<std::unique_ptr<ServiceEdge>> ServiceEdge::Create(const AccessTable& table,
                                                                 const Authenticator& auth,
                                                                 RefusalSink refusals,
                                                                 const Clock& clock) {
  const google::protobuf::ServiceDescriptor* service =
      google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(table.service());
  if (service == nullptr) {
    return absl::FailedPreconditionError(
        absl::StrCat("access table names unknown service ", table.service()));
  }
  absl::Status covered = table.CheckCovers(*service);
  if (!covered.ok()) return covered;
  return std::unique_ptr<ServiceEdge>(new ServiceEdge(table, auth, std::move(refusals), clock));
}

Call::Call(grpc::ServerContext* context, const char* method, const ServiceEdge& edge)
    : context_(context),
      method_(method),
      start_(absl::Now()),
      request_id_(MetadataValue(*context, kRequestIdHeader)) {
  if (!IsUsableRequestId(request_id_)) request_id_ = NewRequestId();
  context_->AddTrailingMetadata(kRequestIdHeader, request_id_);
  caller_ = Admit(edge);
  if (!caller_.ok()) {
    edge.Refused(AuditRecord{principal_text_, method_, "", request_id_,
                             absl::StatusCodeToString(caller_.status().code()),
                             std::string(caller_.status().message()), edge.clock().Now(),
                             origin_});
    return;
  }
  // The request's text is judged once the caller is admitted, so that a refusal
  // stays a refusal, audited, whatever the request holds.
  absl::Status text = TakeRequestTextProblem(context_);
  if (!text.ok()) caller_ = std::move(text);
}

absl::StatusOr<Caller> Call::Admit(const ServiceEdge& edge) {
  absl::StatusOr<Principal> principal = edge.auth().Authenticate(*context_);
  if (!principal.ok()) return principal.status();
  principal_text_ = principal->ToString();
  origin_ = principal_text_;
  // Only a service acts on someone's behalf; anyone else claiming to is ignored.
  if (principal->IsService()) {
    absl::StatusOr<Principal> origin = ParsePrincipal(MetadataValue(*context_, kOriginHeader));
    if (origin.ok()) origin_ = origin->ToString();
  }
  absl::Status allowed = edge.table().Check(*principal, method_);
  if (!allowed.ok()) return allowed;
  Caller caller;
  caller.principal = *principal;
  caller.request_id = request_id_;
  caller.origin = origin_;
  caller.own_records_only = edge.table().OwnRecordsOnly(*principal, method_);
  const auto deadline = context_->deadline();
  if (deadline != std::chrono::system_clock::time_point::max()) {
    caller.deadline = absl::FromChrono(deadline);
  }
  return caller;
}

void Call::Note(std::string key, std::string value) {
  absl::StrAppend(&notes_, notes_.empty() ? "" : " ", key, "=", value);
}

grpc::Status Call::Finish(const absl::Status& status) {
  const absl::Duration elapsed = absl::Now() - start_;
  const LogLevel level = status.ok() ? LogLevel::kInfo
                         : status.code() == absl::StatusCode::kInternal ||
                                 status.code() == absl::StatusCode::kUnavailable
                             ? LogLevel::kError
                             : LogLevel::kWarning;
  LogEvent(level, "rpc",
           {{"method", method_},
            {"code", absl::StatusCodeToString(status.code())},
            {"ms", absl::StrFormat("%.3f", absl::ToDoubleMilliseconds(elapsed))},
            {"request_id", request_id_},
            {"principal", principal_text_},
            {"origin", origin_ == principal_text_ ? "" : origin_},
            {"peer", context_->peer()},
            {"error", status.ok() ? "" : ShortError(status.message())},
            {"notes", notes_}});
  metrics::ObserveRpc(method_, status.code(), absl::Now() - start_);
  return ToGrpcStatus(status);
}

}  // namespace penataan
