#include "common/auth/principal.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace penataan {

std::string Principal::ToString() const {
  switch (kind) {
    case Kind::kNational: return absl::StrCat("national:", id);
    case Kind::kInstansi: return absl::StrCat("instansi:", id);
    case Kind::kService: return absl::StrCat("service:", id);
  }
  return id;
}

absl::StatusOr<Principal> ParsePrincipal(absl::string_view text) {
  size_t colon = text.find(':');
  if (colon == absl::string_view::npos || colon + 1 == text.size()) {
    return absl::InvalidArgumentError(absl::StrCat("principal \"", text, "\" is not kind:id"));
  }
  absl::string_view kind = text.substr(0, colon);
  std::string id(text.substr(colon + 1));
  for (char c : id) {
    if (!absl::ascii_isalnum(c) && c != '-' && c != '_' && c != '.') {
      return absl::InvalidArgumentError(absl::StrCat("principal \"", text, "\" has a bad id"));
    }
  }
  if (kind == "national") return Principal{Principal::Kind::kNational, id};
  if (kind == "instansi") return Principal{Principal::Kind::kInstansi, id};
  if (kind == "service") return Principal{Principal::Kind::kService, id};
  return absl::InvalidArgumentError(absl::StrCat("principal \"", text, "\" has unknown kind"));
}

absl::Status CheckCanRead(const Principal& p, absl::string_view instansi_code) {
  if (p.IsNational() || p.IsService() || p.IsInstansi(instansi_code)) return absl::OkStatus();
  return absl::PermissionDeniedError(
      absl::StrCat(p.ToString(), " may not read data of instansi ", instansi_code));
}

absl::Status CheckCanWrite(const Principal& p, absl::string_view instansi_code) {
  if (p.IsNational() || p.IsInstansi(instansi_code)) return absl::OkStatus();
  return absl::PermissionDeniedError(
      absl::StrCat(p.ToString(), " may not change data of instansi ", instansi_code));
}

absl::Status CheckNational(const Principal& p, absl::string_view what) {
  if (p.IsNational()) return absl::OkStatus();
  return absl::PermissionDeniedError(absl::StrCat(p.ToString(), " may not ", what,
                                                  ": national principals only"));
}

absl::Status CheckNationalOrService(const Principal& p, absl::string_view what) {
  if (p.IsNational() || p.IsService()) return absl::OkStatus();
  return absl::PermissionDeniedError(absl::StrCat(p.ToString(), " may not ", what,
                                                  ": national principals and services only"));
}

absl::Status CheckNationalIs(const Principal& p, absl::string_view id, absl::string_view what) {
  if (p.kind == Principal::Kind::kNational && p.id == id) return absl::OkStatus();
  return absl::PermissionDeniedError(
      absl::StrCat(p.ToString(), " may not ", what, ": national:", id, " only"));
}

}  // namespace penataan
