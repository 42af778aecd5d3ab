#ifndef PENATAAN_SERVICES_NOTIFICATION_PERSONALISATION_CODEC_H_
#define PENATAAN_SERVICES_NOTIFICATION_PERSONALISATION_CODEC_H_

// How a notification's personalisation is kept in one text column: a JSON object
// of placeholder name to value, {"nama":"Maria Goreti Bria","hasil":"MS"},
// written and read by protobuf's JSON (over google.protobuf.Struct), so that an
// operator reads it with a SQL client and a non-ASCII character stays one
// character (the former C-escaped lines made each non-ASCII byte four).
//
// Rows written before this codec hold "name=value" lines with C-escaped values;
// they are decoded still (a JSON object starts with '{', a placeholder name never
// does), so no migration rewrites the outbox, and they disappear as retention
// purges them. Only the JSON form is written.

#include <string>

#include "absl/status/statusor.h"
#include "services/notification/template_rules.h"

namespace penataan::notification {

// Values are UTF-8 (they arrive in protobuf strings); a byte that is not would be
// stored as U+FFFD.
std::string EncodePersonalisation(const Personalisation& values);
// Either form; DATA_LOSS when the text is neither.
absl::StatusOr<Personalisation> DecodePersonalisation(absl::string_view text);

}  // namespace penataan::notification

#endif  // PENATAAN_SERVICES_NOTIFICATION_PERSONALISATION_CODEC_H_
