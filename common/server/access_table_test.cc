#include "common/server/access_table.h"

#include <memory>
#include <string>
#include <vector>

#include "common/server/caller.h"
#include "gtest/gtest.h"
#include "penataan/common/v1/common.pb.h"
#include "google/protobuf/descriptor.pb.h"
#include "google/protobuf/descriptor.h"

namespace penataan {
namespace {

Principal P(const char* text) { return *ParsePrincipal(text); }

const AccessTable& Table() {
  static const AccessTable* const table = new AccessTable(
      "test.v1.ThingService",
      {
          {"CreateThing", {{"national:kemenpanrb"}}},
          {"GetThing", {{"national:*", "instansi", "service:formasi"}, Scope::kOwnInstansi}},
          {"SendThing", {{"national:*", "service:formasi"}, Scope::kOwnRecords}},
      });
  return *table;
}

TEST(AccessTable, AllowsExactlyTheNamedCallers) {
  struct Case {
    const char* principal;
    const char* method;
    bool allowed;
  } cases[] = {
      {"national:kemenpanrb", "CreateThing", true},
      {"national:bkn", "CreateThing", false},  // one national is not the other
      {"instansi:5371", "CreateThing", false},
      {"national:bkn", "GetThing", true},
      {"instansi:5371", "GetThing", true},
      {"service:formasi", "GetThing", true},
      {"service:notification", "GetThing", false},  // services are named, not a kind
      {"service:screening", "SendThing", false},
      {"national:kemenpanrb", "DeleteThing", false},  // not in the table: denied
      {"national:kemenpanrb", "", false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.principal) + " " + c.method);
    absl::Status s = Table().Check(P(c.principal), c.method);
    EXPECT_EQ(s.ok(), c.allowed);
    if (!c.allowed) EXPECT_EQ(s.code(), absl::StatusCode::kPermissionDenied);
  }
}

TEST(AccessTable, ScopesOwnRecordsByKind) {
  struct Case {
    const char* principal;
    const char* method;
    bool own_only;
  } cases[] = {
      {"instansi:5371", "GetThing", true},
      {"service:formasi", "GetThing", false},  // own-instansi scope binds instansi only
      {"national:bkn", "GetThing", false},
      {"service:formasi", "SendThing", true},  // own-records scope binds services too
      {"national:bkn", "SendThing", false},
      {"national:kemenpanrb", "CreateThing", false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.principal) + " " + c.method);
    EXPECT_EQ(Table().OwnRecordsOnly(P(c.principal), c.method), c.own_only);
  }
}

TEST(AccessTable, RefusalNamesOnlyTheCallerAndMethod) {
  absl::Status s = Table().Check(P("instansi:5371"), "CreateThing");
  EXPECT_EQ(s.message(), "instansi:5371 may not call CreateThing (national:kemenpanrb only)");
  EXPECT_EQ(Table().Check(P("instansi:5371"), "DropThing").message(),
            "instansi:5371 may not call DropThing");
}

TEST(Caller, OwnsOnlyItsInstansiWhenScoped) {
  Caller scoped{P("instansi:5371"), "r", "instansi:5371", true};
  EXPECT_TRUE(scoped.Owns("5371"));
  EXPECT_FALSE(scoped.Owns("3275"));
  EXPECT_FALSE(scoped.Owns(""));  // "every instansi" is not its own
  Caller national{P("national:bkn"), "r", "national:bkn", false};
  EXPECT_TRUE(national.Owns("3275"));
  EXPECT_TRUE(national.Owns(""));
}

// A service descriptor built at run time, so that coverage is tested against a
// real protobuf ServiceDescriptor.
const google::protobuf::ServiceDescriptor* ThingService(std::vector<std::string> methods) {
  // Each in its own pool, kept for the process: a descriptor lives as long as it.
  static auto* pools = new std::vector<std::unique_ptr<google::protobuf::DescriptorPool>>();
  static int counter = 0;
  google::protobuf::DescriptorPool* pool =
      pools->emplace_back(std::make_unique<google::protobuf::DescriptorPool>()).get();
  google::protobuf::FileDescriptorProto file;
  file.set_name("thing" + std::to_string(++counter) + ".proto");
  file.set_package("test.v1");
  auto* msg = file.add_message_type();
  msg->set_name("M");
  auto* svc = file.add_service();
  svc->set_name("ThingService");
  for (const std::string& m : methods) {
    auto* method = svc->add_method();
    method->set_name(m);
    method->set_input_type(".test.v1.M");
    method->set_output_type(".test.v1.M");
  }
  return pool->BuildFile(file)->service(0);
}

TEST(AccessTable, CoversExactlyTheProtoMethods) {
  EXPECT_TRUE(Table().CheckCovers(*ThingService({"CreateThing", "GetThing", "SendThing"})).ok());
  absl::Status missing =
      Table().CheckCovers(*ThingService({"CreateThing", "GetThing", "SendThing", "DropThing"}));
  EXPECT_EQ(missing.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(missing.message().find("methods without an entry: DropThing"), std::string::npos);
  absl::Status extra = Table().CheckCovers(*ThingService({"CreateThing", "GetThing"}));
  EXPECT_NE(extra.message().find("entries without a method: SendThing"), std::string::npos);
}

}  // namespace
}  // namespace penataan
