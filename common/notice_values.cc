#include "common/notice_values.h"

#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"

namespace penataan {

std::string EncodeNoticeValues(const std::map<std::string, std::string>& values) {
  google::protobuf::Struct s;
  for (const auto& [k, v] : values) (*s.mutable_fields())[k].set_string_value(v);
  std::string json;
  // A Struct of strings always prints.
  (void)google::protobuf::util::MessageToJsonString(s, &json);
  return json;
}

absl::StatusOr<std::map<std::string, std::string>> DecodeNoticeValues(const std::string& json) {
  google::protobuf::Struct s;
  if (!google::protobuf::util::JsonStringToMessage(json, &s).ok()) {
    return absl::DataLossError("a notice's personalisation is not a JSON object");
  }
  std::map<std::string, std::string> out;
  for (const auto& [k, v] : s.fields()) out[k] = v.string_value();
  return out;
}

}  // namespace penataan
