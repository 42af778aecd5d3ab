#include "common/server/request_text.h"

#include <string>
#include <vector>

#include "common/errors.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "penataan/notification/v1/notification.pb.h"
#include "penataan/registry/v1/registry.pb.h"

namespace penataan {
namespace {

template <typename M>
std::vector<std::string> BadFields(const std::string& text) {
  M request;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &request)) << text;
  absl::Status status = CheckRequestText(request);
  std::vector<std::string> fields;
  for (const Violation& v : ViolationsOf(status)) fields.push_back(v.field + ": " + v.description);
  EXPECT_EQ(status.ok(), fields.empty());
  if (!status.ok()) EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  return fields;
}

using Fields = std::vector<std::string>;

TEST(CheckRequestText, NamesEveryFieldThatIsNotPlainTextByItsPath) {
  using registry::v1::CreateHonorerRequest;
  EXPECT_EQ(BadFields<CreateHonorerRequest>(
                R"(honorer { full_name: "Maria Goreti Bria" unit_kerja: "Dinas \"Pendidikan\"" })"),
            Fields{});
  EXPECT_EQ(BadFields<CreateHonorerRequest>(
                R"(honorer { full_name: "Maria\nBria" unit_kerja: "\033[31mDinas" nik: "1" }
                   request_id: "r\001")"),
            (Fields{"honorer.full_name: has a control character U+000A at byte 5 (one line of plain text)",
                    "honorer.unit_kerja: has a control character U+001B at byte 0",
                    "request_id: has a control character U+0001 at byte 1"}));
  // Repeated strings and repeated messages by index.
  EXPECT_EQ(BadFields<registry::v1::BatchGetHonorersRequest>(
                R"(names: "honorers/1" names: "honorers/\342\200\2562")"),
            Fields{"names[1]: has a bidirectional control or line separator U+202E at byte 9"});
  EXPECT_EQ(BadFields<registry::v1::VerifyHonorersRequest>(
                R"(entries { full_name: "a" } entries { full_name: "b\tc" })"),
            Fields{"entries[1].full_name: has a control character U+0009 at byte 1 (one line of plain text)"});
}

TEST(CheckRequestText, LetsMultiLineFieldsBreakLinesAndNothingElse) {
  using notification::v1::CreateTemplateRequest;
  EXPECT_EQ(BadFields<CreateTemplateRequest>(
                R"(template { subject: "Batas waktu" body: "Yth. {{nama}},\r\n\n\tSalam" })"),
            Fields{});
  EXPECT_EQ(BadFields<CreateTemplateRequest>(
                R"(template { subject: "Batas\nwaktu" body: "Salam\000" })"),
            (Fields{"template.subject: has a control character U+000A at byte 5 (one line of plain text)",
                    "template.body: has a control character U+0000 at byte 5"}));
  // A map's values follow the map's kind (personalisation is multi-line); its
  // keys are one line, and a key that is not plain names the entry by number.
  EXPECT_EQ(BadFields<notification::v1::SendNotificationRequest>(
                R"(personalisation { key: "alasan" value: "- a\n- b" }
                   personalisation { key: "nama" value: "x\033" }
                   personalisation { key: "n\na" value: "y" })"),
            (Fields{"personalisation[nama]: has a control character U+001B at byte 1",
                    "personalisation key 3: has a control character U+000A at byte 1 (one line of plain text)"}));
}

TEST(CheckRequestText, NamesTwentyFieldsAndCountsTheRest) {
  registry::v1::BatchGetHonorersRequest request;
  for (int i = 0; i < 25; ++i) request.add_names("x\n");
  std::vector<Violation> v = ViolationsOf(CheckRequestText(request));
  ASSERT_EQ(v.size(), 21u);
  EXPECT_EQ(v[19].field, "names[19]");
  EXPECT_EQ(v[20].field, "request");
  EXPECT_EQ(v[20].description, "and 5 more text fields like these");
}

}  // namespace
}  // namespace penataan
