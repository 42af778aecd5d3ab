// penataan-read-bench: a closed-loop gRPC load generator. Keeps --inflight calls
// outstanding for --seconds and reports QPS and latency percentiles.
//   --method get      GetHonorer by a random NIK from --niks_csv (first column)
//   --method health   grpc.health.v1.Health/Check: the bare gRPC baseline of the same server
// Both go through the same generic async client, so the difference is the server's work.

#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <iostream>
#include <random>
#include <thread>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "penataan/registry/v1/registry.pb.h"

ABSL_FLAG(std::string, target, "127.0.0.1:50051", "server address");
ABSL_FLAG(std::string, token, "", "bearer token");
ABSL_FLAG(std::string, method, "get", "get or health");
ABSL_FLAG(std::string, niks_csv, "", "CSV whose first column holds NIKs (header skipped)");
ABSL_FLAG(int, inflight, 32, "calls outstanding at once, in total");
ABSL_FLAG(int, threads, 2, "client threads (each with its own completion queue)");
ABSL_FLAG(int, seconds, 20, "measured duration");
ABSL_FLAG(int, warmup_seconds, 3, "unmeasured warm-up");

namespace {

struct Call {
  grpc::ClientContext ctx;
  grpc::ByteBuffer response;
  grpc::Status status;
  std::unique_ptr<grpc::GenericClientAsyncResponseReader> rpc;
  absl::Time start;
};

grpc::ByteBuffer Serialize(const google::protobuf::Message& m) {
  std::string bytes = m.SerializeAsString();
  grpc::Slice slice(bytes);
  return grpc::ByteBuffer(&slice, 1);
}

struct Result {
  std::vector<uint32_t> latencies_us;
  int64_t errors = 0;
  std::string first_error;
};

void Drive(std::shared_ptr<grpc::Channel> channel, const std::vector<std::string>& niks,
           int inflight, absl::Time measure_from, absl::Time end, uint64_t seed, Result& out) {
  grpc::GenericStub stub(channel);
  grpc::CompletionQueue cq;
  std::mt19937_64 rng(seed);
  const bool get = absl::GetFlag(FLAGS_method) == "get";
  const std::string method =
      get ? "/penataan.registry.v1.RegistryService/GetHonorer" : "/grpc.health.v1.Health/Check";
  const std::string auth = absl::StrCat("Bearer ", absl::GetFlag(FLAGS_token));
  auto start_call = [&] {
    auto* call = new Call;
    call->ctx.AddMetadata("authorization", auth);
    call->ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    grpc::ByteBuffer request;
    if (get) {
      penataan::registry::v1::GetHonorerRequest req;
      req.set_nik(niks[rng() % niks.size()]);
      request = Serialize(req);
    } else {
      grpc::Slice empty("");
      request = grpc::ByteBuffer(&empty, 1);
    }
    call->start = absl::Now();
    call->rpc = stub.PrepareUnaryCall(&call->ctx, method, request, &cq);
    call->rpc->StartCall();
    call->rpc->Finish(&call->response, &call->status, call);
  };
  for (int i = 0; i < inflight; ++i) start_call();
  int outstanding = inflight;
  void* tag;
  bool ok;
  while (outstanding > 0 && cq.Next(&tag, &ok)) {
    auto* call = static_cast<Call*>(tag);
    const absl::Time now = absl::Now();
    if (call->start >= measure_from && now <= end) {
      if (call->status.ok()) {
        out.latencies_us.push_back(
            static_cast<uint32_t>(absl::ToInt64Microseconds(now - call->start)));
      } else {
        if (out.errors++ == 0) out.first_error = call->status.error_message();
      }
    }
    delete call;
    --outstanding;
    if (now < end) {
      start_call();
      ++outstanding;
    }
  }
}

std::vector<std::string> LoadNiks(const std::string& path) {
  std::vector<std::string> niks;
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) niks.push_back(line.substr(0, line.find(',')));
  return niks;
}

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  std::vector<std::string> niks;
  if (absl::GetFlag(FLAGS_method) == "get") {
    niks = LoadNiks(absl::GetFlag(FLAGS_niks_csv));
    if (niks.empty()) {
      std::cerr << "--method get needs --niks_csv with NIKs\n";
      return 2;
    }
  }
  const int threads = absl::GetFlag(FLAGS_threads);
  const absl::Time measure_from = absl::Now() + absl::Seconds(absl::GetFlag(FLAGS_warmup_seconds));
  const absl::Time end = measure_from + absl::Seconds(absl::GetFlag(FLAGS_seconds));
  std::vector<Result> results(threads);
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    // One channel per thread: separate HTTP/2 connections, as separate clients would have.
    grpc::ChannelArguments args;
    args.SetInt("grpc.channel_id", t);
    auto channel = grpc::CreateCustomChannel(absl::GetFlag(FLAGS_target),
                                             grpc::InsecureChannelCredentials(), args);
    const int share = absl::GetFlag(FLAGS_inflight) / threads +
                      (t < absl::GetFlag(FLAGS_inflight) % threads ? 1 : 0);
    workers.emplace_back(Drive, channel, std::cref(niks), share, measure_from, end, 1234 + t,
                         std::ref(results[t]));
  }
  for (auto& w : workers) w.join();
  std::vector<uint32_t> all;
  int64_t errors = 0;
  std::string first_error;
  for (auto& r : results) {
    all.insert(all.end(), r.latencies_us.begin(), r.latencies_us.end());
    errors += r.errors;
    if (first_error.empty()) first_error = r.first_error;
  }
  std::sort(all.begin(), all.end());
  auto pct = [&](double p) {
    return all.empty() ? 0.0 : all[static_cast<size_t>(p * (all.size() - 1))] / 1000.0;
  };
  const double qps = all.size() / static_cast<double>(absl::GetFlag(FLAGS_seconds));
  std::cout << absl::StrFormat(
      "method=%s calls=%d errors=%d qps=%.0f p50_ms=%.3f p99_ms=%.3f max_ms=%.3f\n",
      absl::GetFlag(FLAGS_method), all.size(), errors, qps, pct(0.50), pct(0.99), pct(1.0));
  if (errors > 0) std::cerr << "first error: " << first_error << "\n";
  return errors > 0 ? 1 : 0;
}
