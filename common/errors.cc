#include "common/errors.h"

#include "absl/strings/str_cat.h"
#include "common/utf8.h"
#include "penataan/common/v1/common.pb.h"

namespace penataan {
namespace {

constexpr char kDetailUrl[] = "type.googleapis.com/penataan.common.v1.ErrorDetail";

}  // namespace

absl::Status WithViolation(absl::Status status, Violation violation) {
  common::v1::ErrorDetail detail;
  if (auto existing = status.GetPayload(kDetailUrl)) {
    detail.ParseFromString(std::string(*existing));
  }
  // The detail is a proto3 message: a description quoting a value that is not
  // UTF-8 would make it, and every violation before it, unreadable.
  auto* v = detail.add_violations();
  v->set_field(ValidUtf8(violation.field));
  v->set_row(violation.row);
  v->set_description(ValidUtf8(violation.description));
  status.SetPayload(kDetailUrl, absl::Cord(detail.SerializeAsString()));
  return status;
}

absl::Status InvalidField(absl::string_view field, absl::string_view description) {
  return WithViolation(absl::InvalidArgumentError(absl::StrCat(field, ": ", description)),
                       Violation{std::string(field), 0, std::string(description)});
}

absl::Status InvalidFields(const std::vector<Violation>& violations) {
  if (violations.empty()) return absl::OkStatus();
  const Violation& first = violations.front();
  std::string message = absl::StrCat(first.field, ": ", first.description);
  if (violations.size() > 1) {
    absl::StrAppend(&message, " (and ", violations.size() - 1, " more)");
  }
  absl::Status status = absl::InvalidArgumentError(message);
  for (const Violation& v : violations) status = WithViolation(status, v);
  return status;
}

std::vector<Violation> ViolationsOf(const absl::Status& status) {
  std::vector<Violation> out;
  auto payload = status.GetPayload(kDetailUrl);
  if (!payload) return out;
  common::v1::ErrorDetail detail;
  if (!detail.ParseFromString(std::string(*payload))) return out;
  for (const auto& v : detail.violations()) {
    out.push_back(Violation{v.field(), v.row(), v.description()});
  }
  return out;
}

}  // namespace penataan
