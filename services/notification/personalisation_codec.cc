#include "services/notification/personalisation_codec.h"

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace penataan::notification {

std::string EncodePersonalisation(const Personalisation& values) {
  std::string out;
  for (const auto& [name, value] : values) {
    absl::StrAppend(&out, name, "=", absl::CEscape(value), "\n");
  }
  return out;
}

absl::StatusOr<Personalisation> DecodePersonalisation(absl::string_view text) {
  Personalisation values;
  for (absl::string_view line : absl::StrSplit(text, '\n', absl::SkipEmpty())) {
    const size_t eq = line.find('=');
    std::string value;
    if (eq == absl::string_view::npos || !absl::CUnescape(line.substr(eq + 1), &value)) {
      return absl::DataLossError(absl::StrCat("stored personalisation line is malformed: \"",
                                              line.substr(0, 40), "\""));
    }
    values.emplace(std::string(line.substr(0, eq)), std::move(value));
  }
  return values;
}

}  // namespace penataan::notification
