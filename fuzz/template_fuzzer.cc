// A notification template (subject and body with ((placeholder)) fields) and the
// values of one send: ParsePlaceholders, CheckPersonalisation, Render and the
// DeliveredMessage a channel sends (RenderMessage). Text arrives in protobuf
// strings, so it is made UTF-8 first, as the API would have refused it otherwise.
// Invariants: a refusal is UTF-8 and names its field; the values of exactly the placeholders found pass the check; each
// placeholder rendered as itself gives back the template; the rendered message's
// JSON is never empty and reads back to the same subject and body.

#include <fuzzer/FuzzedDataProvider.h>
#include <google/protobuf/util/json_util.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/utf8.h"
#include "fuzz/fuzz_check.h"
#include "services/notification/message_renderer.h"
#include "services/notification/template_rules.h"

namespace {

namespace n = penataan::notification;

std::vector<std::string> Merged(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  std::sort(a.begin(), a.end());
  a.erase(std::unique(a.begin(), a.end()), a.end());
  return a;
}

void CheckRenderedAsItself(const std::string& text, const std::vector<std::string>& names) {
  n::Personalisation same;
  for (const std::string& name : names) same[name] = absl::StrCat("((", name, "))");
  FUZZ_CHECK(n::Render(text, same) == text);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 8192) return 0;
  FuzzedDataProvider in(data, size);
  n::Template t;
  t.id = "fuzz";
  t.version = 1;
  t.subject = penataan::ValidUtf8(in.ConsumeRandomLengthString(256));
  t.body = penataan::ValidUtf8(in.ConsumeRandomLengthString(4096));
  absl::StatusOr<std::vector<std::string>> subject = n::ParsePlaceholders("subject", t.subject);
  absl::StatusOr<std::vector<std::string>> body = n::ParsePlaceholders("body", t.body);
  for (const absl::Status& refused : {subject.status(), body.status()}) {
    if (refused.ok()) continue;
    // The refusal names its field in the error's details, which travel only as UTF-8.
    FUZZ_CHECK(penataan::IsValidUtf8(refused.message()));
    FUZZ_CHECK(penataan::ViolationsOf(refused).size() == 1);
  }
  if (!subject.ok() || !body.ok()) {
    // An unaccepted template is still rendered safely (Render's own contract aside).
    (void)n::Render(t.body, {});
    return 0;
  }
  CheckRenderedAsItself(t.subject, *subject);
  CheckRenderedAsItself(t.body, *body);
  t.placeholders = Merged(*subject, *body);

  n::Notification msg;
  msg.id = in.ConsumeIntegral<int64_t>();
  msg.template_id = t.id;
  msg.template_version = 1;
  msg.recipient = penataan::ValidUtf8(in.ConsumeRandomLengthString(64));
  msg.reference = penataan::ValidUtf8(in.ConsumeRandomLengthString(64));
  msg.batch_id = in.ConsumeIntegral<int64_t>();
  msg.attempts = in.ConsumeIntegral<int>();
  for (const std::string& name : t.placeholders) {
    msg.personalisation[name] = penataan::ValidUtf8(in.ConsumeRandomLengthString(512));
  }
  FUZZ_CHECK(n::CheckPersonalisation(t.placeholders, msg.personalisation).ok());
  if (!t.placeholders.empty()) {
    n::Personalisation fewer = msg.personalisation;
    fewer.erase(fewer.begin());
    FUZZ_CHECK(!n::CheckPersonalisation(t.placeholders, fewer).ok());
  }

  const n::OutgoingMessage out = n::RenderMessage(t, msg, absl::FromUnixSeconds(1756000000));
  FUZZ_CHECK(penataan::IsValidUtf8(out.subject) && penataan::IsValidUtf8(out.body));
  FUZZ_CHECK(!out.json.empty());
  n::v1::DeliveredMessage back;
  FUZZ_CHECK(google::protobuf::util::JsonStringToMessage(out.json, &back).ok());
  FUZZ_CHECK(back.subject() == out.subject && back.body() == out.body);
  FUZZ_CHECK(static_cast<size_t>(back.personalisation().size()) == msg.personalisation.size());
  return 0;
}
