#ifndef PENATAAN_SERVICES_NOTIFICATION_TEMPLATE_RULES_H_
#define PENATAAN_SERVICES_NOTIFICATION_TEMPLATE_RULES_H_

// Templates with ((placeholder)) fields: what a valid template is, which values a
// send must supply, and rendering. Plain functions; the one place these rules live.
//
// A placeholder name is 1-64 characters of [a-z0-9_], starting with a letter; "(("
// that does not open a valid placeholder is an error rather than literal text, so
// that a typo such as "((nama)" is caught when the template is made, not when a
// honorer receives it.

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace penataan::notification {

using Personalisation = std::map<std::string, std::string>;

// The placeholders of `text`, sorted and unique. INVALID_ARGUMENT naming `field`
// for an unclosed or malformed placeholder.
absl::StatusOr<std::vector<std::string>> ParsePlaceholders(absl::string_view field,
                                                           absl::string_view text);

// Every placeholder needs a value and every value a placeholder; the error names
// "personalisation.<name>". `field_prefix` goes before it (e.g. "recipients[3].").
absl::Status CheckPersonalisation(const std::vector<std::string>& placeholders,
                                  const Personalisation& values,
                                  absl::string_view field_prefix = "");

// Substitutes every ((name)) in a text that ParsePlaceholders accepted. Values are
// inserted as they are: a value that contains "((x))" is not expanded again.
std::string Render(absl::string_view text, const Personalisation& values);

}  // namespace penataan::notification

#endif  // PENATAAN_SERVICES_NOTIFICATION_TEMPLATE_RULES_H_
