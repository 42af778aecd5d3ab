#ifndef PENATAAN_SERVICES_NOTIFICATION_PERSONALISATION_CODEC_H_
#define PENATAAN_SERVICES_NOTIFICATION_PERSONALISATION_CODEC_H_

// How a notification's personalisation is kept in one text column: one
// "name=value" line per placeholder, the value C-escaped (so a newline in it is
// "\n"), readable by an operator with a SQL client. Names are placeholder names
// (template_rules.h), which never contain '=' or a newline.

#include <string>

#include "absl/status/statusor.h"
#include "services/notification/template_rules.h"

namespace penataan::notification {

std::string EncodePersonalisation(const Personalisation& values);
absl::StatusOr<Personalisation> DecodePersonalisation(absl::string_view text);

}  // namespace penataan::notification

#endif  // PENATAAN_SERVICES_NOTIFICATION_PERSONALISATION_CODEC_H_
