#ifndef PENATAAN_COMMON_SERVER_REQUEST_TEXT_H_
#define PENATAAN_COMMON_SERVER_REQUEST_TEXT_H_

// Every text field of a request held to the plain-text rule (common/plain_text.h)
// from its descriptor, so that a field added later is checked without anyone
// remembering to: one line unless the proto marks it
// [(penataan.common.v1.multiline) = true].

#include "absl/status/status.h"
#include "google/protobuf/message.h"

namespace penataan {

// OK, or INVALID_ARGUMENT with one violation per field that breaks the rule, each
// named by its path ("honorer.full_name", "lines[2].unit_kerja",
// "personalisation[nama]"). The values are not repeated: they are what is wrong.
absl::Status CheckRequestText(const google::protobuf::Message& request);

}  // namespace penataan

#endif  // PENATAAN_COMMON_SERVER_REQUEST_TEXT_H_
