#include "services/notification/channels/email_message.h"

#include <algorithm>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"

namespace penataan::notification {
namespace {

constexpr size_t kWordPayloadBytes = 45;  // base64 of 45 bytes is 60 characters
constexpr size_t kBodyLineLength = 76;

bool IsPlainAscii(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    return static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7f;
  });
}

// Where a UTF-8 chunk of at most `max` bytes starting at `pos` may end without
// cutting a character.
size_t ChunkEnd(const std::string& s, size_t pos, size_t max) {
  size_t end = std::min(s.size(), pos + max);
  while (end < s.size() && end > pos && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) {
    --end;
  }
  return end;
}

std::string Domain(const std::string& address) {
  const size_t at = address.rfind('@');
  return at == std::string::npos ? "penataan.local" : address.substr(at + 1);
}

}  // namespace

std::string EncodeHeaderText(const std::string& text) {
  if (IsPlainAscii(text)) return text;
  std::string out;
  for (size_t pos = 0; pos < text.size();) {
    const size_t end = ChunkEnd(text, pos, kWordPayloadBytes);
    if (!out.empty()) out += "\r\n ";
    absl::StrAppend(&out, "=?UTF-8?B?", absl::Base64Escape(text.substr(pos, end - pos)), "?=");
    pos = end;
  }
  return out;
}

std::string BuildEmailMessage(const EmailEnvelope& e) {
  std::string subject = e.subject;
  std::replace_if(subject.begin(), subject.end(), [](char c) { return c == '\r' || c == '\n'; },
                  ' ');
  std::string message = absl::StrCat(
      "Date: ", absl::FormatTime("%a, %d %b %Y %H:%M:%S +0000", e.date, absl::UTCTimeZone()),
      "\r\n", "From: ", e.from, "\r\n", "To: ", e.to, "\r\n",
      "Subject: ", EncodeHeaderText(subject), "\r\n", "Message-ID: <", e.message_id_local, "@",
      Domain(e.from), ">\r\n", "MIME-Version: 1.0\r\n",
      "Content-Type: text/plain; charset=UTF-8\r\n", "Content-Transfer-Encoding: base64\r\n",
      "\r\n");
  const std::string encoded = absl::Base64Escape(e.body);
  for (size_t pos = 0; pos < encoded.size(); pos += kBodyLineLength) {
    absl::StrAppend(&message, encoded.substr(pos, kBodyLineLength), "\r\n");
  }
  return message;
}

}  // namespace penataan::notification
