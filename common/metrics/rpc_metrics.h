#ifndef PENATAAN_COMMON_METRICS_RPC_METRICS_H_
#define PENATAAN_COMMON_METRICS_RPC_METRICS_H_

// The metrics every service has for its RPCs, in metrics::Default():
//   penataan_rpc_requests_total{service,method,code}    calls finished
//   penataan_rpc_duration_seconds{service,method}       their latency (histogram)
// Call::Finish observes every call, refused ones included.
//
// Thread-safe. ObserveRpc allocates nothing once a (method, code) has been seen.

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace penataan::metrics {

// The `service` label of this process's RPC metrics ("registry"); set once, before
// serving. Until then the label is empty.
void SetServiceName(absl::string_view name);

void ObserveRpc(absl::string_view method, absl::StatusCode code, absl::Duration latency);

}  // namespace penataan::metrics

#endif  // PENATAAN_COMMON_METRICS_RPC_METRICS_H_
