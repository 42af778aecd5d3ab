#include "common/metrics/registry.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <utility>

#include "absl/hash/hash.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace penataan::metrics {
namespace {

// Relaxed is enough: a scrape needs each value, not an order between them.
void AtomicAdd(std::atomic<double>& a, double by) {
  double current = a.load(std::memory_order_relaxed);
  while (!a.compare_exchange_weak(current, current + by, std::memory_order_relaxed)) {
  }
}

// A misnamed or misused metric is a bug in this program, found by its first test:
// stop loudly rather than serve output Prometheus would refuse.
[[noreturn]] void Fail(const std::string& message) {
  std::fprintf(stderr, "metrics: %s\n", message.c_str());
  std::abort();
}

bool IsNameStart(char c, bool colon) {
  return absl::ascii_isalpha(static_cast<unsigned char>(c)) || c == '_' || (colon && c == ':');
}

bool IsValidName(absl::string_view name, bool colon) {
  if (name.empty() || !IsNameStart(name[0], colon)) return false;
  for (char c : name) {
    if (!IsNameStart(c, colon) && !absl::ascii_isdigit(static_cast<unsigned char>(c))) {
      return false;
    }
  }
  return true;
}

void CheckNames(const std::string& name, const std::vector<std::string>& label_names,
                bool histogram) {
  if (!IsValidName(name, true)) Fail(absl::StrCat("invalid metric name \"", name, "\""));
  std::set<std::string> seen;
  for (const std::string& label : label_names) {
    if (!IsValidName(label, false) || absl::StartsWith(label, "__") ||
        (histogram && label == "le") || !seen.insert(label).second) {
      Fail(absl::StrCat(name, ": invalid or repeated label name \"", label, "\""));
    }
  }
}

// `{a="x",b="y"}`, with `extra` (already formatted, e.g. le="0.1") last; "" if none.
std::string LabelText(const std::vector<std::string>& names,
                      const std::vector<std::string>& values, const std::string& extra = "") {
  if (names.empty() && extra.empty()) return "";
  std::string out = "{";
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += ',';
    absl::StrAppend(&out, names[i], "=\"", EscapeLabelValue(values[i]), "\"");
  }
  if (!extra.empty()) absl::StrAppend(&out, names.empty() ? "" : ",", extra);
  out += '}';
  return out;
}

}  // namespace

// ---- Metrics

void Counter::Increment(double by) {
  if (!(by >= 0)) return;  // negative or NaN: a counter never goes down
  AtomicAdd(value_, by);
}

void Gauge::Add(double by) { AtomicAdd(value_, by); }

Histogram::Histogram(const std::vector<double>& bounds)
    : bounds_(bounds), counts_(new std::atomic<uint64_t>[bounds.size() + 1]) {
  for (size_t i = 0; i <= bounds_.size(); ++i) counts_[i].store(0, std::memory_order_relaxed);
}

void Histogram::Observe(double value) {
  if (std::isnan(value)) return;
  // The first bound >= value: Prometheus buckets are "less than or equal".
  const size_t i = std::lower_bound(bounds_.begin(), bounds_.end(), value) - bounds_.begin();
  counts_[i].fetch_add(1, std::memory_order_relaxed);
  AtomicAdd(sum_, value);
}

Histogram::Snapshot Histogram::snapshot() const {
  Snapshot s;
  uint64_t running = 0;
  for (size_t i = 0; i <= bounds_.size(); ++i) {
    running += counts_[i].load(std::memory_order_relaxed);
    s.cumulative.push_back(running);
  }
  s.sum = sum_.load(std::memory_order_relaxed);
  return s;
}

std::vector<double> LatencyBuckets() {
  return {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};
}

size_t LabelValuesHash::operator()(absl::Span<const absl::string_view> values) const {
  size_t h = values.size();
  for (absl::string_view v : values) h = h * 1000003u ^ absl::Hash<absl::string_view>()(v);
  return h;
}

size_t LabelValuesHash::operator()(const std::vector<std::string>& values) const {
  size_t h = values.size();
  for (absl::string_view v : values) h = h * 1000003u ^ absl::Hash<absl::string_view>()(v);
  return h;
}

void AbortOnLabelCount(size_t expected, size_t given) {
  Fail(absl::StrCat("WithLabels given ", given, " values for ", expected, " label names"));
}

