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

}  // namespace penataan
