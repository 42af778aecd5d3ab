#include "common/resource_name.h"

#include "absl/algorithm/container.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "common/errors.h"

namespace penataan {

absl::StatusOr<int64_t> ParseResourceId(absl::string_view name, absl::string_view collection,
                                        absl::string_view field) {
  absl::string_view rest = name;
  int64_t id = 0;
  // Digits only: SimpleAtoi would also take "+5" and " 5", giving one resource two names.
  if (!absl::ConsumePrefix(&rest, collection) || !absl::ConsumePrefix(&rest, "/") ||
      rest.empty() || !absl::c_all_of(rest, absl::ascii_isdigit) ||
      !absl::SimpleAtoi(rest, &id) || id <= 0) {
    return InvalidField(field, absl::StrCat("must be a name of the form ", collection, "/{id}"));
  }
  return id;
}

}  // namespace penataan
