#include "common/metrics/registry.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>
#include <thread>

#include "common/metrics/rpc_metrics.h"

namespace penataan::metrics {
namespace {

TEST(MetricsText, Values) {
  struct Case {
    double value;
    const char* text;
  } cases[] = {
      {0, "0"},
      {1, "1"},
      {42, "42"},
      {0.5, "0.5"},
      {0.1, "0.1"},  // shortest round trip, not 0.10000000000000001
      {-2.5, "-2.5"},
      {12345678, "12345678"},
      {1e21, "1e+21"},
      {std::numeric_limits<double>::infinity(), "+Inf"},
      {-std::numeric_limits<double>::infinity(), "-Inf"},
      {std::nan(""), "NaN"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_EQ(FormatValue(c.value), c.text);
  }
}

TEST(MetricsText, LabelValuesAndHelpAreEscaped) {
  struct Case {
    const char* raw;
    const char* label;
    const char* help;
  } cases[] = {
      {"plain", "plain", "plain"},
      {"a\\b", "a\\\\b", "a\\\\b"},
      {"say \"MS\"", "say \\\"MS\\\"", "say \"MS\""},  // HELP keeps its quotes
      {"two\nlines", "two\\nlines", "two\\nlines"},
      {"Kota Kupang – NTT", "Kota Kupang – NTT", "Kota Kupang – NTT"},  // UTF-8 as is
      {"", "", ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.raw);
    EXPECT_EQ(EscapeLabelValue(c.raw), c.label);
    EXPECT_EQ(EscapeHelp(c.raw), c.help);
  }
}

TEST(MetricsText, Rendering) {
  struct Case {
    const char* name;
    std::function<void(Registry&)> fill;
    const char* text;
  } cases[] = {
      {"an unlabelled counter is shown at zero before its first use",
       [](Registry& r) { r.AddCounter("penataan_things_total", "Things done"); },
       "# HELP penataan_things_total Things done\n"
       "# TYPE penataan_things_total counter\n"
       "penataan_things_total 0\n"},
      {"a labelled family without children has only its HELP and TYPE",
       [](Registry& r) { r.AddCounter("penataan_things_total", "Things done", {"kind"}); },
       "# HELP penataan_things_total Things done\n"
       "# TYPE penataan_things_total counter\n"},
      {"children in the order they were made, label values escaped",
       [](Registry& r) {
         auto& f = r.AddCounter("penataan_rows_total", "Rows", {"outcome", "note"});
         f.WithLabels({"updated", "a \"quoted\"\nvalue\\"}).Increment(2);
         f.WithLabels({"created", ""}).Increment(3.5);
         f.WithLabels({"updated", "a \"quoted\"\nvalue\\"}).Increment();
       },
       "# HELP penataan_rows_total Rows\n"
       "# TYPE penataan_rows_total counter\n"
       "penataan_rows_total{outcome=\"updated\",note=\"a \\\"quoted\\\"\\nvalue\\\\\"} 3\n"
       "penataan_rows_total{outcome=\"created\",note=\"\"} 3.5\n"},
      {"a counter ignores a negative increment",
       [](Registry& r) {
         Counter& c = r.AddCounter("penataan_things_total", "Things").WithLabels({});
         c.Increment(4);
         c.Increment(-1);
       },
       "# HELP penataan_things_total Things\n"
       "# TYPE penataan_things_total counter\n"
       "penataan_things_total 4\n"},
      {"gauges are set and moved both ways",
       [](Registry& r) {
         auto& f = r.AddGauge("penataan_pool_connections", "Connections", {"state"});
         f.WithLabels({"idle"}).Set(5);
         f.WithLabels({"idle"}).Add(-2);
         f.WithLabels({"in_use"}).Add(0.25);
       },
       "# HELP penataan_pool_connections Connections\n"
       "# TYPE penataan_pool_connections gauge\n"
       "penataan_pool_connections{state=\"idle\"} 3\n"
       "penataan_pool_connections{state=\"in_use\"} 0.25\n"},
      {"histogram buckets are cumulative, a value on a bound counts in it, +Inf is the count",
       [](Registry& r) {
         auto& f = r.AddHistogram("penataan_wait_seconds", "Waits", {"method"}, {0.25, 1, 2.5});
         Histogram& h = f.WithLabels({"Get"});
         for (double v : {0.125, 0.25, 0.75, 5.0}) h.Observe(v);
       },
       "# HELP penataan_wait_seconds Waits\n"
       "# TYPE penataan_wait_seconds histogram\n"
       "penataan_wait_seconds_bucket{method=\"Get\",le=\"0.25\"} 2\n"
       "penataan_wait_seconds_bucket{method=\"Get\",le=\"1\"} 3\n"
       "penataan_wait_seconds_bucket{method=\"Get\",le=\"2.5\"} 3\n"
       "penataan_wait_seconds_bucket{method=\"Get\",le=\"+Inf\"} 4\n"
       "penataan_wait_seconds_sum{method=\"Get\"} 6.125\n"
       "penataan_wait_seconds_count{method=\"Get\"} 4\n"},
      {"an unlabelled histogram has le as its only label",
       [](Registry& r) { r.AddHistogram("penataan_wait_seconds", "Waits", {}, {1}); },
       "# HELP penataan_wait_seconds Waits\n"
       "# TYPE penataan_wait_seconds histogram\n"
       "penataan_wait_seconds_bucket{le=\"1\"} 0\n"
       "penataan_wait_seconds_bucket{le=\"+Inf\"} 0\n"
       "penataan_wait_seconds_sum 0\n"
       "penataan_wait_seconds_count 0\n"},
      {"families sorted by name, help escaped",
       [](Registry& r) {
         r.AddGauge("penataan_b", "B\\second\nline");
         r.AddGauge("penataan_a", "A");
       },
       "# HELP penataan_a A\n"
       "# TYPE penataan_a gauge\n"
       "penataan_a 0\n"
       "# HELP penataan_b B\\\\second\\nline\n"
       "# TYPE penataan_b gauge\n"
       "penataan_b 0\n"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Registry registry;
    c.fill(registry);
    EXPECT_EQ(registry.Render(), c.text);
  }
}

TEST(MetricsRegistry, AGaugeCallbackIsAskedAtEachRenderUntilItsHandleGoes) {
  Registry registry;
  int calls = 0;
  CallbackHandle handle = registry.AddGaugeCallback(
      "penataan_outbox_depth", "Notifications by status", {"status"}, [&] {
        ++calls;
        return std::vector<Sample>{{{"QUEUED"}, 7},
                                   {{"DELIVERED"}, 2},
                                   {{"QUEUED"}, 9},           // repeated: left out
                                   {{"A", "B"}, 1}};          // wrong label count: left out
      });
  const std::string expected =
      "# HELP penataan_outbox_depth Notifications by status\n"
      "# TYPE penataan_outbox_depth gauge\n"
      "penataan_outbox_depth{status=\"QUEUED\"} 7\n"
      "penataan_outbox_depth{status=\"DELIVERED\"} 2\n";
  EXPECT_EQ(registry.Render(), expected);
  EXPECT_EQ(registry.Render(), expected);
  EXPECT_EQ(calls, 2);

  CallbackHandle moved = std::move(handle);
  handle.Reset();  // moved from: does nothing
  EXPECT_EQ(registry.Render(), expected);
  moved.Reset();
  EXPECT_EQ(registry.Render(), "");
  EXPECT_EQ(calls, 3);
}

TEST(MetricsRegistry, ANewCallbackReplacesTheOldOneWhichThenRemovesNothing) {
  Registry registry;
  CallbackHandle first = registry.AddGaugeCallback("penataan_g", "G", {}, [] {
    return std::vector<Sample>{{{}, 1}};
  });
  CallbackHandle second = registry.AddGaugeCallback("penataan_g", "G", {}, [] {
    return std::vector<Sample>{{{}, 2}};
  });
  first.Reset();
  EXPECT_EQ(registry.Render(), "# HELP penataan_g G\n# TYPE penataan_g gauge\npenataan_g 2\n");
}

TEST(MetricsRegistry, DeclaringAFamilyTwiceGivesTheSameFamily) {
  Registry registry;
  auto& a = registry.AddCounter("penataan_x_total", "X", {"k"});
  auto& b = registry.AddCounter("penataan_x_total", "X", {"k"});
  EXPECT_EQ(&a, &b);
  EXPECT_EQ(&a.WithLabels({"v"}), &b.WithLabels({"v"}));
}

TEST(MetricsRegistryDeathTest, MisuseStopsTheProgram) {
  struct Case {
    const char* name;
    std::function<void()> misuse;
    const char* message;
  } cases[] = {
      {"bad metric name", [] { Registry().AddCounter("1_total", "x"); }, "invalid metric name"},
      {"bad label name", [] { Registry().AddGauge("penataan_g", "x", {"a-b"}); }, "label name"},
      {"reserved label", [] { Registry().AddGauge("penataan_g", "x", {"__a"}); }, "label name"},
      {"le on a histogram",
       [] { Registry().AddHistogram("penataan_h", "x", {"le"}, {1}); }, "label name"},
      {"repeated label", [] { Registry().AddGauge("penataan_g", "x", {"a", "a"}); }, "label"},
      {"bounds not increasing",
       [] { Registry().AddHistogram("penataan_h", "x", {}, {1, 1}); }, "increasing"},
      {"same name, other kind",
       [] {
         Registry r;
         r.AddCounter("penataan_g", "x");
         r.AddGauge("penataan_g", "x");
       },
       "registered twice"},
      {"wrong number of label values",
       [] { Registry().AddGauge("penataan_g", "x", {"a"}).WithLabels({"1", "2"}); },
       "2 values for 1"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_DEATH(c.misuse(), c.message);
  }
}

TEST(MetricsRegistry, CachedForComputesAtMostOncePerPeriod) {
  int computed = 0;
  SampleCallback compute = [&] {
    ++computed;
    return std::vector<Sample>{{{}, static_cast<double>(computed)}};
  };
  SampleCallback cached = CachedFor(absl::Hours(1), compute);
  EXPECT_EQ(cached()[0].value, 1);
  EXPECT_EQ(cached()[0].value, 1);
  EXPECT_EQ(computed, 1);
  SampleCallback uncached = CachedFor(absl::ZeroDuration(), compute);
  uncached();
  uncached();
  EXPECT_EQ(computed, 3);
}

TEST(MetricsRegistry, ConcurrentUpdatesAreAllCounted) {
  Registry registry;
  auto& counters = registry.AddCounter("penataan_c_total", "C", {"t"});
  auto& histograms = registry.AddHistogram("penataan_h_seconds", "H", {}, {0.5});
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 20000; ++i) {
        counters.WithLabels({i % 2 == 0 ? "even" : "odd"}).Increment();
        histograms.WithLabels({}).Observe(t % 2 == 0 ? 0.25 : 1);
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(counters.WithLabels({"even"}).value(), 40000);
  EXPECT_EQ(counters.WithLabels({"odd"}).value(), 40000);
  Histogram::Snapshot s = histograms.WithLabels({}).snapshot();
  EXPECT_EQ(s.cumulative[0], 40000u);
  EXPECT_EQ(s.cumulative[1], 80000u);
  EXPECT_DOUBLE_EQ(s.sum, 40000 * 0.25 + 40000 * 1.0);
}

TEST(RpcMetrics, ObserveRpcCountsByServiceMethodAndCode) {
  SetServiceName("registry");
  ObserveRpc("GetHonorer", absl::StatusCode::kNotFound, absl::Milliseconds(3));
  ObserveRpc("GetHonorer", absl::StatusCode::kNotFound, absl::Milliseconds(40));
  ObserveRpc("GetHonorer", absl::StatusCode::kOk, absl::Seconds(2));
  const std::string text = Default().Render();
  EXPECT_NE(text.find("# TYPE penataan_rpc_requests_total counter\n"), std::string::npos);
  EXPECT_NE(text.find("penataan_rpc_requests_total{service=\"registry\",method=\"GetHonorer\","
                      "code=\"NOT_FOUND\"} 2\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("penataan_rpc_requests_total{service=\"registry\",method=\"GetHonorer\","
                      "code=\"OK\"} 1\n"),
            std::string::npos);
  EXPECT_NE(text.find("penataan_rpc_duration_seconds_bucket{service=\"registry\","
                      "method=\"GetHonorer\",le=\"0.005\"} 1\n"),
            std::string::npos);
  EXPECT_NE(text.find("penataan_rpc_duration_seconds_bucket{service=\"registry\","
                      "method=\"GetHonorer\",le=\"2.5\"} 3\n"),
            std::string::npos);
  EXPECT_NE(text.find("penataan_rpc_duration_seconds_count{service=\"registry\","
                      "method=\"GetHonorer\"} 3\n"),
            std::string::npos);
}

}  // namespace
}  // namespace penataan::metrics
