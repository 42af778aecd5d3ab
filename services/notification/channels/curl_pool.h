#ifndef PENATAAN_SERVICES_NOTIFICATION_CHANNELS_CURL_POOL_H_
#define PENATAAN_SERVICES_NOTIFICATION_CHANNELS_CURL_POOL_H_

// libcurl easy handles for concurrent workers. A handle is used by one thread at a
// time (libcurl's rule) and kept afterwards, so that its open connections are
// reused: keep-alive to a webhook gateway, one SMTP session per worker.

#include <curl/curl.h>

#include <memory>
#include <mutex>
#include <vector>

#include "absl/time/time.h"

#include "services/notification/delivery_outcome.h"

namespace penataan::notification {

// Once per process, before any other libcurl call; safe to call again.
void InitCurlOnce();

class CurlPool {
 public:
  // Every handle speaks only `protocols` (e.g. "http,https") and gives up after
  // `timeout`; signals are off, as libcurl requires in threaded programs.
  CurlPool(const char* protocols, absl::Duration timeout);
  ~CurlPool();

  class Handle {
   public:
    Handle(CurlPool* pool, CURL* curl) : pool_(pool), curl_(curl) {}
    Handle(Handle&& o) noexcept : pool_(o.pool_), curl_(o.curl_) { o.curl_ = nullptr; }
    Handle& operator=(Handle&&) = delete;
    ~Handle();
    CURL* get() const { return curl_; }

   private:
    CurlPool* pool_;
    CURL* curl_;
  };

  // A handle with its options reset to the pool's (connections kept); nullptr
  // only when libcurl cannot allocate one.
  Handle Acquire();

 private:
  const char* const protocols_;
  const long timeout_ms_;
  std::mutex mu_;
  std::vector<CURL*> idle_;
};

// A transfer that failed before a reply came back. Timeouts, refused or dropped
// connections, name and TLS trouble are temporary (the other side or our
// configuration can recover); a URL libcurl cannot use is permanent.
DeliveryOutcome ClassifyTransportError(CURLcode code, const char* detail);

// Collects at most a few hundred bytes of a response, for error messages.
size_t CollectSome(char* data, size_t size, size_t count, void* out_string);

}  // namespace penataan::notification

#endif  // PENATAAN_SERVICES_NOTIFICATION_CHANNELS_CURL_POOL_H_
