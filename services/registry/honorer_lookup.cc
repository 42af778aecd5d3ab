#include "services/registry/honorer_lookup.h"

#include "absl/container/flat_hash_map.h"

namespace penataan::registry {

HonorerLookup::HonorerLookup(storage::Database& db, RegistryStore& store, int workers,
                             int max_batch)
    : db_(db), store_(store), max_batch_(static_cast<size_t>(max_batch)) {
  for (int i = 0; i < workers; ++i) workers_.emplace_back([this] { Work(); });
}

HonorerLookup::~HonorerLookup() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  ready_.notify_all();
  for (std::thread& t : workers_) t.join();
  for (Request& r : queue_) r.answer.set_value(absl::UnavailableError("shutting down"));
}

absl::StatusOr<std::optional<Honorer>> HonorerLookup::ById(int64_t id) {
  Request r;
  r.id = id;
  return Submit(std::move(r));
}

absl::StatusOr<std::optional<Honorer>> HonorerLookup::ByNik(const std::string& nik) {
  Request r;
  r.nik = nik;
  return Submit(std::move(r));
}

HonorerLookup::Answer HonorerLookup::Submit(Request request) {
  std::future<Answer> answer = request.answer.get_future();
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_) return absl::UnavailableError("shutting down");
    queue_.push_back(std::move(request));
  }
  ready_.notify_one();
  return answer.get();
}

void HonorerLookup::Work() {
  std::vector<Request> batch;
  while (true) {
    {
      std::unique_lock<std::mutex> lock(mu_);
      ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      // Everyone who arrived while the workers were busy goes in this batch.
      while (!queue_.empty() && batch.size() < max_batch_) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    Serve(batch);
    batch.clear();
  }
}

void HonorerLookup::Serve(std::vector<Request>& batch) {
  std::vector<int64_t> ids;
  std::vector<std::string> niks;
  for (const Request& r : batch) {
    if (r.nik.empty()) {
      ids.push_back(r.id);
    } else {
      niks.push_back(r.nik);
    }
  }
  absl::StatusOr<storage::PooledConnection> conn = db_.Acquire();
  absl::StatusOr<std::vector<Honorer>> by_id, by_nik;
  if (conn.ok()) {
    by_id = store_.GetHonorersById(**conn, ids);
    by_nik = store_.GetHonorersByNik(**conn, niks);
  } else {
    by_id = by_nik = conn.status();
  }
  absl::flat_hash_map<int64_t, const Honorer*> id_index;
  absl::flat_hash_map<std::string, const Honorer*> nik_index;
  if (by_id.ok()) {
    for (const Honorer& h : *by_id) id_index[h.id] = &h;
  }
  if (by_nik.ok()) {
    for (const Honorer& h : *by_nik) nik_index[h.nik] = &h;
  }
  for (Request& r : batch) {
    const bool by_name = r.nik.empty();
    const absl::Status& status = by_name ? by_id.status() : by_nik.status();
    if (!status.ok()) {
      r.answer.set_value(status);
      continue;
    }
    const Honorer* found = nullptr;
    if (by_name) {
      auto it = id_index.find(r.id);
      if (it != id_index.end()) found = it->second;
    } else {
      auto it = nik_index.find(r.nik);
      if (it != nik_index.end()) found = it->second;
    }
    r.answer.set_value(found ? std::optional<Honorer>(*found) : std::nullopt);
  }
}

}  // namespace penataan::registry
