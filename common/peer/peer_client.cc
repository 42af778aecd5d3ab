#include "common/peer/peer_client.h"

#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "common/server/call.h"
#include "common/server/listen_address.h"

namespace penataan {
namespace {

absl::StatusOr<std::string> ReadFile(const std::string& path, const char* what) {
  std::ifstream in(path);
  if (!in) return absl::InvalidArgumentError(absl::StrCat("cannot read ", what, " ", path));
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string Seconds(absl::Duration d) {
  return absl::StrFormat("%.3fs", absl::ToDoubleSeconds(d));
}

}  // namespace

std::string PeerClient::ServiceConfigJson(const PeerOptions& o) {
  // An empty name matches every method of every service on the channel.
  return absl::StrCat(
      R"({"methodConfig":[{"name":[{}],"retryPolicy":{"maxAttempts":)", o.max_attempts,
      R"(,"initialBackoff":")", Seconds(o.initial_backoff), R"(","maxBackoff":")",
      Seconds(o.max_backoff),
      R"(","backoffMultiplier":2,"retryableStatusCodes":["UNAVAILABLE"]}}]})");
}

absl::StatusOr<std::unique_ptr<PeerClient>> PeerClient::Create(const PeerOptions& options) {
  if (options.address.empty()) {
    return absl::InvalidArgumentError(absl::StrCat("no address for peer ", options.name));
  }
  const PeerIdentity& id = options.identity;
  std::shared_ptr<grpc::ChannelCredentials> credentials;
  std::string token;
  if (!id.tls_cert_file.empty()) {
    grpc::SslCredentialsOptions tls;
    absl::StatusOr<std::string> ca = ReadFile(id.tls_ca_file, "peer CA");
    absl::StatusOr<std::string> cert = ReadFile(id.tls_cert_file, "client certificate");
    absl::StatusOr<std::string> key = ReadFile(id.tls_key_file, "client key");
    for (const auto* s : {&ca, &cert, &key}) {
      if (!s->ok()) return s->status();
    }
    tls.pem_root_certs = *ca;
    tls.pem_cert_chain = *cert;
    tls.pem_private_key = *key;
    credentials = grpc::SslCredentials(tls);
  } else if (!id.token_file.empty()) {
    // A bearer token over plaintext must not leave the machine (the servers accept
    // the local tokens from loopback only anyway).
    if (!IsLoopbackListen(options.address)) {
      return absl::InvalidArgumentError(absl::StrCat(
          "calling ", options.name, " at ", options.address,
          " with a token would send it in plaintext off this machine: use mutual TLS "
          "(--peer_tls_cert_file) for peers that are not on loopback"));
    }
    absl::StatusOr<std::string> text = ReadFile(id.token_file, "service token file");
    if (!text.ok()) return text.status();
    token = std::string(absl::StripAsciiWhitespace(*text));
    if (token.empty()) return absl::InvalidArgumentError("the service token file is empty");
    credentials = grpc::InsecureChannelCredentials();
  } else {
    return absl::InvalidArgumentError(absl::StrCat(
        "calling ", options.name, " needs this service's identity: a client certificate "
        "(--peer_tls_cert_file) or a token (--peer_token_file)"));
  }
  grpc::ChannelArguments args;
  args.SetServiceConfigJSON(ServiceConfigJson(options));
  args.SetInt(GRPC_ARG_ENABLE_RETRIES, 1);
  args.SetInt(GRPC_ARG_KEEPALIVE_TIME_MS, 60 * 1000);
  args.SetInt(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, 20 * 1000);
  args.SetMaxReceiveMessageSize(64 * 1024 * 1024);
  auto channel = grpc::CreateCustomChannel(options.address, credentials, args);
  return std::unique_ptr<PeerClient>(new PeerClient(options, std::move(channel), token));
}

std::unique_ptr<grpc::ClientContext> PeerClient::NewContext(const Caller& caller) const {
  auto context = std::make_unique<grpc::ClientContext>();
  const absl::Time now = absl::Now();
  absl::Time deadline = caller.deadline == absl::InfiniteFuture()
                            ? now + options_.default_deadline
                            : std::min(caller.deadline, now + options_.max_deadline);
  context->set_deadline(absl::ToChronoTime(deadline));
  if (!caller.request_id.empty()) context->AddMetadata(kRequestIdHeader, caller.request_id);
  const std::string origin = caller.origin.empty() ? caller.principal.ToString() : caller.origin;
  context->AddMetadata(kOriginHeader, origin);
  if (!token_.empty()) context->AddMetadata("authorization", absl::StrCat("Bearer ", token_));
  return context;
}

absl::Status PeerStatus(const std::string& peer, const grpc::Status& status) {
  if (status.ok()) return absl::OkStatus();
  const std::string message = absl::StrCat(peer, ": ", status.error_message());
  switch (status.error_code()) {
    case grpc::StatusCode::UNAVAILABLE:
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return absl::UnavailableError(
          absl::StrCat(peer, " is unavailable or did not answer in time; try again (",
                       status.error_message(), ")"));
    default:
      return absl::Status(static_cast<absl::StatusCode>(status.error_code()), message);
  }
}

}  // namespace penataan