SampleCallback CachedFor(absl::Duration ttl, SampleCallback compute) {
  struct Cache {
    absl::Mutex mu;
    absl::Time computed_at ABSL_GUARDED_BY(mu) = absl::InfinitePast();
    std::vector<Sample> samples ABSL_GUARDED_BY(mu);
  };
  auto cache = std::make_shared<Cache>();
  return [cache, ttl, compute = std::move(compute)] {
    // Held while computing: scrapes that arrive meanwhile wait and share the result.
    absl::MutexLock lock(&cache->mu);
    if (absl::Now() - cache->computed_at >= ttl) {
      cache->samples = compute();
      cache->computed_at = absl::Now();
    }
    return cache->samples;
  };
}

// ---- Registry

struct Registry::CallbackSlot {
  absl::Mutex mu;
  SampleCallback compute ABSL_GUARDED_BY(mu);
};

struct Registry::Entry {
  std::string name, help, type;
  std::vector<std::string> label_names;
  std::vector<double> bounds;
  std::unique_ptr<Family<Counter>> counters;
  std::unique_ptr<Family<Gauge>> gauges;
  std::unique_ptr<Family<Histogram>> histograms;
  std::shared_ptr<CallbackSlot> callback;  // set: a gauge computed at scrape time
};

Registry::~Registry() = default;

Registry::Entry& Registry::Add(const std::string& name, const std::string& help, const char* type,
                               const std::vector<std::string>& label_names,
                               const std::vector<double>& bounds) {
  const bool histogram = std::string(type) == "histogram";
  CheckNames(name, label_names, histogram);
  absl::MutexLock lock(&mu_);
  auto it = entries_.find(name);
  if (it != entries_.end()) {
    const Entry& e = *it->second;
    if (e.type != type || e.label_names != label_names || e.bounds != bounds || e.callback) {
      Fail(absl::StrCat(name, ": registered twice, differently"));
    }
    return *it->second;
  }
  auto e = std::make_shared<Entry>();
  e->name = name;
  e->help = help;
  e->type = type;
  e->label_names = label_names;
  e->bounds = bounds;
  if (type == std::string("counter")) {
    e->counters = std::make_unique<Family<Counter>>(
        label_names, [] { return std::make_unique<Counter>(); });
  } else if (type == std::string("gauge")) {
    e->gauges =
        std::make_unique<Family<Gauge>>(label_names, [] { return std::make_unique<Gauge>(); });
  } else {
    for (size_t i = 0; i < bounds.size(); ++i) {
      if (!std::isfinite(bounds[i]) || (i > 0 && bounds[i] <= bounds[i - 1])) {
        Fail(absl::StrCat(name, ": bucket bounds must be finite and increasing"));
      }
    }
    e->histograms = std::make_unique<Family<Histogram>>(
        label_names, [bounds] { return std::make_unique<Histogram>(bounds); });
  }
  // A metric without labels is shown (as 0) from the start, not from its first use.
  if (label_names.empty()) {
    if (e->counters) e->counters->WithLabels({});
    if (e->gauges) e->gauges->WithLabels({});
    if (e->histograms) e->histograms->WithLabels({});
  }
  Entry& added = *e;
  entries_.emplace(name, std::move(e));
  return added;
}

Family<Counter>& Registry::AddCounter(const std::string& name, const std::string& help,
                                      const std::vector<std::string>& label_names) {
  return *Add(name, help, "counter", label_names, {}).counters;
}

Family<Gauge>& Registry::AddGauge(const std::string& name, const std::string& help,
                                  const std::vector<std::string>& label_names) {
  return *Add(name, help, "gauge", label_names, {}).gauges;
}

Family<Histogram>& Registry::AddHistogram(const std::string& name, const std::string& help,
                                          const std::vector<std::string>& label_names,
                                          const std::vector<double>& bounds) {
  return *Add(name, help, "histogram", label_names, bounds).histograms;
}

