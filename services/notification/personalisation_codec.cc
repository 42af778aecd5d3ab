#include "services/notification/personalisation_codec.h"

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/utf8.h"

namespace penataan::notification {
namespace {

absl::Status Corrupt(absl::string_view text) {
  return absl::DataLossError(absl::StrCat("stored personalisation is malformed: \"",
                                          ValidUtf8(text, 40), "\""));
}

// The format written before the JSON one: "name=value\n" per value, C-escaped.
absl::StatusOr<Personalisation> DecodeLegacyLines(absl::string_view text) {
  Personalisation values;
  for (absl::string_view line : absl::StrSplit(text, '\n', absl::SkipEmpty())) {
    const size_t eq = line.find('=');
    std::string value;
    if (eq == absl::string_view::npos || !absl::CUnescape(line.substr(eq + 1), &value)) {
      return Corrupt(line);
    }
    // The former encoder wrote protobuf strings, escaped: what is not UTF-8 once
    // unescaped was never written by it, and a message holding it could not be sent
    // (the DeliveredMessage JSON refuses it).
    const absl::string_view name = line.substr(0, eq);
    if (!IsValidUtf8(name) || !IsValidUtf8(value)) return Corrupt(line);
    values.emplace(std::string(name), std::move(value));
  }
  return values;
}

}  // namespace

std::string EncodePersonalisation(const Personalisation& values) {
  google::protobuf::Struct object;
  auto& fields = *object.mutable_fields();
  for (const auto& [name, value] : values) fields[name].set_string_value(ValidUtf8(value));
  std::string json;
  // Fails only on invalid UTF-8, which ValidUtf8 has ruled out.
  (void)google::protobuf::util::MessageToJsonString(object, &json);
  return json;
}

absl::StatusOr<Personalisation> DecodePersonalisation(absl::string_view text) {
  if (text.empty() || text.front() != '{') return DecodeLegacyLines(text);
  google::protobuf::Struct object;
  if (!google::protobuf::util::JsonStringToMessage(
           google::protobuf::StringPiece(text.data(), text.size()), &object)
           .ok()) {
    return Corrupt(text);
  }
  Personalisation values;
  for (const auto& [name, value] : object.fields()) {
    if (value.kind_case() != google::protobuf::Value::kStringValue) return Corrupt(text);
    values.emplace(name, value.string_value());
  }
  return values;
}

}  // namespace penataan::notification
