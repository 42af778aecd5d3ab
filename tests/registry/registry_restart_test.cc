// The real penataan-registry process, killed with SIGKILL in the middle of an
// import and started again: committed batches survive, the same import_id finishes
// the job with the counts of one uninterrupted run, and nothing is duplicated.

#include <grpcpp/grpcpp.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <regex>
#include <sstream>
#include <thread>

#include "absl/strings/str_cat.h"
#include "bench/synthetic_honorers.h"
#include "common/storage/migrations.h"
#include "common/storage/testing/test_database.h"
#include "gtest/gtest.h"
#include "penataan/registry/v1/registry.grpc.pb.h"
#include "services/registry/migrations/registry_migrations.h"

namespace penataan::registry {
namespace {

constexpr char kToken[] = "restart-test-token-kemenpanrb";

// One server process; stderr goes to a file that says which port it took.
class ServerProcess {
 public:
  ServerProcess(const std::string& db_url, const std::string& dir,
                std::vector<std::string> extra = {"--listen=127.0.0.1:0"}) {
    log_ = absl::StrCat(dir, "/server-", ++starts_, ".log");
    const std::string tokens = absl::StrCat(dir, "/tokens.csv");
    std::ofstream(tokens) << "token,principal\n" << kToken << ",national:kemenpanrb\n";
    pid_ = fork();
    if (pid_ == 0) {
      FILE* err = freopen(log_.c_str(), "w", stderr);
      (void)err;
      std::vector<std::string> args = {PENATAAN_REGISTRY_BINARY, "--database=" + db_url,
                                       "--tokens_file=" + tokens, "--import_batch_size=500",
                                       "--metrics_listen=off"};
      args.insert(args.end(), extra.begin(), extra.end());
      std::vector<char*> argv;
      for (std::string& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(PENATAAN_REGISTRY_BINARY, argv.data());
      _exit(127);
    }
  }
  ~ServerProcess() { Kill(SIGKILL); }

  // The port from the "serving" log line, or 0 after 10 s.
  int WaitForPort() {
    const std::regex serving("event=serving .* port=(\\d+)");
    for (int i = 0; i < 200; ++i) {
      std::ifstream in(log_);
      std::stringstream text;
      text << in.rdbuf();
      std::smatch m;
      const std::string s = text.str();
      if (std::regex_search(s, m, serving)) return std::stoi(m[1]);
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return 0;
  }

  void Kill(int sig) {
    if (pid_ <= 0) return;
    kill(pid_, sig);
    waitpid(pid_, nullptr, 0);
    pid_ = 0;
  }
  void Signal(int sig) { kill(pid_, sig); }
  std::string Log() const {
    std::ifstream in(log_);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }
  // The exit code once it has exited by itself.
  int Wait() {
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = 0;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }

 private:
  static inline int starts_ = 0;
  pid_t pid_ = 0;
  std::string log_;
};

class RegistryRestartTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (storage::testing::TestDatabase::ShouldSkip(GetParam())) GTEST_SKIP() << "no MariaDB";
    auto db = storage::testing::TestDatabase::Create(GetParam());
    ASSERT_TRUE(db.ok()) << db.status();
    test_db_ = std::move(*db);
    dir_ = (std::filesystem::temp_directory_path() /
            absl::StrCat("penataan_restart_", getpid(), "_", GetParam()))
               .string();
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::unique_ptr<v1::RegistryService::Stub> Connect(int port) {
    return v1::RegistryService::NewStub(grpc::CreateChannel(
        absl::StrCat("127.0.0.1:", port), grpc::InsecureChannelCredentials()));
  }
  std::unique_ptr<grpc::ClientContext> Ctx() {
    auto ctx = std::make_unique<grpc::ClientContext>();
    ctx->AddMetadata("authorization", absl::StrCat("Bearer ", kToken));
    ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
    return ctx;
  }
  int64_t Query(const std::string& sql) {
    auto db = storage::Database::Open({test_db_->url(), 1, 5000});
    if (!db.ok()) return -1;
    auto conn = (*db)->Acquire();
    auto rows = (*conn)->Query(sql);
    return rows.ok() && !rows->empty() ? (*rows)[0].Int(0) : -1;
  }

  std::unique_ptr<storage::testing::TestDatabase> test_db_;
  std::string dir_;
};

TEST_P(RegistryRestartTest, KilledServerKeepsCommittedBatchesAndTheImportFinishesAfterRestart) {
  std::vector<v1::ImportRow> rows;
  bench::HonorerGenerator gen({11});
  for (int i = 0; i < 5000; ++i) rows.push_back(gen.Next());
  auto header = [] {
    v1::ImportHonorersRequest msg;
    msg.mutable_header()->set_instansi_code("5371");
    msg.mutable_header()->set_import_id("restart-1");
    return msg;
  };

  {
    ServerProcess server(test_db_->url(), dir_);
    const int port = server.WaitForPort();
    ASSERT_GT(port, 0) << "the server did not start";
    auto stub = Connect(port);
    v1::CreateInstansiRequest create;
    create.mutable_instansi()->set_code("5371");
    create.mutable_instansi()->set_display_name("Pemerintah Kota Kupang");
    create.mutable_instansi()->set_level(v1::Instansi::KOTA);
    create.mutable_instansi()->set_time_zone("Asia/Makassar");
    v1::Instansi created;
    ASSERT_TRUE(stub->CreateInstansi(Ctx().get(), create, &created).ok());

    // 2,300 rows sent, the stream left open: four batches commit, 300 rows wait.
    auto ctx = Ctx();
    v1::ImportHonorersResponse out;
    auto writer = stub->ImportHonorers(ctx.get(), &out);
    ASSERT_TRUE(writer->Write(header()));
    v1::ImportHonorersRequest part;
    for (int i = 0; i < 2300; ++i) *part.mutable_rows()->add_rows() = rows[i];
    ASSERT_TRUE(writer->Write(part));
    for (int i = 0; i < 400 && Query("SELECT rows_committed FROM instansi_imports") < 2000; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    ASSERT_EQ(Query("SELECT rows_committed FROM instansi_imports"), 2000);
    server.Kill(SIGKILL);
    EXPECT_FALSE(writer->Finish().ok());
  }
  EXPECT_EQ(Query("SELECT COUNT(*) FROM honorers"), 2000);

  ServerProcess restarted(test_db_->url(), dir_);
  const int port = restarted.WaitForPort();
  ASSERT_GT(port, 0);
  auto stub = Connect(port);
  auto ctx = Ctx();
  v1::ImportHonorersResponse out;
  auto writer = stub->ImportHonorers(ctx.get(), &out);
  ASSERT_TRUE(writer->Write(header()));
  for (size_t i = 0; i < rows.size(); i += 1000) {
    v1::ImportHonorersRequest part;
    for (size_t j = i; j < i + 1000; ++j) *part.mutable_rows()->add_rows() = rows[j];
    ASSERT_TRUE(writer->Write(part));
  }
  v1::ImportHonorersRequest end;
  end.mutable_end()->set_rows(static_cast<int64_t>(rows.size()));
  ASSERT_TRUE(writer->Write(end));
  writer->WritesDone();
  grpc::Status status = writer->Finish();
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(out.created(), 5000);
  EXPECT_EQ(out.updated() + out.unchanged() + out.rejected(), 0);
  EXPECT_EQ(Query("SELECT COUNT(*) FROM honorers"), 5000);
  EXPECT_EQ(Query("SELECT COUNT(DISTINCT nik) FROM honorers"), 5000);
  EXPECT_EQ(Query("SELECT COUNT(*) FROM honorers WHERE created_by = 'national:kemenpanrb'"), 5000)
      << "registered by the principal that imported them";
}

TEST_P(RegistryRestartTest, SigtermLetsTheCallInFlightFinishThenExitsCleanly) {
  ServerProcess server(test_db_->url(), dir_);
  const int port = server.WaitForPort();
  ASSERT_GT(port, 0);
  auto stub = Connect(port);
  v1::CreateInstansiRequest create;
  create.mutable_instansi()->set_code("3275");
  create.mutable_instansi()->set_display_name("Pemerintah Kota Bekasi");
  create.mutable_instansi()->set_level(v1::Instansi::KOTA);
  create.mutable_instansi()->set_time_zone("Asia/Jakarta");
  v1::Instansi created;
  ASSERT_TRUE(stub->CreateInstansi(Ctx().get(), create, &created).ok());

  bench::HonorerGenerator gen({12});
  auto ctx = Ctx();
  v1::ImportHonorersResponse out;
  auto writer = stub->ImportHonorers(ctx.get(), &out);
  v1::ImportHonorersRequest msg;
  msg.mutable_header()->set_instansi_code("3275");
  msg.mutable_header()->set_import_id("drain-1");
  ASSERT_TRUE(writer->Write(msg));
  v1::ImportHonorersRequest first, second;
  for (int i = 0; i < 300; ++i) *first.mutable_rows()->add_rows() = gen.Next();
  for (int i = 0; i < 300; ++i) *second.mutable_rows()->add_rows() = gen.Next();
  ASSERT_TRUE(writer->Write(first));
  for (int i = 0; i < 200 && Query("SELECT COUNT(*) FROM instansi_imports") < 1; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  server.Signal(SIGTERM);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  ASSERT_TRUE(writer->Write(second)) << "the call in flight is still served while draining";
  v1::ImportHonorersRequest end;
  end.mutable_end()->set_rows(600);
  ASSERT_TRUE(writer->Write(end));
  writer->WritesDone();
  grpc::Status status = writer->Finish();
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(out.created(), 600);
  EXPECT_EQ(server.Wait(), 0);
  EXPECT_EQ(Query("SELECT completed FROM instansi_imports"), 1);
}

// The demo clock replays a deadline in local mode; a service others can reach must
// never judge deadlines by it unless told so by name.
TEST_P(RegistryRestartTest, DemoClockRunsFromItsStartAndIsRefusedBeyondLoopback) {
  ServerProcess bad(test_db_->url(), dir_,
                    {"--listen=127.0.0.1:0", "--demo_clock_start=22 Agustus 2025"});
  EXPECT_EQ(bad.Wait(), 1);
  EXPECT_NE(bad.Log().find("--demo_clock_start: 22 Agustus 2025 is not an RFC 3339"),
            std::string::npos) << bad.Log();

  ServerProcess exposed(test_db_->url(), dir_,
                        {"--listen=0.0.0.0:0", "--demo_clock_start=2025-08-22T09:00:00+07:00"});
  EXPECT_EQ(exposed.Wait(), 1);
  EXPECT_NE(exposed.Log().find("reachable from other machines (pass --allow_demo_clock"),
            std::string::npos) << exposed.Log();

  ServerProcess demo(test_db_->url(), dir_,
                     {"--listen=127.0.0.1:0", "--demo_clock_start=2025-08-22T09:00:00+07:00"});
  const int port = demo.WaitForPort();
  ASSERT_NE(port, 0) << demo.Log();
  v1::CreateInstansiRequest req;
  req.mutable_instansi()->set_code("3275");
  req.mutable_instansi()->set_display_name("Kota Bekasi");
  req.mutable_instansi()->set_level(v1::Instansi::KOTA);
  req.mutable_instansi()->set_time_zone("Asia/Jakarta");
  v1::Instansi created;
  auto ctx = Ctx();
  ASSERT_TRUE(Connect(port)->CreateInstansi(ctx.get(), req, &created).ok());
  const int64_t start = 1755828000;  // 2025-08-22T09:00:00+07:00
  EXPECT_GE(created.create_time().seconds(), start);
  EXPECT_LT(created.create_time().seconds(), start + 120);
}

// The migration step of a Kubernetes rollout: every replica's init container runs
// it, at once (MySQL's named lock queues them; on SQLite each migration's
// transaction is taken IMMEDIATE and checked inside); both finish with exit code 0,
// the schema is complete, and neither serves.
TEST_P(RegistryRestartTest, MigrateOnlyAppliesTheMigrationsAndExitsWithoutServing) {
  const std::vector<std::string> args = {"--listen=127.0.0.1:0", "--migrate_only"};
  ServerProcess first(test_db_->url(), dir_, args);
  std::optional<ServerProcess> second;
  second.emplace(test_db_->url(), dir_, args);
  EXPECT_EQ(first.Wait(), 0) << first.Log();
  EXPECT_EQ(second->Wait(), 0) << second->Log();
  const std::vector<storage::Migration> migrations = RegistryMigrations();
  for (const ServerProcess* p : {&first, &*second}) {
    EXPECT_NE(p->Log().find(absl::StrCat("event=migrated schema_version=",
                                         migrations.back().version)),
              std::string::npos) << p->Log();
    EXPECT_EQ(p->Log().find("event=serving"), std::string::npos) << p->Log();
  }
  EXPECT_EQ(Query("SELECT COUNT(*) FROM schema_migrations"),
            static_cast<int64_t>(migrations.size()));
}

INSTANTIATE_TEST_SUITE_P(Backends, RegistryRestartTest, ::testing::Values("sqlite", "mysql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace penataan::registry
