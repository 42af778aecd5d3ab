#ifndef PENATAAN_COMMON_METRICS_REGISTRY_H_
#define PENATAAN_COMMON_METRICS_REGISTRY_H_

// Prometheus metrics of one process: counter, gauge and histogram families with
// labels, gauges computed when scraped, and the text exposition format 0.0.4.
//
//   metrics::Family<metrics::Counter>& rows = metrics::Default().AddCounter(
//       "penataan_registry_import_rows_total", "Rows of imports committed", {"outcome"});
//   rows.WithLabels({"created"}).Increment(n);
//
// Guarantees:
// - Everything here is thread-safe. A metric (a family's child for one set of label
//   values) is made on first use and lives as long as its registry; keep the
//   reference. Increment, Set and Observe are lock-free atomics; WithLabels takes a
//   shared lock and allocates nothing when the child exists.
// - Adding a family whose name is taken returns the family already there when its
//   kind, label names (and buckets) are the same, so that two call sites may both
//   declare it; anything else is a programming error and aborts, as does a name
//   that is not a valid metric name or a WithLabels with the wrong number of values.
// - Render() writes families sorted by name, children in the order they were made.
//   A callback is called during Render() without the registry's lock held, and
//   never after its CallbackHandle was destroyed (destruction waits for a call in
//   progress), so it may capture what the handle's owner owns.

#include <atomic>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/node_hash_map.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "absl/types/span.h"

namespace penataan::metrics {

class Counter {
 public:
  // `by` must not be negative: a counter only goes up (restarts aside).
  void Increment(double by = 1);
  double value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0};
};

class Gauge {
 public:
  void Set(double value) { value_.store(value, std::memory_order_relaxed); }
  void Add(double by);
  double value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0};
};

class Histogram {
 public:
  // `bounds`: upper bounds, strictly increasing, without +Inf (always added).
  explicit Histogram(const std::vector<double>& bounds);
  void Observe(double value);

  struct Snapshot {
    std::vector<uint64_t> cumulative;  // one per bound, then +Inf (== count)
    double sum = 0;
  };
  Snapshot snapshot() const;
  const std::vector<double>& bounds() const { return bounds_; }

 private:
  const std::vector<double> bounds_;
  std::unique_ptr<std::atomic<uint64_t>[]> counts_;  // bounds_.size() + 1, not cumulative
  std::atomic<double> sum_{0};
};

// Seconds from a few milliseconds to half a minute: an RPC, a database wait.
std::vector<double> LatencyBuckets();

// Hashes and compares label values as stored (strings) and as looked up (views).
struct LabelValuesHash {
  using is_transparent = void;
  size_t operator()(absl::Span<const absl::string_view> values) const;
  size_t operator()(const std::vector<std::string>& values) const;
};
struct LabelValuesEq {
  using is_transparent = void;
  template <typename A, typename B>
  bool operator()(const A& a, const B& b) const {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
      if (absl::string_view(a[i]) != absl::string_view(b[i])) return false;
    }
    return true;
  }
};

// The children of one metric name, one per set of label values.
template <typename T>
class Family {
 public:
  using Factory = std::function<std::unique_ptr<T>()>;
  Family(std::vector<std::string> label_names, Factory make)
      : label_names_(std::move(label_names)), make_(std::move(make)) {}

  // `values` in the order of the family's label names.
  T& WithLabels(absl::Span<const absl::string_view> values);
  T& WithLabels(std::initializer_list<absl::string_view> values) {
    return WithLabels(absl::MakeConstSpan(values.begin(), values.size()));
  }

  const std::vector<std::string>& label_names() const { return label_names_; }
  // Calls `f(label values, child)` for each child, in the order they were made.
  void ForEach(const std::function<void(const std::vector<std::string>&, const T&)>& f) const;

 private:
  const std::vector<std::string> label_names_;
  const Factory make_;
  mutable absl::Mutex mu_;
  // A node map: order_ points at its keys, which must not move.
  absl::node_hash_map<std::vector<std::string>, std::unique_ptr<T>, LabelValuesHash,
                      LabelValuesEq>
      children_ ABSL_GUARDED_BY(mu_);
  std::vector<std::pair<const std::vector<std::string>*, const T*>> order_ ABSL_GUARDED_BY(mu_);
};

