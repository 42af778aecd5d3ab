#include "services/notification/template_rules.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/utf8.h"

namespace penataan::notification {
namespace {

constexpr size_t kMaxNameLength = 64;

bool IsNameChar(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; }

// The placeholder name starting at text[pos] (just after "(("), or an error.
absl::StatusOr<absl::string_view> NameAt(absl::string_view field, absl::string_view text,
                                         size_t pos) {
  const size_t close = text.find("))", pos);
  if (close == absl::string_view::npos) {
    return InvalidField(field, absl::StrCat("\"((\" at character ", pos - 1, " is never closed"));
  }
  absl::string_view name = text.substr(pos, close - pos);
  if (name.empty() || name.size() > kMaxNameLength || !(name[0] >= 'a' && name[0] <= 'z') ||
      !std::all_of(name.begin(), name.end(), IsNameChar)) {
    // Cut on a character boundary: a violation's description must be UTF-8 to
    // travel in the error's details (a byte cut out of a character made them unreadable).
    return InvalidField(field, absl::StrCat("placeholder \"((", ValidUtf8(name, kMaxNameLength),
                                            "))\" is not a name of a-z, 0-9 and _ "
                                            "starting with a letter"));
  }
  return name;
}

}  // namespace

absl::StatusOr<std::vector<std::string>> ParsePlaceholders(absl::string_view field,
                                                           absl::string_view text) {
  std::vector<std::string> names;
  for (size_t open = text.find("(("); open != absl::string_view::npos;
       open = text.find("((", open)) {
    absl::StatusOr<absl::string_view> name = NameAt(field, text, open + 2);
    if (!name.ok()) return name.status();
    names.emplace_back(*name);
    open += 2 + name->size() + 2;
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

absl::Status CheckPersonalisation(const std::vector<std::string>& placeholders,
                                  const Personalisation& values, absl::string_view field_prefix) {
  for (const std::string& name : placeholders) {
    if (values.find(name) == values.end()) {
      return InvalidField(absl::StrCat(field_prefix, "personalisation.", name),
                          "the template needs a value for this placeholder");
    }
  }
  for (const auto& [name, value] : values) {
    if (!std::binary_search(placeholders.begin(), placeholders.end(), name)) {
      return InvalidField(absl::StrCat(field_prefix, "personalisation.", name),
                          "the template has no such placeholder");
    }
  }
  return absl::OkStatus();
}

std::string Render(absl::string_view text, const Personalisation& values) {
  std::string out;
  out.reserve(text.size() + 64);
  size_t pos = 0;
  for (size_t open = text.find("(("); open != absl::string_view::npos;
       open = text.find("((", pos)) {
    const size_t close = text.find("))", open + 2);
    if (close == absl::string_view::npos) break;
    absl::StrAppend(&out, text.substr(pos, open - pos));
    auto it = values.find(std::string(text.substr(open + 2, close - open - 2)));
    if (it != values.end()) absl::StrAppend(&out, it->second);
    pos = close + 2;
  }
  absl::StrAppend(&out, text.substr(pos));
  return out;
}

}  // namespace penataan::notification
