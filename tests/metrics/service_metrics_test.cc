// The real penataan-registry and penataan-notification binaries serve Prometheus
// metrics on a port of their own: the counters move with the calls made (refused
// ones included), the service's own figures are there, and Prometheus's own
// checker (promtool, Debian's prometheus package) accepts the page.

#include <grpcpp/grpcpp.h>
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "bench/synthetic_honorers.h"
#include "common/storage/testing/test_database.h"
#include "gtest/gtest.h"
#include "penataan/notification/v1/notification.grpc.pb.h"
#include "penataan/registry/v1/registry.grpc.pb.h"
#include "tests/testing/test_tokens.h"

namespace penataan {
namespace {

using ::penataan::testing::Ctx;
using ::penataan::testing::kKemenpanToken;
using ::penataan::testing::kKupangToken;
using ::penataan::testing::kScreeningToken;

// One service process; its stderr (the log) goes to a file that names its ports.
class ServiceProcess {
 public:
  ServiceProcess(const char* binary, const std::string& log, std::vector<std::string> args)
      : log_(log) {
    pid_ = fork();
    if (pid_ == 0) {
      FILE* err = freopen(log_.c_str(), "w", stderr);
      (void)err;
      std::vector<char*> argv = {const_cast<char*>(binary)};
      for (std::string& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(binary, argv.data());
      _exit(127);
    }
  }
  ~ServiceProcess() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
  }

