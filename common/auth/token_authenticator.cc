#include "common/auth/token_authenticator.h"

#include <fstream>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace penataan {

absl::StatusOr<TokenAuthenticator> TokenAuthenticator::FromCsvText(absl::string_view csv) {
  TokenAuthenticator auth;
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(csv, '\n')) {
    ++line_number;
    line = absl::StripAsciiWhitespace(line);
    if (absl::StartsWith(line, "#") && absl::StrContains(line, "LOCAL DEVELOPMENT ONLY")) {
      auth.local_only_ = true;
    }
    if (line.empty() || absl::StartsWith(line, "#")) continue;
    if (line_number == 1 || line == "token,principal") continue;  // header
    std::vector<absl::string_view> cols = absl::StrSplit(line, ',');
    if (cols.size() != 2 || cols[0].size() < 16) {
      return absl::InvalidArgumentError(absl::StrCat(
          "tokens file line ", line_number, ": want \"token,principal\" with a token of 16+ chars"));
    }
    auto principal = ParsePrincipal(absl::StripAsciiWhitespace(cols[1]));
    if (!principal.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("tokens file line ", line_number, ": ", principal.status().message()));
    }
    auth.by_token_.emplace(std::string(absl::StripAsciiWhitespace(cols[0])), *principal);
  }
  return auth;
}

absl::StatusOr<TokenAuthenticator> TokenAuthenticator::FromFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read tokens file ", path));
  std::stringstream text;
  text << in.rdbuf();
  return FromCsvText(text.str());
}

absl::StatusOr<Principal> TokenAuthenticator::Authenticate(absl::string_view authorization) const {
  if (authorization.empty()) {
    return absl::UnauthenticatedError("no credentials: send \"authorization: Bearer <token>\"");
  }
  absl::string_view token = authorization;
  if (!absl::ConsumePrefix(&token, "Bearer ") && !absl::ConsumePrefix(&token, "bearer ")) {
    return absl::UnauthenticatedError("authorization header is not \"Bearer <token>\"");
  }
  auto it = by_token_.find(absl::StripAsciiWhitespace(token));
  if (it == by_token_.end()) return absl::UnauthenticatedError("unknown token");
  return it->second;
}

}  // namespace penataan
