#include "common/auth/authenticator.h"

#include <grpc/grpc_security_constants.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "common/server/listen_address.h"

namespace penataan {
namespace {

std::string AuthorizationHeader(const grpc::ServerContext& context) {
  auto it = context.client_metadata().find("authorization");
  if (it == context.client_metadata().end()) return "";
  return std::string(it->second.data(), it->second.size());
}

}  // namespace

absl::StatusOr<Principal> PrincipalFromSpiffeId(absl::string_view uri) {
  absl::string_view rest = uri;
  if (!absl::ConsumePrefix(&rest, "spiffe://penataan/")) {
    return absl::UnauthenticatedError("client certificate is not of the penataan trust domain");
  }
  const size_t slash = rest.find('/');
  if (slash == absl::string_view::npos) {
    return absl::UnauthenticatedError("client certificate SPIFFE ID is not /<kind>/<id>");
  }
  absl::StatusOr<Principal> p =
      ParsePrincipal(absl::StrCat(rest.substr(0, slash), ":", rest.substr(slash + 1)));
  if (!p.ok()) return absl::UnauthenticatedError("client certificate names no principal");
  return p;
}

absl::StatusOr<Principal> Authenticator::Authenticate(const grpc::ServerContext& context) const {
  std::shared_ptr<const grpc::AuthContext> auth = context.auth_context();
  if (auth != nullptr && auth->IsPeerAuthenticated()) {
    // gRPC sets peer_spiffe_id only for a verified certificate with exactly one URI SAN.
    std::vector<grpc::string_ref> ids = auth->FindPropertyValues(GRPC_PEER_SPIFFE_ID_PROPERTY_NAME);
    if (ids.size() != 1) {
      return absl::UnauthenticatedError("client certificate carries no single SPIFFE ID");
    }
    return PrincipalFromSpiffeId(absl::string_view(ids[0].data(), ids[0].size()));
  }
  if (!tokens_) {
    return absl::UnauthenticatedError("this server accepts client certificates (mTLS) only");
  }
  if (tokens_->local_only() && !IsLoopbackPeer(context.peer())) {
    return absl::UnauthenticatedError(
        "local development tokens are accepted from this machine only");
  }
  return tokens_->Authenticate(AuthorizationHeader(context));
}

}  // namespace penataan