  // Reads port= and metrics_port= from the "serving" line; false after 20 s.
  bool WaitUntilServing() {
    const std::regex serving("event=serving .* port=(\\d+) .*metrics_port=(\\d+)");
    for (int i = 0; i < 400; ++i) {
      std::ifstream in(log_);
      std::stringstream text;
      text << in.rdbuf();
      const std::string s = text.str();
      std::smatch m;
      if (std::regex_search(s, m, serving)) {
        port_ = std::stoi(m[1]);
        metrics_port_ = std::stoi(m[2]);
        return true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  }

  std::string address() const { return absl::StrCat("127.0.0.1:", port_); }
  int metrics_port() const { return metrics_port_; }

  std::string Metrics() const {
    httplib::Client client("127.0.0.1", metrics_port_);
    client.set_read_timeout(10, 0);
    auto res = client.Get("/metrics");
    if (!res || res->status != 200) return "";
    return res->body;
  }

 private:
  std::string log_;
  pid_t pid_ = 0;
  int port_ = 0;
  int metrics_port_ = 0;
};

// The exit code of `promtool check metrics` on `text`, and what it said.
std::pair<int, std::string> PromtoolCheck(const std::string& text, const std::string& dir) {
  const std::string in = dir + "/metrics.txt", out = dir + "/promtool.out";
  std::ofstream(in) << text;
  const int status =
      std::system(absl::StrCat("promtool check metrics < ", in, " > ", out, " 2>&1").c_str());
  std::ifstream said(out);
  std::stringstream s;
  s << said.rdbuf();
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, s.str()};
}

bool HasLine(const std::string& text, const std::string& line) {
  return absl::StartsWith(text, line + "\n") || absl::StrContains(text, "\n" + line + "\n");
}

// The value of the series named exactly `series` (name and labels), or -1.
double Value(const std::string& text, const std::string& series) {
  const std::string prefix = series + " ";
  size_t at = absl::StartsWith(text, prefix) ? 0 : text.find("\n" + prefix);
  if (at == std::string::npos) return -1;
  if (at != 0) ++at;
  return std::stod(text.substr(at + prefix.size(), text.find('\n', at) - at - prefix.size()));
}

class ServiceMetricsTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (std::system("promtool --version > /dev/null 2>&1") != 0) {
      FAIL() << "promtool is missing: install Debian's prometheus package (scripts/lib.sh "
                "TEST_PACKAGES)";
    }
    if (storage::testing::TestDatabase::ShouldSkip(GetParam())) GTEST_SKIP() << "no MariaDB";
    auto db = storage::testing::TestDatabase::Create(GetParam());
    ASSERT_TRUE(db.ok()) << db.status();
    test_db_ = std::move(*db);
    dir_ = (std::filesystem::temp_directory_path() /
            absl::StrCat("penataan_metrics_", getpid(), "_", GetParam()))
               .string();
    std::filesystem::create_directories(dir_);
    tokens_ = dir_ + "/tokens.csv";
    std::ofstream(tokens_) << "token,principal\n"
                           << kKemenpanToken << ",national:kemenpanrb\n"
                           << kKupangToken << ",instansi:5371\n"
                           << kScreeningToken << ",service:screening\n";
  }
  void TearDown() override {
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  std::vector<std::string> CommonArgs() const {
    return {"--listen=127.0.0.1:0", "--metrics_listen=127.0.0.1:0",
            "--database=" + test_db_->url(), "--tokens_file=" + tokens_};
  }

  void ExpectPromtoolAccepts(const std::string& text) {
    auto [code, said] = PromtoolCheck(text, dir_);
    EXPECT_EQ(code, 0) << "promtool check metrics:\n" << said << "\non:\n" << text;
  }

  std::unique_ptr<storage::testing::TestDatabase> test_db_;
  std::string dir_, tokens_;
};

TEST_P(ServiceMetricsTest, RegistryCountsCallsByCodeAndImportRowsByOutcome) {
  ServiceProcess server(PENATAAN_REGISTRY_BINARY, dir_ + "/registry.log", CommonArgs());
  ASSERT_TRUE(server.WaitUntilServing()) << "the registry did not start";
  ASSERT_GT(server.metrics_port(), 0);

  const std::string before = server.Metrics();
  ASSERT_FALSE(before.empty()) << "no /metrics";
  EXPECT_TRUE(HasLine(before, "penataan_registry_import_rows_total{outcome=\"created\"} 0"))
      << before;
  EXPECT_TRUE(HasLine(before, "# TYPE penataan_rpc_requests_total counter")) << before;
  EXPECT_GE(Value(before, "penataan_db_pool_max_connections"), 1) << before;
  ExpectPromtoolAccepts(before);

  auto stub = registry::v1::RegistryService::NewStub(
      grpc::CreateChannel(server.address(), grpc::InsecureChannelCredentials()));
  registry::v1::CreateInstansiRequest create;
  create.mutable_instansi()->set_code("5371");
  create.mutable_instansi()->set_display_name("Pemerintah Kota Kupang");
  create.mutable_instansi()->set_level(registry::v1::Instansi::KOTA);
  create.mutable_instansi()->set_time_zone("Asia/Makassar");
  registry::v1::Instansi created;
  grpc::Status s = stub->CreateInstansi(Ctx(kKemenpanToken).get(), create, &created);
  ASSERT_TRUE(s.ok()) << s.error_message();
  // An instansi may not create one: refused, and counted with its code.
  create.mutable_instansi()->set_code("5372");
  EXPECT_EQ(stub->CreateInstansi(Ctx(kKupangToken).get(), create, &created).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  // Three good rows and one with a bad NIK, by the instansi itself.
  bench::HonorerGenerator gen({21});
  auto ctx = Ctx(kKupangToken);
  registry::v1::ImportHonorersResponse out;
  auto writer = stub->ImportHonorers(ctx.get(), &out);
  registry::v1::ImportHonorersRequest header;
  header.mutable_header()->set_instansi_code("5371");
  header.mutable_header()->set_import_id("metrics-1");
  ASSERT_TRUE(writer->Write(header));
  registry::v1::ImportHonorersRequest rows;
  for (int i = 0; i < 4; ++i) *rows.mutable_rows()->add_rows() = gen.Next();
  rows.mutable_rows()->mutable_rows(3)->set_nik("12345");
  ASSERT_TRUE(writer->Write(rows));
  registry::v1::ImportHonorersRequest end;
  end.mutable_end()->set_rows(4);
  ASSERT_TRUE(writer->Write(end));
  writer->WritesDone();
  s = writer->Finish();
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(out.created(), 3);
  ASSERT_EQ(out.rejected(), 1);

  const std::string after = server.Metrics();
  const std::string rpc = "penataan_rpc_requests_total{service=\"registry\",method=";
  EXPECT_EQ(Value(after, rpc + "\"CreateInstansi\",code=\"OK\"}"), 1) << after;
  EXPECT_EQ(Value(after, rpc + "\"CreateInstansi\",code=\"PERMISSION_DENIED\"}"), 1) << after;
  EXPECT_EQ(Value(after, rpc + "\"ImportHonorers\",code=\"OK\"}"), 1) << after;
  EXPECT_EQ(Value(after, "penataan_rpc_duration_seconds_count{service=\"registry\","
                         "method=\"CreateInstansi\"}"),
            2);
  EXPECT_EQ(Value(after, "penataan_rpc_duration_seconds_bucket{service=\"registry\","
                         "method=\"CreateInstansi\",le=\"+Inf\"}"),
            2);
  EXPECT_EQ(Value(after, "penataan_registry_import_rows_total{outcome=\"created\"}"), 3);
  EXPECT_EQ(Value(after, "penataan_registry_import_rows_total{outcome=\"rejected\"}"), 1);
  EXPECT_EQ(Value(after, "penataan_registry_import_rows_total{outcome=\"updated\"}"), 0);
  // Every connection lent out came back; the ones opened wait idle.
  EXPECT_EQ(Value(after, "penataan_db_pool_in_use_connections"), 0) << after;
  EXPECT_GE(Value(after, "penataan_db_pool_open_connections"), 1);
  EXPECT_EQ(Value(after, "penataan_db_pool_idle_connections"),
            Value(after, "penataan_db_pool_open_connections"));
  EXPECT_EQ(Value(after, "penataan_db_pool_acquire_timeouts_total"), 0);
  ExpectPromtoolAccepts(after);
}

TEST_P(ServiceMetricsTest, NotificationCountsDeliveriesAndTheOutboxByStatus) {
  std::vector<std::string> args = CommonArgs();
  args.push_back("--dispatcher_workers=1");
  args.push_back("--log_channel_file=" + dir_ + "/notifications.jsonl");
  args.push_back("--default_templates_channel=NONE");
  ServiceProcess server(PENATAAN_NOTIFICATION_BINARY, dir_ + "/notification.log", args);
  ASSERT_TRUE(server.WaitUntilServing()) << "the notification service did not start";

  const std::string before = server.Metrics();
  ASSERT_FALSE(before.empty()) << "no /metrics";
  EXPECT_TRUE(HasLine(before, "penataan_notification_outbox_depth{status=\"QUEUED\"} 0"))
      << before;
  EXPECT_TRUE(HasLine(before, "# TYPE penataan_notification_deliveries_total counter"));
  ExpectPromtoolAccepts(before);

  auto stub = notification::v1::NotificationService::NewStub(
      grpc::CreateChannel(server.address(), grpc::InsecureChannelCredentials()));
  notification::v1::ListTemplatesRequest list;
  notification::v1::ListTemplatesResponse templates;
  EXPECT_EQ(stub->ListTemplates(Ctx(kKupangToken).get(), list, &templates).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  notification::v1::CreateTemplateRequest create;
  create.mutable_template_()->set_id("hasil-log");
  create.mutable_template_()->set_channel(notification::v1::LOG);
  create.mutable_template_()->set_body("Yth. ((nama)), hasil: ((hasil)).");
  notification::v1::Template t;
  grpc::Status s = stub->CreateTemplate(Ctx(kKemenpanToken).get(), create, &t);
  ASSERT_TRUE(s.ok()) << s.error_message();
  notification::v1::SendBatchRequest send;
  send.set_template_id("hasil-log");
  for (int i = 0; i < 3; ++i) {
    auto* r = send.add_recipients();
    r->set_recipient(absl::StrCat("honorer-", i));
    r->set_reference(absl::StrCat("hasil/", i));
    (*r->mutable_personalisation())["nama"] = absl::StrCat("Honorer ", i);
    (*r->mutable_personalisation())["hasil"] = "MS";
  }
  notification::v1::SendBatchResponse sent;
  s = stub->SendBatch(Ctx(kScreeningToken).get(), send, &sent);
  ASSERT_TRUE(s.ok()) << s.error_message();

  // Delivered by the process's dispatcher; the outbox depth is cached for 5 s.
  const std::string delivered =
      "penataan_notification_deliveries_total{channel=\"LOG\",outcome=\"DELIVERED\"}";
  const std::string depth = "penataan_notification_outbox_depth{status=\"DELIVERED\"}";
  std::string after;
  for (const absl::Time deadline = absl::Now() + absl::Seconds(20); absl::Now() < deadline;) {
    after = server.Metrics();
    if (Value(after, delivered) == 3 && Value(after, depth) == 3) break;
    absl::SleepFor(absl::Milliseconds(200));
  }
  EXPECT_EQ(Value(after, delivered), 3) << after;
  EXPECT_EQ(Value(after, depth), 3) << after;
  EXPECT_EQ(Value(after, "penataan_notification_outbox_depth{status=\"QUEUED\"}"), 0);
  const std::string rpc = "penataan_rpc_requests_total{service=\"notification\",method=";
  EXPECT_EQ(Value(after, rpc + "\"ListTemplates\",code=\"PERMISSION_DENIED\"}"), 1) << after;
  EXPECT_EQ(Value(after, rpc + "\"SendBatch\",code=\"OK\"}"), 1);
  EXPECT_EQ(Value(after, rpc + "\"CreateTemplate\",code=\"OK\"}"), 1);
  ExpectPromtoolAccepts(after);
}

INSTANTIATE_TEST_SUITE_P(Backends, ServiceMetricsTest, ::testing::Values("sqlite", "mysql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace penataan
