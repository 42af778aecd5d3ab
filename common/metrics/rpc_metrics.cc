#include "common/metrics/rpc_metrics.h"

#include <array>
#include <atomic>
#include <deque>
#include <string>

#include "absl/synchronization/mutex.h"
#include "common/metrics/registry.h"

namespace penataan::metrics {
namespace {

// Replaced at most a few times per process; the old names are kept (a reader may
// still hold one), so the hot path reads it without a lock.
std::atomic<const std::string*> service_name{nullptr};  // none set yet: ""

// Every name ever set, so that the replaced ones stay reachable, not lost.
std::deque<std::string>& AllServiceNames() {
  static auto* names = new std::deque<std::string>();
  return *names;
}
ABSL_CONST_INIT absl::Mutex all_service_names_mu(absl::kConstInit);

// absl::StatusCodeToString allocates; the 17 codes are named once.
absl::string_view CodeName(absl::StatusCode code) {
  static const auto* names = [] {
    auto* n = new std::array<std::string, 17>();
    for (int i = 0; i < 17; ++i) {
      (*n)[i] = absl::StatusCodeToString(static_cast<absl::StatusCode>(i));
    }
    return n;
  }();
  const int i = static_cast<int>(code);
  return i >= 0 && i < 17 ? absl::string_view((*names)[i]) : absl::string_view("UNKNOWN");
}

struct RpcFamilies {
  Family<Counter>& requests = Default().AddCounter(
      "penataan_rpc_requests_total", "RPCs finished, by service, method and status code",
      {"service", "method", "code"});
  Family<Histogram>& duration = Default().AddHistogram(
      "penataan_rpc_duration_seconds",
      "Time from a call's arrival to its answer, by service and method", {"service", "method"},
      LatencyBuckets());
};

const RpcFamilies& Rpc() {
  static const RpcFamilies* families = new RpcFamilies();
  return *families;
}

}  // namespace

void SetServiceName(absl::string_view name) {
  {
    absl::MutexLock lock(&all_service_names_mu);
    service_name.store(&AllServiceNames().emplace_back(name), std::memory_order_release);
  }
  Rpc();  // the families are listed (HELP, TYPE) before the first call
}

void ObserveRpc(absl::string_view method, absl::StatusCode code, absl::Duration latency) {
  const RpcFamilies& rpc = Rpc();
  const std::string* name = service_name.load(std::memory_order_acquire);
  const absl::string_view service = name != nullptr ? absl::string_view(*name) : "";
  rpc.requests.WithLabels({service, method, CodeName(code)}).Increment();
  rpc.duration.WithLabels({service, method}).Observe(absl::ToDoubleSeconds(latency));
}

}  // namespace penataan::metrics
