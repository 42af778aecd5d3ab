#include "services/registry/status_rules.h"

#include "absl/strings/str_cat.h"

namespace penataan::registry {

namespace {

bool IsScreenable(HonorerStatus status) {
  return status == v1::ACTIVE || status == v1::MS || status == v1::TMS;
}

}  // namespace

bool IsFinalStatus(HonorerStatus status) {
  return status == v1::PPPK_PENUH_WAKTU || status == v1::MOVED_TO_CPNS || status == v1::RESIGNED;
}

absl::Status CheckStatusChange(HonorerStatus from, HonorerStatus to, const StatusActor& actor) {
  if (to == v1::HONORER_STATUS_UNSPECIFIED || !v1::HonorerStatus_IsValid(to)) {
    return absl::InvalidArgumentError("status: a new status is required");
  }
  if (from == to) {
    return absl::FailedPreconditionError(
        absl::StrCat("status: the honorer is already ", v1::HonorerStatus_Name(to)));
  }
  if (actor.restores_after_renewal) {
    if (from == v1::DIRUMAHKAN && IsScreenable(to)) return absl::OkStatus();
    return absl::FailedPreconditionError(absl::StrCat(
        "status: a renewal returns a DIRUMAHKAN honorer to ACTIVE, MS or TMS only, not ",
        v1::HonorerStatus_Name(from), " to ", v1::HonorerStatus_Name(to)));
  }
  if ((to == v1::MS || to == v1::TMS) && !actor.screening_authority) {
    return absl::PermissionDeniedError(
        "status: MS and TMS are set by the screening (BKN) only");
  }
  if (actor.results_only && to != v1::MS && to != v1::TMS) {
    return absl::PermissionDeniedError("status: the screening service sets MS and TMS only");
  }
  // Checked before the final-status rule so that a national service (none today)
  // could not pass it either.
  if (actor.results_only && !IsScreenable(from)) {
    return absl::FailedPreconditionError(absl::StrCat(
        "status: the honorer is ", v1::HonorerStatus_Name(from),
        "; a screening's result moves only an ACTIVE, MS or TMS honorer"));
  }
  if (IsFinalStatus(from) && !actor.national) {
    return absl::FailedPreconditionError(absl::StrCat(
        "status: the honorer has left the non-ASN workforce (", v1::HonorerStatus_Name(from),
        "); only a national principal may correct it"));
  }
  return absl::OkStatus();
}

}  // namespace penataan::registry
