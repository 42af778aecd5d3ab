#include "common/server/request_guard.h"

#include <mutex>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "common/errors.h"
#include "common/log.h"
#include "common/server/grpc_status.h"
#include "common/server/request_text.h"
#include "google/protobuf/message.h"
#include "google/protobuf/stubs/logging.h"

namespace penataan {
namespace {

namespace ex = grpc::experimental;

// The field of the last request protobuf failed to parse on this thread for want
// of UTF-8 ("penataan.registry.v1.Instansi.display_name"); taken by the guard.
thread_local std::string invalid_utf8_field;

// The text problem of the request last read on this thread, for Call.
struct Pending {
  const grpc::ServerContextBase* context = nullptr;
  absl::Status problem;
};
thread_local Pending pending;

void ProtobufLog(google::protobuf::LogLevel level, const char* file, int line,
                 const std::string& message) {
  constexpr absl::string_view kPrefix = "String field '";
  if (absl::StartsWith(message, kPrefix)) {
    const size_t end = message.find('\'', kPrefix.size());
    if (end != std::string::npos) {
      invalid_utf8_field = message.substr(kPrefix.size(), end - kPrefix.size());
    }
  }
  LogEvent(level >= google::protobuf::LOGLEVEL_ERROR ? LogLevel::kError : LogLevel::kWarning,
           "protobuf", {{"source", absl::StrCat(file, ":", line)}, {"message", message}});
}

// "display_name" of "penataan.registry.v1.Instansi.display_name".
std::string FieldName(absl::string_view full_name) {
  const size_t dot = full_name.rfind('.');
  return std::string(dot == absl::string_view::npos ? full_name : full_name.substr(dot + 1));
}

class RequestGuard : public ex::Interceptor {
 public:
  explicit RequestGuard(ex::ServerRpcInfo* info)
      : method_(info->method()),
        context_(info->server_context()),
        ours_(absl::StartsWith(method_, "/penataan.")) {}

  void Intercept(ex::InterceptorBatchMethods* methods) override {
    if (ours_ && methods->QueryInterceptionHookPoint(
                     ex::InterceptionHookPoints::POST_RECV_MESSAGE)) {
      Received(methods->GetRecvMessage());
    }
    if (ours_ && methods->QueryInterceptionHookPoint(ex::InterceptionHookPoints::PRE_SEND_STATUS)) {
      Sending(methods);
    }
    methods->Proceed();
  }

 private:
  void Received(void* message) {
    // No message: the end of a stream, or one protobuf could not parse (then it
    // logged which field, just now, on this thread).
    if (message == nullptr) {
      if (!invalid_utf8_field.empty()) field_ = std::move(invalid_utf8_field);
      invalid_utf8_field.clear();
      return;
    }
    invalid_utf8_field.clear();
    // Every "/penataan." method takes a generated message.
    pending = {context_, CheckRequestText(*static_cast<const google::protobuf::Message*>(message))};
  }

  void Sending(ex::InterceptorBatchMethods* methods) {
    if (pending.context == context_) pending = {};
    // A sync unary call whose request did not parse ends INTERNAL with no message
    // and never reaches its handler (and may not pass POST_RECV_MESSAGE).
    const grpc::Status status = methods->GetSendStatus();
    if (field_.empty() && status.error_code() == grpc::StatusCode::INTERNAL &&
        status.error_message().empty()) {
      field_ = std::move(invalid_utf8_field);
    }
    invalid_utf8_field.clear();
    if (field_.empty()) return;
    const absl::Status refused = InvalidField(
        FieldName(field_), absl::StrCat("is not valid UTF-8 (", field_, "); text must be UTF-8"));
    LogEvent(LogLevel::kWarning, "rpc",
             {{"method", method_.substr(method_.rfind('/') + 1)},
              {"code", "INVALID_ARGUMENT"},
              {"peer", context_->peer()},
              {"error", std::string(refused.message())}});
    methods->ModifySendStatus(ToGrpcStatus(refused));
  }

  const std::string method_;
  const grpc::ServerContextBase* context_;
  const bool ours_;
  std::string field_;  // of a request that did not parse
};

class RequestGuardFactory : public ex::ServerInterceptorFactoryInterface {
 public:
  ex::Interceptor* CreateServerInterceptor(ex::ServerRpcInfo* info) override {
    return new RequestGuard(info);
  }
};

}  // namespace

void InstallProtobufLogHandler() {
  static std::once_flag once;
  std::call_once(once, [] { google::protobuf::SetLogHandler(&ProtobufLog); });
}

std::unique_ptr<ex::ServerInterceptorFactoryInterface> NewRequestGuardFactory() {
  return std::make_unique<RequestGuardFactory>();
}

absl::Status TakeRequestTextProblem(const grpc::ServerContextBase* context) {
  if (pending.context != context) return absl::OkStatus();
  absl::Status problem = std::move(pending.problem);
  pending = {};
  return problem;
}

}  // namespace penataan
