#include "services/notification/channels/curl_pool.h"

#include <string>

namespace penataan::notification {

void InitCurlOnce() {
  static const bool initialised = [] {
    curl_global_init(CURL_GLOBAL_ALL);
    return true;
  }();
  (void)initialised;
}

CurlPool::CurlPool(const char* protocols, absl::Duration timeout)
    : protocols_(protocols), timeout_ms_(static_cast<long>(absl::ToInt64Milliseconds(timeout))) {
  InitCurlOnce();
}

CurlPool::~CurlPool() {
  for (CURL* c : idle_) curl_easy_cleanup(c);
}

CurlPool::Handle CurlPool::Acquire() {
  CURL* curl = nullptr;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!idle_.empty()) {
      curl = idle_.back();
      idle_.pop_back();
    }
  }
  if (curl == nullptr) {
    curl = curl_easy_init();
  } else {
    curl_easy_reset(curl);
  }
  if (curl != nullptr) {
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, protocols_);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, timeout_ms_);
  }
  return Handle(this, curl);
}

CurlPool::Handle::~Handle() {
  if (curl_ == nullptr) return;
  std::lock_guard<std::mutex> lock(pool_->mu_);
  pool_->idle_.push_back(curl_);
}

DeliveryOutcome ClassifyTransportError(CURLcode code, const char* detail) {
  std::string error = curl_easy_strerror(code);
  if (detail != nullptr && detail[0] != '\0') error = std::string(detail);
  switch (code) {
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
    case CURLE_TOO_MANY_REDIRECTS:
      return DeliveryOutcome::Permanent(error);
    default:
      return DeliveryOutcome::Temporary(error);
  }
}

size_t CollectSome(char* data, size_t size, size_t count, void* out_string) {
  constexpr size_t kKeep = 300;
  auto* out = static_cast<std::string*>(out_string);
  const size_t n = size * count;
  if (out->size() < kKeep) out->append(data, std::min(n, kKeep - out->size()));
  return n;
}

}  // namespace penataan::notification
