// The personalisation column of the notification outbox (DecodePersonalisation,
// EncodePersonalisation): what is stored is read by every dispatcher, so a row
// must decode or be DATA_LOSS, never crash. Invariants: a decoded row's names and
// values are UTF-8 (they go into the DeliveredMessage JSON and protobuf strings);
// encoding what was decoded and decoding it again gives the same values.
// The input is also read as name/value pairs to encode (name NUL value NUL …).

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "common/utf8.h"
#include "fuzz/fuzz_check.h"
#include "services/notification/personalisation_codec.h"

namespace {

namespace n = penataan::notification;

void CheckRoundTrip(const n::Personalisation& values) {
  n::Personalisation expected;
  for (const auto& [name, value] : values) expected[name] = penataan::ValidUtf8(value);
  const std::string stored = n::EncodePersonalisation(values);
  absl::StatusOr<n::Personalisation> back = n::DecodePersonalisation(stored);
  FUZZ_CHECK(back.ok());
  FUZZ_CHECK(*back == expected);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 8192) return 0;
  const std::string text(reinterpret_cast<const char*>(data), size);

  absl::StatusOr<n::Personalisation> decoded = n::DecodePersonalisation(text);
  if (decoded.ok()) {
    for (const auto& [name, value] : *decoded) {
      FUZZ_CHECK(penataan::IsValidUtf8(name));
      FUZZ_CHECK(penataan::IsValidUtf8(value));
    }
    CheckRoundTrip(*decoded);
  } else {
    FUZZ_CHECK(decoded.status().code() == absl::StatusCode::kDataLoss);
    FUZZ_CHECK(penataan::IsValidUtf8(decoded.status().message()));
  }

  // Names come from templates (UTF-8, [a-z0-9_]); values may be any bytes a caller
  // managed to send, and are stored as UTF-8.
  std::vector<std::string> parts = absl::StrSplit(text, '\0');
  n::Personalisation values;
  for (size_t i = 0; i + 1 < parts.size(); i += 2) {
    values[penataan::ValidUtf8(parts[i])] = parts[i + 1];
  }
  CheckRoundTrip(values);
  return 0;
}
