#ifndef PENATAAN_SERVICES_NOTIFICATION_CHANNELS_EMAIL_MESSAGE_H_
#define PENATAAN_SERVICES_NOTIFICATION_CHANNELS_EMAIL_MESSAGE_H_

// An RFC 5322 message with a plain-text UTF-8 body, built from a rendered
// notification: a Subject in RFC 2047 encoded words when it is not plain ASCII, a
// base64 body (safe through any relay, whatever the line lengths), and a
// Message-ID derived from the notification, so that a message sent twice after a
// dispatcher's death is recognisably the same message.

#include <string>

#include "absl/time/time.h"

namespace penataan::notification {

struct EmailEnvelope {
  std::string from;     // addr-spec
  std::string to;       // addr-spec
  std::string subject;  // UTF-8; CR and LF are replaced (no header injection)
  std::string body;     // UTF-8 text
  std::string message_id_local;  // e.g. "notification-42"
  absl::Time date;
};

// CRLF line endings throughout.
std::string BuildEmailMessage(const EmailEnvelope& e);

// "=?UTF-8?B?...?=" words of at most 75 characters, folded; ASCII text unchanged.
std::string EncodeHeaderText(const std::string& text);

}  // namespace penataan::notification

#endif  // PENATAAN_SERVICES_NOTIFICATION_CHANNELS_EMAIL_MESSAGE_H_