// One series of a gauge computed at scrape time.
struct Sample {
  std::vector<std::string> label_values;
  double value = 0;
};
using SampleCallback = std::function<std::vector<Sample>()>;

// Wraps `compute` so that it runs at most once every `ttl`; calls in between get
// the samples of the last run. For a gauge that costs a database query.
SampleCallback CachedFor(absl::Duration ttl, SampleCallback compute);

class CallbackHandle;

class Registry {
 public:
  Registry() = default;
  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;
  ~Registry();

  Family<Counter>& AddCounter(const std::string& name, const std::string& help,
                              const std::vector<std::string>& label_names = {});
  Family<Gauge>& AddGauge(const std::string& name, const std::string& help,
                          const std::vector<std::string>& label_names = {});
  Family<Histogram>& AddHistogram(const std::string& name, const std::string& help,
                                  const std::vector<std::string>& label_names,
                                  const std::vector<double>& bounds);

  // A gauge family whose series `compute` returns at each Render(). Registering a
  // name again replaces the callback (the newest handle owns it).
  [[nodiscard]] CallbackHandle AddGaugeCallback(const std::string& name, const std::string& help,
                                                const std::vector<std::string>& label_names,
                                                SampleCallback compute);

  // The text exposition format 0.0.4 (Content-Type: text/plain; version=0.0.4).
  std::string Render() const;

 private:
  friend class CallbackHandle;
  struct Entry;
  struct CallbackSlot;
  Entry& Add(const std::string& name, const std::string& help, const char* type,
             const std::vector<std::string>& label_names, const std::vector<double>& bounds);
  void Remove(const std::string& name, const std::shared_ptr<CallbackSlot>& slot);

  mutable absl::Mutex mu_;
  std::map<std::string, std::shared_ptr<Entry>> entries_ ABSL_GUARDED_BY(mu_);
};

// Unregisters a gauge callback when destroyed; waits for a call in progress.
class CallbackHandle {
 public:
  CallbackHandle() = default;
  CallbackHandle(CallbackHandle&& other) noexcept { *this = std::move(other); }
  CallbackHandle& operator=(CallbackHandle&& other) noexcept;
  ~CallbackHandle() { Reset(); }
  void Reset();

 private:
  friend class Registry;
  CallbackHandle(Registry* registry, std::string name,
                 std::shared_ptr<Registry::CallbackSlot> slot)
      : registry_(registry), name_(std::move(name)), slot_(std::move(slot)) {}
  Registry* registry_ = nullptr;
  std::string name_;
  std::shared_ptr<Registry::CallbackSlot> slot_;
};

// The process's registry, served on /metrics. Never destroyed.
Registry& Default();

// ---- Text format pieces, exposed for tests.

// A sample value: shortest round-trip decimal, "+Inf", "-Inf" or "NaN".
std::string FormatValue(double value);
// A label value between double quotes: \ " and newline escaped.
std::string EscapeLabelValue(absl::string_view value);
// HELP text: \ and newline escaped.
std::string EscapeHelp(absl::string_view help);

// ---- Family<T> members.

void AbortOnLabelCount(size_t expected, size_t given);

template <typename T>
T& Family<T>::WithLabels(absl::Span<const absl::string_view> values) {
  if (values.size() != label_names_.size()) AbortOnLabelCount(label_names_.size(), values.size());
  {
    absl::ReaderMutexLock lock(&mu_);
    auto it = children_.find(values);
    if (it != children_.end()) return *it->second;
  }
  absl::MutexLock lock(&mu_);
  auto [it, fresh] = children_.try_emplace(std::vector<std::string>(values.begin(), values.end()));
  if (fresh) {
    it->second = make_();
    order_.emplace_back(&it->first, it->second.get());
  }
  return *it->second;
}

template <typename T>
void Family<T>::ForEach(
    const std::function<void(const std::vector<std::string>&, const T&)>& f) const {
  std::vector<std::pair<const std::vector<std::string>*, const T*>> order;
  {
    absl::ReaderMutexLock lock(&mu_);
    order = order_;
  }
  // Children are never removed and node keys do not move: safe without the lock.
  for (const auto& [labels, child] : order) f(*labels, *child);
}

}  // namespace penataan::metrics

#endif  // PENATAAN_COMMON_METRICS_REGISTRY_H_
