#include "services/notification/channels/webhook_channel.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/notification/channels/webhook_signature.h"

namespace penataan::notification {
namespace {

// A curl_slist freed when it goes out of scope.
struct Headers {
  curl_slist* list = nullptr;
  void Add(const std::string& line) { list = curl_slist_append(list, line.c_str()); }
  ~Headers() { curl_slist_free_all(list); }
};

// Keeps the Retry-After header's value, if the answer has one.
size_t KeepRetryAfter(char* data, size_t size, size_t count, void* out) {
  const size_t n = size * count;
  absl::string_view line(data, n);
  if (absl::StartsWithIgnoreCase(line, "retry-after:")) {
    *static_cast<std::string*>(out) = std::string(line.substr(12));
  }
  return n;
}

// What CheckAddress needs and what it found.
struct AddressCheck {
  const WebhookHosts* hosts;
  std::string host;      // as in the URL
  std::string refused;   // the address refused, if one was
};

// CURLOPT_PREREQFUNCTION: after the connection is made (or reused), before the
// request goes out, with the address actually connected to: whatever DNS said.
int CheckAddress(void* data, char* primary_ip, char* local_ip, int primary_port,
                 int local_port) {
  auto* check = static_cast<AddressCheck*>(data);
  if (check->hosts->AllowsConnection(check->host, primary_ip)) return CURL_PREREQFUNC_OK;
  check->refused = primary_ip;
  return CURL_PREREQFUNC_ABORT;
}

}  // namespace

DeliveryOutcome WebhookChannel::Send(const OutgoingMessage& m) {
  return PostJson(pool_, options_, JsonPost{m.recipient, m.json, m.name, m.send_time, ""});
}

DeliveryOutcome PostJson(CurlPool& pool, const WebhookOptions& options, const JsonPost& m) {
  std::optional<std::string> host = UrlHost(m.url);
  if (!host) return DeliveryOutcome::Permanent("not a URL libcurl can read");
  AddressCheck check{&options.allowed_hosts, *host, ""};

  CurlPool::Handle handle = pool.Acquire();
  CURL* curl = handle.get();
  if (curl == nullptr) return DeliveryOutcome::Temporary("libcurl could not start a transfer");

  const int64_t timestamp = absl::ToUnixSeconds(m.send_time);
  Headers headers;
  headers.Add("Content-Type: application/json");
  headers.Add(absl::StrCat("Idempotency-Key: ", m.idempotency_key));
  headers.Add(absl::StrCat("X-Penataan-Timestamp: ", timestamp));
  if (!options.secret.empty()) {
    headers.Add(absl::StrCat("X-Penataan-Signature: ",
                             WebhookSignature(options.secret, timestamp, m.body)));
  }
  if (!m.bearer_token.empty()) headers.Add(absl::StrCat("Authorization: Bearer ", m.bearer_token));
  headers.Add("Expect:");  // no 100-continue round trip for small bodies

  std::string response, retry_after;
  char error[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(curl, CURLOPT_URL, m.url.c_str());
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(curl, CURLOPT_USERAGENT, "penataan-notification/1");
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.list);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, m.body.data());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(m.body.size()));
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(absl::ToInt64Milliseconds(options.connect_timeout)));
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, CollectSome);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, KeepRetryAfter);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &retry_after);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(curl, CURLOPT_PREREQFUNCTION, CheckAddress);
  curl_easy_setopt(curl, CURLOPT_PREREQDATA, &check);

  const CURLcode rc = curl_easy_perform(curl);
  if (!check.refused.empty()) {
    // The address itself stays out of the error: the sender reads it, and it would
    // tell what an internal name resolves to.
    return DeliveryOutcome::Permanent(absl::StrCat(
        "address not allowed: ", *host, " resolves to an internal address not in "
        "--webhook_allowed_hosts"));
  }
  if (rc != CURLE_OK) return ClassifyTransportError(rc, error);
  long code = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
  DeliveryOutcome outcome = ClassifyHttpStatus(code);
  if (outcome.kind != DeliveryOutcome::Kind::kDelivered) {
    outcome.response = std::move(response);
    outcome.retry_after = ParseRetryAfter(retry_after);
  }
  return outcome;
}

}  // namespace penataan::notification
