#ifndef PENATAAN_COMMON_NOTICE_VALUES_H_
#define PENATAAN_COMMON_NOTICE_VALUES_H_

// The values a message owed to the notification service is personalised with, as
// an outbox row stores them: a JSON object of strings ({"nama": "…"}), the shape
// SendBatch's personalisation takes.

#include <map>
#include <string>

#include "absl/status/statusor.h"

namespace penataan {

std::string EncodeNoticeValues(const std::map<std::string, std::string>& values);
// DATA_LOSS when `json` is not a JSON object; values that are not strings read "".
absl::StatusOr<std::map<std::string, std::string>> DecodeNoticeValues(const std::string& json);

}  // namespace penataan

#endif  // PENATAAN_COMMON_NOTICE_VALUES_H_
