#include "cli/health_command.h"

#include <grpcpp/generic/generic_stub.h>

#include <iostream>

namespace penataan::cli {
namespace {

// grpc.health.v1.HealthCheckRequest{service: ""} is the empty message, and the
// answer is {status: N} encoded as the two bytes 0x08 N. Decoding by hand keeps the
// CLI free of a generated copy of health.proto.
std::string Check(const CliContext& c, const std::string& address, int timeout_seconds) {
  grpc::GenericStub stub(c.ChannelTo(address));
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(timeout_seconds));
  grpc::Slice empty("");
  grpc::ByteBuffer request(&empty, 1), response;
  grpc::CompletionQueue cq;
  auto call = stub.PrepareUnaryCall(&ctx, "/grpc.health.v1.Health/Check", request, &cq);
  call->StartCall();
  grpc::Status status;
  call->Finish(&response, &status, nullptr);
  void* tag;
  bool ok;
  cq.Next(&tag, &ok);
  if (!status.ok()) {
    return status.error_code() == grpc::StatusCode::UNAVAILABLE ? "NOT RUNNING"
                                                                 : status.error_message();
  }
  std::vector<grpc::Slice> slices;
  response.Dump(&slices);
  std::string bytes;
  for (const auto& s : slices) bytes.append(reinterpret_cast<const char*>(s.begin()), s.size());
  if (bytes == std::string("\x08\x01", 2)) return "SERVING";
  if (bytes == std::string("\x08\x02", 2)) return "NOT_SERVING";
  return "UNKNOWN";
}

}  // namespace

void AddHealthCommand(CLI::App& app, ContextFn context, int* exit_code) {
  auto* health = app.add_subcommand("health", "is each service up and SERVING?");
  auto only = std::make_shared<std::vector<std::string>>();
  health->add_option("--service", *only, "registry, formasi, screening, notification (repeatable)");
  health->callback([=] {
    CliContext& c = context();
    const GlobalOptions& g = c.options();
    std::vector<std::pair<std::string, std::string>> services = {
        {"registry", g.registry}, {"formasi", g.formasi},
        {"screening", g.screening}, {"notification", g.notification}};
    std::vector<std::vector<std::string>> rows;
    *exit_code = kExitOk;
    for (const auto& [name, address] : services) {
      if (!only->empty() && std::find(only->begin(), only->end(), name) == only->end()) continue;
      std::string state = Check(c, address, std::min(c.options().timeout_seconds, 5));
      if (state != "SERVING") *exit_code = kExitRpcError;
      rows.push_back({name, address, state});
    }
    c.PrintTable({"SERVICE", "ADDRESS", "STATUS"}, rows);
  });
}

}  // namespace penataan::cli
