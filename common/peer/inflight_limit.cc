#include "common/peer/inflight_limit.h"

#include "absl/strings/str_cat.h"

namespace penataan {

absl::StatusOr<InflightLimit::Slot> InflightLimit::Acquire(absl::Time deadline) {
  absl::MutexLock lock(&mu_);
  if (!mu_.AwaitWithDeadline(absl::Condition(this, &InflightLimit::HasRoom), deadline)) {
    return absl::UnavailableError(absl::StrCat(
        peer_, " is busy: ", limit_, " calls to it are in flight from this service and the "
        "call's deadline passed while waiting; try again"));
  }
  ++in_flight_;
  return Slot(this);
}

void InflightLimit::Release() {
  absl::MutexLock lock(&mu_);
  --in_flight_;
}

}  // namespace penataan
