// Mutual TLS with certificates made by deploy/tls/make-certs.sh: the client
// certificate names the principal; no certificate, a certificate of another CA, or
// plaintext gets no answer; the plaintext health port answers probes.

#include <grpcpp/grpcpp.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "common/server/health_client.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/registry_server.h"

namespace penataan::registry {
namespace {

using ::testing::HasSubstr;

std::string Read(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class RegistryTlsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::filesystem::path(std::filesystem::temp_directory_path() /
                                     absl::StrCat("penataan_tls_", getpid()));
    const std::string script = absl::StrCat(PENATAAN_SOURCE_DIR, "/deploy/tls/make-certs.sh");
    ASSERT_EQ(std::system(absl::StrCat(script, " ", dir_->string(),
                                       " instansi:5371 national:kemenpanrb >/dev/null")
                              .c_str()),
              0);
    ASSERT_EQ(std::system(absl::StrCat(script, " ", (*dir_ / "other").string(),
                                       " instansi:5371 >/dev/null")
                              .c_str()),
              0);
  }
  static void TearDownTestSuite() {
    std::filesystem::remove_all(*dir_);
    delete dir_;
  }
  void SetUp() override {
    auto server = testing::RegistryServer::Start(
        "sqlite", 1000,
        TlsFiles{(*dir_ / "server.crt").string(), (*dir_ / "server.key").string(),
                 (*dir_ / "ca.crt").string()});
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server);
  }

  // A stub over TLS trusting our CA, presenting `client` ("" for none) of `ca_dir`.
  std::unique_ptr<v1::RegistryService::Stub> Stub(const std::string& client,
                                                  const std::filesystem::path& ca_dir) {
    grpc::SslCredentialsOptions tls;
    tls.pem_root_certs = Read(*dir_ / "ca.crt");
    if (!client.empty()) {
      tls.pem_cert_chain = Read(ca_dir / (client + ".crt"));
      tls.pem_private_key = Read(ca_dir / (client + ".key"));
    }
    return v1::RegistryService::NewStub(
        grpc::CreateChannel(server_->address(), grpc::SslCredentials(tls)));
  }

  static std::filesystem::path* dir_;
  std::unique_ptr<testing::RegistryServer> server_;
};
std::filesystem::path* RegistryTlsTest::dir_ = nullptr;

TEST_F(RegistryTlsTest, TheCertificateNamesThePrincipalWhateverTokenIsSent) {
  auto stub = Stub("client-instansi-5371", *dir_);
  v1::ListHonorersRequest own;
  v1::ListHonorersResponse out;
  ASSERT_TRUE(stub->ListHonorers(testing::Ctx("").get(), own, &out).ok());
  v1::ListHonorersRequest other;
  other.set_instansi_code("3275");
  // A national token does not lift the certificate's instansi:5371.
  grpc::Status s = stub->ListHonorers(testing::Ctx(testing::kKemenpanToken).get(), other, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_THAT(s.error_message(), HasSubstr("an instansi reads and changes only its own data"));

  auto national = Stub("client-national-kemenpanrb", *dir_);
  EXPECT_TRUE(national->ListHonorers(testing::Ctx("").get(), other, &out).ok());
}

TEST_F(RegistryTlsTest, NoCertificateAnotherCaOrPlaintextGetNoAnswer) {
  v1::GetInstansiRequest req;
  req.set_code("5371");
  v1::Instansi out;
  EXPECT_EQ(Stub("", *dir_)->GetInstansi(testing::Ctx(testing::kKupangToken).get(), req, &out)
                .error_code(),
            grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(Stub("client-instansi-5371", *dir_ / "other")
                ->GetInstansi(testing::Ctx("").get(), req, &out)
                .error_code(),
            grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(server_->NewStub()->GetInstansi(testing::Ctx(testing::kKupangToken).get(), req, &out)
                .error_code(),
            grpc::StatusCode::UNAVAILABLE);
}

TEST_F(RegistryTlsTest, TheHealthPortAnswersPlaintextProbes) {
  ServerOptions options;
  options.tls = {(*dir_ / "server.crt").string(), (*dir_ / "server.key").string(),
                 (*dir_ / "ca.crt").string()};
  options.health_listen_address = "127.0.0.1:0";
  auto server = StartServer(options, {});
  ASSERT_TRUE(server.ok()) << server.status();
  auto serving = CheckHealth(grpc::CreateChannel(absl::StrCat("127.0.0.1:", (*server)->health_port()),
                                                 grpc::InsecureChannelCredentials()),
                             absl::Seconds(5));
  ASSERT_TRUE(serving.ok()) << serving.status();
  EXPECT_TRUE(*serving);
}

TEST_F(RegistryTlsTest, PenataanctlSpeaksMutualTls) {
  const std::string cmd = absl::StrCat(
      PENATAANCTL_BINARY, " --registry ", server_->address(), " --tls-ca ",
      (*dir_ / "ca.crt").string(), " --tls-cert ", (*dir_ / "client-instansi-5371.crt").string(),
      " --tls-key ", (*dir_ / "client-instansi-5371.key").string(),
      " registry honorer list 2>&1");
  FILE* pipe = popen(cmd.c_str(), "r");
  std::string out;
  char buf[1024];
  size_t n;
  while ((n = fread(buf, 1, sizeof(buf), pipe)) > 0) out.append(buf, n);
  EXPECT_EQ(WEXITSTATUS(pclose(pipe)), 0) << out;
  EXPECT_THAT(out, HasSubstr("0 of 0 honorers"));
}

}  // namespace
}  // namespace penataan::registry
