#include "services/notification/channels/email_channel.h"

#include <cstring>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "services/notification/channels/email_message.h"

namespace penataan::notification {
namespace {

struct Upload {
  const std::string* data;
  size_t offset = 0;
};

size_t ReadUpload(char* buffer, size_t size, size_t count, void* userdata) {
  auto* upload = static_cast<Upload*>(userdata);
  const size_t n = std::min(size * count, upload->data->size() - upload->offset);
  std::memcpy(buffer, upload->data->data() + upload->offset, n);
  upload->offset += n;
  return n;
}

long StartTls(const std::string& mode) {
  if (mode == "required") return CURLUSESSL_ALL;
  if (mode == "none") return CURLUSESSL_NONE;
  return CURLUSESSL_TRY;
}

}  // namespace

DeliveryOutcome EmailChannel::Send(const OutgoingMessage& m) {
  CurlPool::Handle handle = pool_.Acquire();
  CURL* curl = handle.get();
  if (curl == nullptr) return DeliveryOutcome::Temporary("libcurl could not start a transfer");

  absl::string_view local = m.name;
  absl::ConsumePrefix(&local, "notifications/");
  const std::string message = BuildEmailMessage(
      {options_.from, m.recipient, m.subject, m.body, absl::StrCat("notification-", local),
       m.send_time});
  Upload upload{&message};
  const std::string from = absl::StrCat("<", options_.from, ">");
  curl_slist* rcpt = curl_slist_append(nullptr, absl::StrCat("<", m.recipient, ">").c_str());
  char error[CURL_ERROR_SIZE] = {0};

  curl_easy_setopt(curl, CURLOPT_URL, options_.smtp_url.c_str());
  curl_easy_setopt(curl, CURLOPT_USE_SSL, StartTls(options_.starttls));
  if (!options_.username.empty()) {
    curl_easy_setopt(curl, CURLOPT_USERNAME, options_.username.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, options_.password.c_str());
  }
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, ReadUpload);
  curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
  curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);

  const CURLcode rc = curl_easy_perform(curl);
  curl_slist_free_all(rcpt);
  long reply = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply);
  if (rc == CURLE_OK) return DeliveryOutcome::Delivered();
  const std::string detail = error[0] != '\0' ? error : curl_easy_strerror(rc);
  if (rc == CURLE_LOGIN_DENIED || rc == CURLE_USE_SSL_FAILED) {
    return DeliveryOutcome::Temporary(absl::StrCat("SMTP relay: ", detail));
  }
  // The last reply may be an earlier command's 250 when the transfer failed later:
  // only a refusal (4xx, 5xx) speaks for the message; anything else is temporary.
  if (reply >= 400) return ClassifySmtpReply(reply, detail);
  return DeliveryOutcome::Temporary(detail);
}

}  // namespace penataan::notification