CallbackHandle Registry::AddGaugeCallback(const std::string& name, const std::string& help,
                                          const std::vector<std::string>& label_names,
                                          SampleCallback compute) {
  CheckNames(name, label_names, false);
  auto slot = std::make_shared<CallbackSlot>();
  {
    absl::MutexLock slot_lock(&slot->mu);
    slot->compute = std::move(compute);
  }
  auto e = std::make_shared<Entry>();
  e->name = name;
  e->help = help;
  e->type = "gauge";
  e->label_names = label_names;
  e->callback = slot;
  absl::MutexLock lock(&mu_);
  auto it = entries_.find(name);
  if (it != entries_.end() && !it->second->callback) {
    Fail(absl::StrCat(name, ": registered twice, differently"));
  }
  entries_[name] = std::move(e);
  return CallbackHandle(this, name, std::move(slot));
}

void Registry::Remove(const std::string& name, const std::shared_ptr<CallbackSlot>& slot) {
  {
    absl::MutexLock slot_lock(&slot->mu);  // waits for a Render() calling it
    slot->compute = nullptr;
  }
  absl::MutexLock lock(&mu_);
  auto it = entries_.find(name);
  if (it != entries_.end() && it->second->callback == slot) entries_.erase(it);
}

std::string Registry::Render() const {
  std::vector<std::shared_ptr<Entry>> entries;
  {
    absl::ReaderMutexLock lock(&mu_);
    for (const auto& [name, e] : entries_) entries.push_back(e);
  }
  std::string out;
  for (const auto& e : entries) {
    absl::StrAppend(&out, "# HELP ", e->name, " ", EscapeHelp(e->help), "\n# TYPE ", e->name, " ",
                    e->type, "\n");
    const auto& names = e->label_names;
    if (e->counters) {
      e->counters->ForEach([&](const std::vector<std::string>& values, const Counter& c) {
        absl::StrAppend(&out, e->name, LabelText(names, values), " ", FormatValue(c.value()), "\n");
      });
    } else if (e->gauges) {
      e->gauges->ForEach([&](const std::vector<std::string>& values, const Gauge& g) {
        absl::StrAppend(&out, e->name, LabelText(names, values), " ", FormatValue(g.value()), "\n");
      });
    } else if (e->histograms) {
      e->histograms->ForEach([&](const std::vector<std::string>& values, const Histogram& h) {
        const Histogram::Snapshot s = h.snapshot();
        for (size_t i = 0; i <= e->bounds.size(); ++i) {
          const std::string le = i < e->bounds.size() ? FormatValue(e->bounds[i]) : "+Inf";
          absl::StrAppend(&out, e->name, "_bucket",
                          LabelText(names, values, absl::StrCat("le=\"", le, "\"")), " ",
                          s.cumulative[i], "\n");
        }
        const std::string labels = LabelText(names, values);
        absl::StrAppend(&out, e->name, "_sum", labels, " ", FormatValue(s.sum), "\n", e->name,
                        "_count", labels, " ", s.cumulative.back(), "\n");
      });
    } else if (e->callback) {
      std::vector<Sample> samples;
      {
        absl::MutexLock slot_lock(&e->callback->mu);
        if (e->callback->compute) samples = e->callback->compute();
      }
      std::set<std::vector<std::string>> seen;  // a repeated series would fail the scrape
      for (const Sample& s : samples) {
        if (s.label_values.size() != names.size() || !seen.insert(s.label_values).second) continue;
        absl::StrAppend(&out, e->name, LabelText(names, s.label_values), " ",
                        FormatValue(s.value), "\n");
      }
    }
  }
  return out;
}

CallbackHandle& CallbackHandle::operator=(CallbackHandle&& other) noexcept {
  if (this != &other) {
    Reset();
    registry_ = std::exchange(other.registry_, nullptr);
    name_ = std::move(other.name_);
    slot_ = std::move(other.slot_);
  }
  return *this;
}

void CallbackHandle::Reset() {
  if (registry_ != nullptr && slot_ != nullptr) registry_->Remove(name_, slot_);
  registry_ = nullptr;
  slot_.reset();
}

Registry& Default() {
  static Registry* registry = new Registry();
  return *registry;
}

// ---- Text format

std::string FormatValue(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  char buffer[32];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof(buffer), value);
  return ec == std::errc() ? std::string(buffer, end) : absl::StrCat(value);
}

std::string EscapeLabelValue(absl::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string EscapeHelp(absl::string_view help) {
  std::string out;
  out.reserve(help.size());
  for (char c : help) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace penataan::metrics
