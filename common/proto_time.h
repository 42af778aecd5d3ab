#ifndef PENATAAN_COMMON_PROTO_TIME_H_
#define PENATAAN_COMMON_PROTO_TIME_H_

// google.protobuf.Timestamp <-> absl::Time, at microsecond precision (what the
// databases store).

#include <google/protobuf/timestamp.pb.h>

#include "absl/time/time.h"

namespace penataan {

inline void SetTimestamp(absl::Time t, google::protobuf::Timestamp* out) {
  const absl::Duration since_epoch = t - absl::UnixEpoch();
  const int64_t seconds = absl::ToInt64Seconds(absl::Floor(since_epoch, absl::Seconds(1)));
  out->set_seconds(seconds);
  out->set_nanos(static_cast<int32_t>(
      absl::ToInt64Microseconds(since_epoch - absl::Seconds(seconds)) * 1000));
}

inline absl::Time FromTimestamp(const google::protobuf::Timestamp& ts) {
  return absl::FromUnixSeconds(ts.seconds()) + absl::Microseconds(ts.nanos() / 1000);
}

}  // namespace penataan

#endif  // PENATAAN_COMMON_PROTO_TIME_H_
