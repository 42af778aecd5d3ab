#include "tests/testing/raw_call.h"

#include <grpcpp/generic/generic_stub.h>

#include <chrono>

#include "tests/testing/test_tokens.h"

namespace penataan::testing {

RawReply CallRaw(const std::shared_ptr<grpc::Channel>& channel, const std::string& path,
                 const std::vector<std::string>& requests, const std::string& token) {
  grpc::GenericStub stub(channel);
  std::unique_ptr<grpc::ClientContext> ctx = Ctx(token);
  ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  grpc::CompletionQueue cq;
  bool queue_ok = true;
  // Each operation below is started, then waited for before the next.
  auto wait = [&cq, &queue_ok]() {
    void* tag;
    bool ok = false;
    if (!cq.Next(&tag, &ok)) queue_ok = false;
    return ok;
  };
  std::unique_ptr<grpc::GenericClientAsyncReaderWriter> call =
      stub.PrepareCall(ctx.get(), path, &cq);
  RawReply reply;
  call->StartCall(nullptr);
  if (wait()) {
    bool writing = true;
    for (const std::string& bytes : requests) {
      grpc::Slice slice(bytes);
      grpc::ByteBuffer buffer(&slice, 1);
      call->Write(buffer, nullptr);
      if (!wait()) {  // the server has answered: the rest is not read
        writing = false;
        break;
      }
    }
    if (writing) {
      call->WritesDone(nullptr);
      wait();
    }
    for (;;) {
      grpc::ByteBuffer out;
      call->Read(&out, nullptr);
      if (!wait()) break;
      std::vector<grpc::Slice> slices;
      (void)out.Dump(&slices);
      std::string bytes;
      for (const grpc::Slice& s : slices) {
        bytes.append(reinterpret_cast<const char*>(s.begin()), s.size());
      }
      reply.messages.push_back(std::move(bytes));
    }
  }
  call->Finish(&reply.status, nullptr);
  wait();
  cq.Shutdown();
  void* tag;
  bool ok;
  while (cq.Next(&tag, &ok)) {
  }
  if (!queue_ok) reply.status = grpc::Status(grpc::StatusCode::INTERNAL, "completion queue shut");
  return reply;
}

}  // namespace penataan::testing
