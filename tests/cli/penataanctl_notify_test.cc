// `penataanctl notify` against a real notification server with its dispatcher
// and log channel: templates, one send, a CSV batch, and what a person reads.

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/ctl_runner.h"
#include "tests/testing/notification_server.h"

namespace penataan::cli {
namespace {

using ::testing::HasSubstr;
using testing::CtlResult;

class PenataanctlNotifyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto server = testing::NotificationServer::Start("sqlite");
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server);
    dir_ = std::filesystem::temp_directory_path() / absl::StrCat("penataanctl_notify_", getpid());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  CtlResult Ctl(const std::vector<std::string>& args,
                const std::string& token = testing::kKemenpanToken) {
    return testing::RunCtl(PENATAANCTL_BINARY,
                           absl::StrCat("--notification ", server_->address(), " --token ", token),
                           args, (dir_ / "stderr").string());
  }

  std::string WriteFile(const std::string& name, const std::string& text) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path) << text;
    return path;
  }

  std::unique_ptr<testing::NotificationServer> server_;
  std::filesystem::path dir_;
};

TEST_F(PenataanctlNotifyTest, TemplatesAreCreatedListedAndShown) {
  const std::string body = WriteFile("body.txt", "Yth. ((nama)), jadwal ((jadwal)).");
  CtlResult created = Ctl({"notify", "template", "create", "--id", "jadwal-tes", "--channel",
                           "log", "--subject", "Jadwal tes", "--body-file", body});
  ASSERT_EQ(created.exit_code, 0) << created.err;
  EXPECT_THAT(created.out, HasSubstr("jadwal-tes"));

  CtlResult list = Ctl({"notify", "template", "list"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_THAT(list.out, HasSubstr("jadwal-tes"));
  EXPECT_THAT(list.out, HasSubstr("screening-result-tms"));

  CtlResult show = Ctl({"notify", "template", "show", "screening-result-tms"});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_THAT(show.out, HasSubstr("batas_sanggah"));
  EXPECT_THAT(show.out, HasSubstr("TIDAK MEMENUHI SYARAT"));

  CtlResult bad = Ctl({"notify", "template", "create", "--id", "rusak", "--channel", "log",
                       "--body", "Yth. ((nama)"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_THAT(bad.err, HasSubstr("template.body"));
}

TEST_F(PenataanctlNotifyTest, SendThenGetShowsTheDeliveryAttempt) {
  CtlResult sent = Ctl({"-o", "json", "notify", "send", "--template", "formasi-deadline-reminder", "--to",
                        "admin@kupangkota.go.id", "--reference", "formasi/2025/5371/h-3",
                        "--set", "instansi=Pemerintah Kota Kupang", "--set", "periode=2025",
                        "--set", "batas_waktu=26 Agustus 2025 00.59", "--set", "zona_waktu=WITA",
                        "--set", "sisa_waktu=3 hari"});
  ASSERT_EQ(sent.exit_code, 0) << sent.err;
  const size_t at = sent.out.find("notifications/");
  ASSERT_NE(at, std::string::npos) << sent.out;
  const std::string name = sent.out.substr(at, sent.out.find('"', at) - at);

  const absl::Time deadline = absl::Now() + absl::Seconds(10);
  CtlResult got;
  do {
    got = Ctl({"notify", "get", name});
    if (got.out.find("DELIVERED") != std::string::npos) break;
    absl::SleepFor(absl::Milliseconds(50));
  } while (absl::Now() < deadline);
  EXPECT_THAT(got.out, HasSubstr("DELIVERED"));
  EXPECT_THAT(got.out, HasSubstr("ATTEMPT"));

  // What was "sent" is in the log file, in Indonesian.
  std::ifstream log(server_->log_file());
  std::string line;
  ASSERT_TRUE(std::getline(log, line));
  EXPECT_THAT(line, HasSubstr("Sisa waktu: 3 hari"));

  CtlResult missing = Ctl({"notify", "send", "--template", "formasi-deadline-reminder", "--to",
                           "x@kupangkota.go.id", "--reference", "r2", "--set", "instansi=K"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_THAT(missing.err, HasSubstr("personalisation.batas_waktu"));
}

TEST_F(PenataanctlNotifyTest, SendBatchFromCsvIsIdempotentAndListCountsByStatus) {
  const std::string csv = WriteFile(
      "hasil.csv",
      "penerima,nama,instansi,seleksi,nomor_pendaftaran\n"
      "maria@mail.example.go.id,Maria Goreti Bria,Kota Kupang,PPPK 2025,P-001\n"
      "yohanes@mail.example.go.id,\"Ndun, Yohanes\",Kota Kupang,PPPK 2025,P-002\n"
      "siti@mail.example.go.id,Siti Aminah,Kota Bekasi,PPPK 2025,P-003\n");
  CtlResult first = Ctl({"notify", "send-batch", csv, "--template", "screening-result-ms"},
                        testing::kScreeningToken);
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_THAT(first.out, HasSubstr("total: 3 queued, 0 already sent"));
  CtlResult again = Ctl({"notify", "send-batch", csv, "--template", "screening-result-ms"},
                        testing::kScreeningToken);
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_THAT(again.out, HasSubstr("total: 3 queued, 0 already sent"))
      << "the same file answers the first run's batch";

  const size_t at = first.out.find("batches/");
  const std::string batch = first.out.substr(at, first.out.find(':', at) - at);
  const absl::Time deadline = absl::Now() + absl::Seconds(10);
  CtlResult list;
  do {
    list = Ctl({"notify", "list", "--batch", batch});
    if (list.out.find("DELIVERED  3") != std::string::npos) break;
    absl::SleepFor(absl::Milliseconds(50));
  } while (absl::Now() < deadline);
  EXPECT_THAT(list.out, HasSubstr("DELIVERED  3"));
  EXPECT_THAT(list.out, HasSubstr("TOTAL      3"));

  ASSERT_EQ(Ctl({"notify", "template", "create", "--id", "hasil-email", "--channel", "email",
                 "--subject", "Hasil seleksi", "--body", "Yth. ((nama))"})
                .exit_code,
            0);
  // As Excel with Indonesian settings saves it: semicolons, a BOM, CRLF.
  const std::string bad = WriteFile("rusak.csv",
                                    "\xEF\xBB\xBFPenerima;Nama\r\n"
                                    "maria@mail.example.go.id;Maria\r\n"
                                    "bukan-alamat;Yohanes\r\n");
  CtlResult refused = Ctl({"notify", "send-batch", bad, "--template", "hasil-email"},
                          testing::kScreeningToken);
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_THAT(refused.err, HasSubstr("line 3: recipients[1].recipient"));
}

TEST_F(PenataanctlNotifyTest, RetryQueuesFailedNotificationsAgain) {
  ASSERT_EQ(Ctl({"notify", "template", "create", "--id", "wa", "--channel", "webhook", "--body",
                 "Yth. ((nama))"})
                .exit_code,
            0);
  // Nothing listens on port 9 of loopback: every attempt fails until the last.
  CtlResult sent = Ctl({"notify", "send", "--template", "wa", "--to", "http://127.0.0.1:9/wa",
                        "--reference", "wa/1", "--set", "nama=Maria"});
  ASSERT_EQ(sent.exit_code, 0) << sent.err;
  const size_t at = sent.out.find("notifications/");
  const std::string name = sent.out.substr(at, sent.out.find(' ', at) - at);
  const absl::Time deadline = absl::Now() + absl::Seconds(20);
  CtlResult got;
  do {
    got = Ctl({"notify", "get", name});
    if (got.out.find("PERMANENT_FAILURE") != std::string::npos) break;
    absl::SleepFor(absl::Milliseconds(50));
  } while (absl::Now() < deadline);
  ASSERT_THAT(got.out, HasSubstr("PERMANENT_FAILURE"));

  CtlResult retried = Ctl({"notify", "retry", name});
  ASSERT_EQ(retried.exit_code, 0) << retried.err;
  EXPECT_THAT(retried.out, HasSubstr("1 queued again"));
  CtlResult none = Ctl({"notify", "retry"});
  EXPECT_EQ(none.exit_code, 1);
  EXPECT_THAT(none.err, HasSubstr("batch"));
}

}  // namespace
}  // namespace penataan::cli
