// penataan-notify-bench: COUNT notifications by SendBatch (10,000 a call) into a
// running notification server, then waits until every one is DELIVERED. Prints
// one line of key=value figures: the enqueue rate, the delivery rate (from the
// first delivery seen to the last), the time from the first SendBatch to the last
// delivery, and the server's peak RSS (VmHWM of --server_pid).
//
// --channel=webhook starts a local HTTP receiver in this process and sends to it.

#include <grpcpp/grpcpp.h>

#include <fstream>
#include <iostream>
#include <thread>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "penataan/notification/v1/notification.grpc.pb.h"
#include "tests/testing/http_receiver.h"

ABSL_FLAG(std::string, target, "127.0.0.1:50054", "notification server");
ABSL_FLAG(std::string, token, "", "bearer token of a national principal or service");
ABSL_FLAG(int, count, 200000, "notifications");
ABSL_FLAG(int, batch, 10000, "recipients per SendBatch");
ABSL_FLAG(std::string, channel, "log", "log or webhook");
ABSL_FLAG(int, server_pid, 0, "pid of the server, for its peak RSS");
ABSL_FLAG(std::string, run_id, "", "reference prefix; default: the current time");

namespace {

namespace v1 = penataan::notification::v1;

std::unique_ptr<grpc::ClientContext> Ctx() {
  auto ctx = std::make_unique<grpc::ClientContext>();
  ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(300));
  ctx->AddMetadata("authorization", "Bearer " + absl::GetFlag(FLAGS_token));
  return ctx;
}

int64_t PeakRssKb(int pid) {
  std::ifstream in(absl::StrCat("/proc/", pid, "/status"));
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stoll(line.substr(6));
  }
  return 0;
}

bool Check(const grpc::Status& s, const char* what) {
  if (!s.ok()) std::cerr << what << ": " << s.error_message() << "\n";
  return s.ok();
}

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  const int count = absl::GetFlag(FLAGS_count);
  const bool webhook = absl::GetFlag(FLAGS_channel) == "webhook";
  std::unique_ptr<penataan::testing::HttpReceiver> receiver;
  if (webhook) {
    receiver = *penataan::testing::HttpReceiver::Start();
    receiver->SetKeepBodies(false);
  }
  auto stub = v1::NotificationService::NewStub(
      grpc::CreateChannel(absl::GetFlag(FLAGS_target), grpc::InsecureChannelCredentials()));

  const std::string template_id = webhook ? "bench-webhook" : "bench-log";
  v1::CreateTemplateRequest create;
  create.mutable_template_()->set_id(template_id);
  create.mutable_template_()->set_channel(webhook ? v1::WEBHOOK : v1::LOG);
  create.mutable_template_()->set_subject("Hasil seleksi ((seleksi))");
  create.mutable_template_()->set_body(
      "Yth. ((nama)),\nhasil seleksi administrasi Anda nomor ((nomor)): ((hasil)).");
  v1::Template t;
  if (!Check(stub->CreateTemplate(Ctx().get(), create, &t), "CreateTemplate")) return 1;

  std::string run = absl::GetFlag(FLAGS_run_id);
  if (run.empty()) run = absl::StrCat("bench-", absl::ToUnixMillis(absl::Now()));
  const std::string recipient = webhook ? receiver->url("/wa") : "log";
  const absl::Time start = absl::Now();
  for (int sent = 0; sent < count;) {
    v1::SendBatchRequest req;
    req.set_template_id(template_id);
    const int n = std::min(absl::GetFlag(FLAGS_batch), count - sent);
    for (int i = 0; i < n; ++i, ++sent) {
      auto* r = req.add_recipients();
      r->set_recipient(recipient);
      r->set_reference(absl::StrCat(run, "/", sent));
      auto& p = *r->mutable_personalisation();
      p["nama"] = absl::StrCat("Honorer ", sent);
      p["nomor"] = absl::StrFormat("P-%07d", sent);
      p["hasil"] = sent % 7 == 0 ? "TMS" : "MS";
      p["seleksi"] = "PPPK 2025";
    }
    v1::SendBatchResponse resp;
    if (!Check(stub->SendBatch(Ctx().get(), req, &resp), "SendBatch")) return 1;
  }
  const absl::Time enqueued = absl::Now();

  // Poll the counts of this run until all are delivered.
  absl::Time first_delivery = absl::InfinitePast(), last_delivery;
  int64_t delivered = 0, failed = 0;
  while (true) {
    v1::ListNotificationsRequest list;
    list.set_reference_prefix(run + "/");
    list.set_page_size(1);
    v1::ListNotificationsResponse resp;
    if (!Check(stub->ListNotifications(Ctx().get(), list, &resp), "ListNotifications")) return 1;
    delivered = failed = 0;
    for (const auto& c : resp.status_counts()) {
      if (c.status() == v1::DELIVERED) delivered = c.count();
      if (c.status() == v1::PERMANENT_FAILURE) failed = c.count();
    }
    const absl::Time now = absl::Now();
    if (delivered > 0 && first_delivery == absl::InfinitePast()) first_delivery = now;
    if (delivered + failed >= count) {
      last_delivery = now;
      break;
    }
    absl::SleepFor(absl::Milliseconds(100));
  }
  const double enqueue_s = absl::ToDoubleSeconds(enqueued - start);
  const double deliver_s = std::max(1e-3, absl::ToDoubleSeconds(last_delivery - first_delivery));
  std::cout << absl::StrFormat(
                   "channel=%s count=%d enqueue_per_s=%.0f delivered=%d failed=%d "
                   "delivery_per_s=%.0f last_delivery_s=%.1f server_peak_rss_mb=%.0f "
                   "receiver_requests=%d",
                   absl::GetFlag(FLAGS_channel), count, count / enqueue_s, delivered, failed,
                   delivered / deliver_s, absl::ToDoubleSeconds(last_delivery - start),
                   PeakRssKb(absl::GetFlag(FLAGS_server_pid)) / 1024.0,
                   receiver ? receiver->count() : 0)
            << std::endl;
  return failed == 0 ? 0 : 1;
}
