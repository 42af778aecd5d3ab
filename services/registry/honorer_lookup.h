#ifndef PENATAAN_SERVICES_REGISTRY_HONORER_LOOKUP_H_
#define PENATAAN_SERVICES_REGISTRY_HONORER_LOOKUP_H_

// Point reads of honorers (by id or NIK) coalesced: callers that arrive while the
// workers are busy are answered together by one `WHERE … IN (…)` query. Under no
// load a read runs alone at once (no timer, no added wait); under load a round trip
// to the database serves many calls, which on the deadline's last day is what keeps
// reads fast. Answers are as fresh as a query of their own: each batch is read
// after its callers arrived.
//
// Thread-safe. The destructor answers any waiting caller with UNAVAILABLE.

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <future>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "common/storage/database.h"
#include "services/registry/honorer.h"
#include "services/registry/registry_store.h"

namespace penataan::registry {

class HonorerLookup {
 public:
  // `workers` queries may run at once; each answers at most `max_batch` callers.
  HonorerLookup(storage::Database& db, RegistryStore& store, int workers = 2,
                int max_batch = 256);
  ~HonorerLookup();
  HonorerLookup(const HonorerLookup&) = delete;
  HonorerLookup& operator=(const HonorerLookup&) = delete;

  absl::StatusOr<std::optional<Honorer>> ById(int64_t id);
  absl::StatusOr<std::optional<Honorer>> ByNik(const std::string& nik);

 private:
  using Answer = absl::StatusOr<std::optional<Honorer>>;
  struct Request {
    int64_t id = 0;   // set for a read by id
    std::string nik;  // set for a read by NIK
    std::promise<Answer> answer;
  };

  Answer Submit(Request request);
  void Work();
  void Serve(std::vector<Request>& batch);

  storage::Database& db_;
  RegistryStore& store_;
  const size_t max_batch_;
  std::mutex mu_;
  std::condition_variable ready_;
  std::deque<Request> queue_;  // guarded by mu_
  bool stopping_ = false;      // guarded by mu_
  std::vector<std::thread> workers_;
};

}  // namespace penataan::registry

#endif  // PENATAAN_SERVICES_REGISTRY_HONORER_LOOKUP_H_
